import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeResumeFileName } from '../../electron/core/resume-files';
import { findCandidateById } from '../../electron/db/candidate-repository';
import { type TestApi, startTestApi } from '../helpers/test-api';

describe('/api/local/candidates/{id}/resume', () => {
  let api: TestApi;
  let candidateId: string;
  beforeAll(async () => {
    api = await startTestApi();
    candidateId = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Resume Holder', email: 'cv@example.com' } })).json.data.id;
  });
  afterAll(async () => {
    await api.close();
  });

  const upload = (name: string, bytes: Buffer, id = candidateId) =>
    api.call('POST', `/api/local/candidates/${id}/resume?name=${encodeURIComponent(name)}`, {
      rawBody: bytes,
      headers: { 'content-type': 'application/pdf' },
    });

  it('keeps the bytes in the data folder, serves them back, and never shows resume_path in the API', async () => {
    const bytes = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => i % 251));
    const before = (await api.call('GET', `/api/v1/candidates/${candidateId}`)).json.data;
    const response = await upload('Résumé 2026.pdf', bytes);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { file_name: 'Résumé 2026.pdf', size_bytes: bytes.length } });

    const download = await fetch(`${api.url}/api/local/candidates/${candidateId}/resume`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Résumé 2026.pdf')}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    // HEAD tells the name without the bytes, for the form's "attached" line.
    const head = await api.call('HEAD', `/api/local/candidates/${candidateId}/resume`);
    expect(head.status).toBe(200);
    expect(head.headers['content-disposition']).toBe(download.headers.get('content-disposition'));
    expect(head.text).toBe('');

    const record = findCandidateById(api.database.db, candidateId)!;
    expect(record.resume_path).toBe(join('resumes', candidateId, 'Résumé 2026.pdf'));
    const after = (await api.call('GET', `/api/v1/candidates/${candidateId}`)).json.data;
    expect(after).not.toHaveProperty('resume_path');
    expect(after.updated_at).toBe(before.updated_at);
  });

  it('replaces the previous file: one resume per candidate', async () => {
    await upload('first.pdf', Buffer.from('one'));
    await upload('second.docx', Buffer.from('two'));
    expect(readdirSync(join(api.database.dir, 'resumes', candidateId))).toEqual(['second.docx']);
  });

  it('keeps a path-like or hostile name inside the candidate folder', async () => {
    const response = await upload('../../../etc/passwd', Buffer.from('x'));
    expect(response.json.data.file_name).toBe('passwd');
    expect(existsSync(join(api.database.dir, 'resumes', candidateId, 'passwd'))).toBe(true);
    expect(safeResumeFileName('C:\\Users\\me\\cv.pdf')).toBe('cv.pdf');
    expect(safeResumeFileName('a<b>:c"?.pdf')).toBe('a_b__c__.pdf');
    expect(safeResumeFileName('..')).toBe('resume');
  });

  it('refuses an empty file, a missing name, an unknown candidate and a file over 10 MiB, changing nothing', async () => {
    const before = findCandidateById(api.database.db, candidateId)!.resume_path;
    const empty = await upload('cv.pdf', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const noName = await api.call('POST', `/api/local/candidates/${candidateId}/resume`, { rawBody: Buffer.from('x') });
    expect(noName.json.error.details[0].path).toBe('name');
    const unknown = await upload('cv.pdf', Buffer.from('x'), '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const huge = await upload('huge.pdf', Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('payload_too_large');
    expect(findCandidateById(api.database.db, candidateId)!.resume_path).toBe(before);
  });

  it('tells what is attached without reading the file, and null (not an error) when nothing is', async () => {
    await upload('cv.pdf', Buffer.from('four'));
    expect((await api.call('GET', `/api/local/candidates/${candidateId}/resume-info`)).json).toEqual({ data: { file_name: 'cv.pdf', size_bytes: 4 } });
    const other = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Info Less', email: 'noinfo@example.com' } })).json.data.id;
    const none = await api.call('GET', `/api/local/candidates/${other}/resume-info`);
    expect(none.status).toBe(200);
    expect(none.json).toEqual({ data: null });
    expect((await api.call('GET', '/api/local/candidates/00000000-0000-4000-8000-000000000000/resume-info')).status).toBe(404);
  });

  it('removes the attached file and its path; a second removal is a 404', async () => {
    const id = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Detach Me', email: 'detach@example.com' } })).json.data.id;
    await upload('wrong file.pdf', Buffer.from('oops'), id);
    const before = (await api.call('GET', `/api/v1/candidates/${id}`)).json.data;

    const removed = await api.call('DELETE', `/api/local/candidates/${id}/resume`);
    expect(removed.status).toBe(204);
    expect(existsSync(join(api.database.dir, 'resumes', id))).toBe(false);
    expect(findCandidateById(api.database.db, id)!.resume_path).toBeNull();
    expect((await api.call('GET', `/api/local/candidates/${id}/resume-info`)).json).toEqual({ data: null });
    expect((await api.call('GET', `/api/v1/candidates/${id}`)).json.data.updated_at).toBe(before.updated_at);

    const again = await api.call('DELETE', `/api/local/candidates/${id}/resume`);
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('not_found');
  });

  it('never serves or deletes a file outside resumes/ that a POSTed resume_path names', async () => {
    writeFileSync(join(api.database.dir, 'notes.txt'), 'private');
    for (const [index, resumePath] of ['api-token', 'notes.txt', join('..', 'elsewhere.pdf')].entries()) {
      const id = (
        await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Path Holder', email: `path.${index}@example.com`, resume_path: resumePath } })
      ).json.data.id;
      expect((await api.call('GET', `/api/local/candidates/${id}/resume`)).status).toBe(404);
      expect((await api.call('GET', `/api/local/candidates/${id}/resume-info`)).json).toEqual({ data: null });
      expect((await api.call('DELETE', `/api/local/candidates/${id}/resume`)).status).toBe(404);
      expect(findCandidateById(api.database.db, id)!.resume_path).toBe(resumePath);
    }
    expect(existsSync(join(api.database.dir, 'api-token'))).toBe(true);
    expect(existsSync(join(api.database.dir, 'notes.txt'))).toBe(true);
  });

  it('answers 404 for a candidate without a resume, and 401 without the token', async () => {
    const other = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'No CV', email: 'nocv@example.com' } })).json.data.id;
    expect((await api.call('GET', `/api/local/candidates/${other}/resume`)).json.error.code).toBe('not_found');
    expect((await api.call('GET', `/api/local/candidates/${candidateId}/resume`, { headers: { authorization: '' } })).status).toBe(401);
  });

  it('still holds the JSON routes to 1 MiB', async () => {
    const response = await api.call('POST', '/api/v1/candidates', { rawBody: Buffer.alloc(1024 * 1024 + 1, 0x20), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
  });
});
