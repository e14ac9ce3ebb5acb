import type pg from 'pg';
import type { SchemaListing, SchemaRef, SchemasRepository, SchemaWrite, StoredSchema } from '../repositories';
import { SCHEMA_COLUMNS, SCHEMA_LISTING_COLUMNS, schemaValues, storedEndpoint, toSchemaListing, toStoredSchema, writtenSchema, type SchemaListingRow, type SchemaRow } from '../schema-rows';
import type { PgDatabase } from './pg-database';
import { pgText } from './pg-text';

/** Names sort in byte order whatever the database's locale, as on SQLite. */
const BY_NAME = 'ORDER BY event COLLATE "C", endpoint COLLATE "C"';

/**
 * Schemas learned per (endpoint, event) in PostgreSQL, where every instance sharing the database
 * updates the same rows as its captures arrive.
 *
 * A read-modify-write locks the row (SELECT … FOR UPDATE) for one short transaction: one read,
 * the caller's in-memory change, one write. Optimistic versioning (write where version = n, retry
 * on a miss) was the alternative, but a shape's update is not a merge: a writer that lost the race
 * would re-read the whole shape and replay its batch, and under steady traffic on one event from
 * several instances losers would keep losing. The lock makes writers of one event take turns
 * instead (each holds it for milliseconds; different events never wait for each other), and the
 * version column still earns its keep: a writer whose cached copy has the current version skips
 * reading and parsing the stored JSON, which is the common case of one instance per event.
 */
export class PgSchemasRepo implements SchemasRepository {
  constructor(private readonly db: PgDatabase) {}

  async list(endpoint?: string | null): Promise<SchemaListing[]> {
    const { rows } =
      endpoint === undefined
        ? await this.db.query<SchemaListingRow>(`SELECT ${SCHEMA_LISTING_COLUMNS} FROM schemas ${BY_NAME}`)
        : await this.db.query<SchemaListingRow>(`SELECT ${SCHEMA_LISTING_COLUMNS} FROM schemas WHERE endpoint = $1 ${BY_NAME}`, [storedEndpoint(pgText(endpoint))]);
    return rows.map(toSchemaListing);
  }

  async get(ref: SchemaRef): Promise<StoredSchema | null> {
    const { rows } = await this.db.query<SchemaRow>(`SELECT ${SCHEMA_COLUMNS} FROM schemas WHERE endpoint = $1 AND event = $2`, keyOf(ref));
    return rows[0] ? toStoredSchema(rows[0]) : null;
  }

  async update(ref: SchemaRef, change: (current: StoredSchema | null) => SchemaWrite | null, cached: StoredSchema | null = null): Promise<StoredSchema | null> {
    return this.db.tx(async (client) => {
      // Twice at most: the second pass runs when another instance created the row between this
      // one's look and its insert (the insert then waited for that commit and did nothing).
      for (let pass = 0; ; pass++) {
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schemas WHERE endpoint = $1 AND event = $2 FOR UPDATE', keyOf(ref));
        const found = rows[0];
        const current = !found ? null : cached?.version === found.version ? cached : await this.read(client, ref);
        const write = change(current);
        if (!write) return current;
        const values = schemaValues({ endpoint: pgText(ref.endpoint), event: pgText(ref.event) }, write, current);
        if (current) {
          await client.query('UPDATE schemas SET shape = $3, samples = $4, first_seen = $5, last_seen = $6, pinned = $7, version = $8 WHERE endpoint = $1 AND event = $2', values);
          return writtenSchema(ref, write, current);
        }
        const inserted = await client.query(`INSERT INTO schemas (${SCHEMA_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`, values);
        if (inserted.rowCount === 1) return writtenSchema(ref, write, current);
        if (pass > 0) throw new Error(`schema ${ref.event} could not be created`);
      }
    });
  }

  private async read(client: Pick<pg.PoolClient, 'query'>, ref: SchemaRef): Promise<StoredSchema | null> {
    const { rows } = await client.query<SchemaRow>(`SELECT ${SCHEMA_COLUMNS} FROM schemas WHERE endpoint = $1 AND event = $2`, keyOf(ref));
    return rows[0] ? toStoredSchema(rows[0]) : null;
  }
}

/** The key as stored: '' for the default inbox, text as PostgreSQL keeps it (pg-text.ts). */
function keyOf(ref: SchemaRef): string[] {
  return [storedEndpoint(pgText(ref.endpoint)), pgText(ref.event)];
}
