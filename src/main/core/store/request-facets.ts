import type { RequestFacets } from '../../../shared/request-filter';
import { FACET_SCAN_LIMIT, type FilterWithoutPaging } from './repositories';

/** The columns a facet scan selects. */
export interface FacetRow {
  event: string | null;
  status: number;
  method: string;
  endpoint: string | null;
  verification: string | null;
}

/** Value counts, most common first (ties by value), at most 200 values. */
function countBy(rows: readonly FacetRow[], value: (row: FacetRow) => string | null): { value: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const row of rows) {
    const v = value(row);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .map(([v, count]) => ({ value: v, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, 200);
}

/**
 * How many requests in the filter have each event, status class, method, endpoint and verdict.
 * Each facet is counted with its own dimension left out of the filter, so picking one event still
 * shows how many the other events have. Counts cover the newest FACET_SCAN_LIMIT matches.
 *
 * `scan` returns the newest FACET_SCAN_LIMIT + 1 rows matching a filter (the extra row tells that
 * the count is capped). Dimensions the filter does not constrain share one scan of the matching
 * rows, counted here (one pass instead of four GROUP BYs: this runs on every filter change and
 * capture burst).
 */
export async function countFacets(filter: FilterWithoutPaging, scan: (filter: FilterWithoutPaging) => Promise<FacetRow[]>): Promise<RequestFacets> {
  const base = await scan(filter);
  const capped = base.length > FACET_SCAN_LIMIT;
  if (capped) base.pop();
  const dimension = async (key: 'event' | 'status' | 'method' | 'endpoint' | 'verification', value: (row: FacetRow) => string | null) => {
    const rows = filter[key]?.length ? (await scan({ ...filter, [key]: undefined })).slice(0, FACET_SCAN_LIMIT) : base;
    return countBy(rows, value);
  };
  return {
    events: await dimension('event', (r) => r.event),
    statuses: await dimension('status', (r) => `${Math.floor(r.status / 100)}xx`),
    methods: await dimension('method', (r) => r.method),
    endpoints: await dimension('endpoint', (r) => r.endpoint),
    verifications: await dimension('verification', (r) => r.verification),
    total: base.length,
    scanned: FACET_SCAN_LIMIT,
    capped,
  };
}
