import type { ApiClient } from '../../lib/api-client';
import { downloadFromApi } from '../../lib/ui/save-file';

export interface CandidateFilters {
  search: string;
  jobId: string;
}

/** Saves the whole filtered list as CSV (GET /api/local/export.csv) through the browser's download. */
export function exportCandidatesCsv(client: ApiClient, filters: CandidateFilters): Promise<void> {
  // The API names the file (dated, and marked when filtered); this name is only for an answer without one.
  return downloadFromApi(client, '/api/local/export.csv', 'candidates.csv', {
    search: filters.search,
    job_id: filters.jobId,
  });
}
