import type { ApiClient } from '../../lib/api-client';

/** A resume picked from disk, held until it can be uploaded (a new candidate has no id yet). */
export interface ResumeFile {
  name: string;
  bytes: Blob | Uint8Array;
}

const resumePath = (candidateId: string) => `/api/local/candidates/${encodeURIComponent(candidateId)}/resume`;

/** What the API says of an attached resume. */
export interface AttachedResume {
  file_name: string;
  size_bytes: number;
}

export async function uploadResume(client: ApiClient, candidateId: string, file: ResumeFile): Promise<AttachedResume> {
  const response = await client.request<{ data: AttachedResume }>(resumePath(candidateId), {
    method: 'POST',
    query: { name: file.name },
    body: file.bytes,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  return response.body.data;
}

/** The attached file's name, or null when none is attached. */
export async function attachedResumeName(client: ApiClient, candidateId: string): Promise<string | null> {
  const response = await client.request<{ data: AttachedResume | null }>(`${resumePath(candidateId)}-info`);
  return response.body.data?.file_name ?? null;
}

/** Deletes the attached file from the data folder. */
export async function removeResume(client: ApiClient, candidateId: string): Promise<void> {
  await client.requestRaw(resumePath(candidateId), { method: 'DELETE' });
}

export function resumeDownloadPath(candidateId: string): string {
  return resumePath(candidateId);
}
