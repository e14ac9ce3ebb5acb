/**
 * Which captured bodies a schema learns from, and their parsed JSON: complete bodies (a truncated
 * one is cut mid-value) of a JSON content type, or of none when they look like JSON, that parse.
 * A form, XML or text body says nothing about a JSON schema. Bodies over MAX_LEARNED_BYTES are
 * left out too: parsing one holds the event loop for tens of milliseconds, captures waiting.
 */

export const MAX_LEARNED_BYTES = 1024 * 1024;

/** `application/json`, `text/json`, `application/vnd.api+json`, with or without parameters. */
const JSON_TYPE = /^[^;]*[/+]json\s*(;|$)/i;

export interface BodySource {
  event: string | null;
  contentType: string | null;
  truncated: boolean;
}

/** Whether a capture is worth reading at all (checked before its body is parsed). */
export function mayHoldJson(source: BodySource, body: Uint8Array): boolean {
  if (source.event === null || source.truncated || body.length === 0 || body.length > MAX_LEARNED_BYTES) return false;
  if (source.contentType !== null) return JSON_TYPE.test(source.contentType);
  // No content type: only what starts like an object or an array (after whitespace).
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
}

/** The parsed body, or undefined when it is not one to learn from. */
export function jsonBodyOf(source: BodySource, body: Buffer): unknown {
  if (!mayHoldJson(source, body)) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
