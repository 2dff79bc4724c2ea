import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApplicationSchema, CandidateSchema } from '../../shared/candidate-schema';
import { ErrorDetailSchema, ErrorEnvelopeSchema } from '../../shared/errors';
import { CandidatePageSchema } from '../../shared/list-response-schema';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import { APPLICATION_FIELDS, CANDIDATE_FIELDS, ISO_TIMESTAMP, expectError } from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';

// The shared schemas made strict all the way down: a response may carry the contract's fields and nothing more.
const timestamp = z.string().regex(ISO_TIMESTAMP);
const StrictApplication = ApplicationSchema.extend({ created_at: timestamp, updated_at: timestamp }).strict();
const StrictCandidate = CandidateSchema.extend({ created_at: timestamp, updated_at: timestamp }).strict();
const StrictOne = z.strictObject({ data: StrictCandidate.extend({ applications: z.array(StrictApplication) }).strict() });
const StrictPage = z.strictObject({ data: z.array(StrictCandidate), meta: CandidatePageSchema.shape.meta.strict() });
const StrictError = z.strictObject({
  error: ErrorEnvelopeSchema.shape.error.extend({ details: z.array(ErrorDetailSchema.strict()).optional() }).strict(),
});

const JOB_ID = '550e8400-e29b-41d4-a716-446655440000';

type Json = any;

/** The node a local `$ref` ("#/a/b") points at in the document, or undefined. */
function resolve(document: Json, ref: string): Json {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node: Json, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), document);
}

function collectRefs(node: Json, refs: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, refs));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

describe('GET /api/v1/openapi.json', () => {
  let api: TestApi;
  let document: Json;
  const schema = (name: string) => document.components.schemas[name];
  const deref = (node: Json): Json => (node?.$ref ? deref(resolve(document, node.$ref)) : node);

  beforeAll(async () => {
    api = await startTestApi();
    const response = await api.call('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    document = response.json;
  });
  afterAll(async () => {
    await api.close();
  });

  it('needs the token', async () => {
    expectError(await api.call('GET', '/api/v1/openapi.json', { headers: { authorization: '' } }), 401, 'unauthorized');
  });

  it('is an OpenAPI 3.1.0 document of the four operations', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toEqual(expect.any(String));
    expect(document.info.version).toEqual(expect.any(String));
    expect(Object.keys(document.paths).sort()).toEqual(['/api/v1/candidates', '/api/v1/candidates/{id}']);
    expect(Object.keys(document.paths['/api/v1/candidates']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/v1/candidates/{id}']).sort()).toEqual(['get', 'put']);
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('resolves every $ref inside the document, to a component schema', () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(resolve(document, ref), ref).toBeTypeOf('object');
    }
  });

  it('describes the contract objects as component schemas with exactly their fields', () => {
    for (const name of ['Candidate', 'Application', 'CandidateWithApplications', 'CandidatePage', 'CandidateCreate', 'CandidateUpdate', 'Error']) {
      expect(schema(name), name).toBeTypeOf('object');
    }
    expect(Object.keys(schema('Candidate').properties).sort()).toEqual([...CANDIDATE_FIELDS].sort());
    expect(Object.keys(schema('Application').properties).sort()).toEqual([...APPLICATION_FIELDS].sort());
    const withApplications = deref(schema('CandidateWithApplications'));
    expect(Object.keys(withApplications.properties).sort()).toEqual([...CANDIDATE_FIELDS, 'applications'].sort());
    expect(deref(withApplications.properties.applications.items)).toEqual(schema('Application'));
    expect(deref(schema('CandidatePage').properties.data.items)).toEqual(schema('Candidate'));
    expect(Object.keys(schema('CandidatePage').properties.meta.properties).sort()).toEqual(['limit', 'offset', 'total']);
  });

  it('describes the request bodies: create needs full_name and email, only create takes resume_path, no unknown fields', () => {
    const create = schema('CandidateCreate');
    const update = schema('CandidateUpdate');
    const writable = CANDIDATE_FIELDS.filter(
      (field) => !['id', 'skill_array', 'screening_score', 'talent_pool_status', 'created_at', 'updated_at'].includes(field),
    );
    expect(Object.keys(create.properties).sort()).toEqual([...writable, 'application', 'resume_path'].sort());
    expect(Object.keys(update.properties).sort()).toEqual([...writable, 'application'].sort());
    expect(create.required.sort()).toEqual(['email', 'full_name']);
    expect(update.required ?? []).toEqual([]);
    expect(create.additionalProperties).toBe(false);
    expect(update.additionalProperties).toBe(false);
    expect(Object.keys(create.properties.application.properties).sort()).toEqual(['job_id', 'notes', 'status']);
    expect(create.properties.application.required).toEqual(['job_id']);
    const candidates = document.paths['/api/v1/candidates'];
    const one = document.paths['/api/v1/candidates/{id}'];
    expect(deref(candidates.post.requestBody.content['application/json'].schema)).toEqual(create);
    expect(deref(one.put.requestBody.content['application/json'].schema)).toEqual(update);
  });

  it('describes the list parameters with their bounds', () => {
    const parameters = document.paths['/api/v1/candidates'].get.parameters as Json[];
    const byName = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['search', 'job_id', 'limit', 'offset']));
    for (const parameter of parameters) expect(parameter).toMatchObject({ in: 'query', required: false });
    expect(byName.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 50 });
    expect(byName.offset.schema).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    expect(byName.job_id.schema).toMatchObject({ type: 'string', format: 'uuid' });
  });

  it("answers each operation's success and error statuses with the right schemas", () => {
    const candidates = document.paths['/api/v1/candidates'];
    const one = document.paths['/api/v1/candidates/{id}'];
    const dataOf = (response: Json) => deref(deref(response.content['application/json'].schema).properties.data);
    expect(deref(candidates.get.responses['200'].content['application/json'].schema)).toEqual(schema('CandidatePage'));
    for (const response of [candidates.post.responses['200'], candidates.post.responses['201'], one.get.responses['200'], one.put.responses['200']]) {
      expect(dataOf(response)).toEqual(schema('CandidateWithApplications'));
    }
    const errorStatuses = (operation: Json) => Object.keys(operation.responses).filter((status) => status >= '400').sort();
    expect(errorStatuses(candidates.get)).toEqual(expect.arrayContaining(['400', '401']));
    expect(errorStatuses(candidates.post)).toEqual(expect.arrayContaining(['400', '401', '413', '415']));
    expect(errorStatuses(one.get)).toEqual(expect.arrayContaining(['401', '404']));
    expect(errorStatuses(one.put)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '413', '415']));
    for (const operation of [candidates.get, candidates.post, one.get, one.put]) {
      for (const status of errorStatuses(operation)) {
        expect(deref(operation.responses[status].content['application/json'].schema)).toEqual(schema('Error'));
      }
      // The Host and Origin guards answer any operation.
      expect(operation.responses['403'].description).toMatch(/host_not_allowed.*origin_not_allowed/);
    }
    expect(one.put.responses['403'].description).toContain('talent_pool_reveal_required');
    expect(candidates.post.responses['409']).toBeUndefined();
    expect(one.put.responses['409'].description).toContain('email_taken');
  });

  it('declares the X-Total-Count header the CSV form of the list carries', async () => {
    const header = document.paths['/api/v1/candidates'].get.responses['200'].headers['X-Total-Count'];
    expect(header.schema).toEqual({ type: 'integer', minimum: 0 });
    const csv = await api.call('GET', '/api/v1/candidates?format=csv&limit=1');
    expect(csv.headers['x-total-count']).toMatch(/^\d+$/);
  });
});

