import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { findCandidateByEmail, findCandidateById } from '../../electron/db/candidate-repository';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { latestSchemaVersion } from '../../electron/db/migrate';
import { writeNewerDatabase } from '../helpers/database-at-version';
import { sha256OfFile } from '../helpers/file-hash';
import { sendHttp } from '../helpers/http-client';
import { type ScriptProcess, startServe } from '../helpers/script-process';
import { makeTempDir } from '../helpers/temp-dir';

const LISTENING = /API:\s+(http:\/\/127\.0\.0\.1:(\d+))\/api\/v1\/candidates\s*\n\s*Token file:\s+(.+)\n/;

// Every test waits on real child processes that compile serve.ts with tsx: a generous ceiling, not a measurement.
describe('npm run serve', { timeout: 90_000 }, () => {
  const children: ScriptProcess[] = [];
  let home: ReturnType<typeof makeTempDir>;
  /** Keeps a child that went wrong from touching the real per-user data folder. */
  let env: NodeJS.ProcessEnv;

  const serve = (args: readonly string[]) => {
    const child = startServe(args, env);
    children.push(child);
    return child;
  };
  const killAll = () => Promise.all(children.splice(0).map((child) => child.kill()));

  async function startServing(dataDir: string, port = '0') {
    const child = serve(['--data-dir', dataDir, '--port', port]);
    const match = await child.waitForStdout(LISTENING);
    return { child, baseUrl: match[1]!, port: Number(match[2]), tokenFile: match[3]!.trim() };
  }

  beforeAll(() => {
    home = makeTempDir('recruiter-desk-home-');
    env = { HOME: home.dir, XDG_CONFIG_HOME: join(home.dir, '.config'), APPDATA: join(home.dir, 'AppData') };
  });
  afterAll(async () => {
    await killAll();
    home.remove();
  });

  // Each usage case is a short-lived process of its own; running them side by side halves the wait.
  describe.concurrent('usage', () => {
    it.each([['--help'], ['-h']])('%s prints the options and exits 0', async (flag) => {
      const child = serve([flag]);
      expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
      const usage = child.stdout();
      expect(usage).toMatch(/Usage/);
      for (const option of ['--data-dir', '--port', '--help']) expect(usage).toContain(option);
      expect(child.stderr()).toBe('');
    });

    it.each([
      { args: ['--bogus'], says: /--bogus/ },
      { args: ['--port', 'abc'], says: /--port.*"abc"/ },
      { args: ['--port', '65536'], says: /--port.*65536/ },
      { args: ['--data-dir'], says: /--data-dir/ },
      { args: ['--data-dir', '  '], says: /--data-dir/ },
      { args: ['stray-positional'], says: /stray-positional/ },
    ])('$args exits 2 with a message on stderr saying what is wrong', async ({ args, says }) => {
      const child = serve(args);
      expect(await child.waitForExit()).toEqual({ code: 2, signal: null });
      const firstLine = child.stderr().split('\n')[0]!;
      expect(firstLine).toMatch(says);
      expect(child.stderr()).toMatch(/Usage/);
      expect(child.stdout()).not.toMatch(/listening/);
    });
  });

  describe('running', () => {
    let temp: ReturnType<typeof makeTempDir>;
    beforeEach(() => {
      temp = makeTempDir();
    });
    afterEach(async () => {
      await killAll();
      temp.remove();
    });

    describe('serving', () => {
      it('prints the URL and token file, guards the token, and answers', async () => {
        const dataDir = join(temp.dir, 'nested', 'data');
        const { baseUrl, port, tokenFile } = await startServing(dataDir);
        expect(port).toBeGreaterThan(0);
        expect(tokenFile).toBe(join(dataDir, 'api-token'));

        expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
        expect(statSync(dataDir).mode & 0o777).toBe(0o700);
        const token = readFileSync(tokenFile, 'utf8').trim();
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);

        const health = await sendHttp(baseUrl, '/api/local/health');
        expect(health.status).toBe(200);
        expect(health.json).toEqual({ status: 'ok', version: packageJson.version });

        const anonymous = await sendHttp(baseUrl, '/api/v1/candidates');
        expect(anonymous.status).toBe(401);
        expect(anonymous.json.error.code).toBe('unauthorized');

        const list = await sendHttp(baseUrl, '/api/v1/candidates', { headers: { authorization: `Bearer ${token}` } });
        expect(list.status).toBe(200);
        expect(list.json.meta.total).toBe(0);
      });

      it.each(['SIGTERM', 'SIGINT'] as const)(
        'keeps a POSTed candidate and exits 0 on %s, leaving a clean database file',
        async (signal) => {
          const dataDir = join(temp.dir, 'data');
          const { child, baseUrl, tokenFile } = await startServing(dataDir);
          const token = readFileSync(tokenFile, 'utf8').trim();
          const created = await sendHttp(baseUrl, '/api/v1/candidates', {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: { full_name: 'Persisted Person', email: `persisted.${signal}@example.com`, location: 'Hyderabad' },
          });
          expect(created.status, created.text).toBe(201);

          child.child.kill(signal);
          expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
          expect(child.stdout()).toContain(`Stopped (${signal})`);
          expect(child.stderr()).toBe('');

          const file = join(dataDir, DATABASE_FILE);
          expect(existsSync(`${file}-wal`)).toBe(false);
          const db = openDatabase(file);
          try {
            const stored = findCandidateByEmail(db, `PERSISTED.${signal}@example.com`);
            expect(stored?.id).toBe(created.json.data.id);
            expect(stored?.full_name).toBe('Persisted Person');
            expect(stored?.location).toBe('Hyderabad');
            expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          } finally {
            closeDatabase(db);
          }
        },
      );

      it('on SIGTERM amid a burst of POSTs, answers each in the contract\u2019s terms and keeps every candidate it acknowledged', async () => {
        const dataDir = join(temp.dir, 'data');
        const { child, baseUrl, tokenFile } = await startServing(dataDir);
        const auth = { authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` };
        const posts = Array.from({ length: 40 }, (_, i) =>
          sendHttp(baseUrl, '/api/v1/candidates', {
            method: 'POST',
            headers: auth,
            body: { full_name: `In Flight ${i}`, email: `in.flight.${i}@example.com` },
          }),
        );
        // Signalled once the server is answering the burst, so the rest of it is in flight.
        await Promise.race(posts);
        child.child.kill('SIGTERM');
        const outcomes = await Promise.allSettled(posts);
        expect(await child.waitForExit()).toEqual({ code: 0, signal: null });

        // A request the server never took is refused at the socket; one it took is answered
        // as the contract answers: created, or an error in the envelope.
        const answered = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        for (const response of answered.filter((r) => r.status !== 201)) {
          expect(Object.keys(response.json ?? {}), `${response.status} ${response.text}`).toEqual(['error']);
          expect(response.json.error.code, response.text).toMatch(/^[a-z_]+$/);
          expect(response.json.error.message, response.text).toBeTypeOf('string');
        }
        const created = answered.filter((r) => r.status === 201);
        const db = openDatabase(join(dataDir, DATABASE_FILE));
        try {
          for (const response of created) expect(findCandidateById(db, response.json.data.id)?.full_name).toBe(response.json.data.full_name);
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        } finally {
          closeDatabase(db);
        }
      });

      it('a request that arrives on an open connection while serve is stopping is answered in the envelope', async () => {
        const dataDir = join(temp.dir, 'data');
        const { child, port, tokenFile } = await startServing(dataDir);
        const token = readFileSync(tokenFile, 'utf8').trim();
        const post = (email: string, extraHeaders = '') => {
          const body = JSON.stringify({ full_name: 'Late Comer', email });
          const head = `POST /api/v1/candidates HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n`;
          return { head, body };
        };
        const socket = connect(port, '127.0.0.1');
        let received = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
        // Once it has answered, a stopping server may close with bytes unread, which resets the connection.
        socket.on('error', () => {});
        const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        try {
          // The first request's body is held back, so it is still in flight when the stop begins. Its
          // 100 Continue says the server has taken it in (its checks ran) before the stop, not after.
          const first = post('first@example.com', 'Expect: 100-continue\r\n');
          socket.write(first.head + first.body.slice(0, 10));
          while (!received.includes('HTTP/1.1 100 Continue')) await new Promise((resolve) => setTimeout(resolve, 5));
          child.child.kill('SIGTERM');
          await waitUntilRefused(port);
          const second = post('second@example.com');
          socket.write(first.body.slice(10) + second.head + second.body);
          await closed;
        } finally {
          socket.destroy();
        }
        expect(await child.waitForExit()).toEqual({ code: 0, signal: null });

        const responses = parseHttpResponses(received);
        expect(responses[0]?.status, received).toBe(201);
        for (const response of responses.slice(1)) {
          if (response.status === 201) continue;
          const json = JSON.parse(response.body);
          expect(Object.keys(json), `${response.status} ${response.body}`).toEqual(['error']);
          expect(json.error.code, response.body).toMatch(/^[a-z_]+$/);
        }
        const db = openDatabase(join(dataDir, DATABASE_FILE));
        try {
          expect(findCandidateByEmail(db, 'first@example.com')?.full_name).toBe('Late Comer');
        } finally {
          closeDatabase(db);
        }
      });

      it('stops on SIGTERM even with an idle keep-alive connection open', async () => {
        const { child, baseUrl } = await startServing(join(temp.dir, 'data'));
        const agent = new Agent({ keepAlive: true });
        try {
          const status = await new Promise<number>((resolve, reject) => {
            const req = httpRequest(`${baseUrl}/api/local/health`, { agent }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end();
          });
          expect(status).toBe(200);
          expect(Object.keys(agent.freeSockets).length).toBe(1);

          child.child.kill('SIGTERM');
          expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
        } finally {
          agent.destroy();
        }
      });

      it('stops at once on a second SIGTERM while a client that stopped sending holds it', async () => {
        const { child, port, tokenFile } = await startServing(join(temp.dir, 'data'));
        const token = readFileSync(tokenFile, 'utf8').trim();
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => {});
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        try {
          socket.write(
            `POST /api/v1/candidates HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
              'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"full_na',
          );
          await new Promise((resolve) => setTimeout(resolve, 200));
          child.child.kill('SIGTERM');
          await waitUntilRefused(port);
          expect(child.child.exitCode).toBeNull();
          child.child.kill('SIGTERM');
          expect(await child.waitForExit()).toEqual({ code: 1, signal: null });
          expect(child.stderr()).toContain('Stopped at once (SIGTERM again)');
        } finally {
          socket.destroy();
        }
      });

      it('tightens an existing token file to 0600 and keeps its token', async () => {
        const dataDir = join(temp.dir, 'data');
        mkdirSync(dataDir, { mode: 0o700 });
        const token = 'an-existing-token-made-by-an-earlier-run-0123456789';
        writeFileSync(join(dataDir, 'api-token'), `${token}\n`, { mode: 0o644 });
        chmodSync(join(dataDir, 'api-token'), 0o644);
        const { baseUrl, tokenFile } = await startServing(dataDir);
        expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
        expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);
        const list = await sendHttp(baseUrl, '/api/v1/candidates', { headers: { authorization: `Bearer ${token}` } });
        expect(list.status).toBe(200);
      });

      it('a restart on the same folder keeps the token and the data', async () => {
        const dataDir = join(temp.dir, 'data');
        const first = await startServing(dataDir);
        const token = readFileSync(first.tokenFile, 'utf8').trim();
        const auth = { authorization: `Bearer ${token}` };
        const created = await sendHttp(first.baseUrl, '/api/v1/candidates', {
          method: 'POST',
          headers: auth,
          body: { full_name: 'Still Here', email: 'still.here@example.com' },
        });
        expect(created.status).toBe(201);
        first.child.child.kill('SIGTERM');
        expect((await first.child.waitForExit()).code).toBe(0);

        const second = await startServing(dataDir);
        expect(readFileSync(second.tokenFile, 'utf8').trim()).toBe(token);
        const list = await sendHttp(second.baseUrl, '/api/v1/candidates', { headers: auth });
        expect(list.status).toBe(200);
        expect(list.json.data.map((c: { id: string }) => c.id)).toEqual([created.json.data.id]);
      });
    });

    describe('failures', () => {
      it('a second serve on a port in use exits 1 saying so, and the first keeps serving', async () => {
        const first = await startServing(join(temp.dir, 'first'));
        const second = serve(['--data-dir', join(temp.dir, 'second'), '--port', String(first.port)]);
        expect(await second.waitForExit()).toEqual({ code: 1, signal: null });
        expect(second.stderr()).toMatch(new RegExp(`Port ${first.port}\\b.*already in use`));
        expect(second.stdout()).not.toMatch(/listening/);

        const health = await sendHttp(first.baseUrl, '/api/local/health');
        expect(health.status).toBe(200);
      });

      it.each([
        {
          name: 'a data folder that is a file',
          prepare: (dir: string) => writeFileSync(dir, 'not a folder'),
          says: (dir: string) => `The data folder ${dir} is a file, not a folder: choose another folder with --data-dir.`,
        },
        {
          name: 'a database file that is not a database',
          prepare: (dir: string) => {
            mkdirSync(dir, { mode: 0o700 });
            writeFileSync(join(dir, DATABASE_FILE), 'a spreadsheet export, not SQLite\n'.repeat(200));
          },
          says: (dir: string) => `${join(dir, DATABASE_FILE)} is not a Recruiter Desk database: move it away, or choose another folder with --data-dir.`,
        },
      ])('$name: exits 1 with a message that names it and says what to do', async ({ prepare, says }) => {
        const dataDir = join(temp.dir, 'data');
        prepare(dataDir);
        const child = serve(['--data-dir', dataDir, '--port', '0']);
        expect(await child.waitForExit()).toEqual({ code: 1, signal: null });
        expect(child.stderr()).toBe(`recruiter-desk serve: ${says(dataDir)}\n`);
      });

      it('a token file that is empty: exits 1 saying how to recover, and does not replace it', async () => {
        const dataDir = join(temp.dir, 'data');
        mkdirSync(dataDir, { mode: 0o700 });
        writeFileSync(join(dataDir, 'api-token'), '\n', { mode: 0o600 });
        const child = serve(['--data-dir', dataDir, '--port', '0']);
        expect(await child.waitForExit()).toEqual({ code: 1, signal: null });
        expect(child.stderr()).toContain(join(dataDir, 'api-token'));
        expect(child.stderr()).toMatch(/delete it/);
        expect(child.stderr()).not.toMatch(/\n\s+at /);
        expect(readFileSync(join(dataDir, 'api-token'), 'utf8')).toBe('\n');
      });

      it('a folder holding a database from a newer version: exits 1 with a clear message, file untouched', async () => {
        const dataDir = join(temp.dir, 'data');
        mkdirSync(dataDir, { mode: 0o700 });
        const file = join(dataDir, DATABASE_FILE);
        const newer = latestSchemaVersion() + 1;
        writeNewerDatabase(file, newer);
        const before = sha256OfFile(file);

        const child = serve(['--data-dir', dataDir, '--port', '0']);
        expect(await child.waitForExit()).toEqual({ code: 1, signal: null });
        expect(child.stderr()).toContain('newer version of Recruiter Desk');
        expect(child.stderr()).toContain(`schema ${newer}`);
        expect(child.stderr()).toMatch(/Update Recruiter Desk/);
        expect(child.stderr()).not.toMatch(/\n\s+at /);
        expect(child.stdout()).not.toMatch(/listening/);

        expect(sha256OfFile(file)).toBe(before);
        expect(readdirSync(dataDir).filter((name) => name.startsWith(DATABASE_FILE))).toEqual([DATABASE_FILE]);
      });
    });
  });
});

/** Resolves once nothing accepts connections on the port any more: the server has begun to close. */
async function waitUntilRefused(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const probe = connect(port, '127.0.0.1');
      probe.once('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The responses in raw HTTP/1.1 bytes read off one connection (Content-Length bodies only). */
function parseHttpResponses(raw: string): { status: number; body: string }[] {
  const responses: { status: number; body: string }[] = [];
  let rest = raw;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return responses;
    const head = rest.slice(0, end);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const bodyBytes = Buffer.from(rest.slice(end + 4), 'utf8');
    // An interim answer (100 Continue) has no body and is not the request's answer.
    if (status >= 200) responses.push({ status, body: bodyBytes.subarray(0, length).toString('utf8') });
    rest = bodyBytes.subarray(length).toString('utf8');
  }
}
