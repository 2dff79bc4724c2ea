import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { AppError, validationError } from '@shared/errors';
import { CandidateListQuerySchema } from '@shared/list-query-schema';
import { issuesToDetails } from '@shared/parse-body';
import {
  candidateExists,
  createOrMatchCandidate,
  getCandidateAsJson,
  listCandidates,
  listCandidatesAsJson,
  updateCandidate,
} from '../../core/candidates';
import type { CoreContext } from '../../core/core-context';
import { candidatesToCsv } from '../candidates-csv';
import { jsonBody } from '../json-body';
import { sendJsonData, sendJsonPage } from '../json-reply';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * JSON first: it is what a request without Accept, or with an Accept that
 * allows both alike, gets. With the charset too, since an Accept parameter
 * must match one of the type offered (`text/csv; charset=utf-8`).
 */
const LIST_MEDIA_TYPES = ['application/json', 'application/json;charset=utf-8', 'text/csv', 'text/csv;charset=utf-8'];

/**
 * The list's own query parameters whose percent-escapes are not UTF-8
 * (`Jos%E9`, Latin-1): the parser keeps them undecoded, so a search for José
 * would quietly find nothing. A literal "%" arrives as %25 and decodes fine;
 * unknown parameters are ignored, as the contract has it.
 */
function undecodableParameters(url: string): string[] {
  const query = url.slice(url.indexOf('?') + 1 || url.length);
  const names = new Set<string>();
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    if (!Object.hasOwn(CandidateListQuerySchema.shape, name)) continue;
    try {
      decodeURIComponent(value.replaceAll('+', ' '));
    } catch {
      names.add(name);
    }
  }
  return [...names];
}

/** `format` decides; else Accept, by its q-values and specificity (`text/csv;q=0` refuses CSV). */
function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return new Negotiator(request).mediaType(LIST_MEDIA_TYPES)?.startsWith('text/csv') ?? false;
}

/** The contract's four endpoints under /api/v1/candidates. */
export function registerCandidateRoutes(app: FastifyInstance, ctx: CoreContext, onLocalChange: () => void): void {
  app.get('/api/v1/candidates', async (request, reply) => {
    const undecodable = undecodableParameters(request.url);
    if (undecodable.length > 0) {
      throw validationError(undecodable.map((name) => ({ path: name, message: 'must be percent-encoded as UTF-8 (José is Jos%C3%A9)' })));
    }
    const parsed = CandidateListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw validationError(issuesToDetails(parsed.error.issues, request.query));
    const query = parsed.data;
    if (wantsCsv(request, query.format)) {
      const { candidates, total } = listCandidates(ctx, query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('x-total-count', String(total))
        .header('content-disposition', 'inline; filename="candidates.csv"')
        .send(candidatesToCsv(candidates));
    }
    const { candidatesJson, total } = listCandidatesAsJson(ctx, query);
    return sendJsonPage(reply, candidatesJson, { total, limit: query.limit, offset: query.offset });
  });

  // Not async: it answers at once, and the API's busiest read needs no promise per request.
  app.get('/api/v1/candidates/:id', (request: IdRequest, reply) => {
    sendJsonData(reply, getCandidateAsJson(ctx, request.params.id));
  });

  app.post('/api/v1/candidates', async (request, reply) => {
    const body = jsonBody(request);
    const { created, candidate } = await ctx.writes.run(() => createOrMatchCandidate(ctx, body));
    onLocalChange();
    return reply.code(created ? 201 : 200).send({ data: candidate });
  });

  app.put(
    '/api/v1/candidates/:id',
    {
      // An unknown id is a 404 before the body is even read: 404 outranks 413, 415 and bad JSON.
      onRequest: async (request: IdRequest) => {
        if (!candidateExists(ctx, request.params.id)) throw new AppError('not_found', 'No candidate has that id.');
      },
    },
    async (request: IdRequest) => {
      const body = jsonBody(request);
      const candidate = await ctx.writes.run(() => updateCandidate(ctx, request.params.id, body));
      onLocalChange();
      return { data: candidate };
    },
  );
}
