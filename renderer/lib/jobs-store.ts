import type { UntitledJob } from '@shared/local-api-schema';
import { create } from 'zustand';
import type { ApiClient } from './api-client';

export interface Job {
  id: string;
  title: string;
}

interface JobsState {
  jobs: Job[];
  /** null until the first load answers. */
  loadedAt: number | null;
  error: string | null;
  /** The job ids applications carry that have no title here, most used first. */
  untitled: UntitledJob[];
  /** GET /api/local/jobs; concurrent calls share one request. */
  load: (client: ApiClient) => Promise<void>;
  /** GET /api/local/jobs/untitled; a failure keeps the last answer, as it is offered again next time. */
  loadUntitled: (client: ApiClient) => Promise<void>;
  save: (client: ApiClient, job: Job) => Promise<Job>;
  remove: (client: ApiClient, id: string) => Promise<void>;
  /** The job's title, or its id when the organisation has not named it. */
  titleOf: (id: string) => string;
}

/** The organisation's jobs (id and title), shared by the list's filter, settings and applications. */
export const useJobsStore = create<JobsState>((set, get) => {
  let loading: Promise<void> | null = null;
  let loadingUntitled: Promise<void> | null = null;
  return {
    jobs: [],
    untitled: [],
    loadedAt: null,
    error: null,
    load: (client) => {
      loading ??= client
        .request<{ data: Job[] }>('/api/local/jobs')
        .then(({ body }) => set({ jobs: sortByTitle(body.data), loadedAt: Date.now(), error: null }))
        .catch((error: Error) => set({ error: error.message }))
        .finally(() => {
          loading = null;
        });
      return loading;
    },
    loadUntitled: (client) => {
      loadingUntitled ??= client
        .request<{ data: UntitledJob[] }>('/api/local/jobs/untitled')
        .then(({ body }) => set({ untitled: body.data }))
        .catch(() => undefined)
        .finally(() => {
          loadingUntitled = null;
        });
      return loadingUntitled;
    },
    save: async (client, job) => {
      const { body } = await client.request<{ data: Job }>(`/api/local/jobs/${encodeURIComponent(job.id)}`, {
        method: 'PUT',
        body: { title: job.title },
      });
      set({
        jobs: sortByTitle([...get().jobs.filter((known) => known.id !== body.data.id), body.data]),
        untitled: get().untitled.filter((known) => known.id !== body.data.id),
      });
      return body.data;
    },
    remove: async (client, id) => {
      await client.requestRaw(`/api/local/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
      set({ jobs: get().jobs.filter((job) => job.id !== id) });
    },
    titleOf: (id) => get().jobs.find((job) => job.id === id.toLowerCase())?.title ?? id,
  };
});

function sortByTitle(jobs: Job[]): Job[] {
  return [...jobs].sort((a, b) => a.title.localeCompare(b.title));
}

/** "1 application", "140 applications": how many applications name a job without a title. */
export function applicationsNaming(job: UntitledJob): string {
  return job.applications === 1 ? '1 application' : `${job.applications.toLocaleString('en-US')} applications`;
}
