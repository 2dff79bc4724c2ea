import { insertApplication, updateApplication } from '../db/application-repository';
import { mergeCandidateRowInto, updateCandidate } from '../db/candidate-repository';
import type { CoreContext } from '../core/core-context';
import { nextUpdatedAt } from '../core/timestamps';
import { sameJson } from '../core/values';
import { applyRemoteVersion, recordMergeOutcome, withMergedFields, withMergedStatus } from './apply-remote';
import { readLocalState, settleOutbox } from './local-state';
import { type ConflictPolicy, mergeApplications, mergeCandidate } from './merge';
import type { RemoteVersion } from './remote-version';

/**
 * One person, two local candidates: `duplicateId` was created here, and the
 * cloud matched its POST by email to the candidate `intoId` already holds
 * (pulled while masked, so its email could not take part in matching). The
 * duplicate is folded into that one, inside the caller's transaction:
 *
 * - the cloud's answer is applied to `intoId` first, as any pulled version;
 * - the duplicate has never been compared with the cloud, so its values come
 *   in as on a first link: a field empty on one side takes the other's value,
 *   one set differently on both is a conflict (the policy decides, the losing
 *   value is kept); applications are matched by job; a resume is taken when
 *   the kept candidate has none;
 * - what the cloud lacks goes to the outbox (locked fields of a masked
 *   candidate are parked there as ever), and the duplicate's id keeps
 *   answering for the kept candidate.
 */
export function mergeDuplicateInto(ctx: CoreContext, duplicateId: string, intoId: string, remote: RemoteVersion, policy: ConflictPolicy): void {
  const duplicate = readLocalState(ctx, duplicateId);
  if (!duplicate) throw new Error(`No candidate ${duplicateId} to merge.`);
  // Gone before anything is written to the kept one: its email, which the kept one takes, is unique.
  mergeCandidateRowInto(ctx.db, duplicateId, intoId);
  // The cloud matched the email the duplicate sent: it holds that email, masked or not.
  applyRemoteVersion(ctx, remote, policy, duplicate.record.email ? { matchedEmail: duplicate.record.email } : {});

  const kept = readLocalState(ctx, intoId)!;
  const now = ctx.now().toISOString();
  const fieldMerge = mergeCandidate({ base: null, local: duplicate.fields, remote: kept.fields, remoteUnknown: new Set(), policy });
  const applicationMerge = mergeApplications(null, duplicate.applicationsByJob, kept.applicationsByJob, policy);

  const merged = withMergedFields(kept.record, fieldMerge);
  merged.resume_path = kept.record.resume_path ?? duplicate.record.resume_path;

  let applicationsChanged = false;
  for (const [job, target] of Object.entries(applicationMerge.merged)) {
    const mine = kept.applications.find((a) => a.job_id.toLowerCase() === job);
    const theirs = duplicate.applications.find((a) => a.job_id.toLowerCase() === job);
    if (!mine) {
      // Its own id and dates: the duplicate's row went with it.
      if (theirs) insertApplication(ctx.db, { ...theirs, candidate_id: intoId });
      applicationsChanged = true;
    } else if (mine.status !== target.status || mine.notes !== target.notes) {
      updateApplication(ctx.db, { ...withMergedStatus(mine, theirs, target), updated_at: nextUpdatedAt(mine.updated_at, now) });
      applicationsChanged = true;
    }
  }
  if (applicationsChanged || !sameJson({ ...merged, updated_at: '' }, { ...kept.record, updated_at: '' })) {
    merged.updated_at = nextUpdatedAt(kept.record.updated_at, now);
    updateCandidate(ctx.db, merged);
  }

  recordMergeOutcome(ctx, intoId, fieldMerge, applicationMerge, now);
  settleOutbox(ctx, intoId);
}
