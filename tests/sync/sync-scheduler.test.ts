import { afterEach, describe, expect, it } from 'vitest';
import { type SyncOutcome, SyncAlreadyRunningError, type SyncSummary } from '../../electron/sync/sync-engine';
import { SyncScheduler, type SyncSchedulerOptions, type Timers } from '../../electron/sync/sync-scheduler';

const INTERVAL_MS = 300_000;
const AFTER_EDIT_MS = 3_000;
const BUSY_RETRY_MS = 15_000;

/**
 * Timers on a virtual clock: nothing fires until the test advances it, so a
 * test states when things happen without waiting for anything real.
 */
class FakeTimers implements Timers {
  private clock = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; ms: number; callback: () => void }>();

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { due: this.clock + ms, ms, callback });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  get now(): number {
    return this.clock;
  }

  /** The delays of the timers still pending, as they were set. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }

  /** Moves the clock, firing each timer that falls due on the way (letting promises settle after each). */
  async advance(ms: number): Promise<void> {
    const until = this.clock + ms;
    await settle();
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.due <= until).sort(([, a], [, b]) => a.due - b.due)[0];
      if (!due) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.clock = timer.due;
      timer.callback();
      await settle();
    }
    this.clock = until;
    await settle();
  }
}

/** Lets every promise reaction already queued run (microtasks drain before the next macrotask). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function summary(pulled: number): SyncSummary {
  return { pulled, pushed: 0, created: 0, linked: 0, conflicts: 0, parked: 0, requests: 1, errors: 0 };
}

/** A sync run the test finishes by hand. */
interface FakeRun {
  startedAt: number;
  succeed: (pulled: number) => void;
  fail: (error: unknown) => void;
}

/** A scheduler over fake timers and a `run` that records each call and never overlaps unnoticed. */
function setup(overrides: Partial<SyncSchedulerOptions> = {}) {
  const timers = new FakeTimers();
  const runs: FakeRun[] = [];
  const reported: unknown[] = [];
  let active = 0;
  let maxActive = 0;
  const run = () =>
    new Promise<SyncOutcome>((resolve, reject) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      runs.push({
        startedAt: timers.now,
        succeed: (pulled) => {
          active -= 1;
          resolve({ ok: true, summary: summary(pulled) });
        },
        fail: (error) => {
          active -= 1;
          reject(error);
        },
      });
    });
  const scheduler = new SyncScheduler({
    run,
    intervalMs: () => INTERVAL_MS,
    afterEditMs: AFTER_EDIT_MS,
    busyRetryMs: BUSY_RETRY_MS,
    timers,
    reportError: (error) => reported.push(error),
    ...overrides,
  });
  return {
    timers,
    runs,
    reported,
    scheduler,
    maxActive: () => maxActive,
    /** The run in progress, finished by the test. */
    last: () => runs.at(-1)!,
  };
}

const schedulers: SyncScheduler[] = [];
afterEach(async () => {
  // A test that failed half way must not leave a run or a timer behind.
  await Promise.race([Promise.all(schedulers.splice(0).map((s) => s.stop())), settle()]);
});

function started(overrides: Partial<SyncSchedulerOptions> = {}) {
  const t = setup(overrides);
  schedulers.push(t.scheduler);
  return t;
}

