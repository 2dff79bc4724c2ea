import { z } from 'zod';
import { CandidateSchema } from './candidate-schema';

export const PageMetaSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const CandidatePageSchema = z
  .object({
    data: z.array(CandidateSchema),
    meta: PageMetaSchema,
  })
  .meta({ id: 'CandidatePage' });
export type CandidatePage = z.infer<typeof CandidatePageSchema>;

