import type { HeaderPairs } from '../../../shared/request-schemas';

/** The response columns a stored send (forward, replay, delivery attempt) keeps. */
export interface ResponseColumns {
  status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
}

/** What came back for a stored send, or null when no answer came (the row's error says why). */
export function storedResponse(row: ResponseColumns): { status: number; headers: HeaderPairs; bytes: Buffer; truncated: boolean } | null {
  if (row.status === null) return null;
  return {
    status: row.status,
    headers: JSON.parse(row.response_headers ?? '[]') as HeaderPairs,
    bytes: row.response_body ?? Buffer.alloc(0),
    truncated: row.response_truncated === 1,
  };
}

/** The response with its bytes in the shape a transport shows (base64 for replays, text for logs). */
export function withBody<B extends object>(response: ReturnType<typeof storedResponse>, body: (bytes: Buffer) => B): (Omit<NonNullable<ReturnType<typeof storedResponse>>, 'bytes'> & B) | null {
  if (!response) return null;
  const { bytes, ...rest } = response;
  return { ...rest, ...body(bytes) };
}
