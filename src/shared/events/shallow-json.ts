/**
 * Reads only the top level of a large JSON body, straight from its UTF-8 bytes: a top-level member
 * of an object is parsed when it is read and at most `maxMemberBytes` (bigger ones read as
 * undefined); an array yields its first element only. Event names live in small envelope fields,
 * so this finds them in a 10 MiB body for the cost of one pass over its bytes (strings are skipped
 * with indexOf), where decoding and JSON.parse of the whole body cost up to ~200 ms on the capture
 * path and build the whole object graph.
 *
 * Scanning bytes is safe: every JSON structural character is ASCII, and UTF-8 never uses an ASCII
 * byte inside a multi-byte character. The body is not validated as a whole (only the members
 * read are parsed), and the members that arrived whole are kept: a body cut at the receiver's cap
 * still yields the fields before the cut.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const utf8 = new TextDecoder('utf-8', { fatal: true });

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(bytes: Uint8Array, at: number): number {
  while (isSpace(bytes[at])) at++;
  return at;
}

/** Index just past the string that opens at `at`, or -1 if it never closes. */
function skipString(bytes: Uint8Array, at: number): number {
  for (let quote = bytes.indexOf(QUOTE, at + 1); quote !== -1; quote = bytes.indexOf(QUOTE, quote + 1)) {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return -1;
}

/** Index just past the value that starts at `at` (not validated), or -1 if the bytes end first. */
function skipValue(bytes: Uint8Array, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    // A number or literal runs to the next delimiter.
    let end = at;
    while (end < bytes.length && !isSpace(bytes[end]) && bytes[end] !== COMMA && bytes[end] !== CLOSE_OBJECT && bytes[end] !== CLOSE_ARRAY) end++;
    return end < bytes.length ? end : -1;
  }
  let depth = 0;
  for (let i = at; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = skipString(bytes, i) - 1;
      if (i < 0) return -1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return i + 1;
  }
  return -1;
}

/** The JSON value of a byte range; undefined when it is not valid UTF-8 JSON. */
function parseSlice(bytes: Uint8Array, start: number, end: number): unknown {
  try {
    return JSON.parse(utf8.decode(bytes.subarray(start, end))) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The top-level members of the object at `at`, each parsed only when read: the rules read a few
 * envelope keys, so a body of many mid-sized members costs a scan, not a parse of every member.
 */
function readObject(bytes: Uint8Array, at: number, maxMemberBytes: number): Record<string, unknown> {
  // No prototype: a "__proto__" key stays an ordinary member, as with JSON.parse.
  const out = Object.create(null) as Record<string, unknown>;
  at = skipSpace(bytes, at + 1);
  while (bytes[at] === QUOTE) {
    const keyEnd = skipString(bytes, at);
    if (keyEnd === -1) break;
    const key = parseSlice(bytes, at, keyEnd);
    const colon = skipSpace(bytes, keyEnd);
    if (typeof key !== 'string' || bytes[colon] !== COLON) break;
    const start = skipSpace(bytes, colon + 1);
    const end = skipValue(bytes, start);
    if (end === -1) break;
    let parsed = false;
    let value: unknown;
    const get = () => {
      if (!parsed) value = end - start <= maxMemberBytes ? parseSlice(bytes, start, end) : undefined;
      parsed = true;
      return value;
    };
    // Redefined on a duplicate key, so the last one wins as with JSON.parse.
    Object.defineProperty(out, key, { get, enumerable: true, configurable: true });
    at = skipSpace(bytes, end);
    if (bytes[at] !== COMMA) break;
    at = skipSpace(bytes, at + 1);
  }
  return out;
}

/**
 * The shallow view of a JSON body: an object of its small top-level members, or an array holding
 * only its first element (when small); undefined when the body does not start like JSON.
 */
export function readShallowJson(bytes: Uint8Array, maxMemberBytes: number): unknown {
  // A UTF-8 byte order mark is not part of the JSON (TextDecoder drops it too).
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const at = skipSpace(bytes, bom);
  if (bytes[at] === OPEN_OBJECT) return readObject(bytes, at, maxMemberBytes);
  if (bytes[at] !== OPEN_ARRAY) return undefined;
  const start = skipSpace(bytes, at + 1);
  const end = skipValue(bytes, start);
  const first = end !== -1 && end - start <= maxMemberBytes ? parseSlice(bytes, start, end) : undefined;
  return first === undefined ? [] : [first];
}
