import type { Candidate } from '@shared/candidate-schema';
import { memo } from 'react';
import type { CandidateSyncState } from '../../lib/sync-status-store';
import type { ApplicationStatus } from './application-statuses-store';
import { currentRole, experience, noticePeriod } from './row-text';

const SYNC_STATE_LABELS: Record<CandidateSyncState | 'synced', string> = {
  synced: 'Synced',
  local_only: 'Local only',
  pending: 'Pending',
  conflict: 'Conflict',
  parked: 'Parked',
  failed: 'Failed',
};

const SYNC_STATE_BADGES: Record<CandidateSyncState | 'synced', string> = {
  synced: 'candidates-synced',
  local_only: 'badge',
  pending: 'badge badge-accent',
  conflict: 'badge badge-danger',
  parked: 'badge badge-masked',
  failed: 'badge badge-danger',
};

export interface CandidateRowProps {
  index: number;
  candidate: Candidate;
  selected: boolean;
  /** undefined while sync is not set up: every candidate is local then, and the column says nothing. */
  syncState: CandidateSyncState | 'synced' | undefined;
  applications: ApplicationStatus[] | undefined;
  /** The job the list is filtered by ('' for none): its application is the one the row shows. */
  filteredJobId: string;
  jobTitle: (jobId: string) => string;
  top: number;
  onOpen: (index: number) => void;
}

export function rowId(index: number): string {
  return `candidate-row-${index}`;
}

function Locked() {
  return (
    <span className="badge badge-masked" title="Locked in the talent pool: revealed in the cloud dashboard">
      Locked
    </span>
  );
}

/** A small lock beside a masked candidate's name: the name column stays readable at 1280 px. */
function MaskedMark() {
  return (
    <span className="candidates-masked-mark" role="img" aria-label="Masked" title="Masked in the talent pool: contact details are revealed in the cloud dashboard">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z" fill="currentColor" />
      </svg>
    </span>
  );
}

export const CandidateRow = memo(function CandidateRow({ index, candidate, selected, syncState, applications, filteredJobId, jobTitle, top, onOpen }: CandidateRowProps) {
  const masked = candidate.talent_pool_status === 'masked';
  const role = currentRole(candidate);
  const skills = candidate.primary_skills.join(', ');
  return (
    <div
      id={rowId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`candidates-row${selected ? ' candidates-row-selected' : ''}${masked ? ' candidates-row-masked' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(index)}
    >
      <div role="gridcell" className="candidates-cell candidates-name">
        <span className="candidates-name-text" title={candidate.full_name}>
          {candidate.full_name}
        </span>
        {masked && <MaskedMark />}
      </div>
      <div role="gridcell" className="candidates-cell" title={masked ? undefined : candidate.email}>
        {masked ? <Locked /> : candidate.email}
      </div>
      <div role="gridcell" className="candidates-cell candidates-col-contact mono" title={masked ? undefined : (candidate.phone_number ?? undefined)}>
        {masked ? <Locked /> : candidate.phone_number}
      </div>
      <div role="gridcell" className="candidates-cell candidates-col-contact" title={candidate.location ?? undefined}>
        {candidate.location}
      </div>
      <div role="gridcell" className="candidates-cell candidates-col-profile" title={role}>
        {role}
      </div>
      <div role="gridcell" className="candidates-cell candidates-col-profile candidates-number">
        {experience(candidate.total_experience_years)}
      </div>
      <div role="gridcell" className="candidates-cell candidates-col-profile">
        {noticePeriod(candidate)}
      </div>
      <div role="gridcell" className="candidates-cell" title={skills}>
        {skills}
      </div>
      <ApplicationsCell applications={applications} filteredJobId={filteredJobId} jobTitle={jobTitle} />
      <div role="gridcell" className="candidates-cell">
        {syncState && <span className={SYNC_STATE_BADGES[syncState]}>{SYNC_STATE_LABELS[syncState]}</span>}
      </div>
    </div>
  );
});

/**
 * One application's status, and "+N" for the rest: the column has room for
 * one badge, and a second one cut mid-word told nothing. The one shown is the
 * filtered job's, else the first. Hovering lists them all by job; a screen
 * reader reads them all.
 */
function ApplicationsCell({
  applications = [],
  filteredJobId,
  jobTitle,
}: {
  applications: ApplicationStatus[] | undefined;
  filteredJobId: string;
  jobTitle: (jobId: string) => string;
}) {
  const filtered = applications.find((application) => application.jobId === filteredJobId);
  const [first, ...rest] = filtered ? [filtered, ...applications.filter((application) => application !== filtered)] : applications;
  return (
    <div
      role="gridcell"
      className="candidates-cell candidates-applications"
      title={applications.map((application) => `${jobTitle(application.jobId)}: ${application.status}`).join('\n') || undefined}
    >
      {first && <span className="badge">{first.status}</span>}
      {rest.length > 0 && (
        <span className="badge badge-more">
          <span aria-hidden="true">+{rest.length}</span>
          <span className="visually-hidden">, {rest.map((application) => application.status).join(', ')}</span>
        </span>
      )}
    </div>
  );
}

/** A row whose page is still on its way: the same height, so the scrollbar and the rows around it stay put. */
export function PlaceholderRow({ index, top }: { index: number; top: number }) {
  return (
    <div id={rowId(index)} role="row" aria-rowindex={index + 2} aria-busy="true" className="candidates-row candidates-row-placeholder" style={{ transform: `translateY(${top}px)` }}>
      <div role="gridcell" className="candidates-cell">
        <span className="candidates-skeleton" />
      </div>
    </div>
  );
}
