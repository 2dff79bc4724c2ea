import { z } from 'zod';
import { CandidateSchema } from './candidate-schema';

const PageMetaSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const CandidatePageSchema = z
  .object({
    data: z.array(CandidateSchema),
    meta: PageMetaSchema,
  })
  .meta({ id: 'CandidatePage' });
export type CandidatePage = z.infer<typeof CandidatePageSchema>;

/**
 * A list page as sync's walk reads it: each row's id and updated_at only. The
 * walk reads every page of the remote; a candidate whose version moved is then
 * fetched, and checked in full, by its detail request.
 */
export const CandidateVersionPageSchema = z.object({
  data: z.array(z.object({ id: z.string(), updated_at: z.string() })),
  meta: PageMetaSchema,
});
export type CandidateVersionPage = z.infer<typeof CandidateVersionPageSchema>;
