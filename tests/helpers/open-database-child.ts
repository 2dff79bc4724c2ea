import { existsSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../../electron/db/connection';

/**
 * Run as a child process by tests of several processes opening one database
 * file at once: prints "ready", waits until the `go` file exists, opens and
 * closes the database, and prints "ok" or the error.
 */
const [file, go] = process.argv.slice(2);
if (file === undefined || go === undefined) throw new Error('usage: open-database-child.ts <database file> <go file>');

const pause = new Int32Array(new SharedArrayBuffer(4));
process.stdout.write('ready\n');
while (!existsSync(go)) Atomics.wait(pause, 0, 0, 2);
try {
  closeDatabase(openDatabase(file));
  process.stdout.write('ok\n');
} catch (error) {
  process.stdout.write(`failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
