import { hostname } from 'node:os';

/** A process that holds something in the data folder: which machine, which pid. */
export interface ProcessHolder {
  host: string;
  pid: number;
}

/**
 * Whether the holder's process is gone: on this machine, a pid that no
 * longer exists was stopped without letting go. A recycled pid looks alive;
 * another machine's process (a shared folder) cannot be checked and counts
 * as alive, as does this very process.
 */
export function holderProcessIsGone(held: ProcessHolder): boolean {
  if (held.host !== hostname() || !Number.isInteger(held.pid) || held.pid <= 0) return false;
  if (held.pid === process.pid) return false;
  try {
    process.kill(held.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
