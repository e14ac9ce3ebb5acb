/**
 * The fields of a large `application/x-www-form-urlencoded` body, keeping only pairs of at most
 * `maxPairBytes`: event names sit in short fields, and a multi-megabyte field (an upload, a blob)
 * is skipped without being decoded.
 */
const AMPERSAND = 0x26;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readShallowForm(bytes: Uint8Array, maxPairBytes: number): URLSearchParams {
  const kept: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    const amp = bytes.indexOf(AMPERSAND, start);
    const end = amp === -1 ? bytes.length : amp;
    if (end - start <= maxPairBytes) {
      try {
        kept.push(utf8.decode(bytes.subarray(start, end)));
      } catch {
        // not UTF-8: not a field worth naming an event by
      }
    }
    start = end + 1;
  }
  return new URLSearchParams(kept.join('&'));
}
