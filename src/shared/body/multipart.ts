/**
 * multipart/form-data (RFC 7578) split into its parts, on the raw bytes: a part can hold a binary
 * file, so nothing is decoded as text before the boundaries are found.
 */

export interface MultipartPart {
  headers: [string, string][];
  /** From Content-Disposition. */
  name: string | null;
  filename: string | null;
  contentType: string | null;
  body: Uint8Array;
}

export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\//i.test(contentType.trim())) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

function dispositionParam(disposition: string, key: string): string | null {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]+)`, 'i').exec(disposition);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The parts, or null when the body is not well-formed multipart for this boundary. */
export function parseMultipart(bytes: Uint8Array, boundary: string): MultipartPart[] | null {
  const enc = new TextEncoder();
  const delimiter = enc.encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = indexOf(bytes, delimiter, 0);
  if (pos === -1) return null;
  for (;;) {
    pos += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) return parts;
    if (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a) pos += 2;
    else if (bytes[pos] === 0x0a) pos += 1;
    const headEnd = indexOf(bytes, enc.encode('\r\n\r\n'), pos);
    if (headEnd === -1) return null;
    const next = indexOf(bytes, enc.encode(`\r\n--${boundary}`), headEnd + 4);
    if (next === -1) return null;
    const headers = latin1(bytes.subarray(pos, headEnd))
      .split('\r\n')
      .filter((line) => line.includes(':'))
      .map((line): [string, string] => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      });
    const header = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
    const disposition = header('content-disposition') ?? '';
    parts.push({
      headers,
      name: dispositionParam(disposition, 'name'),
      filename: dispositionParam(disposition, 'filename'),
      contentType: header('content-type'),
      body: bytes.subarray(headEnd + 4, next),
    });
    pos = next + 2;
  }
}
