import { writeSync } from 'node:fs';
import { type CandidateWithApplicationRecords, insertCandidatesInBulk } from '../../electron/db/candidate-repository';
import { openDatabase } from '../../electron/db/connection';
import { makeApplicationRecord, makeCandidateRecord } from './candidate-factory';

/**
 * Run as a child process by the bulk-load crash test: opens the database,
 * starts a bulk load of `count` candidates, and writes "loading" to stdout
 * (synchronously, so it leaves before the load goes on) once `announceAt` rows
 * are in, that is mid-transaction, for the test to kill it there.
 */
const [file, countArg, announceArg] = process.argv.slice(2);
if (file === undefined || countArg === undefined || announceArg === undefined) {
  throw new Error('usage: bulk-load-child.ts <database file> <count> <announce at>');
}
const count = Number(countArg);
const announceAt = Number(announceArg);

function* entries(): Generator<CandidateWithApplicationRecords> {
  for (let i = 0; i < count; i += 1) {
    if (i === announceAt) writeSync(1, 'loading\n');
    const candidate = makeCandidateRecord({ full_name: `Crash Person ${i}` });
    yield { candidate, applications: [makeApplicationRecord(candidate.id)] };
  }
}

const db = openDatabase(file);
insertCandidatesInBulk(db, entries());
writeSync(1, 'loaded\n');
