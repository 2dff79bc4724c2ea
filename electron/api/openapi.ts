import { z } from 'zod';
import {
  ApplicationSchema,
  CandidateCreateSchema,
  CandidateSchema,
  CandidateUpdateSchema,
  CandidateWithApplicationsSchema,
} from '@shared/candidate-schema';
import { LIMITS } from '@shared/contract';
import { ErrorEnvelopeSchema } from '@shared/errors';
import { CandidateListQuerySchema } from '@shared/list-query-schema';
import { CandidatePageSchema } from '@shared/list-response-schema';

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const dataOf = (id: string) => json({ type: 'object', properties: { data: ref(id) }, required: ['data'] });
/** What each error status means here, by the envelope's `code`. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '`invalid_json`, or `validation_error` with one detail per offending field or query parameter',
  401: '`unauthorized`: no bearer token, or not this server\'s',
  403: '`host_not_allowed` or `origin_not_allowed`: the request came through another host name or from a web page',
  404: '`not_found`: no candidate has that id',
  409: '`email_taken`: another candidate has that email',
  413: '`payload_too_large`: a body over 1 MiB',
  415: '`unsupported_media_type`: a body not sent as application/json',
};
const PUT_403 = `${ERROR_DESCRIPTIONS[403]}; or \`talent_pool_reveal_required\`: the PUT would change a locked field of a masked candidate (one detail per field), and nothing of it was applied`;

const errors = (statuses: number[], descriptions: Record<number, string> = {}) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { description: descriptions[status] ?? ERROR_DESCRIPTIONS[status], content: json(ref('Error')) }]),
  );

function componentSchemas(): Record<string, JsonSchema> {
  // Every schema with an id is listed, or zod files the unlisted ones under a
  // "__shared" entry whose refs (…/__shared#/$defs/…) no OpenAPI tool resolves.
  const schemas = [
    CandidateSchema,
    ApplicationSchema,
    CandidateCreateSchema,
    CandidateUpdateSchema,
    CandidateWithApplicationsSchema,
    CandidatePageSchema,
    ErrorEnvelopeSchema,
  ];
  const registry = z.registry<{ id: string }>();
  for (const schema of schemas) registry.add(schema, { id: z.globalRegistry.get(schema)?.id as string });
  const { schemas: generated } = z.toJSONSchema(registry, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      // $id "#/components/schemas/X" would make each schema its own resource (a fragment $id is invalid in 2020-12).
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

/** limit and offset arrive as strings of digits; the document gives the integers they stand for. */
const INTEGER_PARAMETERS: Record<string, JsonSchema> = {
  limit: { type: 'integer', minimum: 1, maximum: LIMITS.pageSizeMax, default: LIMITS.pageSizeDefault },
  offset: { type: 'integer', minimum: 0, maximum: LIMITS.offsetMax, default: 0 },
};

function listParameters(): JsonSchema[] {
  const schema = z.toJSONSchema(CandidateListQuerySchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchema>;
  };
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: false, description, schema: INTEGER_PARAMETERS[name] ?? rest };
  });
}

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(version: string): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Recruiter Desk local candidates API',
      version,
      description:
        'The cloud service\'s /api/v1/candidates, served from the local copy on 127.0.0.1. ' +
        'Read-only fields sent in a body (id, skill_array, screening_score, talent_pool_status, created_at, updated_at, applications) are ignored.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: componentSchemas(),
    },
    paths: {
      '/api/v1/candidates': {
        get: {
          summary: 'List candidates, newest first',
          parameters: listParameters(),
          responses: {
            '200': {
              description: 'A page of candidates. As CSV (`?format=csv` or `Accept: text/csv`, this local API only): one header row, arrays joined with "; ", and the total in X-Total-Count.',
              headers: {
                'X-Total-Count': {
                  description: 'With the CSV form: how many candidates match in all, as meta.total says in JSON',
                  schema: { type: 'integer', minimum: 0 },
                },
              },
              content: { ...json(ref('CandidatePage')), 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors([400, 401, 403]),
          },
        },
        post: {
          summary: 'Create a candidate, or match the existing one by email',
          requestBody: { required: true, content: json(ref('CandidateCreate')) },
          responses: {
            '200': { description: 'An existing candidate had that email', content: dataOf('CandidateWithApplications') },
            '201': { description: 'Created', content: dataOf('CandidateWithApplications') },
            ...errors([400, 401, 403, 413, 415]),
          },
        },
      },
      '/api/v1/candidates/{id}': {
        get: {
          summary: 'One candidate with its applications',
          parameters: [idParameter],
          responses: {
            '200': { description: 'The candidate', content: dataOf('CandidateWithApplications') },
            ...errors([401, 403, 404]),
          },
        },
        put: {
          summary: 'Change the fields sent; `application` upserts the application to its job',
          parameters: [idParameter],
          requestBody: { required: true, content: json(ref('CandidateUpdate')) },
          responses: {
            '200': { description: 'The updated candidate', content: dataOf('CandidateWithApplications') },
            ...errors([400, 401, 403, 404, 409, 413, 415], { 403: PUT_403 }),
          },
        },
      },
    },
  };
}
