import type { Application, CandidateWithApplications } from '@shared/candidate-schema';
import { LOCKED_FIELDS } from '@shared/contract';
import type { ApplicationRecord } from '../db/application-repository';
import type { CandidateRecord } from '../db/candidate-repository';
import type { ApplicationsByJob } from './merge';
import { type CandidateFields, pickSyncedFields, type SyncedField } from './synced-fields';

/** A candidate as the remote returned it, taken apart for the merge. */
export interface RemoteVersion {
  candidate: CandidateWithApplications;
  fields: CandidateFields;
  applications: ApplicationsByJob;
  /** Locked fields shown masked: the remote's real value there is unknown. */
  unknown: ReadonlySet<SyncedField>;
}

const NOTHING_UNKNOWN: ReadonlySet<SyncedField> = new Set();
const LOCKED: ReadonlySet<SyncedField> = new Set(LOCKED_FIELDS);

export function applicationsByJob(applications: readonly Pick<Application, 'job_id' | 'status' | 'notes'>[]): ApplicationsByJob {
  const byJob: ApplicationsByJob = {};
  for (const application of applications) byJob[application.job_id.toLowerCase()] = { status: application.status, notes: application.notes };
  return byJob;
}

export function toRemoteVersion(candidate: CandidateWithApplications): RemoteVersion {
  return {
    candidate,
    fields: pickSyncedFields({ ...candidate, resume_path: null }),
    applications: applicationsByJob(candidate.applications),
    unknown: candidate.talent_pool_status === 'masked' ? LOCKED : NOTHING_UNKNOWN,
  };
}

/** A local row for a candidate first seen on the remote: it keeps the remote's id and timestamps. */
export function newLocalRecord(remote: RemoteVersion): CandidateRecord {
  const { candidate } = remote;
  const masked = candidate.talent_pool_status === 'masked';
  return {
    ...remote.fields,
    id: candidate.id.toLowerCase(),
    email: masked || candidate.email === '' ? null : candidate.email,
    resume_path: null,
    screening_score: candidate.screening_score,
    talent_pool_status: candidate.talent_pool_status,
    created_at: candidate.created_at,
    updated_at: candidate.updated_at,
  };
}

/** A local application row copied from the remote, with its id and timestamps. */
export function newLocalApplication(candidateId: string, application: Application): ApplicationRecord {
  return {
    ...application,
    id: application.id.toLowerCase(),
    candidate_id: candidateId,
    job_id: application.job_id.toLowerCase(),
  };
}
