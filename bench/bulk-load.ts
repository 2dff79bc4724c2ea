import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE, ensureDataDir } from '../electron/cli/data-dir';
import { insertCandidatesInBulk } from '../electron/db/candidate-repository';
import { closeDatabase, openDatabase } from '../electron/db/connection';
import { DEFAULT_SEED, type GeneratedCandidate, generateCandidates } from './candidate-generator';

export interface BulkLoadResult {
  candidates: number;
  applications: number;
  /** Open and migrate the new database. */
  openMs: number;
  /** Generate every record and insert it, in one transaction, up to and including its commit. */
  generateAndInsertMs: number;
  /** Of generateAndInsertMs, the part spent making records rather than writing them. */
  generateMs: number;
  /** Fold the WAL into the main file and close, as `serve` and the app do on exit. */
  closeMs: number;
  totalMs: number;
}

/**
 * Generates `count` candidates and writes them, with their applications, into
 * a fresh database in `dataDir` in one transaction, through insertCandidatesInBulk:
 * the app's own bulk insert.
 */
export function bulkLoad(dataDir: string, count: number, seed: number = DEFAULT_SEED): BulkLoadResult {
  const started = performance.now();
  ensureDataDir(dataDir);
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const opened = performance.now();
  let applications = 0;
  let generateMs = 0;
  // Timed as they are pulled, so the generator's share can be told apart from the writes.
  function* timedRecords(): Generator<GeneratedCandidate> {
    const records = generateCandidates(count, seed);
    for (;;) {
      const before = performance.now();
      const next = records.next();
      generateMs += performance.now() - before;
      if (next.done) return;
      applications += next.value.applications.length;
      yield next.value;
    }
  }
  try {
    insertCandidatesInBulk(db, timedRecords());
  } catch (error) {
    db.close();
    throw error;
  }
  const inserted = performance.now();
  closeDatabase(db);
  const closed = performance.now();
  return {
    candidates: count,
    applications,
    openMs: opened - started,
    generateAndInsertMs: inserted - opened,
    generateMs,
    closeMs: closed - inserted,
    totalMs: closed - started,
  };
}

/** `tsx bench/bulk-load.ts --data-dir DIR [--count N]`: a loaded data dir to profile `serve` against by hand. */
function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, count: { type: 'string', default: '100000' } },
    strict: true,
  });
  const dataDir = values['data-dir'];
  const count = Number(values.count);
  if (!dataDir || !Number.isInteger(count) || count < 1) {
    process.stderr.write('Usage: tsx bench/bulk-load.ts --data-dir DIR [--count N]\n');
    process.exit(2);
  }
  const result = bulkLoad(dataDir, count);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (require.main === module) main(process.argv.slice(2));
