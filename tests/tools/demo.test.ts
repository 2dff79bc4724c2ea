import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sendHttp } from '../helpers/http-client';
import { type ScriptProcess, startScript } from '../helpers/script-process';
import { makeTempDir } from '../helpers/temp-dir';

const LOCAL_API = /Local API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates\s+\(token: (.+)\)\n/;
const MASKED_CURL = /curl -s -H "Authorization: Bearer \$T" http:\/\/127\.0\.0\.1:\d+(\/api\/v1\/candidates\/[0-9a-f-]{36})\n/;

// One child process that seeds a stand-in cloud and syncs twice before it prints: a generous ceiling, never a measurement.
describe('npm run demo', { timeout: 120_000 }, () => {
  const temp = makeTempDir();
  const home = makeTempDir('recruiter-desk-home-');
  let child: ScriptProcess | undefined;

  afterAll(async () => {
    await child?.kill();
    temp.remove();
    home.remove();
  });

  it('prints the local API and token file, shows a conflict and parked values there, and stops on SIGTERM with 0', async () => {
    const dataDir = join(temp.dir, 'demo-data');
    child = startScript('tools/demo.ts', ['--port', '0', '--data-dir', dataDir], {
      HOME: home.dir,
      XDG_CONFIG_HOME: join(home.dir, '.config'),
      APPDATA: join(home.dir, 'AppData'),
      RECRUITER_DESK_REMOTE_TOKEN: undefined,
    });
    await child.waitForStdout(/Press Ctrl\+C to stop/);
    const [, baseUrl, tokenFile] = child.stdout().match(LOCAL_API) ?? [];
    expect(baseUrl, child.stdout()).toBeDefined();
    expect(tokenFile!.startsWith(dataDir)).toBe(true);
    // The workspace's address when the renderer is built (npm run demo builds it first), else how to build it.
    expect(child.stdout()).toMatch(/Open:\s+(http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]+|the workspace is not built \(npm run build:renderer\))/);
    const token = readFileSync(tokenFile!, 'utf8').trim();
    const call = async (path: string) => {
      const response = await sendHttp(baseUrl!, path, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, `${path}: ${response.text}`).toBe(200);
      return response.json.data;
    };

    const status = await call('/api/local/sync');
    expect(status).toMatchObject({ configured: true, state: 'idle', last_error: null, conflicts: 1 });
    expect(status.parked).toBeGreaterThanOrEqual(1);

    const conflicts = await call('/api/local/conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ field: 'location', local: 'Pune (edited offline)', remote: 'Hyderabad (edited in the cloud)', status: 'open' });

    // The masked candidate the demo points at can be fetched as printed, and shows masked.
    const maskedPath = child.stdout().match(MASKED_CURL)?.[1];
    expect(maskedPath, child.stdout()).toBeDefined();
    const masked = await call(maskedPath!);
    expect(masked).toMatchObject({ talent_pool_status: 'masked', email: '', phone_number: null });
    const parked = await call('/api/local/parked');
    expect(parked).toContainEqual({ candidate_id: masked.id, field: 'phone_number', value: '+91 98450 00000' });

    // "Meera Offline", created offline, was pushed: the local API still has her, linked.
    const meera = (await call('/api/v1/candidates?search=meera.offline'))[0];
    expect((await call(`/api/local/candidates/${meera.id}/sync`)).linked).toBe(true);

    child.child.kill('SIGTERM');
    expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toContain('Demo stopped.');
    expect(child.stderr()).toBe('');
  });

  it('refuses a port that is not a number with exit 2 and the usage, before starting anything', async () => {
    const refused = startScript('tools/demo.ts', ['--port', 'x', '--data-dir', join(temp.dir, 'never-made')]);
    expect(await refused.waitForExit()).toEqual({ code: 2, signal: null });
    expect(refused.stderr()).toContain('--port must be a whole number from 0 to 65535, not "x".');
    expect(refused.stderr()).toContain('Usage: npm run demo');
    expect(existsSync(join(temp.dir, 'never-made'))).toBe(false);
  });
});
