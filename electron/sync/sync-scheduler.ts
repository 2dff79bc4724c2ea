import { type SyncOutcome, SyncAlreadyRunningError } from './sync-engine';

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
  private current: Promise<SyncOutcome | undefined> | undefined;
  private again = false;
  private stopped = true;
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
    void this.runNow();
  }

  /** Local data changed: sync soon, unless a sync is due sooner anyway. */
  noteLocalChange(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(this.options.afterEditMs ?? 3000);
  }

  /** Runs now, or right after the run in progress; resolves with that run's outcome. */
  runNow(): Promise<SyncOutcome | undefined> {
    if (this.current) {
      this.again = true;
      return this.current.then(() => this.current ?? this.lastOutcome);
    }
    this.timers.clearTimeout(this.timer);
    this.current = this.runOnce();
    return this.current;
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => void this.runNow(), ms);
  }

  private async runOnce(): Promise<SyncOutcome | undefined> {
    let next = this.options.intervalMs();
    let outcome: SyncOutcome | undefined;
    try {
      outcome = await this.options.run();
      this.lastOutcome = outcome;
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) next = Math.min(next, this.options.busyRetryMs ?? 15_000);
      else (this.options.reportError ?? console.error)(error);
    }
    this.current = undefined;
    if (this.stopped) return outcome;
    if (this.again) {
      this.again = false;
      this.current = this.runOnce();
    } else {
      this.schedule(next);
    }
    return outcome;
  }
}
