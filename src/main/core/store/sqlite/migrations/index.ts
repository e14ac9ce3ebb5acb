import { sql as requests } from './001-requests';
import { sql as search } from './003-search';
import { sql as endpoints } from './004-endpoints';
import { sql as tunnel } from './005-tunnel';
import { sql as signatures } from './006-signatures';
import { sql as sender } from './007-sender';
import { sql as forwarding } from './008-forwarding';
import { sql as tokensAudit } from './009-tokens-audit';
import { sql as sendBy } from './010-send-by';
import { sql as deliveryLeases } from './011-delivery-leases';
import { sql as schemas } from './012-schemas';

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
  { id: 4, name: '004-endpoints', sql: endpoints },
  { id: 5, name: '005-tunnel', sql: tunnel },
  { id: 6, name: '006-signatures', sql: signatures },
  { id: 7, name: '007-sender', sql: sender },
  { id: 8, name: '008-forwarding', sql: forwarding },
  { id: 9, name: '009-tokens-audit', sql: tokensAudit },
  { id: 10, name: '010-send-by', sql: sendBy },
  { id: 11, name: '011-delivery-leases', sql: deliveryLeases },
  { id: 12, name: '012-schemas', sql: schemas },
];
