import type { ApiClient } from '../../lib/api-client';

export interface CandidateFilters {
  search: string;
  jobId: string;
}

/** Saves the whole filtered list as CSV (GET /api/local/export.csv) through the browser's download. */
export async function exportCandidatesCsv(client: ApiClient, filters: CandidateFilters): Promise<void> {
  const response = await client.requestRaw('/api/local/export.csv', { query: { search: filters.search, job_id: filters.jobId } });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('Content-Disposition')) ?? `candidates-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once click() returns; revoking later only keeps Chromium from racing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}
