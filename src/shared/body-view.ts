/**
 * How a captured body should be shown. Pure (no Node, no DOM) so the renderer and the tests share
 * it. JSON is pretty-printed from the exact bytes; invalid JSON is shown raw with the parse error,
 * never as a blank pane; bytes that are not UTF-8 text are shown as hex.
 */
import { multipartBoundary, parseMultipart } from './body/multipart';
import { prettyXml } from './body/xml-pretty';

export type BodyView =
  | { kind: 'empty' }
  | { kind: 'json'; pretty: string; raw: string }
  /** `pretty` is set for XML: indented for reading, while `text` stays exact. */
  | { kind: 'text'; text: string; language: 'xml' | 'plaintext' | 'html'; jsonError?: string; pretty?: string }
  | { kind: 'form'; pairs: [string, string][]; raw: string }
  | { kind: 'multipart'; parts: MultipartView[] }
  | { kind: 'binary'; hex: string; shownBytes: number };

export interface MultipartView {
  name: string | null;
  filename: string | null;
  contentType: string | null;
  headers: [string, string][];
  size: number;
  view: BodyView;
}

const HEX_LIMIT = 64 * 1024;

/**
 * Text longer than this (about a 600 KB minified JSON body, pretty-printed) is shown as plain text
 * without line wrapping: syntax colouring and wrapping of hundreds of thousands of lines kept a
 * 2 MB body from opening within a second (bench/detail-open.mjs).
 */
export const LARGE_VIEW_CHARS = 1024 * 1024;

/** The native decoder where the runtime has one (Chromium 140+, so the app's renderer). */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (b64: string) => Uint8Array }).fromBase64?.bind(Uint8Array);

export function base64ToBytes(b64: string): Uint8Array {
  // A 2 MB body is 2.7 MB of base64: atob plus a per-byte loop took 100-170 ms of the detail
  // view's open (profiled with bench/detail-open.mjs) and left a 2 MB string to collect.
  if (nativeFromBase64) return nativeFromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function looksJson(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

function languageOf(contentType: string | null): 'xml' | 'html' | 'plaintext' {
  if (contentType && /[/+]xml\b/i.test(contentType)) return 'xml';
  if (contentType && /text\/html/i.test(contentType)) return 'html';
  return 'plaintext';
}

/** Text with control characters other than tab/CR/LF is treated as binary. */
function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

export function viewBody(bytes: Uint8Array, contentType: string | null): BodyView {
  if (bytes.length === 0) return { kind: 'empty' };
  const boundary = multipartBoundary(contentType);
  const parts = boundary === null ? null : parseMultipart(bytes, boundary);
  if (parts) {
    return {
      kind: 'multipart',
      parts: parts.map((p) => ({
        name: p.name,
        filename: p.filename,
        contentType: p.contentType,
        headers: p.headers,
        size: p.body.length,
        view: viewBody(p.body, p.contentType ?? 'text/plain'),
      })),
    };
  }
  let text: string | null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!isPrintable(text)) text = null;
  } catch {
    text = null;
  }
  if (text === null) return { kind: 'binary', hex: hexDump(bytes.subarray(0, HEX_LIMIT)), shownBytes: Math.min(bytes.length, HEX_LIMIT) };
  const trimmed = text.trimStart();
  const jsonish = looksJson(contentType) || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (jsonish) {
    try {
      return { kind: 'json', pretty: JSON.stringify(JSON.parse(text), null, 2), raw: text };
    } catch (error) {
      if (looksJson(contentType)) return { kind: 'text', text, language: 'plaintext', jsonError: (error as Error).message };
    }
  }
  if (contentType && /^application\/x-www-form-urlencoded/i.test(contentType)) {
    return { kind: 'form', pairs: Array.from(new URLSearchParams(text)), raw: text };
  }
  const language = languageOf(contentType);
  const looksXml = language === 'xml' || (language === 'plaintext' && trimmed.startsWith('<?xml'));
  if (looksXml) return { kind: 'text', text, language: 'xml', pretty: prettyXml(text) };
  return { kind: 'text', text, language };
}

/** Classic 16-bytes-a-line dump: offset, hex, and printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}
