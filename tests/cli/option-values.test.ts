import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { attachOptionValues } from '../../electron/cli/option-values';
import { makeTempDir } from '../helpers/temp-dir';

describe('attachOptionValues', () => {
  it('joins a value-taking option with the argument after it, even one starting with a dash', () => {
    expect(attachOptionValues(['--remote-token', '-abc', '--save', '--port', '0'], ['remote-token', 'port'])).toEqual([
      '--remote-token=-abc',
      '--save',
      '--port=0',
    ]);
  });

  it('leaves flags, --name=value forms and a trailing option without a value alone', () => {
    expect(attachOptionValues(['--save', '--port=1', '--remote-token'], ['remote-token', 'port'])).toEqual([
      '--save',
      '--port=1',
      '--remote-token',
    ]);
  });
});

describe('npm run sync with an API key that starts with a dash', () => {
  it('takes it as the key (the run fails on the unreachable remote, not as bad usage)', () => {
    const temp = makeTempDir();
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'electron/cli/sync.ts', '--data-dir', temp.dir, '--remote-url', 'http://127.0.0.1:9', '--remote-token', '-Kx9_secret'],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).not.toMatch(/ambiguous/);
      expect(run.stdout + run.stderr).not.toContain('-Kx9_secret');
    } finally {
      temp.remove();
    }
  });
});
