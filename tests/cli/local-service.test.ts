import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalService, type LocalServiceOptions, startLocalService } from '../../electron/cli/local-service';
import { remoteSettingsPath } from '../../electron/cli/remote-settings';
import { createRemoteServer, type RemoteServer } from '../../tools/remote-server/remote-server';
import { sendHttp } from '../helpers/http-client';
import { startScript } from '../helpers/script-process';
import { makeTempDir } from '../helpers/temp-dir';

const JOB = '6f1b3c0e-2d4a-4b8e-9c1d-0a2b3c4d5e6f';

describe('the local service as serve and the desktop app run it', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let service: LocalService | undefined;
  let cloud: RemoteServer | undefined;
  const reported: unknown[] = [];

  beforeEach(() => {
    temp = makeTempDir('recruiter-desk-service-');
    reported.length = 0;
  });
  afterEach(async () => {
    await service?.close();
    await cloud?.close();
    service = undefined;
    cloud = undefined;
    temp.remove();
  });

  const start = async (options: Partial<Pick<LocalServiceOptions, 'rendererDir' | 'remote' | 'drainLimitMs'>> = {}) => {
    service = await startLocalService({ dataDir: join(temp.dir, 'data'), port: 0, reportError: (error) => reported.push(error), ...options });
    return service;
  };
  const call = (method: string, path: string, body?: unknown) =>
    sendHttp(service!.url, path, { method, body, headers: { authorization: `Bearer ${service!.credentials.token()}` } });

  it('reads the newest candidates once right after start, so the workspace opens on a cached list', async () => {
    const started = await start();
    const newestFirst = { search: '', jobId: undefined };
    expect(started.ctx.listCache.has(newestFirst)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.ctx.listCache.has(newestFirst)).toBe(true);
    expect(reported).toEqual([]);
  });

  describe('one per data folder', () => {
    it('refuses a second service on the folder, naming the first; a folder closed is free again', async () => {
      const first = await start();
      // The lock is a file of its own, and nothing else: no journal beside it.
      expect(readdirSync(join(temp.dir, 'data')).filter((name) => name.startsWith('instance.lock'))).toEqual(['instance.lock']);
      await expect(startLocalService({ dataDir: join(temp.dir, 'data'), port: 0, reportError: (error) => reported.push(error) })).rejects.toThrow(
        `Recruiter Desk is already serving ${join(temp.dir, 'data')} at ${first.url} (process ${process.pid}`,
      );
      await first.close();
      service = undefined;
      expect(existsSync(join(temp.dir, 'data', 'serve.lock'))).toBe(false);
      await start();
    });

    it('pays no heed to a holder file its holder left behind, though its pid names a live process now', async () => {
      const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
      mkdirSync(join(temp.dir, 'data'), { recursive: true });
      const holderFile = join(temp.dir, 'data', 'serve.lock');
      writeFileSync(holderFile, JSON.stringify({ host: hostname(), pid: gone.pid, url: 'http://127.0.0.1:1' }));
      const started = await start();
      expect(JSON.parse(readFileSync(holderFile, 'utf8'))).toEqual({ host: hostname(), pid: process.pid, url: started.url });
      await started.close();
      service = undefined;

      // After a crash or a power cut the pid in the file is often some other live process's (here, this one's parent).
      writeFileSync(holderFile, JSON.stringify({ host: hostname(), pid: process.ppid, url: 'http://127.0.0.1:1' }));
      expect((await start()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it("is held by the operating system for another process, and let go when that process is killed", async () => {
      const dataDir = join(temp.dir, 'data');
      mkdirSync(dataDir, { recursive: true });
      const holder = startScript('tests/helpers/instance-lock-child.ts', [dataDir, 'http://127.0.0.1:9']);
      try {
        await holder.waitForStdout(/held/);
        await expect(start()).rejects.toThrow(`Recruiter Desk is already serving ${dataDir} at http://127.0.0.1:9 (process ${holder.child.pid} on ${hostname()}).`);
        await holder.kill();
        expect(existsSync(join(dataDir, 'serve.lock'))).toBe(true);
        expect((await start()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      } finally {
        await holder.kill();
      }
    });
  });

  describe('closing', () => {
    /** A server that takes connections and never answers, as a cloud behind a dead proxy does. */
    const silentServer = async () => {
      const server = createServer(() => undefined);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    };

    it('ends a sync waiting on a cloud that does not answer once the drain limit is up, recording why, rather than after every retry', async () => {
      const silent = await silentServer();
      try {
        const started = await start({ remote: { url: silent.url, token: 'rk_silent_1234' }, drainLimitMs: 300 });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(started.sync()?.scheduler.running).toBe(true);
        const before = performance.now();
        await started.close();
        service = undefined;
        expect(performance.now() - before).toBeLessThan(3_000);
        const reopened = await start();
        const status = await call('GET', '/api/local/sync');
        expect(status.json.data).toMatchObject({ state: 'failed', last_error: expect.stringContaining('The sync was stopped before the remote answered') });
        await reopened.close();
        service = undefined;
      } finally {
        await silent.close();
      }
    });

    it('cuts off a request whose client stopped sending once the drain limit is up', async () => {
      const started = await start({ drainLimitMs: 300 });
      const port = new URL(started.url).port;
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      const cutOff = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST /api/v1/candidates HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${started.credentials.token()}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"full_na',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = performance.now();
      await started.close();
      service = undefined;
      expect(performance.now() - before).toBeLessThan(2_000);
      await cutOff;
    });
  });

  describe('the workspace page', () => {
    const writeRenderer = () => {
      const dir = join(temp.dir, 'renderer');
      mkdirSync(join(dir, 'assets'), { recursive: true });
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Recruiter Desk</title><script type="module" src="./assets/app.js"></script>');
      writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("workspace")');
      return dir;
    };

    it('is served at / without the token, under a CSP that allows only this origin', async () => {
      const { url } = await start({ rendererDir: writeRenderer() });
      const page = await sendHttp(url, '/');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<title>Recruiter Desk</title>');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      const script = await sendHttp(url, '/assets/app.js');
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
    });

    it('keeps the API closed: a foreign Host is refused even for the page, /api still needs the token, other paths 404', async () => {
      const { url } = await start({ rendererDir: writeRenderer() });
      expect((await sendHttp(url, '/', { headers: { host: 'rebind.example:80' } })).status).toBe(403);
      expect((await sendHttp(url, '/api/v1/candidates')).status).toBe(401);
      const missing = await call('GET', '/assets/missing.js');
      expect(missing.status).toBe(404);
      expect(missing.json.error.code).toBe('not_found');
    });

    it('hands out workspace addresses whose code opens a session once', async () => {
      await start({ rendererDir: writeRenderer() });
      const address = new URL(service!.issueWorkspaceUrl()!);
      expect(address.origin).toBe(service!.url);
      const code = address.searchParams.get('code');
      const traded = await sendHttp(service!.url, '/api/local/session', { method: 'POST', body: { code } });
      expect(traded.json.data.token).toBe(service!.credentials.token());
      expect((await sendHttp(service!.url, '/api/local/session', { method: 'POST', body: { code } })).status).toBe(401);
    });

    it('is absent when no renderer is built: no address to hand out, and / is a 401 like any unknown path', async () => {
      await start({ rendererDir: join(temp.dir, 'not-built') });
      expect(service!.issueWorkspaceUrl()).toBeUndefined();
      expect((await sendHttp(service!.url, '/')).status).toBe(401);
    });
  });

  describe('the cloud set from the app', () => {
    it('connects, syncs, keeps the key in a 0600 file and never shows it; disconnecting forgets it', async () => {
      cloud = await createRemoteServer({ initialCandidates: 5, reportError: (error) => reported.push(error) });
      await start();
      expect((await call('GET', '/api/local/remote')).json).toEqual({ data: { remote_url: null, has_api_key: false } });
      expect((await call('GET', '/api/local/sync')).json.data.configured).toBe(false);

      const connected = await call('PUT', '/api/local/remote', { remote_url: cloud.url, api_key: cloud.apiKey });
      expect(connected.status).toBe(200);
      expect(connected.json).toEqual({ data: { remote_url: cloud.url, has_api_key: true, cloud_reached: true, cloud_error: null } });
      expect(connected.text).not.toContain(cloud.apiKey);
      const file = remoteSettingsPath(join(temp.dir, 'data'));
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ remote_url: cloud.url, remote_token: cloud.apiKey });
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const synced = await call('POST', '/api/local/sync?wait=true');
      expect(synced.json.data.outcome.ok).toBe(true);
      expect((await call('GET', '/api/v1/candidates')).json.meta.total).toBe(5);
      expect(JSON.stringify((await call('GET', '/api/local/remote')).json)).not.toContain(cloud.apiKey);

      expect((await call('DELETE', '/api/local/remote')).status).toBe(204);
      expect(existsSync(file)).toBe(false);
      expect((await call('GET', '/api/local/sync')).json.data.configured).toBe(false);
      expect((await call('POST', '/api/local/sync')).json.error.code).toBe('sync_not_configured');
      expect(reported).toEqual([]);
    });

    it('refuses a key the cloud rejects, keeping the cloud saved before; an unreachable cloud cannot tell, so its key is kept', async () => {
      cloud = await createRemoteServer({ initialCandidates: 1, reportError: (error) => reported.push(error) });
      await start();
      expect((await call('PUT', '/api/local/remote', { remote_url: cloud.url, api_key: cloud.apiKey })).status).toBe(200);
      const file = remoteSettingsPath(join(temp.dir, 'data'));

      const rejected = await call('PUT', '/api/local/remote', { remote_url: cloud.url, api_key: 'rk_wrong_key_1234' });
      expect(rejected.status).toBe(400);
      expect(rejected.json.error.details).toEqual([{ path: 'api_key', message: 'The cloud refused this API key (401). Nothing was saved: check the key and enter it again.' }]);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ remote_url: cloud.url, remote_token: cloud.apiKey });

      const offline = await call('PUT', '/api/local/remote', { remote_url: 'http://127.0.0.1:9', api_key: 'rk_unchecked_1234' });
      expect(offline.status).toBe(200);
      // Saved, and said to be unchecked, with why: the form tells the recruiter rather than claim all is well.
      expect(offline.json.data).toMatchObject({ remote_url: 'http://127.0.0.1:9', has_api_key: true, cloud_reached: false, cloud_error: expect.stringMatching(/refused the connection/) });
      expect(offline.text).not.toContain('rk_unchecked_1234');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ remote_url: 'http://127.0.0.1:9', remote_token: 'rk_unchecked_1234' });
    });

    it('refuses an address that is not http(s) at its field, and keeps what was there', async () => {
      await start();
      const refused = await call('PUT', '/api/local/remote', { remote_url: 'ftp://cloud.example', api_key: 'key' });
      expect(refused.status).toBe(400);
      expect(refused.json.error.details[0].path).toBe('remote_url');
      const noKey = await call('PUT', '/api/local/remote', { remote_url: 'https://cloud.example' });
      expect(noKey.json.error.details[0].path).toBe('api_key');
      expect(existsSync(remoteSettingsPath(join(temp.dir, 'data')))).toBe(false);
      expect((await call('GET', '/api/local/remote')).json.data).toEqual({ remote_url: null, has_api_key: false });
    });

    it('refuses an address that answers with a redirect at its field, naming where it points, and saves nothing', async () => {
      const redirecting = createServer((request, response) => {
        response.writeHead(301, { location: `https://cloud.example${request.url ?? ''}` }).end();
      });
      await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
      try {
        await start();
        const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
        const refused = await call('PUT', '/api/local/remote', { remote_url: url, api_key: 'rk_moved_1234' });
        expect(refused.status).toBe(400);
        expect(refused.json.error.details).toEqual([
          {
            path: 'remote_url',
            message:
              'The remote redirects to https://cloud.example/api/v1/candidates?limit=1&offset=0; redirects are not followed, so that the key ' +
              'goes only to the remote URL set. If https://cloud.example is your cloud, set the remote URL to it. Nothing was saved.',
          },
        ]);
        expect(existsSync(remoteSettingsPath(join(temp.dir, 'data')))).toBe(false);
      } finally {
        await new Promise((resolve) => redirecting.close(resolve));
      }
    });

    it('picks up a saved cloud at start', async () => {
      cloud = await createRemoteServer({ initialCandidates: 2, reportError: (error) => reported.push(error) });
      mkdirSync(join(temp.dir, 'data'), { recursive: true });
      writeFileSync(remoteSettingsPath(join(temp.dir, 'data')), JSON.stringify({ remote_url: cloud.url, remote_token: cloud.apiKey }), { mode: 0o600 });
      await start();
      expect((await call('GET', '/api/local/remote')).json.data).toEqual({ remote_url: cloud.url, has_api_key: true });
    });
  });

  describe('sync states per candidate, and retrying a refused push', () => {
    it('lists local-only, pending and failed candidates; a retry after the cause is fixed brings them in step', async () => {
      cloud = await createRemoteServer({ reportError: (error) => reported.push(error) });
      await start();
      await call('PUT', '/api/local/remote', { remote_url: cloud.url, api_key: cloud.apiKey });
      await call('POST', '/api/local/sync?wait=true');

      const plain = (await call('POST', '/api/v1/candidates', { full_name: 'Plain Local', email: 'plain@example.com' })).json.data;
      // A status the cloud's pipeline does not have: the cloud refuses the push.
      await call('PUT', '/api/local/pipeline-statuses', { statuses: ['Applied', 'Phone screen'] });
      const odd = (await call('POST', '/api/v1/candidates', {
        full_name: 'Odd Status',
        email: 'odd@example.com',
        application: { job_id: JOB, status: 'Phone screen' },
      })).json.data;
      expect((await call('GET', '/api/local/candidate-sync-states')).json.data).toEqual({ [plain.id]: 'local_only', [odd.id]: 'local_only' });

      await call('POST', '/api/local/sync?wait=true');
      const afterPush = (await call('GET', '/api/local/candidate-sync-states')).json.data;
      expect(afterPush[plain.id]).toBeUndefined();
      expect(afterPush[odd.id]).toBe('failed');
      const failures = (await call('GET', '/api/local/failures')).json.data;
      expect(failures.map((failure: { candidate_id: string }) => failure.candidate_id)).toEqual([odd.id]);

      await call('PUT', `/api/v1/candidates/${plain.id}`, { location: 'Pune' });
      expect((await call('GET', '/api/local/candidate-sync-states')).json.data[plain.id]).toBe('pending');

      cloud.controls.setPipeline(['Applied', 'Phone screen']);
      expect((await call('POST', `/api/local/failures/${odd.id}/retry`)).status).toBe(204);
      expect((await call('POST', `/api/local/failures/${odd.id}/retry`)).status).toBe(404);
      await call('POST', '/api/local/sync?wait=true');
      expect((await call('GET', '/api/local/candidate-sync-states')).json.data).toEqual({});
      expect(cloud.controls.snapshot().map((candidate) => candidate.email).sort()).toEqual(['odd@example.com', 'plain@example.com']);
    });

    it('lists no local-only candidates while no cloud is configured (every candidate is local then)', async () => {
      await start();
      await call('POST', '/api/v1/candidates', { full_name: 'Offline Only', email: 'offline@example.com' });
      expect((await call('GET', '/api/local/candidate-sync-states')).json.data).toEqual({});
    });
  });
});
