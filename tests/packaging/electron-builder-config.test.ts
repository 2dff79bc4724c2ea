import { readFileSync } from 'node:fs';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = () => parse(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(config(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be refused by that schema if it were wrong (the check is live)', async () => {
    await expect(validateConfiguration({ ...config(), appIdentifier: 'misspelt appId' }, new DebugLogger(false))).rejects.toThrow(
      /configuration/i,
    );
  });

  it('keeps the native module out of the asar archive and never rebuilds it through npm', () => {
    expect(config().asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config().npmRebuild).toBe(false);
  });
});
