import type { CandidateWithApplications } from '@shared/candidate-schema';
import { releaseEmailKey, restoreEmailKey } from '../db/candidate-repository';
import { findCandidateIdByRemoteId, readRemoteVersions } from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import { type ApplyOutcome, applyRemoteVersion, EmailHeldLocallyError } from './apply-remote';
import { forEachLimited } from './for-each-limited';
import type { ConflictPolicy } from './merge';
import type { RemoteClient } from './remote-client';
import { type RemoteVersion, toRemoteVersion } from './remote-version';

export const PAGE_SIZE = 100;
/** Walks of the list before accepting what was seen; each further walk is caused by rows shifting under us. */
const MAX_WALKS = 3;
/** Remote versions applied per transaction. */
const APPLY_BATCH = 100;

export type RemoteReader = Pick<RemoteClient, 'listCandidateVersions' | 'getCandidate'>;

/**
 * Every remote candidate's id and updated_at, from the newest-first list in
 * pages of 100, or of the smaller size the remote uses. Pages are fetched
 * concurrently (the client bounds it). Rows added or removed meanwhile shift
 * the pages: a walk whose pages disagree on the total, or that saw fewer rows
 * than the total, is repeated (bounded); repeats never double-count since
 * rows are keyed by id.
 */
export async function walkRemoteList(remote: RemoteReader): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const note = (rows: readonly { id: string; updated_at: string }[], seen: Set<string>) => {
    for (const row of rows) {
      const id = row.id.toLowerCase();
      seen.add(id);
      const known = versions.get(id);
      if (known === undefined || row.updated_at > known) versions.set(id, row.updated_at);
    }
  };
  for (let walk = 1; walk <= MAX_WALKS; walk++) {
    const seen = new Set<string>();
    const first = await remote.listCandidateVersions(0, PAGE_SIZE);
    note(first.data, seen);
    // A remote may serve smaller pages than asked for; meta.limit says the size it used.
    const pageSize = Math.max(1, Math.min(PAGE_SIZE, first.meta.limit));
    const offsets: number[] = [];
    for (let offset = pageSize; offset < first.meta.total; offset += pageSize) offsets.push(offset);
    const pages = await Promise.all(offsets.map((offset) => remote.listCandidateVersions(offset, PAGE_SIZE)));
    let stable = true;
    for (const page of pages) {
      note(page.data, seen);
      if (page.meta.total !== first.meta.total) stable = false;
    }
    if (stable && seen.size >= first.meta.total) break;
  }
  return versions;
}

export interface PullCounts {
  created: number;
  updated: number;
  linked: number;
  /** Remote versions that could not be applied; each is retried by the next sync. */
  failed: number;
}

/**
 * Pulls what changed on the remote since the last sync: only candidates whose
 * updated_at moved (or that are new) get a detail request, `width` at a time,
 * none started once one has failed for good. Their versions are applied in
 * batches, one transaction each, as the details arrive; a batch once
 * committed is progress the next sync does not redo. Adds to `counts`.
 */
export async function pullRemoteChanges(
  ctx: CoreContext,
  remote: RemoteReader,
  policy: ConflictPolicy,
  counts: PullCounts,
  reportError: (error: unknown) => void,
  width: number,
): Promise<void> {
  const remoteVersions = await walkRemoteList(remote);
  const known = readRemoteVersions(ctx.db);
  const changed = [...remoteVersions].filter(([id, updatedAt]) => known.get(id) !== updatedAt).map(([id]) => id);

  let buffer: CandidateWithApplications[] = [];
  // Versions whose email another candidate here still holds, by remote id: retried as the others move on.
  const waiting = new Map<string, { candidate: CandidateWithApplications; error: EmailHeldLocallyError }>();
  const count = (outcome: ApplyOutcome) => {
    if (outcome === 'created') counts.created += 1;
    if (outcome === 'updated' || outcome === 'linked-and-updated') counts.updated += 1;
    if (outcome === 'linked' || outcome === 'linked-and-updated') counts.linked += 1;
  };
  const fail = (error: unknown) => {
    counts.failed += 1;
    reportError(error);
  };
  // Its own savepoint: one version that cannot be applied must not hold back the rest.
  const applyOne = (candidate: CandidateWithApplications) => {
    const remoteId = candidate.id.toLowerCase();
    try {
      count(ctx.db.transaction(() => applyRemoteVersion(ctx, toRemoteVersion(candidate), policy))());
      waiting.delete(remoteId);
    } catch (error) {
      if (error instanceof EmailHeldLocallyError) {
        waiting.set(remoteId, { candidate, error });
      } else {
        waiting.delete(remoteId);
        fail(error);
      }
    }
  };
  // Round after round while each applies one more: a chain of emails moved from one candidate to the next.
  const retryWaiting = () => {
    for (let before = Infinity; waiting.size > 0 && waiting.size < before; ) {
      before = waiting.size;
      for (const { candidate } of [...waiting.values()]) applyOne(candidate);
    }
  };
  const flush = () => {
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return;
    ctx.db
      .transaction(() => {
        for (const candidate of batch) applyOne(candidate);
        retryWaiting();
      })
      .immediate();
  };
  // Once every version is in, what still waits is candidates that traded emails, waiting on each other.
  const settleWaiting = () => {
    if (waiting.size === 0) return;
    ctx.db
      .transaction(() => {
        retryWaiting();
        if (waiting.size === 0) return;
        const versions = [...waiting.values()];
        try {
          const outcomes = applyTradingEmails(ctx, versions.map(({ candidate }) => toRemoteVersion(candidate)), policy);
          outcomes.forEach(count);
        } catch (error) {
          for (const { error: held } of versions) fail(held);
          if (!(error instanceof EmailHeldLocallyError)) reportError(error);
        }
        waiting.clear();
      })
      .immediate();
  };

  try {
    await forEachLimited(changed, width, async (id) => {
      const candidate = await remote.getCandidate(id);
      if (candidate) buffer.push(candidate);
      if (buffer.length >= APPLY_BATCH) flush();
    });
  } finally {
    // What arrived before a failure is progress too.
    flush();
    settleWaiting();
  }
}

/**
 * Candidates that traded emails on the remote (A took B's, B took A's): each
 * waits for the other to let go. Their emails stop counting as unique keys
 * together, every version is applied, and the keys are set again from the
 * emails as they now are, all in one savepoint: should anyone still share an
 * email after that, nothing of it stays.
 */
function applyTradingEmails(ctx: CoreContext, versions: readonly RemoteVersion[], policy: ConflictPolicy): ApplyOutcome[] {
  return ctx.db.transaction(() => {
    const localIds = versions.flatMap((version) => findCandidateIdByRemoteId(ctx.db, version.candidate.id.toLowerCase()) ?? []);
    for (const id of localIds) releaseEmailKey(ctx.db, id);
    const outcomes = versions.map((version) => applyRemoteVersion(ctx, version, policy));
    for (const id of localIds) restoreEmailKey(ctx.db, id);
    return outcomes;
  })();
}
