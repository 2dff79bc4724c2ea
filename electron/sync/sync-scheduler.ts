import { type SyncOutcome, SyncAlreadyRunningError } from './sync-engine';
import { DEFAULT_SYNC_INTERVAL_MINUTES } from './sync-settings';

export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface SyncSchedulerOptions {
  /** One sync run (runSync with its remote and context). */
  run: () => Promise<SyncOutcome>;
  /** Read before each wait, so a changed setting applies from the next run. */
  intervalMs: () => number;
  /** How long after a local edit the sync follows, so a burst of edits makes one run. */
  afterEditMs?: number;
  /** When another process holds the lease, try again after this long. */
  busyRetryMs?: number;
  timers?: Timers;
  reportError?: (error: unknown) => void;
}

const nodeTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * When sync runs in a long-lived process: at start, every interval, a few
 * seconds after local edits, and on demand. Runs never overlap; a request
 * that arrives during a run is served by one more run right after it.
 */
export class SyncScheduler {
  private timer: unknown;
  /** An edit's timer is never pushed back by later edits: a steady stream of edits must not put sync off for ever. */
  private timerIsForEdit = false;
  private current: Promise<SyncOutcome | undefined> | undefined;
  private again = false;
  /** No timers: before start() and after stop(). */
  private stopped = true;
  /** stop() was called: no queued run either. A scheduler never started still serves runNow() in full. */
  private halted = false;
  private lastOutcome: SyncOutcome | undefined;
  private readonly timers: Timers;

  constructor(private readonly options: SyncSchedulerOptions) {
    this.timers = options.timers ?? nodeTimers;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  get last(): SyncOutcome | undefined {
    return this.lastOutcome;
  }

  start(): void {
    this.stopped = false;
    this.halted = false;
    void this.runNow();
  }

  /** Local data changed: sync soon, unless a sync is due sooner anyway. */
  noteLocalChange(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timerIsForEdit) return;
    this.schedule(this.options.afterEditMs ?? 3000);
    this.timerIsForEdit = true;
  }

  /** Runs now, or right after the run in progress; resolves with that run's outcome. */
  runNow(): Promise<SyncOutcome | undefined> {
    if (this.current) {
      this.again = true;
      return this.current.then(() => this.current ?? this.lastOutcome);
    }
    this.clearTimer();
    this.current = this.runOnce();
    return this.current;
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    this.clearTimer();
    await this.current;
  }

  private clearTimer(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerIsForEdit = false;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => void this.runNow(), ms);
  }

  /** Read after the run, so a setting changed meanwhile applies; a failed read must not stop sync. */
  private nextIntervalMs(): number {
    try {
      return this.options.intervalMs();
    } catch (error) {
      this.report(error);
      return DEFAULT_SYNC_INTERVAL_MINUTES * 60_000;
    }
  }

  private report(error: unknown): void {
    (this.options.reportError ?? console.error)(error);
  }

  private async runOnce(): Promise<SyncOutcome | undefined> {
    let busy = false;
    let outcome: SyncOutcome | undefined;
    try {
      outcome = await this.options.run();
      this.lastOutcome = outcome;
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) busy = true;
      else this.report(error);
    }
    let next = this.nextIntervalMs();
    if (busy) next = Math.min(next, this.options.busyRetryMs ?? 15_000);
    this.current = undefined;
    if (this.again && !this.halted) {
      this.again = false;
      this.current = this.runOnce();
    } else {
      this.again = false;
      if (!this.stopped) this.schedule(next);
    }
    return outcome;
  }
}
