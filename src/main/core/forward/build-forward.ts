import type { HeaderPairs } from '../../../shared/request-schemas';

/**
 * What to send when a capture is forwarded or replayed: the same method, headers in the same order
 * and case, and the exact body, with only what must change for a new hop changed — Host names the
 * target, hop-by-hop headers (RFC 9110 §7.6.1) are dropped, Content-Length matches the body.
 */

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export function forwardHeaders(headers: HeaderPairs, target: URL, bodyLength: number): HeaderPairs {
  // Headers listed in Connection are hop-by-hop too.
  const listed = new Set(
    headers
      .filter(([n]) => n.toLowerCase() === 'connection')
      .flatMap(([, v]) => v.split(','))
      .map((t) => t.trim().toLowerCase()),
  );
  const out: HeaderPairs = [];
  let hasHost = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed.has(lower)) continue;
    if (lower === 'host') {
      if (hasHost) continue;
      hasHost = true;
      out.push([name, target.host]);
    } else if (lower === 'content-length') {
      out.push([name, String(bodyLength)]);
    } else {
      out.push([name, value]);
    }
  }
  if (!hasHost) out.unshift(['Host', target.host]);
  return out;
}

/**
 * The forward URL for a capture: the target plus the path after the endpoint's slug, plus the
 * query. `/stripe/events/1?x=1` on endpoint `stripe` forwarded to `http://localhost:3000/hooks`
 * goes to `http://localhost:3000/hooks/events/1?x=1`.
 */
export function forwardUrl(target: string, path: string, query: string, slug: string | null): URL {
  const url = new URL(target);
  const suffix = slug !== null && (path === `/${slug}` || path.startsWith(`/${slug}/`)) ? path.slice(slug.length + 1) : path;
  if (suffix && suffix !== '/') url.pathname = url.pathname.replace(/\/$/, '') + suffix;
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  return url;
}
