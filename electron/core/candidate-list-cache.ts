import type { Database } from 'better-sqlite3';
import { type CandidateFilter, listCandidateSeqs } from '../db/candidate-repository';
import { NewestFirstOrder } from '../db/newest-first-order';
import { statement } from '../db/statement-cache';

const MAX_CACHED_FILTERS = 64;

const keyOf = (filter: CandidateFilter) => `${filter.jobId ?? ''}\u0000${filter.search}`;

/**
 * Remembers, per filter, the ordered row numbers of the matching candidates,
 * so that paging deep into 100,000 rows and `meta.total` cost a slice, not a
 * search. Every filter shares one read of the list order (NewestFirstOrder):
 * a search or job not seen yet costs only its index lookup and a sort. Any
 * commit (by this connection or another process) invalidates both: they are
 * keyed by this connection's change count and SQLite's data_version, which
 * moves when another connection commits.
 */
export class CandidateListCache {
  private readonly entries = new Map<string, Int32Array>();
  private order: NewestFirstOrder | undefined;
  private generation = '';

  constructor(private readonly db: Database) {}

  /** Whether `filter`'s rows are cached and still current. */
  has(filter: CandidateFilter): boolean {
    return this.currentGeneration() === this.generation && this.entries.has(keyOf(filter));
  }

  /** The seqs `filter` selects, newest first. Shared: never to be changed. */
  seqs(filter: CandidateFilter): Int32Array {
    const generation = this.currentGeneration();
    if (generation !== this.generation) {
      this.entries.clear();
      this.order = undefined;
      this.generation = generation;
    }
    const key = keyOf(filter);
    const cached = this.entries.get(key);
    if (cached) {
      // Refresh its place: the map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.order ??= NewestFirstOrder.read(this.db);
    const seqs = listCandidateSeqs(this.db, filter, this.order);
    this.entries.set(key, seqs);
    if (this.entries.size > MAX_CACHED_FILTERS) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return seqs;
  }

  private currentGeneration(): string {
    const dataVersion = statement(this.db, 'PRAGMA data_version').pluck().get() as number;
    const ownChanges = statement(this.db, 'SELECT total_changes()').pluck().get() as number;
    return `${dataVersion}:${ownChanges}`;
  }
}
