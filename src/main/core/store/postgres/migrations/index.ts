import { sql as core } from './001-core';
import { sql as requests } from './002-requests';
import { sql as sender } from './003-sender';
import { sql as schemas } from './004-schemas';

/**
 * PostgreSQL migrations: numbered, applied in order, each in its own transaction and recorded with
 * a hash of its SQL (test/unit/pg-migration-hashes.test.ts pins them). Never edit one that has
 * shipped: add the next number instead. They are not the SQLite ones renumbered: PostgreSQL starts
 * from the schema SQLite reached, in fewer, larger steps.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { id: 1, name: '001-core', sql: core },
  { id: 2, name: '002-requests', sql: requests },
  { id: 3, name: '003-sender', sql: sender },
  { id: 4, name: '004-schemas', sql: schemas },
];
