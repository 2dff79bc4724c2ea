import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCandidateRowInto } from '../../electron/db/candidate-repository';
import { type TestApi, startTestApi } from '../helpers/test-api';

const FORM = { changed: { full_name: 'Asha P. Kulkarni', current_company: 'Acme' }, note_drafts: { 'job-1': 'Called, keen' } };

describe('/api/local/drafts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const create = async (email: string) =>
    (await api.call('POST', '/api/v1/candidates', { body: { full_name: `Person ${email}`, email } })).json.data as { id: string; updated_at: string };
  const outboxRows = () => api.database.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get();

  it('keeps a candidate form as typed, without touching the candidate, its updated_at or the outbox', async () => {
    const candidate = await create('draft-one@example.com');
    const outbox = outboxRows();
    expect((await api.call('GET', `/api/local/drafts/${candidate.id}`)).json).toEqual({ data: null });

    const saved = await api.call('PUT', `/api/local/drafts/${candidate.id.toUpperCase()}`, { body: { form: FORM, base_updated_at: candidate.updated_at } });
    expect(saved.status).toBe(200);
    expect(saved.json.data).toEqual({ candidate_id: candidate.id, base_updated_at: candidate.updated_at, form: FORM, saved_at: expect.any(String) });
    expect((await api.call('GET', `/api/local/drafts/${candidate.id}`)).json.data).toEqual(saved.json.data);

    const again = { changed: { full_name: 'Asha Kulkarni' }, note_drafts: {} };
    await api.call('PUT', `/api/local/drafts/${candidate.id}`, { body: { form: again, base_updated_at: candidate.updated_at } });
    expect((await api.call('GET', `/api/local/drafts/${candidate.id}`)).json.data.form).toEqual(again);

    const after = (await api.call('GET', `/api/v1/candidates/${candidate.id}`)).json.data;
    expect(after).toMatchObject({ full_name: 'Person draft-one@example.com', updated_at: candidate.updated_at });
    expect(outboxRows()).toBe(outbox);

    expect((await api.call('DELETE', `/api/local/drafts/${candidate.id}`)).status).toBe(204);
    expect((await api.call('GET', `/api/local/drafts/${candidate.id}`)).json).toEqual({ data: null });
    // Discarding twice, as a form saved twice in a row does, is no error.
    expect((await api.call('DELETE', `/api/local/drafts/${candidate.id}`)).status).toBe(204);
  });

  it('keeps one draft for a new candidate, and lists every draft, the latest first, with its name', async () => {
    const candidate = await create('draft-two@example.com');
    await api.call('PUT', `/api/local/drafts/${candidate.id}`, { body: { form: FORM, base_updated_at: candidate.updated_at } });
    const fresh = { changed: { full_name: 'Someone New', email: 'new@example.com' }, note_drafts: {} };
    expect((await api.call('PUT', '/api/local/drafts/new', { body: { form: { changed: {} }, base_updated_at: null } })).status).toBe(200);
    expect((await api.call('PUT', '/api/local/drafts/new', { body: { form: fresh, base_updated_at: null } })).json.data).toMatchObject({ candidate_id: null, form: fresh });

    const listed = (await api.call('GET', '/api/local/drafts')).json.data;
    expect(listed).toEqual([
      { candidate_id: null, full_name: null, saved_at: expect.any(String) },
      { candidate_id: candidate.id, full_name: 'Person draft-two@example.com', saved_at: expect.any(String) },
    ]);
    await api.call('DELETE', '/api/local/drafts/new');
    await api.call('DELETE', `/api/local/drafts/${candidate.id}`);
    expect((await api.call('GET', '/api/local/drafts')).json.data).toEqual([]);
  });

  it('keeps the draft of a candidate merged into another for that one, and answers to the old id', async () => {
    const duplicate = await create('draft-dup@example.com');
    const kept = await create('draft-kept@example.com');
    await api.call('PUT', `/api/local/drafts/${duplicate.id}`, { body: { form: FORM, base_updated_at: duplicate.updated_at } });
    api.database.db.transaction(() => mergeCandidateRowInto(api.database.db, duplicate.id, kept.id))();
    expect((await api.call('GET', `/api/local/drafts/${kept.id}`)).json.data).toMatchObject({ candidate_id: kept.id, form: FORM });
    expect((await api.call('GET', `/api/local/drafts/${duplicate.id}`)).json.data).toMatchObject({ candidate_id: kept.id, form: FORM });
    await api.call('DELETE', `/api/local/drafts/${duplicate.id}`);
    expect((await api.call('GET', `/api/local/drafts/${kept.id}`)).json.data).toBeNull();
  });

  it('folds the merged candidate’s draft into the kept one’s own, the kept form winning field by field', async () => {
    const duplicate = await create('fold-dup@example.com');
    const kept = await create('fold-kept@example.com');
    const keptForm = { changed: { current_company: 'Initech', location: 'Pune' }, note_drafts: { 'job-1': 'Kept note' } };
    const duplicateForm = { changed: { current_company: 'Acme', phone_number: '+91 98450 00000' }, note_drafts: { 'job-1': 'Lost?', 'job-2': 'Second job' } };
    await api.call('PUT', `/api/local/drafts/${kept.id}`, { body: { form: keptForm, base_updated_at: kept.updated_at } });
    await api.call('PUT', `/api/local/drafts/${duplicate.id}`, { body: { form: duplicateForm, base_updated_at: duplicate.updated_at } });
    const duplicateSavedAt = (await api.call('GET', `/api/local/drafts/${duplicate.id}`)).json.data.saved_at;

    api.database.db.transaction(() => mergeCandidateRowInto(api.database.db, duplicate.id, kept.id))();
    expect((await api.call('GET', `/api/local/drafts/${kept.id}`)).json.data).toEqual({
      candidate_id: kept.id,
      base_updated_at: kept.updated_at,
      form: {
        changed: { current_company: 'Initech', location: 'Pune', phone_number: '+91 98450 00000' },
        note_drafts: { 'job-1': 'Kept note', 'job-2': 'Second job' },
      },
      saved_at: duplicateSavedAt,
    });
    expect((await api.call('GET', '/api/local/drafts')).json.data.filter((draft: { candidate_id: string }) => draft.candidate_id === kept.id)).toHaveLength(1);
    await api.call('DELETE', `/api/local/drafts/${kept.id}`);
  });

  it.each([
    ['an unknown candidate', 'PUT', '/api/local/drafts/00000000-0000-4000-8000-000000000000', { form: {}, base_updated_at: null }, 404, 'not_found'],
    ['a form that is not an object', 'PUT', '/api/local/drafts/new', { form: ['x'], base_updated_at: null }, 400, 'validation_error'],
    ['no base_updated_at', 'PUT', '/api/local/drafts/new', { form: {} }, 400, 'validation_error'],
    ['an unknown key', 'PUT', '/api/local/drafts/new', { form: {}, base_updated_at: null, extra: 1 }, 400, 'validation_error'],
    ['reading an unknown candidate', 'GET', '/api/local/drafts/not-a-candidate', undefined, 404, 'not_found'],
    ['discarding for an unknown candidate', 'DELETE', '/api/local/drafts/not-a-candidate', undefined, 404, 'not_found'],
  ])('refuses %s, keeping nothing', async (_what, method, path, body, status, code) => {
    const response = await api.call(method, path, body === undefined ? {} : { body });
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect((await api.call('GET', '/api/local/drafts')).json.data).toEqual([]);
  });

  it('needs the token, as every local endpoint does', async () => {
    const response = await api.call('PUT', '/api/local/drafts/new', { body: { form: {}, base_updated_at: null }, headers: { authorization: '' } });
    expect(response.status).toBe(401);
    expect((await api.call('GET', '/api/local/drafts')).json.data).toEqual([]);
  });
});
