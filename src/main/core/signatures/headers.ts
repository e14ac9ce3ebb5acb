import type { HeaderList } from './types';

/** First value of a header, matched case-insensitively (HTTP header names are case-insensitive). */
export function headerValue(headers: HeaderList, name: string): string | null {
  const wanted = name.toLowerCase();
  const hit = headers.find(([n]) => n.toLowerCase() === wanted);
  return hit ? hit[1] : null;
}

/** The first of several header names that is present, with its value. */
export function firstHeader(headers: HeaderList, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value !== null) return { name, value };
  }
  return null;
}
