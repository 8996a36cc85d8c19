/**
 * Runs `work` for every item with at most `concurrency` pending at once, in item order, and
 * returns the results in item order. A rejection is kept as its error, so one failure does not
 * stop the rest.
 */
export async function runPool<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Array<{ ok: true; value: Result } | { ok: false; error: unknown }>> {
  const results: Array<{ ok: true; value: Result } | { ok: false; error: unknown }> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = { ok: true, value: await work(items[index] as Item, index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
