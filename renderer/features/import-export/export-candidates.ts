import type { ApiClient } from '../../lib/api-client';
import { downloadFromApi } from '../../lib/ui/save-file';

export interface ExportFilter {
  search?: string;
  job_id?: string;
}

/** Downloads the whole filtered list (every page, not the visible rows) as the API's CSV. */
export async function exportCandidatesCsv(client: ApiClient, filter: ExportFilter = {}): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  await downloadFromApi(client, '/api/local/export.csv', `candidates-${date}.csv`, { search: filter.search?.trim(), job_id: filter.job_id });
}
