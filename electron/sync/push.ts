import type { CandidateWithApplications } from '@shared/candidate-schema';
import { LOCKED_FIELDS } from '@shared/contract';
import { emailKey } from '@shared/field-rules';
import { updateCandidate } from '../db/candidate-repository';
import {
  clearPushFailure,
  findCandidateIdByRemoteId,
  listCandidateIdsWithOutbox,
  listUnlinkedCandidateIds,
  recordPushFailure,
  readSentCreates,
  recordSentCreate,
  remoteIdOf,
} from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import { sameJson } from '../core/values';
import { applyRemoteVersion } from './apply-remote';
import { forEachLimited } from './for-each-limited';
import { mergeDuplicateInto } from './merge-duplicate';
import { pendingChanges, readLocalState, settleOutbox } from './local-state';
import type { ConflictPolicy } from './merge';
import type { RemoteClient, RemoteFailure } from './remote-client';
import { toRemoteVersion } from './remote-version';
import { type CandidateFields, isEmptyValue, SYNCED_FIELDS } from './synced-fields';

export type RemoteWriter = Pick<RemoteClient, 'createCandidate' | 'updateCandidate' | 'findCandidateByEmail'>;

export interface PushCounts {
  /** Candidates created on the remote (201). */
  created: number;
  /** Local candidates linked to a remote one that already had their email (200). */
  linked: number;
  /** Of those, the ones that took something of the remote's (a field they lacked): pulled too. */
  linkedAndUpdated: number;
  /** Candidates updated on the remote. */
  pushed: number;
  /** Candidates whose push the remote refused (a 4xx other than the 403 that parks); kept, with the reason, for the recruiter. */
  failed: number;
}

function recordFailure(ctx: CoreContext, candidateId: string, operation: 'create' | 'update', failure: RemoteFailure): void {
  recordPushFailure(ctx.db, {
    candidate_id: candidateId,
    operation,
    status: failure.status,
    code: failure.code,
    message: failure.message,
    details: failure.details,
    failed_at: ctx.now().toISOString(),
  });
}

/**
 * The POST body for a candidate the remote has never seen: every known field,
 * and no application. On a match (200) the remote would apply a nested
 * application over its own one to that job unseen, where the first link must
 * compare the two; the applications go out as PUTs once the candidate is linked.
 */
function createBody(fields: CandidateFields) {
  const body: Record<string, unknown> = {};
  for (const field of SYNCED_FIELDS) {
    const value = fields[field];
    if (!isEmptyValue(value)) body[field] = value;
  }
  return body;
}

/**
 * The last body sent under each other email than `email`, oldest email
 * first: POSTs of this candidate whose answers were lost, and which may have
 * made it in the cloud under an email the recruiter has changed since.
 */
function lostCreatesUnderOtherEmails(ctx: CoreContext, candidateId: string, email: string): CandidateFields[] {
  const byEmail = new Map<string, CandidateFields>();
  for (const body of readSentCreates(ctx.db, candidateId) as CandidateFields[]) {
    const key = emailKey(body.email ?? '');
    if (key === '' || key === emailKey(email)) continue;
    byEmail.delete(key);
    byEmail.set(key, body);
  }
  return [...byEmail.values()];
}

/**
 * POSTs each candidate only this copy has (create-or-match by email, so a
 * retry never duplicates) and links it to the remote id: 201 means created,
 * 200 that the remote already had that email, which is merged as a first link
 * (into the local candidate linked to that one, when this copy has it already).
 * Its applications are then pending changes, sent by pushPendingChanges.
 */
