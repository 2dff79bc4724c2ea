import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { createOrMatchCandidate, updateCandidate } from '../../electron/core/candidates';
import { type CoreContext, createCoreContext } from '../../electron/core/core-context';
import { closeDatabase, type Database, openDatabase } from '../../electron/db/connection';
import { listApplicationsOfCandidate } from '../../electron/db/application-repository';
import { findCandidateById } from '../../electron/db/candidate-repository';
import { findCandidateIdByRemoteId, remoteIdOf } from '../../electron/db/sync-repository';
import { RemoteClient } from '../../electron/sync/remote-client';
import { runSync } from '../../electron/sync/sync-engine';
import { countPending } from '../../electron/sync/sync-status';
import { REMOTE_JOB_IDS } from '../../tools/remote-server/candidate-generator';
import { Prng } from '../../tools/remote-server/prng';
import { type RemoteServer, createRemoteServer } from '../../tools/remote-server/remote-server';
import { type ScriptProcess, startScript } from '../helpers/script-process';
import { allLocalCandidateIds, compareSides } from '../helpers/sync-harness';
import { makeTempDir } from '../helpers/temp-dir';

/** Set SYNC_CRASH_SEED to replay a run; failure messages name the seed. */
const SEED = Number(process.env.SYNC_CRASH_SEED ?? 20261130);
const LINKED = 500;
const CREATED = 40;
const KILLS = 8;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What the recruiter did offline: an edit to every linked candidate (some to an application), and new candidates. */
interface Ledger {
  designations: Map<string, string>;
  statuses: Map<string, { job: string; status: string }>;
  created: Map<string, string>;
}

function editOffline(ctx: CoreContext, prng: Prng): Ledger {
  const ledger: Ledger = { designations: new Map(), statuses: new Map(), created: new Map() };
  const ids = allLocalCandidateIds(ctx.db);
  ctx.db.transaction(() => {
    ids.forEach((id, i) => {
      const designation = `Crash edit ${i}`;
      const body: Record<string, unknown> = { current_designation: designation };
      if (i % 5 === 0) {
        const job = prng.pick(REMOTE_JOB_IDS);
        body.application = { job_id: job, status: 'Interview', notes: `Crash note ${i}` };
        ledger.statuses.set(id, { job, status: 'Interview' });
      }
      updateCandidate(ctx, id, body);
      ledger.designations.set(id, designation);
    });
    for (let i = 0; i < CREATED; i++) {
      const email = `crash.${i}.${SEED}@example.com`;
      const { candidate } = createOrMatchCandidate(ctx, {
        full_name: `Crash Person ${i}`,
        email,
        application: { job_id: REMOTE_JOB_IDS[i % REMOTE_JOB_IDS.length], status: 'Shortlisted' },
      });
      ledger.created.set(candidate.id, email);
    }
  })();
  return ledger;
}

/** `npm run sync` on the data folder, as a child process. */
function startSync(dir: string, remote: RemoteServer): ScriptProcess {
  const child = startScript('electron/cli/sync.ts', ['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey]);
  cleanups.push(() => child.kill());
  return child;
}

/** Resolves once the remote has answered `count` more API requests than `from`, or the child has exited. */
function afterRequests(remote: RemoteServer, from: number, count: number, child: ScriptProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (remote.controls.stats().total - from >= count || child.child.exitCode !== null) {
        clearInterval(timer);
        resolve();
      }
    }, 3);
    cleanups.push(() => clearInterval(timer));
  });
}

function withDatabase<T>(dir: string, work: (db: Database, ctx: CoreContext) => T): T {
  const db = openDatabase(join(dir, DATABASE_FILE));
  try {
    return work(db, createCoreContext(db));
  } finally {
    closeDatabase(db);
  }
}

