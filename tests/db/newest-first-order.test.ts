import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { NewestFirstOrder } from '../../electron/db/newest-first-order';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import { type TestDatabase, openTestDatabase } from '../helpers/test-database';

describe('NewestFirstOrder', () => {
  let database: TestDatabase;
  beforeEach(() => {
    database = openTestDatabase();
  });
  afterEach(() => database.close());

  /** Candidates created at these times, in this order; returns their seqs. */
  function insertCreatedAt(...times: string[]): number[] {
    return times.map((created_at) => insertCandidate(database.db, makeCandidateRecord({ created_at, updated_at: created_at })));
  }

  it('holds every candidate newest first, and sorts any subset into that order', () => {
    const [jan, mar, feb, apr] = insertCreatedAt(
      '2026-01-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ) as [number, number, number, number];
    const order = NewestFirstOrder.read(database.db);
    expect(Array.from(order.seqs)).toEqual([apr, mar, feb, jan]);
    expect(Array.from(order.sort([jan, apr, feb]))).toEqual([apr, feb, jan]);
    expect(order.sort([])).toHaveLength(0);
  });

  it('leaves out a seq it does not hold, whether below or above the highest it knows', () => {
    const [first, second] = insertCreatedAt('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z') as [number, number];
    database.db.prepare('DELETE FROM candidates WHERE seq = ?').run(first);
    const order = NewestFirstOrder.read(database.db);
    expect(Array.from(order.sort([first, second, second + 1000]))).toEqual([second]);
  });
});
