import { sql as requests } from './001-requests';
import { sql as search } from './003-search';

/**
 * Numbered migrations, applied in order, each in its own transaction and recorded with a hash of
 * its SQL. Never edit one that has shipped: add the next number instead (the runner refuses a
 * database whose recorded hash differs from the code's).
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { id: 1, name: '001-requests', sql: requests },
  { id: 3, name: '003-search', sql: search },
];
