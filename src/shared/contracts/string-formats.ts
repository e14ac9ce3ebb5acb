import { z } from 'zod';

/**
 * The JSON Schema string formats Hookbench learns from captured bodies (issue 15). The tests are
 * zod's own regexes on purpose: generated zod code checks these formats with `z.iso.datetime`,
 * `z.email` and `z.guid`, so a format learned from samples can never make the generated validator
 * reject one of those samples.
 */
export const STRING_FORMATS = ['date-time', 'email', 'uri', 'uuid'] as const;
export type StringFormat = (typeof STRING_FORMATS)[number];

const DATE_TIME = z.regexes.datetime({ offset: true });
const EMAIL = z.regexes.email;
/** Any 8-4-4-4-12 hex id, like JSON Schema's `uuid` checkers; zod's `z.uuid()` would also demand RFC version bits. */
const UUID = z.regexes.guid;
/**
 * Absolute http(s) URLs without whitespace: what JSON Schema's `uri` (RFC 3986) and `z.url()`
 * both accept. Other schemes (`mailto:`, `urn:`) are rare in webhooks and too easy to confuse
 * with `key:value` strings.
 */
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Longer strings are data (bodies, tokens), not formatted scalars: skip the regexes. */
const MAX_FORMATTED_LENGTH = 2048;

export function matchesFormat(format: StringFormat, value: string): boolean {
  if (value.length > MAX_FORMATTED_LENGTH) return false;
  switch (format) {
    case 'date-time':
      return DATE_TIME.test(value);
    case 'email':
      return EMAIL.test(value);
    case 'uuid':
      return UUID.test(value);
    case 'uri':
      return HTTP_URL.test(value) && URL.canParse(value);
  }
}
