import { z } from 'zod';

/**
 * "When a list request at offset >= atOffset arrives, first insert `insert`
 * new candidates", so the newest-first pages shift under a client that is
 * paging: rows it has seen come round again. Fires `times` times (default once).
 */
export const PagingShiftSchema = z.strictObject({
  atOffset: z.number().int().min(0),
  insert: z.number().int().min(1),
  times: z.number().int().min(1).default(1),
});
export type PagingShift = z.input<typeof PagingShiftSchema>;

export class PagingShifter {
  private active: z.output<typeof PagingShiftSchema> | undefined;

  set(shift: z.output<typeof PagingShiftSchema> | undefined): void {
    this.active = shift && { ...shift };
  }

  /** How many candidates to insert before answering a list request at `offset`: 0 for none. */
  take(offset: number): number {
    const shift = this.active;
    if (!shift || offset < shift.atOffset) return 0;
    shift.times -= 1;
    if (shift.times === 0) this.active = undefined;
    return shift.insert;
  }
}
