import type { EndpointFields, EndpointsRepository } from '../repositories';
import type { PgDatabase } from './pg-database';
import type { Retention } from '../../../../shared/endpoint-schemas';
import { ENDPOINT_COLUMNS, toEndpoint, type EndpointRow } from '../endpoint-rows';

/** Named inboxes and the retention policy (the twin of sqlite/endpoints-repo.ts). */
export class PgEndpointsRepo implements EndpointsRepository {
  constructor(private readonly db: PgDatabase) {}

  async list(): Promise<EndpointFields[]> {
    const { rows } = await this.db.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM endpoints ORDER BY created_at, slug`);
    return rows.map(toEndpoint);
  }

  async get(slug: string): Promise<EndpointFields | null> {
    const { rows } = await this.db.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE slug = $1`, [slug]);
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  /** Creates or updates; an update keeps the original `created_at`. */
  async save(endpoint: EndpointFields): Promise<EndpointFields> {
    const { rows } = await this.db.query<EndpointRow>(
      `INSERT INTO endpoints (${ENDPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (slug) DO UPDATE SET name = excluded.name, response = excluded.response,
         forward_url = excluded.forward_url, proxy = excluded.proxy, scheme = excluded.scheme, custom_scheme = excluded.custom_scheme
       RETURNING ${ENDPOINT_COLUMNS}`,
      [
        endpoint.slug,
        endpoint.name,
        JSON.stringify(endpoint.response),
        endpoint.forwardUrl,
        endpoint.proxy,
        endpoint.scheme,
        endpoint.customScheme === null ? null : JSON.stringify(endpoint.customScheme),
        Date.parse(endpoint.createdAt),
      ],
    );
    return toEndpoint(rows[0]!);
  }

  /** Returns whether it existed. The requests captured under it stay (its secrets go, by cascade). */
  async delete(slug: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM endpoints WHERE slug = $1', [slug]);
    return (rowCount ?? 0) > 0;
  }

  async retention(): Promise<Retention> {
    const { rows } = await this.db.query<Retention>('SELECT max_count AS "maxCount", max_bytes AS "maxBytes" FROM retention WHERE id = 1');
    return rows[0]!;
  }

  async setRetention(retention: Retention): Promise<Retention> {
    const { rows } = await this.db.query<Retention>(
      'UPDATE retention SET max_count = $1, max_bytes = $2 WHERE id = 1 RETURNING max_count AS "maxCount", max_bytes AS "maxBytes"',
      [retention.maxCount, retention.maxBytes],
    );
    return rows[0]!;
  }
}
