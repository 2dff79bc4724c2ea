import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, writePrivateFile } from '../../electron/core/private-files';
import { makeTempDir } from '../helpers/temp-dir';

const temps: { remove: () => void }[] = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.remove()));
function folder(): string {
  const temp = makeTempDir();
  temps.push(temp);
  return temp.dir;
}

describe('writePrivateFile', () => {
  it.skipIf(process.platform === 'win32')('writes the whole file readable by the user only, also over a looser one, leaving no draft', () => {
    const file = join(folder(), 'secret.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    chmodSync(file, 0o644);
    writePrivateFile(file, '{"key":"new"}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"key":"new"}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, '..'))).toEqual(['secret.json']);
  });
});

describe('readJsonFile', () => {
  const Schema = z.object({ width: z.number() });

  it('reads a file of the schema', () => {
    const file = join(folder(), 'state.json');
    writePrivateFile(file, JSON.stringify({ width: 800 }));
    expect(readJsonFile(file, Schema)).toEqual({ width: 800 });
  });

  it.each([
    ['missing', undefined],
    ['not JSON', '{"width": 8'],
    ['of another shape', '{"width": "wide"}'],
  ])('answers undefined for a file %s', (_case, text) => {
    const file = join(folder(), 'state.json');
    if (text !== undefined) writeFileSync(file, text);
    expect(readJsonFile(file, Schema)).toBeUndefined();
  });
});
