import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** serve as `npm run serve` runs it: the esbuild bundle, which serves the renderer built into out/renderer. */
export const SERVE_BUNDLE = join(PROJECT_ROOT, 'out', 'cli', 'serve.cjs');

const run = promisify(execFile);
const LOCK_DIR = join(PROJECT_ROOT, 'out', '.e2e-build.lock');
const STAMP_FILE = join(PROJECT_ROOT, 'out', '.e2e-build.stamp');
const BUILD_TIMEOUT_MS = 180_000;

/** Builds the renderer (vite) and the serve bundle (esbuild) from the working tree. */
export async function buildRendererAndServe(): Promise<void> {
  await run(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'renderer/vite.config.mts', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds once per test run, however many e2e files run in parallel: the
 * files of one vitest run share its process as their parent, so the stamp
 * names that process, and a lock folder (created atomically) lets one file
 * build while the others wait. A lock whose builder died is taken over.
 */
export async function ensureBuiltForThisRun(): Promise<void> {
  const runId = String(process.ppid);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  mkdirSync(join(PROJECT_ROOT, 'out'), { recursive: true });
  for (;;) {
    if (existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === runId && existsSync(SERVE_BUNDLE)) return;
    try {
      mkdirSync(LOCK_DIR);
    } catch {
      const owner = Number(readOwner());
      if (owner && !isAlive(owner)) rmSync(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another test file to build the renderer (lock ${LOCK_DIR}).`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      writeFileSync(join(LOCK_DIR, 'owner'), String(process.pid));
      await buildRendererAndServe();
      writeFileSync(STAMP_FILE, runId);
      return;
    } finally {
      rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

function readOwner(): string {
  try {
    return readFileSync(join(LOCK_DIR, 'owner'), 'utf8');
  } catch {
    return '';
  }
}
