import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, validationError } from '@shared/errors';
import { isPlainObject } from '@shared/field-rules';
import { CandidateListQuerySchema } from '@shared/list-query-schema';
import { issuesToDetails } from '@shared/parse-body';
import { jsonBody } from '../../electron/api/json-body';
import { sendJsonPage } from '../../electron/api/json-reply';
import {
  candidateExists,
  createOrMatchCandidate,
  getCandidate,
  listCandidates,
  updateCandidate,
} from '../../electron/core/candidates';
import type { CoreContext } from '../../electron/core/core-context';
import { CANDIDATE_PATH, CANDIDATES_PATH } from './route-kinds';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export interface ContractRoutesOptions {
  ctx: CoreContext;
  organizationId: string;
  /** Runs a write through the core's group commit; the server waits for these before it closes. */
  write: <T>(work: () => T) => Promise<T>;
  /** Called before a list page is read, with its offset: the paging-shift control's hook. */
  beforeListPage: (offset: number) => void;
}

/** `format` is the local API's CSV switch; to the cloud it is just an unknown parameter, ignored. */
const RemoteListQuerySchema = CandidateListQuerySchema.omit({ format: true });

const OWNERS = ['Priya Menon', 'Arjun Rao', 'Sara Thomas', 'Vikram Shah', 'Meera Iyer'] as const;

/**
 * Fields the cloud adds to every candidate that the contract does not list
 * ("responses can carry fields this document does not list"), so clients are
 * tested for ignoring them.
 */
const EXTRA_FIELDS = ['organization_id', 'owner_name'] as const;

function ownerOf(candidateId: string): string {
  let hash = 0;
  for (const char of candidateId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return OWNERS[hash % OWNERS.length] as string;
}

/**
 * A body with the cloud's own extra fields removed: they are read-only there,
 * so a GET's `data` can be sent straight back, as the contract promises.
 */
function withoutExtraFields(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => !(EXTRA_FIELDS as readonly string[]).includes(key)));
}

/** The contract's four endpoints, through the app's own core: the same rules, checks and writes. */
export function registerContractRoutes(app: FastifyInstance, options: ContractRoutesOptions): void {
  const { ctx, write } = options;
  // Added to the core's freshly built view: a spread into a new object cost more than reading the row.
  const withExtras = <T extends { id: string }>(candidate: T) =>
    Object.assign(candidate, { organization_id: options.organizationId, owner_name: ownerOf(candidate.id) });

  app.get(CANDIDATES_PATH, async (request, reply) => {
    const parsed = RemoteListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw validationError(issuesToDetails(parsed.error.issues));
    const query = parsed.data;
    options.beforeListPage(query.offset);
    const { candidates, total } = listCandidates(ctx, query);
    return sendJsonPage(reply, candidates.map((candidate) => JSON.stringify(withExtras(candidate))), { total, limit: query.limit, offset: query.offset });
  });

  app.get(CANDIDATE_PATH, async (request: IdRequest) => ({ data: withExtras(getCandidate(ctx, request.params.id)) }));

  app.post(CANDIDATES_PATH, async (request, reply) => {
    const body = withoutExtraFields(jsonBody(request));
    const { created, candidate } = await write(() => createOrMatchCandidate(ctx, body));
    return reply.code(created ? 201 : 200).send({ data: withExtras(candidate) });
  });

  app.put(
    CANDIDATE_PATH,
    {
      // An unknown id is a 404 before the body is even read: 404 outranks 413, 415 and bad JSON.
      onRequest: async (request: IdRequest) => {
        if (!candidateExists(ctx, request.params.id)) throw new AppError('not_found', 'No candidate has that id.');
      },
    },
    async (request: IdRequest) => {
      const body = withoutExtraFields(jsonBody(request));
      return { data: withExtras(await write(() => updateCandidate(ctx, request.params.id, body))) };
    },
  );
}
