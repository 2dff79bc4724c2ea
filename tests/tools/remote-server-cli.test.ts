import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from '../helpers/project-root';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRemoteControls } from '../../tools/remote-server/controls-client';
import { sendHttp } from '../helpers/http-client';

/** Only ever a ceiling for tsx to compile and start on a busy machine, never a measurement. */
const CHILD_TIMEOUT_MS = 45_000;

interface CliProcess {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/remote-server/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No ${pattern} in:\n${output}`)), CHILD_TIMEOUT_MS);
      const check = () => {
        const match = output.match(pattern);
        if (!match) return;
        clearTimeout(timer);
        resolve(match);
      };
      child.stdout?.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`The CLI exited before printing ${pattern}:\n${output}`));
      });
      check();
    });
  return { child, output: () => output, waitFor, exited };
}

describe('remote server CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('serves seeded candidates with the given key and latency, and stops cleanly on %s', async (signal) => {
    const cli = startCli(['--port', '0', '--seed', '12', '--api-key', 'cli-key', '--latency-ms', '5', '--random-seed', '3']);
    const [, url, apiKey, dataDir] = await cli.waitFor(/URL: +(\S+)\n +API key: +(\S+)\n +Data: +(\S+)\n/);
    expect(apiKey).toBe('cli-key');
    expect(existsSync(dataDir!)).toBe(true);

    const list = await sendHttp(url!, '/api/v1/candidates', { headers: { authorization: 'Bearer cli-key' } });
    expect(list.status).toBe(200);
    expect(list.json.meta.total).toBe(12);
    expect((await sendHttp(url!, '/api/v1/candidates')).status).toBe(401);
    const controls = connectRemoteControls(url!, 'cli-key');
    expect((await controls.stats()).byStatus).toEqual({ '200': 1, '401': 1 });

    cli.child.kill(signal);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain(`Stopped (${signal}).`);
    expect(existsSync(dataDir!)).toBe(false);
  });

  it('refuses bad options with the usage and exit code 2', async () => {
    const cli = startCli(['--port', 'eighty']);
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.output()).toMatch(/--port must be a whole number/);
    expect(cli.output()).toMatch(/Usage:/);
  });
});
