import { useState } from 'react';
import { useApiClient } from '../../lib/api-context';
import { Button } from '../../lib/ui/Button';
import { type CandidateFilters, exportCandidatesCsv } from './export-candidates-csv';

/** "Export CSV": the list as filtered now. A failure is shown on the button's title and announced. */
export function ExportCsvButton(filters: CandidateFilters) {
  const client = useApiClient();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = () => {
    setState({ busy: true, error: null });
    exportCandidatesCsv(client, filters).then(
      () => setState({ busy: false, error: null }),
      (error: Error) => setState({ busy: false, error: error.message }),
    );
  };
  return (
    <>
      {state.error && (
        <span role="alert" className="field-error">
          Export failed: {state.error}
        </span>
      )}
      <Button onClick={run} disabled={state.busy}>
        {state.busy ? 'Exporting…' : 'Export CSV'}
      </Button>
    </>
  );
}
