/**
 * Why a tunnel server could not be reached, in words a person can act on. Node's fetch reports
 * every network failure as "fetch failed" with the real reason (a system error code) somewhere in
 * its `cause` chain, sometimes inside an AggregateError (one error per address tried), so the
 * chain is searched for the first code known here.
 */

/** How long one connect attempt may take (asking the server for a tunnel, then opening its sockets). */
export const CONNECT_TIMEOUT_MS = 8_000;

type Reason = Error & { code?: string; cause?: unknown; errors?: unknown[] };

function codes(error: unknown, seen = new Set<unknown>()): string[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const e = error as Reason;
  return [...(typeof e.code === 'string' ? [e.code] : []), ...codes(e.cause, seen), ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => codes(x, seen)) : [])];
}

function isTimeout(error: unknown): boolean {
  const e = error as Reason;
  return e?.name === 'TimeoutError' || e?.name === 'AbortError' || codes(error).some((c) => c === 'ETIMEDOUT' || c === 'UND_ERR_CONNECT_TIMEOUT');
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

/** The innermost message that says more than "fetch failed". */
function innerMessage(error: unknown): string {
  let e = error as Reason | undefined;
  let message = e?.message ?? String(error);
  while (e && typeof e === 'object' && e.cause && typeof e.cause === 'object') {
    e = e.cause as Reason;
    if (e.message) message = e.message;
  }
  return message;
}

/** `server` is the tunnel server's base URL as configured (e.g. http://127.0.0.1:4000). */
export function describeTunnelError(error: unknown, server: string): string {
  if (isTimeout(error)) return `The tunnel server at ${server} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  const found = codes(error);
  const has = (...wanted: string[]) => found.some((c) => wanted.includes(c));
  // The localtunnel client reports its sockets' refusals as text ("connection refused: host:port …").
  if (has('ECONNREFUSED') || /connection refused/i.test(innerMessage(error))) return `The tunnel server at ${server} refused the connection — is it running?`;
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) return `Can't find the tunnel server host ${hostOf(server)} (DNS lookup failed)`;
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET')) return `The tunnel server at ${server} closed the connection`;
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN')) return `The tunnel server at ${server} is not reachable from this network`;
  if (has('CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'))
    return `The tunnel server at ${server} has a certificate this app does not trust (${found[0]})`;
  const message = innerMessage(error);
  return message === 'fetch failed' ? `Could not reach the tunnel server at ${server}` : `Could not reach the tunnel server at ${server}: ${message}`;
}
