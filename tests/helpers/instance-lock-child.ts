import { acquireInstanceLock } from '../../electron/cli/instance-lock';

/**
 * Run as a child process by the instance lock's tests: takes the data
 * folder's lock as a service does, says where it answers, prints "held",
 * and keeps it until killed.
 */
const [dataDir, url] = process.argv.slice(2);
if (dataDir === undefined || url === undefined) throw new Error('usage: instance-lock-child.ts <data folder> <url>');

acquireInstanceLock(dataDir).setUrl(url);
process.stdout.write('held\n');
setInterval(() => undefined, 60_000);