describe(`crash runs (seed ${SEED})`, { timeout: 120_000 }, () => {
  it('npm run sync killed with SIGKILL again and again during its push, then run to completion: nothing lost or doubled', async () => {
    const prng = new Prng(SEED);
    const remote = await createRemoteServer({ randomSeed: SEED, reportError: (error) => { throw error; } });
    cleanups.push(() => remote.close());
    remote.controls.seed(LINKED);
    const temp = makeTempDir();
    cleanups.push(temp.remove);
    const dir = temp.dir;

    // The data folder: linked to all of the remote's candidates, then edited offline.
    const ledger = await (async () => {
      const db = openDatabase(join(dir, DATABASE_FILE));
      try {
        const ctx = createCoreContext(db);
        const client = new RemoteClient({ remoteUrl: remote.url, apiKey: remote.apiKey });
        const first = await runSync({ ctx, remote: client });
        expect(first.ok).toBe(true);
        return editOffline(ctx, prng);
      } finally {
        closeDatabase(db);
      }
    })();
    const idsBefore = withDatabase(dir, (db) => allLocalCandidateIds(db));
    expect(withDatabase(dir, (_db, ctx) => countPending(ctx).pending)).toBe(LINKED + CREATED);

    // Slow enough that a run spends a few seconds pushing, and is killed part way through.
    remote.controls.setLatency(15);
    const kills: string[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const from = remote.controls.stats().total;
      const child = startSync(dir, remote);
      const target = 5 + prng.int(60);
      await afterRequests(remote, from, target, child);
      await new Promise((resolve) => setTimeout(resolve, prng.int(25)));
      const exitedAlready = child.child.exitCode !== null;
      await child.kill();
      const requests = remote.controls.stats().total - from;
      kills.push(`run ${kill}: killed after ${requests} requests (target ${target})${exitedAlready ? `, but it had exited: ${child.stderr()}` : ''}`);
      expect(exitedAlready, `seed ${SEED}\n${kills.join('\n')}`).toBe(false);
    }
    const context = `seed ${SEED}\n${kills.join('\n')}`;

    remote.controls.setLatency(0);
    const final = startSync(dir, remote);
    const exit = await final.waitForExit();
    expect(exit.code, `${context}\n${final.stderr()}`).toBe(0);
    const summary = JSON.parse(final.stdout().trim().split('\n').at(-1)!);
    expect(summary, context).toMatchObject({ conflicts: 0, parked: 0 });
    expect(final.stdout() + final.stderr()).not.toContain(remote.apiKey);

    withDatabase(dir, (db, ctx) => {
      expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
      expect(db.pragma('foreign_key_check'), context).toEqual([]);
      expect(allLocalCandidateIds(db), context).toEqual(idsBefore);
      expect(compareSides({ remote, local: { db, ctx } }), context).toEqual([]);
      expect(remote.controls.snapshot(), context).toHaveLength(LINKED + CREATED);
      expect(countPending(ctx), context).toEqual({ pending: 0, conflicts: 0, parked: 0, failed: 0 });

      const remoteById = new Map(remote.controls.snapshot().map((c) => [c.id, c]));
      const missing: string[] = [];
      for (const [id, designation] of ledger.designations) {
        const remoteOne = remoteById.get(remoteIdOf(db, id)!);
        if (remoteOne?.current_designation !== designation) missing.push(`${id}: designation ${remoteOne?.current_designation}`);
        const status = ledger.statuses.get(id);
        const application = status && remoteOne?.applications.find((a) => a.job_id === status.job);
        if (status && application?.status !== status.status) missing.push(`${id}: application ${JSON.stringify(application)}`);
      }
      for (const [id, email] of ledger.created) {
        const remoteId = remoteIdOf(db, id);
        if (remoteId === null || remoteById.get(remoteId)?.email !== email) missing.push(`${id}: created ${email} as ${remoteId}`);
        if (remoteId !== null && findCandidateIdByRemoteId(db, remoteId) !== id) missing.push(`${id}: link`);
        if (findCandidateById(db, id)?.email !== email || listApplicationsOfCandidate(db, id).length !== 1) missing.push(`${id}: local copy`);
      }
      expect(missing, context).toEqual([]);
    });
  });
});
