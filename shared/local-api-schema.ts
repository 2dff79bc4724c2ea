import { z } from 'zod';

export const CONFLICT_POLICY_VALUES = ['ask', 'prefer-remote', 'prefer-local'] as const;

/** POST /api/local/conflicts/{id}/resolve */
export const ConflictResolutionSchema = z.discriminatedUnion(
  'take',
  [
    z.strictObject({ take: z.literal('local') }),
    z.strictObject({ take: z.literal('remote') }),
    z.strictObject({ take: z.literal('value'), value: z.unknown() }),
  ],
  { error: 'must be {"take":"local"}, {"take":"remote"} or {"take":"value","value":...}' },
);
export type ConflictResolution = z.infer<typeof ConflictResolutionSchema>;

/** PUT /api/local/settings: only the keys sent change. */
export const SyncSettingsUpdateSchema = z.strictObject({
  conflict_policy: z.enum(CONFLICT_POLICY_VALUES, { error: `must be one of ${CONFLICT_POLICY_VALUES.join(', ')}` }).optional(),
  sync_interval_minutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(24 * 60, 'must be at most 1440')
    .optional(),
});
export type SyncSettingsUpdate = z.infer<typeof SyncSettingsUpdateSchema>;

/** GET /api/local/conflicts */
export const ConflictListQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all'], { error: 'must be open, resolved or all' }).optional(),
  candidate_id: z.string({ error: 'must be given once' }).optional(),
});
