import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../helpers/project-root';


const run = promisify(execFile);
/** Each run's own build: others' builds into out/renderer and out/cli cannot pull files from under its serve. */
const BUILDS_DIR = join(PROJECT_ROOT, 'out', 'e2e-builds');
const BUILD_TIMEOUT_MS = 180_000;

/** serve's bundle in a build folder; serve finds the renderer beside it (cli/ → renderer/). */
export function serveBundleIn(buildDir: string): string {
  return join(buildDir, 'cli', 'serve.cjs');
}

/** Builds the renderer (vite) and the serve bundle (scripts/build-cli.mjs) from the working tree into `buildDir`. */
export async function buildWorkspaceInto(buildDir: string): Promise<void> {
  const staging = `${buildDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await run(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'renderer/vite.config.mts', '--logLevel', 'warn', '--outDir', join(staging, 'renderer')],
    { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
  mkdirSync(join(staging, 'cli'), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, 'out', 'cli', 'serve.cjs'), serveBundleIn(staging));
  rmSync(buildDir, { recursive: true, force: true });
  renameSync(staging, buildDir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** When a process started, so a reused process id does not name an old run ('' where ps is missing). */
function processStart(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).replace(/\W+/g, '');
  } catch {
    return '';
  }
}

/**
 * The build for this test run, made once however many e2e files run in
 * parallel: the files of one vitest run share its process as their parent,
 * so the build is named after it, and creating its folder (atomic) elects the
 * file that builds while the others wait. Builds of finished runs are removed.
 */
export async function ensureBuiltForThisRun(): Promise<string> {
  const runId = process.ppid;
  const buildDir = join(BUILDS_DIR, `run-${runId}-${processStart(runId)}`);
  const lockDir = `${buildDir}.lock`;
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  mkdirSync(BUILDS_DIR, { recursive: true });
  for (;;) {
    if (existsSync(serveBundleIn(buildDir))) return buildDir;
    try {
      mkdirSync(lockDir);
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another test file to build the workspace (${lockDir}).`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      for (const entry of readdirSync(BUILDS_DIR)) {
        if (entry.startsWith(basename(buildDir))) continue;
        const owner = Number(/^run-(\d+)/.exec(entry)?.[1]);
        if (owner && (owner === runId || !isAlive(owner))) rmSync(join(BUILDS_DIR, entry), { recursive: true, force: true });
      }
      await buildWorkspaceInto(buildDir);
      return buildDir;
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}
