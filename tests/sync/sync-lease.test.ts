import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireSyncLease } from '../../electron/db/sync-repository';
import { RemoteClient } from '../../electron/sync/remote-client';
import { LEASE_TTL_MS, runSync, SyncAlreadyRunningError } from '../../electron/sync/sync-engine';
import { readSyncRunRecord } from '../../electron/sync/sync-status';
import { compareSides, syncHarnesses } from '../helpers/sync-harness';

const harnesses = syncHarnesses();
const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await harnesses.closeAll();
});

/** A process of our own that does nothing: a live lease holder, or, once killed, a dead one. */
async function idleProcess(): Promise<{ pid: number; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('one sync at a time per data folder', () => {
  it('of two runs started together, one syncs and the other is refused with SyncAlreadyRunningError', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7201, initialCandidates: 40 } });
    const [first, second] = await Promise.allSettled([harness.sync(), harness.sync()]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(SyncAlreadyRunningError);
    expect(compareSides(harness)).toEqual([]);
    // The lease was released: the next run goes ahead.
    expect((await harness.sync()).ok).toBe(true);
  });

  it('a live holder elsewhere is waited for; an expired lease is taken over', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7202, initialCandidates: 5 } });
    const holder = await idleProcess();
    const now = Date.now();
    acquireSyncLease(harness.local.db, { owner: 'another process', host: hostname(), pid: holder.pid }, now, LEASE_TTL_MS);
    await expect(harness.sync()).rejects.toBeInstanceOf(SyncAlreadyRunningError);

    // The same holder, its lease run out (the clock moved past it): taken over.
    acquireSyncLease(harness.local.db, { owner: 'another process', host: hostname(), pid: holder.pid }, now - 2 * LEASE_TTL_MS, LEASE_TTL_MS);
    expect((await harness.sync()).ok).toBe(true);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a lease held on another machine is waited for until it expires, whatever its pid', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7203, initialCandidates: 5 } });
    acquireSyncLease(harness.local.db, { owner: 'laptop 2', host: `${hostname()}-other`, pid: 999_999_999 }, Date.now(), LEASE_TTL_MS);
    await expect(harness.sync()).rejects.toBeInstanceOf(SyncAlreadyRunningError);
  });

  it('a lease whose holder on this machine was killed is taken over at once', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7204, initialCandidates: 5 } });
    const holder = await idleProcess();
    acquireSyncLease(harness.local.db, { owner: 'killed sync', host: hostname(), pid: holder.pid }, Date.now(), LEASE_TTL_MS);
    await holder.kill();
    expect((await harness.sync()).ok).toBe(true);
  });
});

describe('a rejected API key', () => {
  it('stops the run with apiKeyRejected, records it, and sends nothing more', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7205, initialCandidates: 5 } });
    harness.createLocal({ full_name: 'Rohan Das', email: 'rohan.das@example.com' });
    const wrongKey = 'rk_wrong_0000000000000000000000';
    const client = new RemoteClient({ remoteUrl: harness.remote.url, apiKey: wrongKey, sleep: async () => undefined });
    const outcome = await runSync({ ctx: harness.local.ctx, remote: client, reportError: () => undefined });
    expect(outcome).toMatchObject({ ok: false, apiKeyRejected: true });
    expect(outcome.summary.requests).toBe(1);
    expect(readSyncRunRecord(harness.local.ctx)).toMatchObject({ state: 'api_key_rejected', last_error: 'API key rejected' });
    expect(JSON.stringify(readSyncRunRecord(harness.local.ctx))).not.toContain(wrongKey);
    expect(harness.remote.controls.stats().byStatus).toEqual({ 401: 1 });
  });
});
