import type { HeaderPairs } from '../../../shared/request-schemas';

/**
 * What full-text search covers, the same on every adapter: the path, the headers as
 * "name: value" lines, and the body's first INDEXED_BODY_BYTES when they are valid UTF-8.
 */

/**
 * Bytes of a body that are indexed (the README states it): the first 4 MiB of each body. A "2 MB"
 * export or report is searchable to its end, while the bodies the cap (10 MiB) still lets in past
 * this limit — uploads, dumps — are searchable by their start. Why not the whole cap: indexing
 * runs on the main thread at ~25-60 ms per MiB of text (FTS5 insert, measured here) and a document
 * is indexed in one go, so this bounds a capture-blocking pause to ~0.1-0.2 s per large body, and
 * the index grows by ~0.3 bytes per indexed byte. Webhook payloads (KBs, as in the 1M-row query
 * benchmark) are unaffected.
 */
export const INDEXED_BODY_BYTES = 4 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The searchable text of a body's indexed head: valid UTF-8 only (binary bodies are not indexed).
 * `cut`: the body went on past `head` (so the last character may be cut in half).
 */
export function bodyText(head: Buffer, cut: boolean): string {
  // A cut inside a multi-byte character at the limit is not binary: retry without those bytes.
  const maxTrim = cut ? 3 : 0;
  for (let trim = 0; trim <= maxTrim; trim++) {
    try {
      return utf8.decode(head.subarray(0, head.length - trim));
    } catch {
      // try one byte shorter
    }
  }
  return '';
}

/** The searchable text of a body: its indexed head. */
export function indexedBodyText(body: Buffer): string {
  return bodyText(body.subarray(0, INDEXED_BODY_BYTES), body.length > INDEXED_BODY_BYTES);
}

/** Headers (as stored: JSON `[[name, value], ...]`) as "name: value" lines. */
export function headerText(json: string): string {
  return (JSON.parse(json) as HeaderPairs).map(([name, value]) => `${name}: ${value}`).join('\n');
}