describe('SyncScheduler', () => {
  describe('start', () => {
    it('runs at once, then once every interval after each run ends', async () => {
      const t = started();
      t.scheduler.start();
      expect(t.runs).toHaveLength(1);
      expect(t.scheduler.running).toBe(true);
      // Nothing is scheduled while a run is in progress.
      expect(t.timers.pendingDelays()).toEqual([]);

      await t.timers.advance(INTERVAL_MS * 2);
      expect(t.runs).toHaveLength(1);

      t.last().succeed(1);
      await settle();
      expect(t.scheduler.running).toBe(false);
      expect(t.scheduler.last).toEqual({ ok: true, summary: summary(1) });
      expect(t.timers.pendingDelays()).toEqual([INTERVAL_MS]);

      await t.timers.advance(INTERVAL_MS - 1);
      expect(t.runs).toHaveLength(1);
      await t.timers.advance(1);
      expect(t.runs).toHaveLength(2);

      t.last().succeed(2);
      await t.timers.advance(INTERVAL_MS);
      expect(t.runs).toHaveLength(3);
      expect(t.runs.map((run) => run.startedAt)).toEqual([0, INTERVAL_MS * 3, INTERVAL_MS * 4]);
      expect(t.maxActive()).toBe(1);
    });

    it('reads the interval after each run, so a setting changed during a run applies to the next wait', async () => {
      let minutes = 5;
      const t = started({ intervalMs: () => minutes * 60_000 });
      t.scheduler.start();
      minutes = 1;
      t.last().succeed(0);
      await settle();
      expect(t.timers.pendingDelays()).toEqual([60_000]);
    });

    it('does nothing before start: no run and no timer for local changes', async () => {
      const t = started();
      t.scheduler.noteLocalChange();
      await t.timers.advance(INTERVAL_MS * 2);
      expect(t.runs).toHaveLength(0);
      expect(t.timers.pendingDelays()).toEqual([]);
    });
  });

  describe('noteLocalChange', () => {
    it('runs afterEditMs after an edit instead of waiting for the interval', async () => {
      const t = started();
      t.scheduler.start();
      t.last().succeed(0);
      await t.timers.advance(10_000);

      t.scheduler.noteLocalChange();
      await t.timers.advance(AFTER_EDIT_MS - 1);
      expect(t.runs).toHaveLength(1);
      await t.timers.advance(1);
      expect(t.runs).toHaveLength(2);
      expect(t.last().startedAt).toBe(10_000 + AFTER_EDIT_MS);
    });

    it('makes one run for a burst of edits', async () => {
      const t = started();
      t.scheduler.start();
      t.last().succeed(0);
      await settle();

      for (let i = 0; i < 5; i++) {
        t.scheduler.noteLocalChange();
        await t.timers.advance(100);
      }
      expect(t.timers.pendingDelays()).toHaveLength(1);
      await t.timers.advance(AFTER_EDIT_MS);
      expect(t.runs).toHaveLength(2);
      t.last().succeed(0);
      await t.timers.advance(AFTER_EDIT_MS * 10);
      expect(t.runs).toHaveLength(2);
    });

    it('still syncs while edits keep coming: a steady stream does not put the run off for ever', async () => {
      const t = started();
      t.scheduler.start();
      t.last().succeed(0);
      await settle();

      // An edit every second for a minute (a macro updating a spreadsheet's rows one by one).
      for (let i = 0; i < 60; i++) {
        t.scheduler.noteLocalChange();
        await t.timers.advance(1000);
        if (t.runs.length > 1 && t.scheduler.running) t.last().succeed(0);
      }
      expect(t.runs.length).toBeGreaterThan(1);
      expect(t.runs[1]!.startedAt).toBeLessThanOrEqual(AFTER_EDIT_MS);
      expect(t.maxActive()).toBe(1);
    });

    it('makes one more run right after the run in progress for edits made during it', async () => {
      const t = started();
      t.scheduler.start();
      t.scheduler.noteLocalChange();
      t.scheduler.noteLocalChange();
      expect(t.runs).toHaveLength(1);

      t.last().succeed(0);
      await settle();
      expect(t.runs).toHaveLength(2);
      t.last().succeed(0);
      await settle();
      expect(t.runs).toHaveLength(2);
      expect(t.timers.pendingDelays()).toEqual([INTERVAL_MS]);
      expect(t.maxActive()).toBe(1);
    });
  });

  describe('runNow', () => {
    it('runs at once when idle, resolves with its outcome, and restarts the interval from its end', async () => {
      const t = started();
      t.scheduler.start();
      t.last().succeed(0);
      await t.timers.advance(1000);

      const outcome = t.scheduler.runNow();
      expect(t.runs).toHaveLength(2);
      expect(t.timers.pendingDelays()).toEqual([]);
      t.last().succeed(7);
      await expect(outcome).resolves.toEqual({ ok: true, summary: summary(7) });
      expect(t.timers.pendingDelays()).toEqual([INTERVAL_MS]);
    });

    it('during a run, waits for it and then runs once more, resolving every caller with that run', async () => {
      const t = started();
      t.scheduler.start();
      const first = t.scheduler.runNow();
      const second = t.scheduler.runNow();
      let settled = false;
      void Promise.all([first, second]).then(() => (settled = true));
      await settle();
      // Never two runs at once: the extra one waits for the run in progress.
      expect(t.runs).toHaveLength(1);

      t.runs[0]!.succeed(1);
      await settle();
      expect(t.runs).toHaveLength(2);
      expect(settled).toBe(false);

      t.runs[1]!.succeed(2);
      expect(await first).toEqual({ ok: true, summary: summary(2) });
      expect(await second).toEqual({ ok: true, summary: summary(2) });
      expect(t.runs).toHaveLength(2);
      expect(t.maxActive()).toBe(1);
    });

    it('without start, still runs once more for a call made during a run, and schedules nothing', async () => {
      const t = started();
      const first = t.scheduler.runNow();
      const second = t.scheduler.runNow();
      t.last().succeed(1);
      await expect(first).resolves.toEqual({ ok: true, summary: summary(1) });
      await settle();
      expect(t.runs).toHaveLength(2);
      t.last().succeed(2);
      await expect(second).resolves.toEqual({ ok: true, summary: summary(2) });
      expect(t.timers.pendingDelays()).toEqual([]);
    });

    it('works without start (a one-off run) and schedules nothing after it', async () => {
      const t = started();
      const outcome = t.scheduler.runNow();
      t.last().succeed(3);
      await expect(outcome).resolves.toEqual({ ok: true, summary: summary(3) });
      expect(t.timers.pendingDelays()).toEqual([]);
    });
  });

  describe('stop', () => {
    it('waits for the run in progress, then schedules nothing more', async () => {
      const t = started();
      t.scheduler.start();
      t.scheduler.noteLocalChange();
      let stopped = false;
      const stopping = t.scheduler.stop().then(() => (stopped = true));
      await settle();
      expect(stopped).toBe(false);

      t.last().succeed(0);
      await stopping;
      expect(t.timers.pendingDelays()).toEqual([]);
      t.scheduler.noteLocalChange();
      await t.timers.advance(INTERVAL_MS * 3);
      expect(t.runs).toHaveLength(1);
      expect(t.scheduler.running).toBe(false);
    });

    it('cancels a pending timer when idle', async () => {
      const t = started();
      t.scheduler.start();
      t.last().succeed(0);
      await settle();
      t.scheduler.noteLocalChange();
      await t.scheduler.stop();
      expect(t.timers.pendingDelays()).toEqual([]);
      await t.timers.advance(INTERVAL_MS * 3);
      expect(t.runs).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('retries after busyRetryMs when another process holds the lease, then returns to the interval', async () => {
      const t = started();
      t.scheduler.start();
      const outcome = t.scheduler.runNow();
      t.last().fail(new SyncAlreadyRunningError('pid 1 run x', new Date(60_000)));
      await settle();
      // The queued run meets the same lease.
      t.last().fail(new SyncAlreadyRunningError('pid 1 run x', new Date(60_000)));
      await expect(outcome).resolves.toBeUndefined();
      expect(t.timers.pendingDelays()).toEqual([BUSY_RETRY_MS]);
      expect(t.reported).toEqual([]);

      await t.timers.advance(BUSY_RETRY_MS);
      expect(t.runs).toHaveLength(3);
      t.last().succeed(0);
      await settle();
      expect(t.timers.pendingDelays()).toEqual([INTERVAL_MS]);
    });

    it('never waits longer than the interval for a busy lease', async () => {
      const t = started({ intervalMs: () => 5_000 });
      t.scheduler.start();
      t.last().fail(new SyncAlreadyRunningError('other', new Date(0)));
      await settle();
      expect(t.timers.pendingDelays()).toEqual([5_000]);
    });

    it('reports any other error, keeps the last outcome, and keeps the schedule', async () => {
      const t = started();
      t.scheduler.start();
      t.last().succeed(4);
      await settle();
      const outcome = t.scheduler.runNow();
      const boom = new Error('disk full');
      t.last().fail(boom);
      await expect(outcome).resolves.toBeUndefined();
      expect(t.reported).toEqual([boom]);
      expect(t.scheduler.last).toEqual({ ok: true, summary: summary(4) });
      expect(t.scheduler.running).toBe(false);
      expect(t.timers.pendingDelays()).toEqual([INTERVAL_MS]);
    });

    it('is not wedged when the interval setting cannot be read', async () => {
      let broken = true;
      const t = started({
        intervalMs: () => {
          if (broken) throw new Error('SQLITE_BUSY: database is locked');
          return INTERVAL_MS;
        },
      });
      t.scheduler.start();
      t.last().succeed(0);
      await settle();
      expect(t.scheduler.running).toBe(false);
      expect(t.reported).toHaveLength(1);
      expect(t.timers.pendingDelays()).toHaveLength(1);

      broken = false;
      const outcome = t.scheduler.runNow();
      expect(t.runs).toHaveLength(2);
      t.last().succeed(5);
      await expect(outcome).resolves.toEqual({ ok: true, summary: summary(5) });
    });
  });
});
