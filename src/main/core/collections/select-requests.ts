import type { RequestSelection } from '../../../shared/contract';
import type { RequestDetail } from '../../../shared/request-schemas';
import type { Position, RequestsRepository } from '../store/repositories';

/**
 * The requests a selection names (ids, or every match of a filter), in full, oldest first: the
 * order they happened, which is the order a collection replays them in. Lazily, one page of a
 * filter at a time, so the caller can stop at its limit without loading the rest.
 */
export async function* selectedRequests(requests: RequestsRepository, selection: RequestSelection): AsyncGenerator<RequestDetail> {
  if (selection.ids) {
    for (const id of [...selection.ids].sort((a, b) => a - b)) {
      const detail = await requests.get(id);
      if (detail) yield detail;
    }
    return;
  }
  const filter = { ...selection.filter!, order: 'oldest' as const };
  let after: Position | null = null;
  do {
    const page = await requests.listPositions(filter, { limit: 500, after });
    for (const id of page.ids) {
      const detail = await requests.get(id);
      if (detail) yield detail;
    }
    after = page.next;
  } while (after);
}
