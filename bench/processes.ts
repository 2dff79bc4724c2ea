import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Child processes and CPU time, as the benchmarks measure them (Linux /proc). */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, so the child can clean up; SIGKILL if it has not exited within `timeoutMs`. */
export async function stopProcess(child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<void> {
  if (!isRunning(child)) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!stopped && isRunning(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
