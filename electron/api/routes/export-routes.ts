import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Candidate } from '@shared/candidate-schema';
import { CandidateListQuerySchema } from '@shared/list-query-schema';
import { applicationToJob } from '../../core/applications';
import { candidatePages } from '../../core/candidates';
import type { CoreContext } from '../../core/core-context';
import { candidatesToCsvRows, csvHeaderRow } from '../candidates-csv';
import { parseWith } from '../parse-with';

const ExportQuerySchema = CandidateListQuerySchema.pick({ search: true, job_id: true });

/** Rows per chunk of the file: small enough that other requests are served between chunks. */
const EXPORT_PAGE_SIZE = 500;

/**
 * GET /api/local/export.csv: every candidate the list's filters select, as one
 * file (the paged CSV of /api/v1 is for Power Query). It starts with a UTF-8
 * byte order mark, which is how Excel knows a double-clicked CSV is UTF-8, and
 * a cell Excel would run as a formula is guarded (shared/formula-guard.ts).
 * Filtered by job, each row also has the candidate's application to it.
 */
export function registerExportRoutes(app: FastifyInstance, ctx: CoreContext): void {
  app.get('/api/local/export.csv', async (request, reply) => {
    const filter = parseWith(ExportQuerySchema, request.query);
    const jobId = filter.job_id;
    const applicationOf = jobId === undefined ? undefined : (candidate: Candidate) => applicationToJob(ctx, candidate.id, jobId);
    function* file() {
      yield '\ufeff' + csvHeaderRow({ jobApplication: applicationOf !== undefined });
      for (const page of candidatePages(ctx, filter, EXPORT_PAGE_SIZE)) yield candidatesToCsvRows(page, { guardFormulas: true, applicationOf });
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(ctx.now(), filter.search !== '' || filter.job_id !== undefined)}"`)
      .send(Readable.from(file()));
  });
}

/** `candidates-2026-11-30.csv`, dated by this computer's calendar, so exports taken on different days do not overwrite each other. */
function exportFileName(now: Date, filtered: boolean): string {
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  return `candidates-${day}${filtered ? '-filtered' : ''}.csv`;
}
