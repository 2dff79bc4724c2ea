import type { Database } from 'better-sqlite3';

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** How long a group waits for more writes to join it, once writes have been seen to come together. */
export interface GatheringTimes {
  /** The group is committed once this long has passed with no new write. */
  quietMs: number;
  /** And at the latest this long after its first write. */
  maxWaitMs: number;
}

/**
 * A commit's fsync takes about 2 ms on this project's machines. With 10
 * clients POSTing, groups without a wait alternated at 5–6 writes (those
 * answered by one commit come back during the next); with this one, most
 * held all 10.
 */
const GATHERING_TIMES: GatheringTimes = { quietMs: 0.3, maxWaitMs: 1 };

/**
 * Group commit: writes that arrive together (concurrent API requests) share
 * one IMMEDIATE transaction and so one fsync, which synchronous=FULL makes the
 * dominant cost of a small write. Each write still runs in its own savepoint
 * (its use-case's nested transaction): one that throws is rolled back alone
 * and the others commit. No promise settles before the commit it belongs to
 * has completed, so a write is acknowledged only once it is durable.
 *
 * After a group of several writes, the next group waits briefly for more, as
 * PostgreSQL's commit_delay does: the writers answered by the last commit are
 * sending their next writes, and would otherwise be committed apart from
 * those already waiting. A lone writer is never kept waiting.
 */
export class GroupCommit {
  private queue: PendingWrite[] = [];
  private scheduled = false;
  private lastGroupSize = 0;
  private firstArrivalAt = 0;
  private lastArrivalAt = 0;

  constructor(
    private readonly db: Database,
    private readonly gathering: GatheringTimes = GATHERING_TIMES,
  ) {}

  /** Runs `work` (synchronous, typically a use-case with its own transaction) in the next group. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.lastArrivalAt = performance.now();
      if (!this.scheduled) {
        this.scheduled = true;
        this.firstArrivalAt = this.lastArrivalAt;
        // setImmediate lets every request already read from the sockets join this group.
        setImmediate(this.flushOnceGathered);
      }
    });
  }

  private readonly flushOnceGathered = (): void => {
    const now = performance.now();
    const stillGathering =
      this.lastGroupSize > 1 &&
      now - this.lastArrivalAt < this.gathering.quietMs &&
      now - this.firstArrivalAt < this.gathering.maxWaitMs;
    // Each turn of the event loop reads what has reached the sockets meanwhile.
    if (stillGathering) setImmediate(this.flushOnceGathered);
    else this.flush();
  };

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    this.lastGroupSize = batch.length;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db
        .transaction(() => {
          for (const write of batch) {
            try {
              outcomes.push({ ok: true, value: this.db.transaction(write.work)() });
            } catch (error) {
              outcomes.push({ ok: false, value: error });
            }
          }
        })
        .immediate();
    } catch (commitError) {
      for (const write of batch) write.reject(commitError);
      return;
    }
    batch.forEach((write, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.value);
    });
  }
}
