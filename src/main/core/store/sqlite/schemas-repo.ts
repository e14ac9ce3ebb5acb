import type { Database, Statement } from 'better-sqlite3';
import type { SchemaRef, SchemasRepository, SchemaWrite, StoredSchema, SchemaListing } from '../repositories';
import { SCHEMA_COLUMNS, SCHEMA_LISTING_COLUMNS, schemaValues, storedEndpoint, toSchemaListing, toStoredSchema, writtenSchema, type SchemaListingRow, type SchemaRow } from '../schema-rows';

/**
 * Schemas learned per (endpoint, event), in the embedded database. One process writes the file,
 * and a transaction here runs synchronously from its read to its write, so a read-modify-write
 * needs no lock beyond the transaction itself.
 */
export class SchemasRepo implements SchemasRepository {
  private readonly listAll: Statement;
  private readonly listOne: Statement;
  private readonly getStmt: Statement;
  private readonly versionStmt: Statement;
  private readonly writeStmt: Statement;
  private readonly updateTx: (ref: SchemaRef, change: (current: StoredSchema | null) => SchemaWrite | null, cached: StoredSchema | null) => StoredSchema | null;

  constructor(db: Database) {
    this.listAll = db.prepare(`SELECT ${SCHEMA_LISTING_COLUMNS} FROM schemas ORDER BY event, endpoint`);
    this.listOne = db.prepare(`SELECT ${SCHEMA_LISTING_COLUMNS} FROM schemas WHERE endpoint = ? ORDER BY event`);
    this.getStmt = db.prepare(`SELECT ${SCHEMA_COLUMNS} FROM schemas WHERE endpoint = ? AND event = ?`);
    this.versionStmt = db.prepare('SELECT version FROM schemas WHERE endpoint = ? AND event = ?');
    this.writeStmt = db.prepare(`INSERT INTO schemas (${SCHEMA_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (endpoint, event) DO UPDATE SET shape = excluded.shape, samples = excluded.samples, first_seen = excluded.first_seen,
        last_seen = excluded.last_seen, pinned = excluded.pinned, version = excluded.version`);
    this.updateTx = db.transaction((ref, change, cached) => {
      const found = this.versionStmt.get(storedEndpoint(ref.endpoint), ref.event) as { version: number } | undefined;
      const current = !found ? null : cached?.version === found.version ? cached : this.read(ref);
      const write = change(current);
      if (!write) return current;
      this.writeStmt.run(...schemaValues(ref, write, current));
      return writtenSchema(ref, write, current);
    });
  }

  async list(endpoint?: string | null): Promise<SchemaListing[]> {
    const rows = (endpoint === undefined ? this.listAll.all() : this.listOne.all(storedEndpoint(endpoint))) as SchemaListingRow[];
    return rows.map(toSchemaListing);
  }

  async get(ref: SchemaRef): Promise<StoredSchema | null> {
    return this.read(ref);
  }

  async update(ref: SchemaRef, change: (current: StoredSchema | null) => SchemaWrite | null, cached: StoredSchema | null = null): Promise<StoredSchema | null> {
    return this.updateTx(ref, change, cached);
  }

  private read(ref: SchemaRef): StoredSchema | null {
    const row = this.getStmt.get(storedEndpoint(ref.endpoint), ref.event) as SchemaRow | undefined;
    return row ? toStoredSchema(row) : null;
  }
}
