import type { Database, Statement } from 'better-sqlite3';
import type { EndpointFields, EndpointsRepository } from '../repositories';
import type { Retention } from '../../../../shared/endpoint-schemas';
import { ENDPOINT_COLUMNS, toEndpoint, type EndpointRow } from '../endpoint-rows';

/** Named inboxes and the retention policy. */
export class EndpointsRepo implements EndpointsRepository {
  private readonly listStmt: Statement;
  private readonly getStmt: Statement;
  private readonly upsertStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly retentionStmt: Statement;
  private readonly setRetentionStmt: Statement;

  constructor(db: Database) {
    this.listStmt = db.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM endpoints ORDER BY created_at, slug`);
    this.getStmt = db.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE slug = ?`);
    this.upsertStmt = db.prepare(`INSERT INTO endpoints (${ENDPOINT_COLUMNS})
      VALUES (@slug, @name, @response, @forwardUrl, @proxy, @scheme, @customScheme, @createdAt)
      ON CONFLICT (slug) DO UPDATE SET name = excluded.name, response = excluded.response,
        forward_url = excluded.forward_url, proxy = excluded.proxy, scheme = excluded.scheme, custom_scheme = excluded.custom_scheme`);
    this.deleteStmt = db.prepare('DELETE FROM endpoints WHERE slug = ?');
    this.retentionStmt = db.prepare('SELECT max_count AS maxCount, max_bytes AS maxBytes FROM retention WHERE id = 1');
    this.setRetentionStmt = db.prepare('UPDATE retention SET max_count = @maxCount, max_bytes = @maxBytes WHERE id = 1');
  }

  async list(): Promise<EndpointFields[]> {
    return (this.listStmt.all() as EndpointRow[]).map(toEndpoint);
  }

  async get(slug: string): Promise<EndpointFields | null> {
    const row = this.getStmt.get(slug) as EndpointRow | undefined;
    return row ? toEndpoint(row) : null;
  }

  async save(endpoint: EndpointFields): Promise<EndpointFields> {
    this.upsertStmt.run({
      slug: endpoint.slug,
      name: endpoint.name,
      response: JSON.stringify(endpoint.response),
      forwardUrl: endpoint.forwardUrl,
      proxy: endpoint.proxy ? 1 : 0,
      scheme: endpoint.scheme,
      customScheme: endpoint.customScheme === null ? null : JSON.stringify(endpoint.customScheme),
      createdAt: Date.parse(endpoint.createdAt),
    });
    return (await this.get(endpoint.slug))!;
  }

  /** Returns whether it existed. The requests captured under it stay. */
  async delete(slug: string): Promise<boolean> {
    return this.deleteStmt.run(slug).changes > 0;
  }

  async retention(): Promise<Retention> {
    return this.retentionStmt.get() as Retention;
  }

  async setRetention(retention: Retention): Promise<Retention> {
    this.setRetentionStmt.run(retention);
    return this.retention();
  }
}
