/**
 * Runs `work` for every item, at most `width` at a time. After the first
 * failure no further item is started (the remote is failing: a sync should
 * end soon and leave the rest to the next one); the ones under way finish,
 * then that first error is thrown. The remote client bounds requests in
 * flight as well; this bounds the work started, and the memory it holds.
 */
export async function forEachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (errors.length > 0) throw errors[0];
}
