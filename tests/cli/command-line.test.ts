import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { attachOptionValues, parseCommandLine, UsageError, wholeNumberOption } from '../../electron/cli/command-line';
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

describe('parseCommandLine', () => {
  const options = { port: { type: 'string' }, save: { type: 'boolean' } } as const;

  it('reads string and boolean options, a string value starting with a dash included', () => {
    expect(parseCommandLine(['--port', '-1', '--save'], options)).toEqual({ port: '-1', save: true });
  });

  it.each([
    ['an unknown option', ['--prot', '1']],
    ['a stray word', ['serve']],
    ['a flag given a value', ['--save=yes']],
  ])('refuses %s as a UsageError', (_case, argv) => {
    expect(() => parseCommandLine(argv, options)).toThrow(UsageError);
  });
});

describe('wholeNumberOption', () => {
  it('takes a whole number within the bounds', () => {
    expect(wholeNumberOption('port', '0', 0, 65535)).toBe(0);
    expect(wholeNumberOption('port', '65535', 0, 65535)).toBe(65535);
  });

  it.each(['65536', '-1', '1.5', '1e3', '', ' 1'])('refuses "%s", naming the option and its bounds', (text) => {
    expect(() => wholeNumberOption('port', text, 0, 65535)).toThrow(new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`));
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
