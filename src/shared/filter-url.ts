import type { RequestFilterInput } from './request-filter';
import type { RequestSummary } from './request-schemas';

/**
 * The inbox view as it lives in the page URL (so a view can be reloaded and shared), and whether a
 * newly captured request belongs in it. Quick ranges ("last 15 minutes") stay relative in the URL
 * and are turned into absolute times only when a query is made.
 */
export interface InboxView {
  event: string[];
  status: string[];
  method: string[];
  endpoint: string[];
  verification: string[];
  q: string;
  /** A quick range, or 'custom' for from/to. */
  range: QuickRange | 'all' | 'custom';
  from: string | null;
  to: string | null;
  order: 'newest' | 'oldest';
  /** Only captures flagged as departing from their event's schema (issue 15): `drift=true`. */
  drift: boolean;
}

export const QUICK_RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type QuickRange = keyof typeof QUICK_RANGES;

export const EMPTY_VIEW: InboxView = { event: [], status: [], method: [], endpoint: [], verification: [], q: '', range: 'all', from: null, to: null, order: 'newest', drift: false };

const LISTS = ['event', 'status', 'method', 'endpoint', 'verification'] as const;

/** Every page-URL key the view writes (the page URL is shared with other owners: see renderer stores/page-url.ts). */
export const VIEW_URL_KEYS = [...LISTS, 'q', 'range', 'from', 'to', 'order', 'drift'] as const;

export function viewFromSearch(search: string): InboxView {
  const params = new URLSearchParams(search);
  const view: InboxView = { ...EMPTY_VIEW, event: [], status: [], method: [], endpoint: [], verification: [] };
  for (const key of LISTS) view[key] = params.getAll(key);
  view.q = params.get('q') ?? '';
  const range = params.get('range');
  view.range = range !== null && (range in QUICK_RANGES || range === 'custom') ? (range as InboxView['range']) : 'all';
  view.from = params.get('from');
  view.to = params.get('to');
  if (view.range !== 'custom') view.from = view.to = null;
  view.order = params.get('order') === 'oldest' ? 'oldest' : 'newest';
  view.drift = params.get('drift') === 'true';
  return view;
}

export function viewToSearch(view: InboxView): string {
  const params = new URLSearchParams();
  for (const key of LISTS) for (const value of view[key]) params.append(key, value);
  if (view.q.trim()) params.set('q', view.q);
  if (view.range !== 'all') params.set('range', view.range);
  if (view.range === 'custom') {
    if (view.from) params.set('from', view.from);
    if (view.to) params.set('to', view.to);
  }
  if (view.order !== 'newest') params.set('order', view.order);
  if (view.drift) params.set('drift', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API filter for a view, with quick ranges resolved against `now`. */
export function viewToFilter(view: InboxView, now: number): RequestFilterInput {
  const filter: RequestFilterInput = { order: view.order };
  for (const key of LISTS) if (view[key].length) filter[key] = view[key];
  if (view.q.trim()) filter.q = view.q.trim();
  if (view.range in QUICK_RANGES) filter.from = now - QUICK_RANGES[view.range as QuickRange];
  if (view.range === 'custom') {
    if (view.from) filter.from = view.from;
    if (view.to) filter.to = view.to;
  }
  if (view.drift) filter.drift = true;
  return filter;
}

export function isFiltered(view: InboxView): boolean {
  return viewToSearch({ ...view, order: 'newest' }) !== '';
}

/**
 * Whether a just-captured request belongs in the view: true, false, or 'unknown' when only the
 * server can tell (a text search), in which case the list is refetched instead.
 */
export function matchesView(request: RequestSummary, view: InboxView, now: number): boolean | 'unknown' {
  // A capture pushed unflagged may still be flagged by a later `request.drift`; the store handles that one.
  if (view.drift && !request.drift) return false;
  if (view.event.length && !view.event.includes(request.event ?? '')) return false;
  if (view.status.length && !view.status.some((s) => statusMatches(request.status, s))) return false;
  if (view.method.length && !view.method.some((m) => m.toUpperCase() === request.method)) return false;
  if (view.endpoint.length && !view.endpoint.includes(request.endpoint ?? '')) return false;
  if (view.verification.length && !view.verification.includes(request.verification ?? '')) return false;
  const at = Date.parse(request.receivedAt);
  const filter = viewToFilter(view, now);
  const bound = (value: string | number | undefined) => (value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value));
  const from = bound(filter.from);
  const to = bound(filter.to);
  if (from !== undefined && at < from) return false;
  if (to !== undefined && at > to) return false;
  return view.q.trim() ? 'unknown' : true;
}

function statusMatches(status: number, selector: string): boolean {
  const s = selector.toLowerCase();
  return s.endsWith('xx') ? Math.floor(status / 100) === Number(s[0]) : status === Number(s);
}
