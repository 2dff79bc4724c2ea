import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT, serveBundleIn } from './renderer-build';

const START_TIMEOUT_MS = 60_000;

/** The key renderer/lib/api-connection.ts keeps a tab's token under: set it before load to open the workspace connected. */
export const SESSION_TOKEN_KEY = 'recruiter-desk.api-token';

export interface ServeProcess {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  stop: () => Promise<void>;
}

/** `node <build>/cli/serve.cjs ...args`, as `npm run serve` runs out/cli/serve.cjs. */
export function startServeBundle(buildDir: string, args: readonly string[]): ServeProcess {
  const child = spawn(process.execPath, [serveBundleIn(buildDir), ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const output = () => `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  return {
    child,
    output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`serve did not print ${pattern} in time.\n${output()}`)), START_TIMEOUT_MS);
        const finish = (error: Error | null, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          if (error) reject(error);
          else resolve(match!);
        };
        const check = () => {
          const match = stdout.match(pattern);
          if (match) finish(null, match);
        };
        child.stdout?.on('data', check);
        void exited.then(() => finish(new Error(`serve exited before printing ${pattern}.\n${output()}`)));
        check();
      }),
    stop: async () => {
      if (hasExited) return;
      // SIGTERM closes the database cleanly; SIGKILL only if that hangs.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Reads the lines serve prints at start: the API's origin, the one-time workspace URL and the token. */
export async function serveAddresses(serve: ServeProcess): Promise<{ baseUrl: string; openUrl: string; tokenFile: string }> {
  const [, baseUrl = ''] = await serve.waitFor(/API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates/);
  const [, openLine = ''] = await serve.waitFor(/Open:\s+(.*)\n/);
  const openUrl = openLine.trim();
  if (!openUrl.startsWith('http://')) throw new Error(`serve did not offer the workspace: "${openLine}".\n${serve.output()}`);
  const [, tokenFile = ''] = await serve.waitFor(/Token file:\s+(\S.*)\n/);
  return { baseUrl, openUrl, tokenFile: tokenFile.trim() };
}
