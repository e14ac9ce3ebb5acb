import type { Database, Statement } from 'better-sqlite3';
import { EndpointResponse, type Endpoint, type Retention } from '../../../../shared/endpoint-schemas';
import { CustomScheme, SchemeId } from '../../../../shared/signatures';

interface EndpointRow {
  slug: string;
  name: string;
  response: string;
  forward_url: string | null;
  proxy: number;
  scheme: string | null;
  custom_scheme: string | null;
  created_at: number;
}

/** What the repository stores; `secrets` live in their own table (EndpointSecretsRepo). */
export type EndpointFields = Omit<Endpoint, 'secrets'>;

function toEndpoint(row: EndpointRow): EndpointFields {
  return {
    slug: row.slug,
    name: row.name,
    // Parsed, not cast: a row written by a newer version with extra fields still reads.
    response: EndpointResponse.parse(JSON.parse(row.response)),
    forwardUrl: row.forward_url,
    proxy: row.proxy === 1,
    // An unknown scheme (from a newer version) reads as "detect".
    scheme: SchemeId.safeParse(row.scheme).data ?? null,
    customScheme: row.custom_scheme === null ? null : (CustomScheme.safeParse(JSON.parse(row.custom_scheme)).data ?? null),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Named inboxes and the retention policy. */
export class EndpointsRepo {
  private readonly listStmt: Statement;
  private readonly getStmt: Statement;
  private readonly upsertStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly retentionStmt: Statement;
  private readonly setRetentionStmt: Statement;

  constructor(db: Database) {
    this.listStmt = db.prepare('SELECT slug, name, response, forward_url, proxy, scheme, custom_scheme, created_at FROM endpoints ORDER BY created_at, slug');
    this.getStmt = db.prepare('SELECT slug, name, response, forward_url, proxy, scheme, custom_scheme, created_at FROM endpoints WHERE slug = ?');
    this.upsertStmt = db.prepare(`INSERT INTO endpoints (slug, name, response, forward_url, proxy, scheme, custom_scheme, created_at)
      VALUES (@slug, @name, @response, @forwardUrl, @proxy, @scheme, @customScheme, @createdAt)
      ON CONFLICT (slug) DO UPDATE SET name = excluded.name, response = excluded.response,
        forward_url = excluded.forward_url, proxy = excluded.proxy, scheme = excluded.scheme, custom_scheme = excluded.custom_scheme`);
    this.deleteStmt = db.prepare('DELETE FROM endpoints WHERE slug = ?');
    this.retentionStmt = db.prepare('SELECT max_count AS maxCount, max_bytes AS maxBytes FROM retention WHERE id = 1');
    this.setRetentionStmt = db.prepare('UPDATE retention SET max_count = @maxCount, max_bytes = @maxBytes WHERE id = 1');
  }

  list(): EndpointFields[] {
    return (this.listStmt.all() as EndpointRow[]).map(toEndpoint);
  }

  get(slug: string): EndpointFields | null {
    const row = this.getStmt.get(slug) as EndpointRow | undefined;
    return row ? toEndpoint(row) : null;
  }

  save(endpoint: EndpointFields): EndpointFields {
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
    return this.get(endpoint.slug)!;
  }

  /** Returns whether it existed. The requests captured under it stay. */
  delete(slug: string): boolean {
    return this.deleteStmt.run(slug).changes > 0;
  }

  retention(): Retention {
    return this.retentionStmt.get() as Retention;
  }

  setRetention(retention: Retention): Retention {
    this.setRetentionStmt.run(retention);
    return this.retention();
  }
}
