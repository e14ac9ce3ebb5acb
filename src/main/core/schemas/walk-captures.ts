import type { RequestDetail } from '../../../shared/request-schemas';
import type { FilterWithoutPaging, Position, RequestsRepository } from '../store/repositories';

/** Captures per page: read together (PostgreSQL: over the pool's connections), and a page's work (~10 ms) is what a capture may wait behind. */
const PAGE = 100;

/**
 * Visits the captures a filter matches, in full, page by page, up to `limit` or until `visit`
 * returns false; only the page in hand is in memory, so 100,000 captures cost what 100 do at a time. Between pages it yields to
 * the event loop: on SQLite every read resolves at once, and captures must keep being answered
 * while a rebuild walks a large history.
 */
export async function walkCaptures(requests: RequestsRepository, filter: FilterWithoutPaging, limit: number, visit: (detail: RequestDetail) => boolean | void): Promise<void> {
  let after: Position | null = null;
  let seen = 0;
  while (seen < limit) {
    const page = await requests.listPositions(filter, { limit: Math.min(PAGE, limit - seen), after });
    const details = await Promise.all(page.ids.map((id) => requests.get(id)));
    for (const detail of details) if (detail && visit(detail) === false) return;
    seen += page.ids.length;
    if (!page.next) return;
    after = page.next;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
