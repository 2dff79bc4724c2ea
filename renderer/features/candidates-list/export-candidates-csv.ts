import type { ApiClient } from '../../lib/api-client';
import { downloadFromApi } from '../../lib/ui/save-file';

export interface CandidateFilters {
  search: string;
  jobId: string;
}

/** Saves the whole filtered list as CSV (GET /api/local/export.csv) through the browser's download. */
export function exportCandidatesCsv(client: ApiClient, filters: CandidateFilters): Promise<void> {
  return downloadFromApi(client, '/api/local/export.csv', `candidates-${new Date().toISOString().slice(0, 10)}.csv`, {
    search: filters.search,
    job_id: filters.jobId,
  });
}
