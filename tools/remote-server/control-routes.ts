import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationError } from '@shared/errors';
import { isPlainObject } from '@shared/field-rules';
import { jsonBody } from '../../electron/api/json-body';
import {
  LatencyRequestSchema,
  PipelineRequestSchema,
  type RemoteControls,
  SeedRequestSchema,
  parseControlInput,
} from './controls';
import { FailNextSchema, FaultSettingsSchema } from './faults';
import { PagingShiftSchema } from './paging-shift';
import { CONTROL_PREFIX } from './route-kinds';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** A candidate body: any JSON object, whose fields the core then checks as it does an API body's. */
function candidateBody(request: FastifyRequest): Record<string, unknown> {
  const body = jsonBody(request);
  if (!isPlainObject(body)) throw validationError([{ path: '', message: 'must be a JSON object' }]);
  return body;
}

/**
 * The controls over HTTP under /_test/, with the same API key, for a client in
 * another process (the CLI sync tests, the demo). Each answers what the
 * in-process control returns, as `{ "data": ... }`, or 204 when it returns nothing.
 */
export function registerControlRoutes(app: FastifyInstance, controls: RemoteControls): void {
  const path = (rest: string) => `${CONTROL_PREFIX}${rest}`;

  app.post(path('seed'), async (request) => {
    const { count, ...options } = parseControlInput(SeedRequestSchema, jsonBody(request));
    return { data: { ids: controls.seed(count, options) } };
  });

  app.post(path('candidates'), async (request, reply) => {
    const added = controls.addCandidate(candidateBody(request));
    return reply.code(added.created ? 201 : 200).send({ data: added });
  });

  app.patch(path('candidates/:id'), async (request: IdRequest) => ({
    data: controls.editAsRecruiter(request.params.id, candidateBody(request)),
  }));

  app.post(path('candidates/:id/mask'), async (request: IdRequest) => ({ data: controls.mask(request.params.id) }));
  app.post(path('candidates/:id/reveal'), async (request: IdRequest) => ({ data: controls.reveal(request.params.id) }));
  app.get(path('snapshot'), async () => ({ data: controls.snapshot() }));

  app.get(path('pipeline'), async () => ({ data: controls.pipeline() }));
  app.put(path('pipeline'), async (request) => ({
    data: controls.setPipeline(parseControlInput(PipelineRequestSchema, jsonBody(request)).statuses),
  }));

  app.put(path('faults'), async (request, reply) => {
    controls.setFaults(parseControlInput(FaultSettingsSchema, jsonBody(request)));
    return reply.code(204).send();
  });
  app.post(path('faults/next'), async (request, reply) => {
    const { count, kind, ...options } = parseControlInput(FailNextSchema, jsonBody(request));
    controls.failNext(count, kind, options);
    return reply.code(204).send();
  });
  app.delete(path('faults'), async (_request, reply) => {
    controls.clearFaults();
    return reply.code(204).send();
  });

  app.put(path('latency'), async (request, reply) => {
    controls.setLatency(parseControlInput(LatencyRequestSchema, jsonBody(request)).ms);
    return reply.code(204).send();
  });

  app.put(path('paging-shift'), async (request, reply) => {
    controls.setPagingShift(parseControlInput(PagingShiftSchema, jsonBody(request)));
    return reply.code(204).send();
  });
  app.delete(path('paging-shift'), async (_request, reply) => {
    controls.setPagingShift(null);
    return reply.code(204).send();
  });

  app.get(path('stats'), async () => ({ data: controls.stats() }));
  app.delete(path('stats'), async (_request, reply) => {
    controls.resetStats();
    return reply.code(204).send();
  });
}
