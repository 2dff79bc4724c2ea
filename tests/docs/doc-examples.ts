import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The text under the `## title` heading, up to the next `## ` heading. */
export function markdownSection(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`The document has no "## ${title}" section.`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** The bodies of the fenced code blocks whose info string is exactly `language`, in order. */
export function fencedBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  for (const match of markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm)) {
    if (match[1]?.trim() === language) blocks.push(match[2] ?? '');
  }
  return blocks;
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; rows end in CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, collecting its output; never rejects on a non-zero exit. */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  baseUrl: string;
  token: string;
  stop: () => Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A ceiling for tsx to compile and start serve.ts on a busy CI box; never a measurement. */
const SERVE_START_CEILING_MS = 45_000;

/**
 * `electron/cli/serve.ts` as users run it, on a free port over `dataDir`.
 * Resolves once the server prints its URL; the token is the one it wrote to
 * `dataDir/api-token`. A server that exits or never gets that far is killed
 * and the promise rejects, so no process outlives a failed start.
 */
export function startServeProcess(dataDir: string, readToken: () => string): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/serve.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (!running()) return;
    child.kill('SIGTERM');
    // A server that ignores SIGTERM must still not outlive the tests.
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forceKill);
  };

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(ceiling);
      if (running()) child.kill('SIGKILL');
      reject(new Error(`${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const ceiling = setTimeout(() => fail('serve did not print its URL in time.'), SERVE_START_CEILING_MS);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0];
      if (!url) return;
      clearTimeout(ceiling);
      try {
        resolve({ baseUrl: url, token: readToken(), stop });
      } catch (error) {
        fail(`serve started but its token could not be read: ${(error as Error).message}`);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => fail(`serve could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`serve exited (${code ?? signal}) before printing its URL.`));
  });
}