describe('responses against the shared schemas', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    insertCandidate(api.database.db, makeCandidateRecord({ email: 'masked.schema@example.com', talent_pool_status: 'masked' }));
  });
  afterAll(async () => {
    await api.close();
  });

  it('POST, GET and PUT answer exactly the contract fields', async () => {
    const body = { full_name: 'Schema Check', email: 'schema.check@example.com', metadata: { a: 1 }, application: { job_id: JOB_ID } };
    const created = await api.call('POST', '/api/v1/candidates', { body });
    expect(created.status).toBe(201);
    StrictOne.parse(created.json);
    const matched = await api.call('POST', '/api/v1/candidates', { body });
    expect(matched.status).toBe(200);
    StrictOne.parse(matched.json);
    const id = created.json.data.id;
    StrictOne.parse((await api.call('GET', `/api/v1/candidates/${id}`)).json);
    StrictOne.parse((await api.call('PUT', `/api/v1/candidates/${id}`, { body: { location: 'Pune', application: { job_id: JOB_ID, status: 'Hired' } } })).json);
  });

  it('the list answers exactly the contract fields, masked candidates included', async () => {
    const response = await api.call('GET', '/api/v1/candidates');
    expect(response.json.data.length).toBeGreaterThan(0);
    StrictPage.parse(response.json);
  });

  it('errors answer exactly the envelope', async () => {
    const responses = [
      await api.call('POST', '/api/v1/candidates', { body: { full_name: '' } }),
      await api.call('GET', '/api/v1/candidates?limit=0'),
      await api.call('GET', '/api/v1/candidates/unknown'),
      await api.call('GET', '/api/v1/candidates', { headers: { authorization: '' } }),
      await api.call('POST', '/api/v1/candidates', { rawBody: '{', headers: { 'content-type': 'application/json' } }),
      await api.call('POST', '/api/v1/candidates', { rawBody: '{}', headers: { 'content-type': 'text/plain' } }),
    ];
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      StrictError.parse(response.json);
    }
  });
});
