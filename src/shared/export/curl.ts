import { base64ToBytes } from '../body-view';
import type { RequestDetail } from '../request-schemas';

/**
 * "Copy as cURL": a command that sends the same request again, byte for byte. Headers curl sets
 * itself from the command (Host, Content-Length) or that describe the old connection are left out.
 */

const SKIPPED = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'expect']);

/** POSIX single-quoting: safe for any text, including quotes, `$` and newlines. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function toCurl(request: RequestDetail, baseUrl: string): string {
  const url = baseUrl + request.path + (request.query ? `?${request.query}` : '');
  const lines = [`curl -X ${request.method} ${shellQuote(url)}`];
  for (const [name, value] of request.headers) {
    if (!SKIPPED.has(name.toLowerCase())) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  }
  const bytes = base64ToBytes(request.bodyBase64);
  if (bytes.length === 0) return lines.join(' \\\n');
  const text = utf8OrNull(bytes);
  // NUL cannot live in a shell argument; anything else can.
  if (text !== null && !text.includes('\u0000')) {
    lines.push(`  --data-binary ${shellQuote(text)}`);
    return lines.join(' \\\n');
  }
  lines.push('  --data-binary @-');
  return `printf %s ${shellQuote(request.bodyBase64)} | base64 -d | ${lines.join(' \\\n')}`;
}
