import type { TalentPoolStatus } from '@shared/contract';
import { AppError } from '@shared/errors';
import { normalizeCandidateId, updateCandidate } from '../../electron/core/candidates';
import type { CoreContext } from '../../electron/core/core-context';
import { type ApplicationRecord, listApplicationsOfCandidate } from '../../electron/db/application-repository';
import {
  type CandidateRecord,
  findCandidateById,
  findCandidatesBySeqs,
  insertCandidatesInBulk,
  listCandidateSeqs,
  updateCandidate as writeCandidate,
} from '../../electron/db/candidate-repository';
import { listPipelineStatuses } from '../../electron/db/pipeline-repository';
import type { CandidateGenerator } from './candidate-generator';

/**
 * What the cloud writes outside the contract's endpoints (generated data, a
 * recruiter's edits in the dashboard, talent-pool masking), over the same
 * database the contract endpoints serve through the app's core.
 */

/** A candidate as the cloud stores it: real values, masked or not, with its applications. */
export interface RemoteCandidate extends CandidateRecord {
  applications: ApplicationRecord[];
}

export interface GeneratedShares {
  /** The share of candidates masked in the talent pool (their real values are stored all the same). */
  maskedShare: number;
  /** The share already revealed. */
  revealedShare: number;
}

const YEAR_MS = 365 * 86_400_000;

function notFound(): AppError {
  return new AppError('not_found', 'No candidate has that id.');
}

function withApplications(ctx: CoreContext, record: CandidateRecord): RemoteCandidate {
  return { ...record, applications: listApplicationsOfCandidate(ctx.db, record.id) };
}

export function readRemoteCandidate(ctx: CoreContext, id: string): RemoteCandidate {
  const record = findCandidateById(ctx.db, normalizeCandidateId(id));
  if (!record) throw notFound();
  return withApplications(ctx, record);
}

/** Every candidate with its real values and applications, newest first. */
export function snapshotCandidates(ctx: CoreContext): RemoteCandidate[] {
  const seqs = listCandidateSeqs(ctx.db, { search: '', jobId: undefined });
  return findCandidatesBySeqs(ctx.db, seqs).map((record) => withApplications(ctx, record));
}

/**
 * `count` generated candidates created during the year before `before` (the
 * server's start), so anything created live is newer. One bulk insert, which
 * rebuilds the search index in a single pass: ten thousand take about a second.
 */
export function seedCandidates(
  ctx: CoreContext,
  generator: CandidateGenerator,
  count: number,
  before: number,
  shares: GeneratedShares,
): string[] {
  const pipeline = listPipelineStatuses(ctx.db);
  const entries = Array.from({ length: count }, () =>
    generator.make({ createdAt: generator.momentBefore(before, YEAR_MS), updatedBy: before - 1, pipeline, ...shares }),
  );
  insertCandidatesInBulk(ctx.db, entries);
  return entries.map((entry) => entry.candidate.id);
}

/** `count` plain generated candidates created now, each newer than the last: they go to the top of the list. */
export function insertNewestCandidates(ctx: CoreContext, generator: CandidateGenerator, count: number): string[] {
  const pipeline = listPipelineStatuses(ctx.db);
  const entries = Array.from({ length: count }, () => {
    const at = ctx.now().getTime();
    return generator.make({ createdAt: at, updatedBy: at, pipeline, maskedShare: 0, revealedShare: 0 });
  });
  insertCandidatesInBulk(ctx.db, entries);
  return entries.map((entry) => entry.candidate.id);
}

/**
 * A recruiter's edit in the cloud dashboard: the PUT rules (fields, checks,
 * application upsert, updated_at moving only on a real change) through the
 * core's own update, but applied to the real values even while the candidate
 * is masked. The core refuses locked fields of a masked candidate, as the API
 * must, so the candidate is unmasked for the update and masked again after,
 * all in one transaction: a refused edit leaves nothing behind.
 */
export function editAsRecruiter(ctx: CoreContext, id: string, changes: unknown): RemoteCandidate {
  return ctx.db
    .transaction((): RemoteCandidate => {
      const record = findCandidateById(ctx.db, normalizeCandidateId(id));
      if (!record) throw notFound();
      const masked = record.talent_pool_status === 'masked';
      if (masked) writeCandidate(ctx.db, { ...record, talent_pool_status: 'not_linked' });
      updateCandidate(ctx, record.id, changes);
      const edited = findCandidateById(ctx.db, record.id) as CandidateRecord;
      if (masked) writeCandidate(ctx.db, { ...edited, talent_pool_status: 'masked' });
      return readRemoteCandidate(ctx, record.id);
    })
    .immediate();
}

/**
 * Masks or reveals the candidate, moving updated_at (always forward, even if
 * the clock is behind the stored timestamp) so clients see the change in a
 * list page. Setting the status it already has changes nothing.
 */
export function setTalentPoolStatus(ctx: CoreContext, id: string, status: Exclude<TalentPoolStatus, 'not_linked'>): RemoteCandidate {
  return ctx.db
    .transaction((): RemoteCandidate => {
      const record = findCandidateById(ctx.db, normalizeCandidateId(id));
      if (!record) throw notFound();
      if (record.talent_pool_status !== status) {
        const at = Math.max(ctx.now().getTime(), Date.parse(record.updated_at) + 1);
        writeCandidate(ctx.db, { ...record, talent_pool_status: status, updated_at: new Date(at).toISOString() });
      }
      return readRemoteCandidate(ctx, record.id);
    })
    .immediate();
}
