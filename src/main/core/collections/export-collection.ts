import type { RequestSelection } from '../../../shared/contract';
import type { Collection, CollectionRequest } from '../../../shared/contracts/collection';
import { ApiError } from '../../../shared/errors';
import type { RequestDetail } from '../../../shared/request-schemas';
import { EXPORT_MAX_BYTES, EXPORT_MAX_REQUESTS } from '../export-requests';
import type { RequestsRepository } from '../store/repositories';
import { selectedRequests } from './select-requests';

/** What a collection request is made from: a stored capture, or an item of a JSON export. */
export type CapturedRequest = Pick<RequestDetail, 'id' | 'method' | 'path' | 'query' | 'headers' | 'bodyBase64' | 'event' | 'scheme' | 'truncated'>;

/** Thrown for a capture that cannot be replayed as it arrived; the caller words where it came from. */
export class NotReplayableError extends Error {}

/**
 * A capture as a collection request: exactly as captured (method, path and query, headers in
 * order, exact body), expecting a 2xx. A body cut at capture is refused rather than replayed
 * short: the handler would be tested on bytes the provider never sent.
 */
export function collectionRequestOf(request: CapturedRequest): CollectionRequest {
  if (request.truncated) throw new NotReplayableError(`request #${request.id} was cut at capture (its body was over the capture limit), so it cannot be replayed as it arrived`);
  const path = request.path + (request.query ? `?${request.query}` : '');
  return {
    // The schema caps names at 200 characters; a long query would otherwise make it invalid.
    name: `${request.method} ${path}${request.event ? ` ${request.event}` : ''} (capture ${request.id})`.slice(0, 200),
    method: request.method,
    path,
    headers: request.headers,
    bodyBase64: request.bodyBase64,
    event: request.event,
    scheme: request.scheme,
    expect: { status: '2xx' },
  };
}

/**
 * A collection of the selected requests, oldest first, within the export limits. A selection
 * over the limits is refused, not cut: a test suite silently missing its newest cases would pass
 * for the wrong reason.
 */
export async function exportCollection(requests: RequestsRepository, selection: RequestSelection, name: string): Promise<Collection> {
  const items: CollectionRequest[] = [];
  let bytes = 0;
  for await (const detail of selectedRequests(requests, selection)) {
    bytes += detail.bodyBase64.length;
    if (items.length >= EXPORT_MAX_REQUESTS || bytes > EXPORT_MAX_BYTES) {
      throw new ApiError('payload_too_large', `a collection holds at most ${EXPORT_MAX_REQUESTS} requests and 256 MiB of bodies; this selection has more: narrow it`);
    }
    try {
      items.push(collectionRequestOf(detail));
    } catch (error) {
      if (error instanceof NotReplayableError) throw new ApiError('invalid_input', `${error.message}; leave it out of the selection`);
      throw error;
    }
  }
  return { format: 'hookbench-collection', version: 1, name, createdAt: new Date().toISOString(), requests: items };
}
