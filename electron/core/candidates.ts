import type { Candidate, CandidateUpdate, CandidateWithApplications } from '@shared/candidate-schema';
import { DEFAULT_SOURCE, LOCKED_FIELDS, type LockedField, MASKED_VIEW } from '@shared/contract';
import { AppError, type ErrorDetail } from '@shared/errors';
import type { CandidateListQuery } from '@shared/list-query-schema';
import { listApplicationsOfCandidate } from '../db/application-repository';
import { findCandidateJsonBySeqs, findCandidateWithApplicationsJson } from '../db/candidate-json';
import { type Database, readInOneSnapshot } from '../db/connection';
import {
  type CandidateRecord,
  findCandidateByEmail,
  findCandidateByIdOrAlias,
  findCandidatesBySeqs,
  insertCandidate,
  searchKey,
  updateCandidate as writeCandidate,
} from '../db/candidate-repository';
import { applicationEntry, CREATED_ENTRY, recordOutbox } from '../db/sync-repository';
import { upsertApplication } from './applications';
import { parseCreateInput, parseUpdateInput } from './candidate-input';
import { toCandidateView, toCandidateWithApplicationsView } from './candidate-view';
import type { CoreContext } from './core-context';
import { nextUpdatedAt } from './timestamps';
import { sameJson } from './values';

/** Candidate ids compare case-insensitively; every stored id is lower case. */
export function normalizeCandidateId(id: string): string {
  return id.toLowerCase();
}

function notFound(): AppError {
  return new AppError('not_found', 'No candidate has that id.');
}

function detailed(ctx: CoreContext, record: CandidateRecord): CandidateWithApplications {
  return toCandidateWithApplicationsView(record, listApplicationsOfCandidate(ctx.db, record.id));
}

/** The candidate an id (or an id it had before a merge) names; not_found otherwise. */
export function candidateOrThrow(ctx: CoreContext, id: string): CandidateRecord {
  const record = findCandidateByIdOrAlias(ctx.db, normalizeCandidateId(id));
  if (!record) throw notFound();
  return record;
}

export function candidateExists(ctx: CoreContext, id: string): boolean {
  return findCandidateByIdOrAlias(ctx.db, normalizeCandidateId(id)) !== undefined;
}

export function getCandidate(ctx: CoreContext, id: string): CandidateWithApplications {
  return readInOneSnapshot(ctx.db, () => {
    const record = findCandidateByIdOrAlias(ctx.db, normalizeCandidateId(id));
    if (!record) throw notFound();
    return detailed(ctx, record);
  });
}

export interface CandidatePageResult {
  candidates: Candidate[];
  total: number;
}

/** getCandidate's answer as the contract's JSON in UTF-8: what the API sends. */
export function getCandidateAsJson(ctx: CoreContext, id: string): Buffer {
  const json = findCandidateWithApplicationsJson(ctx.db, normalizeCandidateId(id));
  if (json === undefined) throw notFound();
  return json;
}

/** One page of candidates, newest first, read by `read`, and how many match in all. */
function readPage<Row>(ctx: CoreContext, query: CandidateListQuery, read: (db: Database, seqs: ArrayLike<number>) => Row[]): { page: Row[]; total: number } {
  // One snapshot: the total and the page agree even while another process commits.
  return readInOneSnapshot(ctx.db, () => {
    const seqs = ctx.listCache.seqs({ search: searchKey(query.search), jobId: query.job_id });
    return { page: read(ctx.db, seqs.subarray(query.offset, query.offset + query.limit)), total: seqs.length };
  });
}

/** One page of candidates, newest first, and how many match in all. */
export function listCandidates(ctx: CoreContext, query: CandidateListQuery): CandidatePageResult {
  const { page, total } = readPage(ctx, query, findCandidatesBySeqs);
  return { candidates: page.map(toCandidateView), total };
}

/** The same page as listCandidates, each candidate already its contract JSON: what the API sends. */
export function listCandidatesAsJson(ctx: CoreContext, query: CandidateListQuery): { candidatesJson: string[]; total: number } {
  const { page, total } = readPage(ctx, query, findCandidateJsonBySeqs);
  return { candidatesJson: page, total };
}

/** Every candidate a filter selects, newest first, a page at a time: an export walks 100,000 without holding them all. */
export function* candidatePages(ctx: CoreContext, filter: Pick<CandidateListQuery, 'search' | 'job_id'>, pageSize: number): Generator<Candidate[]> {
  const seqs = ctx.listCache.seqs({ search: searchKey(filter.search), jobId: filter.job_id });
  for (let start = 0; start < seqs.length; start += pageSize) {
    yield findCandidatesBySeqs(ctx.db, seqs.subarray(start, start + pageSize)).map(toCandidateView);
  }
}

export interface CreateOrMatchResult {
  /** true: a new candidate (201); false: the existing one with that email (200). */
  created: boolean;
  candidate: CandidateWithApplications;
}

/**
 * POST: creates the candidate, or, when one already has that email, leaves its
 * fields alone and only applies the nested application. One IMMEDIATE
 * transaction, so concurrent POSTs of one email make one candidate.
 */
