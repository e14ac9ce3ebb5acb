import type { HeaderPairs } from '../request-schemas';

/**
 * Reads a cURL command (as browsers' "Copy as cURL", Hookbench's own, or hand-written) into a
 * request that can be stored and replayed. Understands POSIX shell quoting (single, double, `$'…'`,
 * backslash-newline continuations) and the options that shape a request; others are ignored.
 */

export interface ParsedCurl {
  method: string;
  url: string;
  headers: HeaderPairs;
  body: Uint8Array;
}

export class CurlParseError extends Error {}

/** Splits a command line into words the way a POSIX shell would (no expansion). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const s = command.replace(/\\\r?\n/g, ' ');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) throw new CurlParseError('unterminated single quote');
      word += s.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '$' && s[i + 1] === "'") {
      // ANSI-C quoting, as Chrome's "Copy as cURL (bash)" uses for bodies with control characters.
      let j = i + 2;
      for (; j < s.length && s[j] !== "'"; j++) {
        if (s[j] === '\\') {
          const n = s[++j];
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
          if (n === 'x') {
            word += String.fromCharCode(parseInt(s.slice(j + 1, j + 3), 16));
            j += 2;
          } else if (n === 'u') {
            word += String.fromCharCode(parseInt(s.slice(j + 1, j + 5), 16));
            j += 4;
          } else word += map[n ?? ''] ?? n ?? '';
        } else word += s[j];
      }
      if (j >= s.length) throw new CurlParseError("unterminated $'…' quote");
      i = j;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && '"\\$`'.includes(s[j + 1] ?? '')) j++;
        word += s[j];
      }
      if (j >= s.length) throw new CurlParseError('unterminated double quote');
      i = j;
      inWord = true;
    } else if (c === '\\') {
      word += s[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode']);
const IGNORED_WITH_VALUE = new Set(['-o', '--output', '-u', '--user', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-x', '--proxy']);

export function parseCurl(command: string): ParsedCurl {
  const words = shellWords(command.trim());
  const start = words.findIndex((w) => w === 'curl' || w.endsWith('/curl'));
  if (start === -1) throw new CurlParseError('not a curl command');
  let method: string | null = null;
  let url: string | null = null;
  const headers: HeaderPairs = [];
  const data: string[] = [];
  for (let i = start + 1; i < words.length; i++) {
    const w = words[i]!;
    const value = () => {
      const v = words[++i];
      if (v === undefined) throw new CurlParseError(`${w} needs a value`);
      return v;
    };
    if (w === '-X' || w === '--request') method = value().toUpperCase();
    else if (w === '-H' || w === '--header') {
      const h = value();
      const colon = h.indexOf(':');
      if (colon > 0) headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
    } else if (DATA_OPTIONS.has(w)) {
      const v = value();
      if (v.startsWith('@') && w !== '--data-raw') throw new CurlParseError(`${w} ${v} reads a file, which an import cannot: paste the body instead`);
      data.push(v);
    } else if (w === '--url') url = value();
    else if (w === '-I' || w === '--head') method = 'HEAD';
    else if (IGNORED_WITH_VALUE.has(w)) value();
    else if (!w.startsWith('-') && url === null) url = w;
  }
  if (url === null) throw new CurlParseError('no URL in the command');
  if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
  // curl joins several -d values with & (it strips newlines only from files read with @).
  const text = data.join('&');
  if (data.length > 0 && !headers.some(([n]) => n.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  return { method: method ?? (data.length > 0 ? 'POST' : 'GET'), url, headers, body: new TextEncoder().encode(text) };
}
