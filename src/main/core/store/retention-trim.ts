import type { Retention } from '../../../shared/endpoint-schemas';
import type { Usage } from './repositories';

/**
 * Which of the oldest requests retention drops, the same on every adapter: whole rows from the
 * oldest end until both limits hold. The adapters run the loop (look at the oldest, delete, look
 * again) in their own transactions.
 */
export interface Excess {
  count: number;
  bytes: number;
}

/** How far `usage` is over `retention`, or null when it holds. */
export function excessOver(retention: Retention, usage: Usage): Excess | null {
  const count = retention.maxCount === null ? 0 : usage.count - retention.maxCount;
  const bytes = retention.maxBytes === null ? 0 : usage.bytes - retention.maxBytes;
  return count > 0 || bytes > 0 ? { count, bytes } : null;
}

/** How many of the oldest rows to look at: by count we know how many go; by size we don't, so a chunk. */
export function oldestToLookAt(excess: Excess, chunk: number): number {
  return excess.bytes > 0 ? chunk : Math.min(chunk, excess.count);
}

/** The ids to delete among `oldest` (oldest first): whole rows until both limits are met. */
export function pickTrimmed(oldest: readonly { id: number; bytes: number }[], excess: Excess): number[] {
  const take: number[] = [];
  let freedBytes = 0;
  for (const row of oldest) {
    if (take.length >= excess.count && freedBytes >= excess.bytes) break;
    take.push(row.id);
    freedBytes += row.bytes;
  }
  return take;
}

/**
 * How many rows `retention` would drop now, without deleting: the same walk as pickTrimmed over
 * the oldest rows, read in pages after the last id seen (`oldestAfter`, oldest first).
 */
export async function countTrimmed(
  retention: Retention,
  usage: Usage,
  chunk: number,
  oldestAfter: (afterId: number, limit: number) => Promise<readonly { id: number; bytes: number }[]>,
): Promise<number> {
  const excess = excessOver(retention, usage);
  if (!excess) return 0;
  // By count alone the answer is known without reading a row.
  if (excess.bytes <= 0) return excess.count;
  let count = 0;
  let freedBytes = 0;
  let after = 0;
  for (;;) {
    const rows = await oldestAfter(after, chunk);
    for (const row of rows) {
      if (count >= excess.count && freedBytes >= excess.bytes) return count;
      count++;
      freedBytes += row.bytes;
      after = row.id;
    }
    if (rows.length < chunk) return count;
  }
}
