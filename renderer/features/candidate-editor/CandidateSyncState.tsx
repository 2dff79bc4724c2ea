import { Button } from '../../lib/ui/Button';
import { useJobsStore } from '../../lib/jobs-store';
import { useNavigationStore } from '../../app/navigation-store';
import { fieldName } from '../needs-attention/attention-items';

/** GET /api/local/candidates/:id/sync */
export interface CandidateSyncInfo {
  candidate_id: string;
  linked: boolean;
  pending_fields: string[];
  parked: { candidate_id: string; field: string; value: unknown }[];
  conflicts: { id: number; field: string }[];
  failure: { operation: string; status: number; code: string; message: string } | null;
  last_synced_remote_version: string | null;
}

/** Where this candidate stands with the cloud: pending changes, conflicts, a failed push. */
export function CandidateSyncState({ info }: { info: CandidateSyncInfo }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const jobs = useJobsStore((state) => state.jobs);
  const titleOf = (jobId: string) => jobs.find((job) => job.id === jobId.toLowerCase())?.title ?? jobId;
  const plain = (field: string) => (field.startsWith('application:') ? `application to ${titleOf(field.slice('application:'.length))}` : fieldName(field, titleOf));
  const settled = info.pending_fields.length === 0 && info.conflicts.length === 0 && info.failure === null && info.parked.length === 0;
  return (
    <section className="candidate-sync-state" aria-label="Sync state">
      {settled && <p className="sync-chip sync-chip-ok">{info.linked ? 'In sync with the cloud' : 'Not in the cloud yet'}</p>}
      {info.pending_fields.length > 0 && (
        <p className="sync-chip sync-chip-pending">
          {info.linked ? `Not yet sent: ${info.pending_fields.map(plain).join(', ')}` : 'Not in the cloud yet: sent on the next sync'}
        </p>
      )}
      {info.parked.length > 0 && (
        <p className="sync-chip sync-chip-pending">
          {info.parked.length} parked {info.parked.length === 1 ? 'value' : 'values'} waiting for a reveal
        </p>
      )}
      {info.conflicts.length > 0 && (
        <p className="sync-chip sync-chip-conflict">
          {info.conflicts.length} {info.conflicts.length === 1 ? 'conflict' : 'conflicts'} ({info.conflicts.map((conflict) => plain(conflict.field)).join(', ')}){' '}
          <Button variant="quiet" size="small" className="link-button" onClick={() => navigate({ name: 'attention' })}>
            Resolve in Needs attention
          </Button>
        </p>
      )}
      {info.failure && (
        <p className="sync-chip sync-chip-failed">
          The cloud refused the last {info.failure.operation}: {info.failure.message}{' '}
          <Button variant="quiet" size="small" className="link-button" onClick={() => navigate({ name: 'attention' })}>
            See Needs attention
          </Button>
        </p>
      )}
    </section>
  );
}
