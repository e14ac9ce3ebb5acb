import { EndpointResponse } from '../../../shared/endpoint-schemas';
import { CustomScheme, SchemeId } from '../../../shared/signatures';
import type { EndpointFields } from './repositories';

/**
 * An `endpoints` row as both adapters select it: the same columns on SQLite and PostgreSQL (JSON
 * as TEXT, created_at in ms), so the column list and the mapping live here once. `proxy` is 0/1
 * on SQLite and a boolean on PostgreSQL.
 */
export interface EndpointRow {
  slug: string;
  name: string;
  response: string;
  forward_url: string | null;
  proxy: number | boolean;
  scheme: string | null;
  custom_scheme: string | null;
  created_at: number;
}

export const ENDPOINT_COLUMNS = 'slug, name, response, forward_url, proxy, scheme, custom_scheme, created_at';

export function toEndpoint(row: EndpointRow): EndpointFields {
  return {
    slug: row.slug,
    name: row.name,
    // Parsed, not cast: a row written by a newer version with extra fields still reads.
    response: EndpointResponse.parse(JSON.parse(row.response)),
    forwardUrl: row.forward_url,
    proxy: row.proxy === 1 || row.proxy === true,
    // An unknown scheme (from a newer version) reads as "detect".
    scheme: SchemeId.safeParse(row.scheme).data ?? null,
    customScheme: row.custom_scheme === null ? null : (CustomScheme.safeParse(JSON.parse(row.custom_scheme)).data ?? null),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
