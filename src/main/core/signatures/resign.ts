import type { CustomScheme, SchemeId } from '../../../shared/signatures';
import type { HeaderPairs } from '../../../shared/request-schemas';
import { signRequest } from './index';

export interface Resign {
  scheme: SchemeId;
  secret: string;
  customScheme?: CustomScheme;
}

/**
 * Headers for an edited replay that still verifies: the scheme's signature headers are computed
 * afresh (new timestamp) over the exact bytes about to be sent and replace the old ones in place;
 * headers the scheme adds that were not there are appended.
 */
export function resignHeaders(headers: HeaderPairs, body: Uint8Array, url: string, resign: Resign): HeaderPairs {
  // Svix-branded requests are re-signed with svix-* names, so the receiver reads the same headers.
  const brand = headers.some(([n]) => n.toLowerCase() === 'svix-signature') ? 'svix' : 'webhook';
  const signed = signRequest({ scheme: resign.scheme, secret: resign.secret, body, url, custom: resign.customScheme, brand }).headers;
  const fresh = new Map(signed.map(([n, v]) => [n.toLowerCase(), [n, v] as [string, string]]));
  const out: HeaderPairs = headers.map(([n, v]) => {
    const replacement = fresh.get(n.toLowerCase());
    if (!replacement) return [n, v];
    fresh.delete(n.toLowerCase());
    return [n, replacement[1]];
  });
  return [...out, ...fresh.values()];
}
