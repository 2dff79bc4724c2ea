import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { currentBootId, holderProcessIsGone, type ProcessHolder } from '../core/process-liveness';

const LOCK_FILE = 'serve.lock';

interface LockContent extends ProcessHolder {
  url: string | null;
}

export interface InstanceLock {
  /** Records where this instance answers, for the message a second one prints. */
  setUrl: (url: string) => void;
  release: () => void;
}

function readHolder(path: string): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    if (typeof content.host !== 'string' || typeof content.pid !== 'number') return undefined;
    return { host: content.host, pid: content.pid, ...(typeof content.boot === 'string' ? { boot: content.boot } : {}), url: content.url ?? null };
  } catch {
    return undefined;
  }
}

/**
 * One local service (serve or the desktop app) per data folder: two would
 * each keep their own token (one regenerated on one would not reach the
 * other) and their own sync schedule. The lock file names the holder; one
 * left behind by a process that is gone (killed, or from before a power
 * cut), or unreadable, is taken over.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  const path = join(dataDir, LOCK_FILE);
  const self: LockContent = { host: hostname(), pid: process.pid, boot: currentBootId(), url: null };
  const write = (flag: 'wx' | 'w') => writeFileSync(path, JSON.stringify(self), { flag, mode: 0o600 });
  try {
    write('wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = readHolder(path);
    if (holder && !holderProcessIsGone(holder)) {
      const where = holder.url ? ` at ${holder.url}` : '';
      throw new Error(
        `Recruiter Desk is already serving ${dataDir}${where} (process ${holder.pid} on ${holder.host}). ` +
          `Stop it first, or use another data folder (serve's --data-dir). If no such process is running, delete ${path}.`,
      );
    }
    rmSync(path, { force: true });
    write('wx');
  }
  return {
    setUrl: (url) => {
      self.url = url;
      write('w');
    },
    release: () => {
      const holder = readHolder(path);
      if (holder?.pid === self.pid && holder.host === self.host) rmSync(path, { force: true });
    },
  };
}