export async function pushNewCandidates(
  ctx: CoreContext,
  remote: RemoteWriter,
  policy: ConflictPolicy,
  counts: PushCounts,
  width: number,
): Promise<void> {
  const candidateIds = listUnlinkedCandidateIds(ctx.db);
  if (candidateIds.length === 0) return;
  // What each POST sends is kept before it goes, all in one transaction: should an answer be lost,
  // the link that follows knows which remote values this copy wrote.
  const kept = new Map<string, unknown>();
  ctx.db
    .transaction(() => {
      for (const candidateId of candidateIds) {
        const state = readLocalState(ctx, candidateId);
        if (!state) continue;
        recordSentCreate(ctx.db, candidateId, state.fields);
        kept.set(candidateId, state.fields);
      }
    })
    .immediate();
  await forEachLimited(candidateIds, width, async (candidateId) => {
    const state = readLocalState(ctx, candidateId);
    if (!state || remoteIdOf(ctx.db, candidateId) !== null) return;
    // Edited while earlier POSTs were on their way: this body is kept too, before it goes.
    if (!sameJson(kept.get(candidateId), state.fields)) ctx.db.transaction(() => recordSentCreate(ctx.db, candidateId, state.fields)).immediate();
    // An earlier POST under an email changed since may have made the candidate, its answer lost: looked up by that
    // email, it is linked and the new email goes out as a PUT. Posted under the new email alone, it would be a
    // second one; posted again under the old email, a POST that never arrived would make one now, under an email
    // the recruiter has given up (and the new one might already be another candidate's in the cloud).
    for (const lost of lostCreatesUnderOtherEmails(ctx, candidateId, state.fields.email)) {
      const made = await remote.findCandidateByEmail(lost.email);
      if (made) {
        linkCreateAnswer(ctx, policy, counts, candidateId, lost, { created: false, candidate: made });
        return;
      }
    }
    const result = await remote.createCandidate(createBody(state.fields));
    if ('failure' in result) {
      recordFailure(ctx, candidateId, 'create', result.failure);
      counts.failed += 1;
      return;
    }
    linkCreateAnswer(ctx, policy, counts, candidateId, state.fields, result);
  });
}

/**
 * Links the candidate to the remote's answer to a create-or-match of `fields`
 * (or to what such a create made, found later by its email).
 */
function linkCreateAnswer(
  ctx: CoreContext,
  policy: ConflictPolicy,
  counts: PushCounts,
  candidateId: string,
  fields: CandidateFields,
  result: { created: boolean; candidate: CandidateWithApplications },
): void {
  const remoteId = result.candidate.id.toLowerCase();
  const holder = findCandidateIdByRemoteId(ctx.db, remoteId);
  if (holder && holder !== candidateId) {
    // The cloud knew this person already, and so does this copy, under another id: one candidate, not two.
    ctx.db.transaction(() => mergeDuplicateInto(ctx, candidateId, holder, toRemoteVersion(result.candidate), policy)).immediate();
    counts.linked += 1;
    return;
  }
  // A 201 holds everything the POST sent; a 200 nothing of it (the match keeps its own fields), but maybe what an
  // earlier POST of this copy's sent, whose answer was lost (applyRemoteVersion sees to that).
  const outcome = ctx.db
    .transaction(() =>
      applyRemoteVersion(ctx, toRemoteVersion(result.candidate), policy, {
        linkTo: candidateId,
        ...(result.created ? { written: { fields: SYNCED_FIELDS, applications: [] } } : {}),
        ...(fields.email ? { matchedEmail: fields.email } : {}),
      }),
    )
    .immediate();
  if (result.created) counts.created += 1;
  else counts.linked += 1;
  if (!result.created && outcome === 'linked-and-updated') counts.linkedAndUpdated += 1;
}

const LOCKED: ReadonlySet<string> = new Set(LOCKED_FIELDS);

/** A detail path inside the PUT's nested application: `application` or `application.<part>`. */
const APPLICATION_PATH = /^application(?=\.|$)/;

/** An application's refusal, its details named as conflicts name application parts (`applications.<job_id>.status`): which job it was stays known. */
function refusalOfJob(failure: RemoteFailure, job: string): RemoteFailure {
  return { ...failure, details: failure.details.map((detail) => ({ ...detail, path: detail.path.replace(APPLICATION_PATH, `applications.${job}`) })) };
}

/** A validation error only about the PUT's nested application: the candidate's own fields were fine. */
function isAboutTheApplication(failure: RemoteFailure): boolean {
  const paths = failure.details.map((detail) => detail.path);
  return failure.code === 'validation_error' && paths.length > 0 && paths.every((path) => APPLICATION_PATH.test(path));
}

/**
 * Sends each linked candidate's pending changes: one PUT with the changed
 * fields (several edits coalesce) and the first changed application, then one
 * PUT per further application. Locked fields of a masked candidate are parked,
 * fields in open conflict wait for the recruiter. A 403 for locked fields
 * means the remote masked the candidate: they are parked and the rest is sent.
 * A 409 email_taken (another candidate in the cloud has the new email) holds
 * back only the email, and a 400 about the application (a status the cloud's
 * pipeline lacks) only that application: the rest is sent without it, and the
 * refusal is kept.
 */