export function createOrMatchCandidate(ctx: CoreContext, body: unknown): CreateOrMatchResult {
  const { value: input, pipeline } = parseCreateInput(ctx, body);
  return ctx.db
    .transaction((): CreateOrMatchResult => {
      const now = ctx.now().toISOString();
      const existing = findCandidateByEmail(ctx.db, input.email);
      if (existing) {
        if (input.application && upsertApplication(ctx, existing.id, input.application, pipeline, now)) {
          writeCandidate(ctx.db, { ...existing, updated_at: nextUpdatedAt(existing.updated_at, now) });
          recordOutbox(ctx.db, existing.id, [applicationEntry(input.application.job_id)], now);
          return { created: false, candidate: getCandidate(ctx, existing.id) };
        }
        return { created: false, candidate: detailed(ctx, existing) };
      }
      const { application, ...fields } = input;
      const record: CandidateRecord = {
        id: ctx.newId(),
        full_name: fields.full_name,
        email: fields.email,
        phone_number: fields.phone_number ?? null,
        whatsapp_number: fields.whatsapp_number ?? null,
        location: fields.location ?? null,
        preferred_location: fields.preferred_location ?? null,
        primary_skills: fields.primary_skills ?? [],
        secondary_skills: fields.secondary_skills ?? [],
        total_experience_years: fields.total_experience_years ?? null,
        current_company: fields.current_company ?? null,
        current_designation: fields.current_designation ?? null,
        current_ctc: fields.current_ctc ?? null,
        expected_ctc: fields.expected_ctc ?? null,
        notice_period_days: fields.notice_period_days ?? null,
        in_notice_period: fields.in_notice_period ?? null,
        last_working_day: fields.last_working_day ?? null,
        resume_url: fields.resume_url ?? null,
        resume_path: fields.resume_path ?? null,
        source: fields.source ?? DEFAULT_SOURCE,
        screening_score: null,
        talent_pool_status: 'not_linked',
        metadata: fields.metadata ?? null,
        created_at: now,
        updated_at: now,
      };
      insertCandidate(ctx.db, record);
      if (application) upsertApplication(ctx, record.id, application, pipeline, now);
      // One entry says it all: the push sends a new candidate whole.
      recordOutbox(ctx.db, record.id, [CREATED_ENTRY, ...(application ? [applicationEntry(application.job_id)] : [])], now);
      return { created: true, candidate: detailed(ctx, record) };
    })
    .immediate();
}

type EditableField = Exclude<keyof CandidateUpdate, 'application'>;

/**
 * PUT: changes only the fields present. Checks run in the contract's order
 * (404, validation, 409, 403) and nothing is written unless all pass.
 * `updated_at` moves only when something really changed, an application included.
 */
export function updateCandidate(ctx: CoreContext, id: string, body: unknown): CandidateWithApplications {
  const candidateId = normalizeCandidateId(id);
  const before = findCandidateByIdOrAlias(ctx.db, candidateId);
  if (!before) throw notFound();
  const { value: input, pipeline } = parseUpdateInput(ctx, body, before.talent_pool_status === 'masked');

  return ctx.db
    .transaction((): CandidateWithApplications => {
      const current = findCandidateByIdOrAlias(ctx.db, candidateId);
      if (!current) throw notFound();
      const masked = current.talent_pool_status === 'masked';
      const { application, ...fields } = input;

      const next: CandidateRecord = { ...current };
      const lockedChanges: ErrorDetail[] = [];
      const changedFields: string[] = [];
      for (const [field, value] of Object.entries(fields) as [EditableField, unknown][]) {
        if (value === undefined) continue;
        if (masked && (LOCKED_FIELDS as readonly string[]).includes(field)) {
          // Sending back what the masked view shows changes nothing.
          if (value !== MASKED_VIEW[field as LockedField]) {
            lockedChanges.push({ path: field, message: 'is locked until the candidate is revealed in the cloud dashboard' });
          }
          continue;
        }
        if (!sameJson(current[field], value)) {
          (next as unknown as Record<string, unknown>)[field] = value;
          changedFields.push(field);
        }
      }

      if (fields.email !== undefined && fields.email !== '') {
        const holder = findCandidateByEmail(ctx.db, fields.email);
        if (holder && holder.id !== current.id) {
          throw new AppError('email_taken', 'Another candidate already has this email.', [
            { path: 'email', message: 'is already used by another candidate' },
          ]);
        }
      }
      if (lockedChanges.length > 0) {
        throw new AppError(
          'talent_pool_reveal_required',
          'This candidate is masked in the talent pool: reveal it in the cloud dashboard to change contact or salary fields.',
          lockedChanges,
        );
      }

      const now = ctx.now().toISOString();
      if (application && upsertApplication(ctx, current.id, application, pipeline, now)) {
        changedFields.push(applicationEntry(application.job_id));
      }
      if (changedFields.length === 0) return detailed(ctx, current);
      next.updated_at = nextUpdatedAt(current.updated_at, now);
      writeCandidate(ctx.db, next);
      // In the same transaction as the change: a crash can lose neither without the other.
      recordOutbox(ctx.db, current.id, changedFields, now);
      return detailed(ctx, next);
    })
    .immediate();
}
