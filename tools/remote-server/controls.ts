import { z } from 'zod';
import { validationError } from '@shared/errors';
import { issuesToDetails } from '@shared/parse-body';
import { createOrMatchCandidate } from '../../electron/core/candidates';
import type { CoreContext } from '../../electron/core/core-context';
import { listPipelineStatuses, replacePipelineStatuses } from '../../electron/db/pipeline-repository';
import type { CandidateGenerator } from './candidate-generator';
import {
  type FailNext,
  FailNextSchema,
  type FaultInjector,
  type FaultKind,
  type FaultSettings,
  FaultSettingsSchema,
} from './faults';
import { type PagingShift, PagingShiftSchema, type PagingShifter } from './paging-shift';
import {
  type RemoteCandidate,
  editAsRecruiter,
  readRemoteCandidate,
  seedCandidates,
  setTalentPoolStatus,
  snapshotCandidates,
} from './remote-store';
import type { RemoteStats, RequestStats } from './request-stats';

/** Test-only controls of the remote, in process; the same operations are served under /_test/. */
export interface RemoteControls {
  /** Adds `count` generated candidates (the same ones for the server's seed); returns their ids in the order made. */
  seed(count: number, options?: SeedOptions): string[];
  /** Creates a candidate as another recruiter would (POST's rules; an existing email is matched, not changed). */
  addCandidate(fields: Record<string, unknown>): AddedCandidate;
  /** Changes fields (and upserts `application`) as a recruiter in the dashboard: real values, even while masked. */
  editAsRecruiter(id: string, changes: Record<string, unknown>): RemoteCandidate;
  mask(id: string): RemoteCandidate;
  reveal(id: string): RemoteCandidate;
  /** Every candidate with its real values and applications, newest first. */
  snapshot(): RemoteCandidate[];
  pipeline(): string[];
  setPipeline(statuses: readonly string[]): string[];
  /** Replaces every fault rule (and restarts the rate generator). */
  setFaults(settings: FaultSettings): void;
  /** The next `count` requests (of `options.routes`, default all four) suffer `kind`, ahead of every other rule. */
  failNext(count: number, kind: FaultKind, options?: Omit<FailNext, 'count' | 'kind'>): void;
  clearFaults(): void;
  /** Fixed latency added to every API request (not to /_test/ ones); 0 for none. */
  setLatency(ms: number): void;
  /** Arms a paging shift, or disarms it with null. */
  setPagingShift(shift: PagingShift | null): void;
  stats(): RemoteStats;
  resetStats(): void;
}

export interface SeedOptions {
  /** Default 0.1. */
  maskedShare?: number;
  /** Default 0.05. */
  revealedShare?: number;
}

export interface AddedCandidate {
  /** false when a candidate already had that email: it is returned unchanged but for the application. */
  created: boolean;
  candidate: RemoteCandidate;
}

/** What the controls act on; the server owns it. */
export interface RemoteState {
  ctx: CoreContext;
  generator: CandidateGenerator;
  /** The server's start: seeded candidates were created before it. */
  startedAt: number;
  faults: FaultInjector;
  stats: RequestStats;
  pagingShift: PagingShifter;
  latencyMs: number;
}

const share = z.number().min(0).max(1);

export const SeedRequestSchema = z
  .strictObject({
    count: z.number().int().min(1).max(1_000_000),
    maskedShare: share.default(0.1),
    revealedShare: share.default(0.05),
  })
  .refine((value) => value.maskedShare + value.revealedShare <= 1, {
    path: ['revealedShare'],
    message: 'maskedShare and revealedShare add up to more than 1',
  });

export const PipelineRequestSchema = z.strictObject({
  statuses: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .refine((names) => new Set(names.map((name) => name.toLowerCase())).size === names.length, 'must be unique, ignoring case'),
});

export const LatencyRequestSchema = z.strictObject({ ms: z.number().int().min(0).max(600_000) });

/** Control inputs are checked as strictly as API bodies, in process too: a typo in a test fails loudly. */
export function parseControlInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(issuesToDetails(result.error.issues));
  return result.data;
}

export function createRemoteControls(state: RemoteState): RemoteControls {
  const { ctx } = state;
  return {
    seed: (count, options = {}) => {
      const { count: n, ...shares } = parseControlInput(SeedRequestSchema, { count, ...options });
      return seedCandidates(ctx, state.generator, n, state.startedAt, shares);
    },
    addCandidate: (fields) => {
      const { created, candidate } = createOrMatchCandidate(ctx, fields);
      return { created, candidate: readRemoteCandidate(ctx, candidate.id) };
    },
    editAsRecruiter: (id, changes) => editAsRecruiter(ctx, id, changes),
    mask: (id) => setTalentPoolStatus(ctx, id, 'masked'),
    reveal: (id) => setTalentPoolStatus(ctx, id, 'revealed'),
    snapshot: () => snapshotCandidates(ctx),
    pipeline: () => listPipelineStatuses(ctx.db),
    setPipeline: (statuses) => {
      replacePipelineStatuses(ctx.db, parseControlInput(PipelineRequestSchema, { statuses }).statuses);
      return listPipelineStatuses(ctx.db);
    },
    setFaults: (settings) => state.faults.configure(parseControlInput(FaultSettingsSchema, settings)),
    failNext: (count, kind, options = {}) => state.faults.failNext(parseControlInput(FailNextSchema, { ...options, count, kind })),
    clearFaults: () => state.faults.clear(),
    setLatency: (ms) => {
      state.latencyMs = parseControlInput(LatencyRequestSchema, { ms }).ms;
    },
    setPagingShift: (shift) => state.pagingShift.set(shift === null ? undefined : parseControlInput(PagingShiftSchema, shift)),
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
  };
}
