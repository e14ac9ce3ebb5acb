import type { InboxView } from '../../../shared/filter-url';
import type { RequestSummary } from '../../../shared/request-schemas';

/** Inserts a new request at its place in the current order, without duplicates. */
export function insertSorted(items: RequestSummary[], request: RequestSummary, order: InboxView['order']): RequestSummary[] {
  if (items.some((r) => r.id === request.id)) return items;
  const sign = order === 'newest' ? -1 : 1;
  const compare = (a: RequestSummary, b: RequestSummary) => sign * (Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.id - b.id);
  // The usual case, a capture newer than everything shown, is a prepend; anything else re-sorts.
  if (order === 'newest' && (items.length === 0 || compare(request, items[0]!) <= 0)) return [request, ...items];
  return [...items, request].sort(compare);
}

/** Ticking with Shift: everything between the anchor (the last ticked) and `id`, in list order. */
export function rangeBetween(items: readonly RequestSummary[], anchor: number, id: number): number[] | null {
  const a = items.findIndex((r) => r.id === anchor);
  const b = items.findIndex((r) => r.id === id);
  if (a === -1 || b === -1) return null;
  return items.slice(Math.min(a, b), Math.max(a, b) + 1).map((r) => r.id);
}
