import { randomUUID } from 'node:crypto';
import { CustomScheme, type CustomSchemeInput, type VerifyResult } from '../../../shared/signatures';
import { nowSec } from './clock';
import { rawKey } from './encoding';
import { headerValue } from './headers';
import { hmac, joinBytes } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import { parseUnixSeconds } from './tolerance';
import type { HeaderList, SchemeHandler } from './types';

interface TemplateValues {
  id: string;
  timestamp: string;
  body: Uint8Array;
  url: string;
}

/** Fills {id} {timestamp} {body} {url}; the body goes in as bytes, everything else as UTF-8 text. */
export function renderTemplate(template: string, values: TemplateValues) {
  const parts = template.split(/(\{id\}|\{timestamp\}|\{body\}|\{url\})/);
  return joinBytes(
    ...parts.map((part) => {
      switch (part) {
        case '{id}':
          return values.id;
        case '{timestamp}':
          return values.timestamp;
        case '{body}':
          return values.body;
        case '{url}':
          return values.url;
        default:
          return part;
      }
    }),
  );
}

function parseScheme(custom: CustomSchemeInput | undefined): CustomScheme | null {
  const parsed = CustomScheme.safeParse(custom);
  return parsed.success ? parsed.data : null;
}

function splitSignatures(value: string, prefix: string): string[] {
  // Several signatures may be listed (rotation); each carries the prefix when there is one.
  const separator = prefix.includes(',') ? /\s+/ : /[\s,]+/;
  return value
    .trim()
    .split(separator)
    .filter((token) => token.startsWith(prefix))
    .map((token) => token.slice(prefix.length))
    .filter((mac) => mac.length > 0);
}

function readTemplateHeader(headers: HeaderList, name: string | undefined, uses: boolean) {
  if (!uses) return { value: '' };
  if (!name) return { value: null, missing: '(no header configured)' };
  const value = headerValue(headers, name);
  return value === null ? { value: null, missing: name } : { value };
}

/** A user-defined HMAC scheme (algorithm, encoding, header, prefix, template). */
export const custom: SchemeHandler = {
  sign({ secret, body, timestamp = nowSec(), id = randomUUID(), url = '', custom: input }) {
    const scheme = parseScheme(input);
    if (!scheme) throw new Error('The custom scheme definition is invalid');
    const signedString = renderTemplate(scheme.template, { id, timestamp: String(timestamp), body, url });
    const headers: [string, string][] = [[scheme.header, scheme.prefix + hmac(scheme.algorithm, rawKey(secret), signedString).toString(scheme.encoding)]];
    if (scheme.timestampHeader) headers.push([scheme.timestampHeader, String(timestamp)]);
    if (scheme.idHeader) headers.push([scheme.idHeader, id]);
    return { headers, signedString };
  },
  verify({ headers, body, url, secrets, now, toleranceSec, at, custom: input }): VerifyResult {
    const scheme = parseScheme(input);
    if (!scheme) return outcome('custom', 'unsupported', 'No valid custom scheme definition was given');
    const received = headerValue(headers, scheme.header);
    if (received === null) return headerMissing('custom', scheme.header);
    const ts = readTemplateHeader(headers, scheme.timestampHeader, scheme.template.includes('{timestamp}'));
    if (ts.value === null) return outcome('custom', 'header_missing', `The template signs {timestamp} but the timestamp header is missing: ${ts.missing}`, { received });
    const id = readTemplateHeader(headers, scheme.idHeader, scheme.template.includes('{id}'));
    if (id.value === null) return outcome('custom', 'header_missing', `The template signs {id} but the id header is missing: ${id.missing}`, { received });
    if (scheme.template.includes('{url}') && !url) {
      return outcome('custom', 'unsupported', 'The template signs {url}: give the URL the request was sent to', { received });
    }
    const timestamp = scheme.timestampHeader && ts.value ? parseUnixSeconds(ts.value) : null;
    return verifyHmac(
      {
        scheme: 'custom',
        algorithm: scheme.algorithm,
        encoding: scheme.encoding,
        keyMode: 'raw',
        // A user-defined scheme documents no string compare: the decoded MAC decides.
        compare: 'bytes',
        signedString: renderTemplate(scheme.template, { id: id.value, timestamp: ts.value, body, url: url ?? '' }),
        received,
        candidates: splitSignatures(received, scheme.prefix),
        format: (mac) => scheme.prefix + mac,
        timestamp,
        now,
        // A custom scheme has no window of its own; one applies only when asked for.
        toleranceSec: toleranceSec ?? null,
        direction: 'both',
        at,
      },
      secrets,
    );
  },
};
