import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncService } from '../../electron/api/routes/sync-routes';
import { RemoteClient } from '../../electron/sync/remote-client';
import { runSync, type SyncOutcome } from '../../electron/sync/sync-engine';
import { SyncScheduler } from '../../electron/sync/sync-scheduler';
import { dumpDatabase } from '../helpers/database-dump';
import type { HttpResponse } from '../helpers/http-client';
import { createLocalCandidate, type SyncSides, type SyncTestApi, startSyncSides, startSyncTestApi } from '../helpers/sync-test-api';

const JOB = '7d3f2a10-4b6c-4e8d-9f01-23456789abcd';
const STATUS_KEYS = [
  'configured',
  'remote_url',
  'state',
  'last_success_at',
  'last_attempt_at',
  'last_error',
  'last_summary',
  'pending',
  'conflicts',
  'parked',
  'failed',
  'conflict_policy',
  'sync_interval_minutes',
].sort();
const SUMMARY_KEYS = ['pulled', 'pushed', 'created', 'linked', 'conflicts', 'parked', 'requests', 'errors'].sort();

function expectError(response: HttpResponse, status: number, code: string, paths?: string[]): void {
  expect(response.status, response.text).toBe(status);
  expect(response.json?.error?.code, response.text).toBe(code);
  if (paths) expect(response.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([...paths].sort());
}

/** Deadline polling: how long it takes is never asserted, only that it happens. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A gate the test opens: runs started while it is shut wait at it. */
function gate() {
  let open: () => void = () => undefined;
  let promise = Promise.resolve();
  return {
    shut: () => {
      promise = new Promise<void>((resolve) => (open = resolve));
    },
    open: () => open(),
    wait: () => promise,
  };
}

describe('/api/local', () => {
  let sides: SyncSides;
  let api: SyncTestApi;
  /** The API this test started, if any: the one to close. */
  let opened: SyncTestApi | undefined;
  let runs: number;
  let active: number;
  let maxActive: number;
  let atGate: number;
  let held: ReturnType<typeof gate>;

  /** The sync service serve builds, with a scheduler that is never started (no timers), so runs happen only on request. */
  function syncService(client = sides.client): SyncService {
    const scheduler = new SyncScheduler({
      run: async (): Promise<SyncOutcome> => {
        runs += 1;
        active += 1;
        maxActive = Math.max(maxActive, active);
        try {
          const outcome = await runSync({ ctx: sides.local.ctx, remote: client, reportError: (error) => sides.reported.engine.push(error) });
          // Held after the work, so a test can see the state of a run in progress and act before it ends.
          atGate += 1;
          await held.wait();
          return outcome;
        } finally {
          active -= 1;
        }
      },
      intervalMs: () => 3_600_000,
      reportError: (error) => sides.reported.engine.push(error),
    });
    return { scheduler, remoteUrl: sides.remote.url };
  }

  let service: SyncService | undefined;
  async function serve(options: { sync?: SyncService } = {}) {
    service = options.sync;
    api = await startSyncTestApi(sides.local, options);
    opened = api;
  }

  beforeEach(async () => {
    runs = 0;
    active = 0;
    maxActive = 0;
    atGate = 0;
    held = gate();
    service = undefined;
    opened = undefined;
    sides = await startSyncSides();
  });
  afterEach(async () => {
    await service?.scheduler.stop();
    await opened?.close();
    await sides.close();
    expect([...sides.reported.engine, ...sides.reported.server].map(String)).toEqual([]);
  });

  describe('auth', () => {
    const routes: [string, string][] = [
      ['GET', '/api/local/sync'],
      ['POST', '/api/local/sync'],
      ['GET', '/api/local/conflicts'],
      ['POST', '/api/local/conflicts/1/resolve'],
      ['GET', '/api/local/parked'],
      ['GET', '/api/local/failures'],
      ['GET', '/api/local/candidates/00000000-0000-4000-8000-000000000000/sync'],
      ['GET', '/api/local/settings'],
      ['PUT', '/api/local/settings'],
    ];

    it('needs the token and a loopback Host on every route, as /api/v1 does, and changes nothing when refused', async () => {
      await serve({ sync: syncService() });
      const before = dumpDatabase(sides.local.db);
      const body = { take: 'local', conflict_policy: 'prefer-local' };
      for (const [method, path] of routes) {
        expectError(await api.call(method, path, { headers: { authorization: '' }, body }), 401, 'unauthorized');
        expectError(await api.call(method, path, { headers: { authorization: 'Bearer wrong-token' }, body }), 401, 'unauthorized');
        expectError(await api.call(method, path, { headers: { host: 'rebound.attacker.example' }, body }), 403, 'host_not_allowed');
        expectError(await api.call(method, path, { headers: { origin: 'https://attacker.example' }, body }), 403, 'origin_not_allowed');
      }
      expect(runs).toBe(0);
      expect(dumpDatabase(sides.local.db)).toEqual(before);
      expect(api.localChanges()).toBe(0);
    });
  });

  describe('GET /api/local/sync', () => {
    it('without a remote: not configured, never synced, the default settings', async () => {
      await serve();
      const response = await api.call('GET', '/api/local/sync');
      expect(response.status).toBe(200);
      expect(Object.keys(response.json.data).sort()).toEqual(STATUS_KEYS);
      expect(response.json.data).toEqual({
        configured: false,
        remote_url: null,
        state: 'never',
        last_success_at: null,
        last_attempt_at: null,
        last_error: null,
        last_summary: null,
        pending: 0,
        conflicts: 0,
        parked: 0,
        failed: 0,
        conflict_policy: 'ask',
        sync_interval_minutes: 5,
      });
    });

    it('counts local candidates the cloud has not seen as pending, remote or not', async () => {
      await serve();
      createLocalCandidate(sides.local, { full_name: 'Offline One', email: 'one@example.com' });
      createLocalCandidate(sides.local, { full_name: 'Offline Two', email: 'two@example.com' });
      expect((await api.call('GET', '/api/local/sync')).json.data.pending).toBe(2);
    });
  });

  describe('POST /api/local/sync', () => {
    it('is 409 sync_not_configured without a remote', async () => {
      await serve();
      expectError(await api.call('POST', '/api/local/sync'), 409, 'sync_not_configured');
      expectError(await api.call('POST', '/api/local/sync?wait=true'), 409, 'sync_not_configured');
    });

    it('answers 202 at once with the status (syncing), and the run completes in the background', async () => {
      sides.remote.controls.seed(5);
      await serve({ sync: syncService() });
      held.shut();
      const accepted = await api.call('POST', '/api/local/sync');
      expect(accepted.status).toBe(202);
      expect(Object.keys(accepted.json.data).sort()).toEqual(STATUS_KEYS);
      expect(accepted.json.data).toMatchObject({ configured: true, remote_url: sides.remote.url, state: 'syncing' });
      expect((await api.call('GET', '/api/local/sync')).json.data.state).toBe('syncing');

      held.open();
      const done = await eventually(
        async () => (await api.call('GET', '/api/local/sync')).json.data,
        (data) => data.state === 'idle',
        'the sync to finish',
      );
      expect(done.last_success_at).toEqual(expect.any(String));
      expect(done.last_attempt_at).toEqual(expect.any(String));
      expect(done.last_error).toBeNull();
      expect(Object.keys(done.last_summary).sort()).toEqual(SUMMARY_KEYS);
      expect(done.last_summary).toMatchObject({ pulled: 5, pushed: 0, conflicts: 0, errors: 0 });
      expect(runs).toBe(1);
    });

    it('with ?wait=true answers when the run is over, with its outcome', async () => {
      sides.remote.controls.seed(3);
      await serve({ sync: syncService() });
      createLocalCandidate(sides.local, { full_name: 'Offline One', email: 'one@example.com' });
      const response = await api.call('POST', '/api/local/sync?wait=true');
      expect(response.status).toBe(200);
      expect(response.json.data).toMatchObject({ state: 'idle', pending: 0, last_error: null });
      expect(response.json.data.outcome).toEqual({
        ok: true,
        error: null,
        summary: expect.objectContaining({ pulled: 3, created: 1, conflicts: 0, errors: 0 }),
      });
      expect(response.json.data.last_summary).toEqual(response.json.data.outcome.summary);
      expect(sides.remote.controls.snapshot().some((c) => c.email === 'one@example.com')).toBe(true);
    });

    it('never overlaps runs: a request during a run is served by a run that sees what changed after it was sent', async () => {
      await serve({ sync: syncService() });
      held.shut();
      expect((await api.call('POST', '/api/local/sync')).status).toBe(202);
      await eventually(async () => atGate, (n) => n === 1, 'the first run to do its work');
      const waiting = api.call('POST', '/api/local/sync?wait=true');
      createLocalCandidate(sides.local, { full_name: 'Late Edit', email: 'late@example.com' });
      held.open();
      const response = await waiting;
      expect(response.status).toBe(200);
      expect(response.json.data.outcome.summary.created).toBe(1);
      expect(runs).toBe(2);
      expect(maxActive).toBe(1);
    });

    it('reports a rejected API key as state api_key_rejected, without the key', async () => {
      const badClient = new RemoteClient({ remoteUrl: sides.remote.url, apiKey: 'rk_wrong_5b1f9e', sleep: async () => undefined });
      await serve({ sync: syncService(badClient) });
      const response = await api.call('POST', '/api/local/sync?wait=true');
      expect(response.status).toBe(200);
      expect(response.json.data).toMatchObject({ state: 'api_key_rejected', last_error: 'API key rejected', last_success_at: null });
      expect(response.json.data.outcome).toMatchObject({ ok: false, error: expect.any(String) });
      expect(response.text).not.toContain('rk_wrong_5b1f9e');
      expect(response.text).not.toContain(sides.remote.apiKey);
    });
  });

  describe('conflicts', () => {
    async function locationConflict() {
      const id = await sides.pulledCandidate({ full_name: 'Kiran Rao', email: 'kiran@example.com', location: 'Chennai' });
      const [conflict] = await sides.conflicting(id, { location: 'Pune' }, { location: 'Hyderabad' });
      return { id, conflictId: conflict!.id };
    }

    it('GET lists open conflicts by default, with every value; ?status and ?candidate_id filter', async () => {
      await serve();
      const first = await locationConflict();
      const other = await sides.pulledCandidate({ full_name: 'Meera Iyer', email: 'meera@example.com', current_company: 'Acme' });
      await sides.conflicting(other, { current_company: 'Local Co' }, { current_company: 'Remote Co' });

      const open = await api.call('GET', '/api/local/conflicts');
      expect(open.status).toBe(200);
      expect(open.json.data).toHaveLength(2);
      expect(open.json.data[0]).toMatchObject({
        id: first.conflictId,
        candidate_id: first.id,
        field: 'location',
        base: 'Chennai',
        local: 'Pune',
        remote: 'Hyderabad',
        status: 'open',
        resolution: null,
        resolved_value: null,
        detected_at: expect.any(String),
        resolved_at: null,
      });
      expect((await api.call('GET', '/api/local/sync')).json.data.conflicts).toBe(2);

      expect((await api.call('POST', `/api/local/conflicts/${first.conflictId}/resolve`, { body: { take: 'local' } })).status).toBe(200);
      const ids = async (query: string) => (await api.call('GET', `/api/local/conflicts${query}`)).json.data.map((c: { field: string }) => c.field);
      expect(await ids('')).toEqual(['current_company']);
      expect(await ids('?status=open')).toEqual(['current_company']);
      expect(await ids('?status=resolved')).toEqual(['location']);
      expect(await ids('?status=all')).toEqual(['location', 'current_company']);
      expect(await ids(`?status=all&candidate_id=${first.id.toUpperCase()}`)).toEqual(['location']);
      expect(await ids('?candidate_id=00000000-0000-4000-8000-000000000000')).toEqual([]);
      expect((await api.call('GET', '/api/local/sync')).json.data.conflicts).toBe(1);
    });

    it('GET refuses a bad status filter or a repeated candidate_id', async () => {
      await serve();
      expectError(await api.call('GET', '/api/local/conflicts?status=closed'), 400, 'validation_error', ['status']);
      expectError(await api.call('GET', '/api/local/conflicts?candidate_id=a&candidate_id=b'), 400, 'validation_error', ['candidate_id']);
    });

    it('POST resolve writes the choice, keeps the conflict as resolved history, and calls onLocalChange once', async () => {
      await serve();
      const { id, conflictId } = await locationConflict();
      const response = await api.call('POST', `/api/local/conflicts/${conflictId}/resolve`, { body: { take: 'value', value: ' Pune / Hyderabad ' } });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toMatchObject({ id: conflictId, status: 'resolved', resolution: 'value', resolved_value: 'Pune / Hyderabad' });
      expect(api.localChanges()).toBe(1);
      expect((await api.call('GET', `/api/v1/candidates/${id}`)).json.data.location).toBe('Pune / Hyderabad');
      expect((await api.call('GET', `/api/local/candidates/${id}/sync`)).json.data.pending_fields).toEqual(['location']);
      await sides.syncOk();
      expect(sides.remote.controls.snapshot().find((c) => c.id === id)!.location).toBe('Pune / Hyderabad');
    });

    it('POST resolve works for a metadata key and an application status', async () => {
      await serve();
      const id = await sides.pulledCandidate({
        full_name: 'Arjun Menon',
        email: 'arjun@example.com',
        metadata: { ats: 'A-1' },
        application: { job_id: JOB, status: 'Applied' },
      });
      const conflicts = await sides.conflicting(
        id,
        { metadata: { ats: 'A-2' }, application: { job_id: JOB, status: 'Interview' } },
        { metadata: { ats: 'A-3' }, application: { job_id: JOB, status: 'Rejected' } },
      );
      const byField = new Map(conflicts.map((c) => [c.field, c.id]));
      expect([...byField.keys()].sort()).toEqual([`applications.${JOB}.status`, 'metadata.ats']);

      const meta = await api.call('POST', `/api/local/conflicts/${byField.get('metadata.ats')}/resolve`, { body: { take: 'remote' } });
      expect(meta.json.data).toMatchObject({ resolution: 'remote', resolved_value: 'A-3' });
      const status = await api.call('POST', `/api/local/conflicts/${byField.get(`applications.${JOB}.status`)}/resolve`, {
        body: { take: 'value', value: 'offered' },
      });
      expect(status.json.data).toMatchObject({ resolution: 'value', resolved_value: 'Offered' });

      const candidate = (await api.call('GET', `/api/v1/candidates/${id}`)).json.data;
      expect(candidate.metadata).toEqual({ ats: 'A-3' });
      expect(candidate.applications.find((a: { job_id: string }) => a.job_id === JOB).status).toBe('Offered');
      expect(api.localChanges()).toBe(2);
      expect((await api.call('GET', '/api/local/sync')).json.data.conflicts).toBe(0);
    });

    it('POST resolve refuses a bad body or value with validation_error, and changes nothing', async () => {
      await serve();
      const { conflictId } = await locationConflict();
      const path = `/api/local/conflicts/${conflictId}/resolve`;
      const before = dumpDatabase(sides.local.db);
      for (const [body, paths] of [
        [{ take: 'both' }, ['take']],
        [{}, ['take']],
        [[], ['']],
        ['local', ['']],
        [{ take: 'local', value: 'x' }, ['value']],
        [{ take: 'value' }, ['value']],
        [{ take: 'value', value: 42 }, ['value']],
        [{ take: 'value', value: 'x'.repeat(501) }, ['value']],
      ] as [unknown, string[]][]) {
        expectError(await api.call('POST', path, { body }), 400, 'validation_error', paths);
      }
      expectError(await api.call('POST', path, { rawBody: '{"take":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
      expectError(await api.call('POST', path, { rawBody: 'take=local', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
      expectError(await api.call('POST', path), 415, 'unsupported_media_type');
      expect(dumpDatabase(sides.local.db)).toEqual(before);
      expect(api.localChanges()).toBe(0);
    });

    it('POST resolve: 404 for an unknown or malformed id (before the body is looked at), 409 already_resolved', async () => {
      await serve();
      const { conflictId } = await locationConflict();
      for (const id of ['999', 'abc', '1.5', '-1', '99999999999999999999']) {
        expectError(await api.call('POST', `/api/local/conflicts/${id}/resolve`, { body: { take: 'local' } }), 404, 'not_found');
        expectError(await api.call('POST', `/api/local/conflicts/${id}/resolve`, { body: { take: 'nonsense' } }), 404, 'not_found');
        expectError(await api.call('POST', `/api/local/conflicts/${id}/resolve`, { rawBody: 'x', headers: { 'content-type': 'text/plain' } }), 404, 'not_found');
      }
      expect((await api.call('POST', `/api/local/conflicts/${conflictId}/resolve`, { body: { take: 'remote' } })).status).toBe(200);
      const again = await api.call('POST', `/api/local/conflicts/${conflictId}/resolve`, { body: { take: 'local' } });
      expectError(again, 409, 'already_resolved');
      expect((await api.call('GET', '/api/local/conflicts?status=resolved')).json.data[0]).toMatchObject({ resolution: 'remote', resolved_value: 'Hyderabad' });
      expect(api.localChanges()).toBe(1);
    });
  });

  describe('parked values, failures and one candidate', () => {
    it('lists a locked value typed for a masked candidate as parked', async () => {
      await serve();
      const { candidate } = sides.remote.controls.addCandidate({ full_name: 'Sana Khan', email: 'sana@example.com' });
      sides.remote.controls.mask(candidate.id);
      const localId = createLocalCandidate(sides.local, { full_name: 'Sana Khan', email: 'sana@example.com', phone_number: '+91 98450 00000' });
      await sides.syncOk();

      const phone = { candidate_id: localId, field: 'phone_number', value: '+91 98450 00000' };
      const parked = (await api.call('GET', '/api/local/parked')).json.data;
      expect(parked).toContainEqual(phone);
      // Only locked fields park (the email typed may be among them: the cloud shows it masked too).
      for (const value of parked) expect(['email', 'phone_number']).toContain(value.field);
      expect((await api.call('GET', '/api/local/sync')).json.data.parked).toBe(parked.length);
      const one = await api.call('GET', `/api/local/candidates/${localId.toUpperCase()}/sync`);
      expect(one.status).toBe(200);
      expect(one.json.data).toMatchObject({
        candidate_id: localId,
        remote_id: candidate.id,
        linked: true,
        pending_fields: [],
        parked,
        conflicts: [],
        failure: null,
        last_synced_remote_version: expect.any(String),
      });
      // /api/v1 shows the candidate masked, as the cloud would.
      expect((await api.call('GET', `/api/v1/candidates/${localId}`)).json.data.phone_number).toBeNull();
    });

    it('lists a push the cloud refused under failures, with its reason', async () => {
      await serve();
      const id = await sides.pulledCandidate({ full_name: 'Ravi Das', email: 'ravi@example.com', application: { job_id: JOB, status: 'Applied' } });
      sides.remote.controls.setPipeline(['Applied', 'Rejected']);
      const put = await api.call('PUT', `/api/v1/candidates/${id}`, { body: { application: { job_id: JOB, status: 'Interview' } } });
      expect(put.status).toBe(200);
      await sides.syncOk();

      const failures = (await api.call('GET', '/api/local/failures')).json.data;
      expect(failures).toEqual([
        expect.objectContaining({ candidate_id: id, operation: 'update', status: 400, code: 'validation_error', failed_at: expect.any(String) }),
      ]);
      // Named as conflicts name an application's part, so the job it was stays known.
      expect(failures[0].details.map((d: { path: string }) => d.path)).toContain(`applications.${JOB}.status`);
      expect((await api.call('GET', '/api/local/sync')).json.data.failed).toBe(1);
      expect((await api.call('GET', `/api/local/candidates/${id}/sync`)).json.data.failure).toMatchObject({ code: 'validation_error' });
    });

    it('shows a candidate the cloud has not seen as not linked; 404 for an unknown id', async () => {
      await serve();
      const id = createLocalCandidate(sides.local, { full_name: 'Offline One', email: 'one@example.com' });
      const one = await api.call('GET', `/api/local/candidates/${id}/sync`);
      expect(one.json.data).toMatchObject({ candidate_id: id, remote_id: null, linked: false, conflicts: [], parked: [], failure: null });
      expect(one.json.data.last_synced_remote_version).toBeNull();
      expectError(await api.call('GET', '/api/local/candidates/00000000-0000-4000-8000-000000000000/sync'), 404, 'not_found');
      expectError(await api.call('GET', '/api/local/candidates/not-an-id/sync'), 404, 'not_found');
    });
  });

  describe('settings', () => {
    it('GET shows the defaults; PUT changes only the keys sent, and GET /api/local/sync follows', async () => {
      await serve();
      expect((await api.call('GET', '/api/local/settings')).json.data).toEqual({ conflict_policy: 'ask', sync_interval_minutes: 5 });

      const first = await api.call('PUT', '/api/local/settings', { body: { conflict_policy: 'prefer-remote' } });
      expect(first.status).toBe(200);
      expect(first.json.data).toEqual({ conflict_policy: 'prefer-remote', sync_interval_minutes: 5 });
      const second = await api.call('PUT', '/api/local/settings', { body: { sync_interval_minutes: 1440 } });
      expect(second.json.data).toEqual({ conflict_policy: 'prefer-remote', sync_interval_minutes: 1440 });
      expect((await api.call('PUT', '/api/local/settings', { body: {} })).json.data).toEqual(second.json.data);

      expect((await api.call('GET', '/api/local/settings')).json.data).toEqual({ conflict_policy: 'prefer-remote', sync_interval_minutes: 1440 });
      expect((await api.call('GET', '/api/local/sync')).json.data).toMatchObject({ conflict_policy: 'prefer-remote', sync_interval_minutes: 1440 });
    });

    it('PUT refuses bad values, each at its own path, and changes nothing', async () => {
      await serve();
      for (const [body, paths] of [
        [{ conflict_policy: 'always-local' }, ['conflict_policy']],
        [{ conflict_policy: null }, ['conflict_policy']],
        [{ sync_interval_minutes: 0 }, ['sync_interval_minutes']],
        [{ sync_interval_minutes: 1441 }, ['sync_interval_minutes']],
        [{ sync_interval_minutes: 2.5 }, ['sync_interval_minutes']],
        [{ sync_interval_minutes: '5' }, ['sync_interval_minutes']],
        [{ sync_interval_minutes: 0, conflict_policy: 'x', remote_url: 'https://x.example' }, ['sync_interval_minutes', 'conflict_policy', 'remote_url']],
        [[], ['']],
        [null, ['']],
      ] as [unknown, string[]][]) {
        expectError(await api.call('PUT', '/api/local/settings', { body }), 400, 'validation_error', paths);
      }
      expectError(await api.call('PUT', '/api/local/settings', { rawBody: '{', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
      expect((await api.call('GET', '/api/local/settings')).json.data).toEqual({ conflict_policy: 'ask', sync_interval_minutes: 5 });
    });
  });

  describe('onLocalChange', () => {
    it('is called after each committed POST and PUT of a candidate, and not after a refused one or a read', async () => {
      await serve();
      const created = await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Asha Rao', email: 'asha@example.com' } });
      expect(created.status).toBe(201);
      expect(api.localChanges()).toBe(1);
      const id = created.json.data.id;
      expect((await api.call('PUT', `/api/v1/candidates/${id}`, { body: { location: 'Pune' } })).status).toBe(200);
      expect(api.localChanges()).toBe(2);

      expectError(await api.call('PUT', `/api/v1/candidates/${id}`, { body: { notice_period_days: -1 } }), 400, 'validation_error');
      expectError(await api.call('POST', '/api/v1/candidates', { body: { full_name: 'No Email' } }), 400, 'validation_error');
      await api.call('GET', `/api/v1/candidates/${id}`);
      await api.call('GET', '/api/v1/candidates');
      await api.call('PUT', '/api/local/settings', { body: { sync_interval_minutes: 10 } });
      expect(api.localChanges()).toBe(2);
    });
  });
});
