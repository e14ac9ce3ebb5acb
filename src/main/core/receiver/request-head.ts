import type http from 'node:http';

/** Node gives raw headers as a flat [name, value, name, value, ...] list in arrival order. */
export function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/**
 * Bytes of the request head as parsed: request line, `name: value` lines and the blank line.
 * Node's own `maxHeaderSize` counts only names, values and the URL (no separators), so 5,000 small
 * headers of 78 KB pass its 64 KiB check; this count is what the receiver's limit means. Node
 * decodes the head as latin1, so string length is byte length. Optional whitespace around values
 * is not counted (the parser drops it).
 */
export function headBytes(req: http.IncomingMessage): number {
  let bytes = `${req.method ?? ''} ${req.url ?? ''} HTTP/${req.httpVersion}\r\n`.length + 2;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) bytes += raw[i]!.length + raw[i + 1]!.length + 4;
  return bytes;
}