export async function pushPendingChanges(
  ctx: CoreContext,
  remote: RemoteWriter,
  policy: ConflictPolicy,
  counts: PushCounts,
  width: number,
): Promise<void> {
  const candidates = listCandidateIdsWithOutbox(ctx.db).filter((id) => remoteIdOf(ctx.db, id) !== null);
  // Twice as many candidates in hand as requests: while some wait for their answer's
  // local commit (an fsync), others' PUTs keep every request slot busy. The remote
  // client still bounds the requests in flight.
  await forEachLimited(candidates, width * 2, async (candidateId) => {
    let pushed = false;
    // The email stays pending, and is tried again next sync: the recruiter may change it, or the cloud's candidate may let it go.
    let emailRefusal: RemoteFailure | undefined;
    // Likewise an application the cloud refused, by job: it stays pending for the recruiter to change.
    const applicationRefusals = new Map<string, RemoteFailure>();
    // Bounded, whatever the remote answers: three rounds (the first PUT, and its retries after a 403 and a 409) and
    // two per application (its PUT, and the retry without it after a 400). Each answer settles the outbox as it is
    // applied, so running out right after a PUT leaves nothing unsettled.
    let roundsLeft = 3;
    for (let round = 0; round < roundsLeft; round++) {
      const state = readLocalState(ctx, candidateId);
      const remoteId = remoteIdOf(ctx.db, candidateId);
      if (!state || remoteId === null) return;
      const pending = pendingChanges(ctx, state);
      const fields = emailRefusal ? pending.fields.filter((field) => field !== 'email') : pending.fields;
      const jobs = pending.jobs.filter((job) => !applicationRefusals.has(job));
      if (round === 0) roundsLeft += 2 * pending.jobs.length;
      if (fields.length === 0 && jobs.length === 0) {
        ctx.db.transaction(() => settleOutbox(ctx, candidateId)).immediate();
        break;
      }
      const body: Record<string, unknown> = {};
      for (const field of fields) body[field] = pending.values[field];
      const job = jobs[0];
      if (job !== undefined) body.application = pending.applications[job];

      const result = await remote.updateCandidate(remoteId, body);
      if ('failure' in result) {
        const lockedFields = result.failure.details.map((d) => d.path).filter((path) => LOCKED.has(path));
        if (result.failure.code === 'talent_pool_reveal_required' && lockedFields.length > 0 && state.record.talent_pool_status !== 'masked') {
          // The cloud masked it since the last pull: mirror that, so its locked fields are parked.
          ctx.db.transaction(() => updateCandidate(ctx.db, { ...readLocalState(ctx, candidateId)!.record, talent_pool_status: 'masked' })).immediate();
          continue;
        }
        if (result.failure.code === 'email_taken' && emailRefusal === undefined && 'email' in body && Object.keys(body).length > 1) {
          emailRefusal = result.failure;
          continue;
        }
        if (job !== undefined && isAboutTheApplication(result.failure)) {
          applicationRefusals.set(job, refusalOfJob(result.failure, job));
          continue;
        }
        recordFailure(ctx, candidateId, 'update', result.failure);
        counts.failed += 1;
        return;
      }
      // Only what this PUT sent: an email held back after a 409 is not the cloud's by this answer.
      const written = { fields, applications: job === undefined ? [] : [pending.applications[job]!] };
      // Through the group commit: answers that arrive together share one fsync.
      await ctx.writes.run(() =>
        ctx.db.transaction(() => {
          applyRemoteVersion(ctx, toRemoteVersion(result.candidate), policy, { written });
          clearPushFailure(ctx.db, candidateId);
        })(),
      );
      pushed = true;
    }
    // Recorded after the rest has gone: each PUT that succeeds clears what was recorded for the candidate.
    const refusal = emailRefusal ?? applicationRefusals.values().next().value;
    if (refusal) {
      recordFailure(ctx, candidateId, 'update', refusal);
      counts.failed += 1;
    }
    if (pushed) counts.pushed += 1;
  });
}
