import type { Shape } from '../../../shared/contracts/shape';
import type { SchemaListing, SchemaRef, SchemaWrite, StoredSchema } from './repositories';

/**
 * A `schemas` row as both adapters select it (migrations sqlite/012, postgres/004): the same
 * columns, JSON as TEXT, times in ms. The default inbox is stored as endpoint '' because a primary
 * key cannot hold NULL; the port speaks of it as null.
 */
export interface SchemaListingRow {
  endpoint: string;
  event: string;
  samples: number;
  first_seen: number;
  last_seen: number;
  pinned: number | boolean;
  version: number;
}

export interface SchemaRow extends Omit<SchemaListingRow, 'pinned'> {
  shape: string;
  pinned: string | null;
}

export const SCHEMA_LISTING_COLUMNS = 'endpoint, event, samples, first_seen, last_seen, pinned IS NOT NULL AS pinned, version';
export const SCHEMA_COLUMNS = 'endpoint, event, shape, samples, first_seen, last_seen, pinned, version';

/** The stored endpoint of a schema ('' for the default inbox). */
export function storedEndpoint(endpoint: string | null): string {
  return endpoint ?? '';
}

export function toSchemaListing(row: SchemaListingRow): SchemaListing {
  return {
    endpoint: row.endpoint === '' ? null : row.endpoint,
    event: row.event,
    samples: row.samples,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    pinned: row.pinned === 1 || row.pinned === true,
    version: row.version,
  };
}

export function toStoredSchema(row: SchemaRow): StoredSchema {
  return {
    endpoint: row.endpoint === '' ? null : row.endpoint,
    event: row.event,
    shape: JSON.parse(row.shape) as Shape,
    samples: row.samples,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    pinned: row.pinned === null ? null : (JSON.parse(row.pinned) as Record<string, unknown>),
    version: row.version,
  };
}

/** The values of a write, in SCHEMA_COLUMNS order (the version after `current`'s). */
export function schemaValues(ref: SchemaRef, write: SchemaWrite, current: StoredSchema | null): (string | number | null)[] {
  return [
    storedEndpoint(ref.endpoint),
    ref.event,
    JSON.stringify(write.shape),
    write.samples,
    write.firstSeen,
    write.lastSeen,
    write.pinned === null ? null : JSON.stringify(write.pinned),
    (current?.version ?? 0) + 1,
  ];
}

/** The row as it is after a write, without reading it back. */
export function writtenSchema(ref: SchemaRef, write: SchemaWrite, current: StoredSchema | null): StoredSchema {
  const { shape, samples, firstSeen, lastSeen, pinned } = write;
  return { endpoint: ref.endpoint, event: ref.event, shape, samples, firstSeen, lastSeen, pinned, version: (current?.version ?? 0) + 1 };
}
