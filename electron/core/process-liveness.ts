import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname, platform } from 'node:os';

/** A process that holds something in the data folder: which machine, which pid, which boot of it. */
export interface ProcessHolder {
  host: string;
  pid: number;
  /** The boot the holder ran in, where the system names one (currentBootId). */
  boot?: string;
}

let bootId: string | null | undefined;

/**
 * This boot of the machine, as the system names it: Linux's boot_id, macOS's
 * boot session uuid. Undefined where there is none to read (Windows).
 */
export function currentBootId(): string | undefined {
  if (bootId === undefined) bootId = readBootId();
  return bootId ?? undefined;
}

function readBootId(): string | null {
  try {
    if (platform() === 'linux') return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    if (platform() === 'darwin') return execFileSync('sysctl', ['-n', 'kern.bootsessionuuid'], { encoding: 'utf8', timeout: 2_000 }).trim() || null;
  } catch {
    // No boot id to compare: liveness falls back to the pid alone.
  }
  return null;
}

/**
 * Whether the holder's process is gone: on this machine, a holder from an
 * earlier boot (after a power cut, its pid now names some other process),
 * or a pid that no longer exists, was stopped without letting go. Within
 * one boot a recycled pid looks alive; another machine's process (a shared
 * folder) cannot be checked and counts as alive, as does this very process.
 */
export function holderProcessIsGone(held: ProcessHolder): boolean {
  if (held.host !== hostname() || !Number.isInteger(held.pid) || held.pid <= 0) return false;
  const boot = currentBootId();
  if (held.boot !== undefined && boot !== undefined && held.boot !== boot) return true;
  if (held.pid === process.pid) return false;
  try {
    process.kill(held.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
