import type { HeaderPairs } from './request-schemas';

/** Headers as `Name: value` lines, the way people read and edit them; order and case kept. */
export function headersToText(headers: HeaderPairs): string {
  return headers.map(([n, v]) => `${n}: ${v}`).join('\n');
}

/** Parses `Name: value` lines (blank lines skipped); a line without a name throws with the line. */
export function textToHeaders(text: string): HeaderPairs {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim())
    .map((line): [string, string] => {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`not a header line: "${line.trim()}"`);
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    });
}
