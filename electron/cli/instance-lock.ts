import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Held, while a service runs, by a lock the operating system ends with the process. Never deleted: see acquireInstanceLock. */
const LOCK_FILE = 'instance.lock';
/** Who holds it, for the message a second service prints. */
const HOLDER_FILE = 'serve.lock';

interface Holder {
  host: string;
  pid: number;
  url: string | null;
}

export interface InstanceLock {
  /** Records where this instance answers, for the message a second one prints. */
  setUrl: (url: string) => void;
  release: () => void;
}

function readHolder(path: string): Holder | undefined {
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof content.host !== 'string' || typeof content.pid !== 'number') return undefined;
    return { host: content.host, pid: content.pid, url: content.url ?? null };
  } catch {
    return undefined;
  }
}

/**
 * One local service (serve or the desktop app) per data folder: two would
 * each keep their own token (one regenerated on one would not reach the
 * other) and their own sync schedule.
 *
 * The hold is SQLite's exclusive lock on a small file of its own (fcntl on
 * Unix, LockFileEx on Windows), which the operating system lets go of when
 * the process ends however it ends: killed, crashed, or the machine losing
 * power. So a pid in a leftover file, perhaps another process's by now,
 * never keeps a recruiter out. The lock file stays in place: deleting it
 * would let a process that had it open lock the old file while another
 * locked a new one.
 */
export function acquireInstanceLock(dataDir: string, options: { nativeBinding?: string } = {}): InstanceLock {
  const holderPath = join(dataDir, HOLDER_FILE);
  const lock = new Database(join(dataDir, LOCK_FILE), { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // Nothing is ever written to it: no journal file beside it either (OFF is refused in SQLite's defensive mode).
    lock.pragma('journal_mode = MEMORY');
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first transaction takes the lock; in exclusive locking mode it is kept until the connection closes.
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    const holder = readHolder(holderPath);
    const who = holder ? `${holder.url ? ` at ${holder.url}` : ''} (process ${holder.pid} on ${holder.host})` : '';
    throw new Error(`Recruiter Desk is already serving ${dataDir}${who}. Stop it first, or use another data folder (serve's --data-dir).`);
  }
  const self: Holder = { host: hostname(), pid: process.pid, url: null };
  const write = () => writeFileSync(holderPath, JSON.stringify(self), { mode: 0o600 });
  try {
    write();
  } catch (error) {
    lock.close();
    throw error;
  }
  return {
    setUrl: (url) => {
      self.url = url;
      write();
    },
    release: () => {
      rmSync(holderPath, { force: true });
      lock.close();
    },
  };
}
