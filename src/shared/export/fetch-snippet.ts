import { base64ToBytes } from '../body-view';
import type { RequestDetail } from '../request-schemas';

/** "Copy as fetch": a JavaScript snippet that sends the same request (Node 18+ or a browser console). */

const SKIPPED = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'expect']);

export function toFetch(request: RequestDetail, baseUrl: string): string {
  const url = baseUrl + request.path + (request.query ? `?${request.query}` : '');
  const headers = request.headers.filter(([n]) => !SKIPPED.has(n.toLowerCase()));
  const bytes = base64ToBytes(request.bodyBase64);
  let text: string | null = null;
  try {
    text = bytes.length ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : null;
  } catch {
    text = null;
  }
  const lines = [`await fetch(${JSON.stringify(url)}, {`, `  method: ${JSON.stringify(request.method)},`];
  // A list of pairs keeps order and repeated headers, which an object would lose.
  lines.push(`  headers: ${JSON.stringify(headers)},`);
  if (bytes.length > 0) {
    lines.push(
      text !== null
        ? `  body: ${JSON.stringify(text)},`
        : `  body: Uint8Array.from(atob(${JSON.stringify(request.bodyBase64)}), (c) => c.charCodeAt(0)),`,
    );
  }
  lines.push('});');
  return lines.join('\n');
}
