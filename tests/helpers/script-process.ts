import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT } from './project-root';

/** Long enough for tsx to compile a script on a busy 2-core CI box; only ever a ceiling, never a measurement. */
export const CHILD_TIMEOUT_MS = 60_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ScriptProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitForStdout: (pattern: RegExp) => Promise<RegExpMatchArray>;
  /** Resolves when the process has exited, however long ago that was. */
  waitForExit: () => Promise<Exit>;
  /** SIGKILLs the process if it is still running, and waits for it to be gone. */
  kill: () => Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}. Output so far:\n${output()}`)), CHILD_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A TypeScript file of this project run the way `npm run demo` runs one: node + tsx, from the project folder. */
export function startScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ScriptProcess {
  return startNodeProcess(['--import', 'tsx', script, ...args], env, script);
}

/** `node ...nodeArgs` from the project folder; `name` says which in timeouts and failures. */
export function startNodeProcess(nodeArgs: readonly string[], env: NodeJS.ProcessEnv, name: string): ScriptProcess {
  return startProcess(process.execPath, nodeArgs, env, name);
}

/** `npm run <script> -- ...args`, through npm itself, exactly as the README writes it. */
export function startNpmScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ScriptProcess {
  return startProcess('npm', ['run', script, '--', ...args], env, `npm run ${script}`);
}

function startProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv, name: string): ScriptProcess {
  const child = spawn(command, [...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const output = () => `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;

  // 'close', not 'exit': only then has everything the process wrote been read, so
  // stdout() and stderr() are whole when waitForExit resolves, even on a busy machine.
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });

  const waitForStdout = (pattern: RegExp) =>
    withTimeout(
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (match) {
            child.stdout?.off('data', check);
            resolve(match);
          }
        };
        child.stdout?.on('data', check);
        void exited.then((exit) => reject(new Error(`${name} exited (${JSON.stringify(exit)}) before printing ${pattern}.\n${output()}`)));
        check();
      }),
      `${pattern} on stdout`,
      output,
    );

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout,
    waitForExit: () => withTimeout(exited, `${name} to exit`, output),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `npm run serve -- ...args`. */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = {}): ScriptProcess {
  return startScript('electron/cli/serve.ts', args, env);
}
