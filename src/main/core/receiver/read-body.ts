import type { IncomingMessage } from 'node:http';

export interface CappedBody {
  /** The first `cap` bytes, exactly as received. */
  bytes: Buffer;
  /** Every byte that arrived, including those past the cap. */
  size: number;
  truncated: boolean;
}

/**
 * Reads a request body, keeping at most `cap` bytes but draining (and counting) the rest so the
 * sender gets its answer and the size is known. Rejects if the client aborts.
 */
export function readBodyCapped(req: IncomingMessage, cap: number): Promise<CappedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (kept < cap) {
        const take = chunk.length <= cap - kept ? chunk : chunk.subarray(0, cap - kept);
        chunks.push(take);
        kept += take.length;
      }
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks, kept), size, truncated: size > kept }));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client aborted')));
  });
}
