import { z } from 'zod';
import { base64ToBytes } from '../body-view';
import type { RequestDetail } from '../request-schemas';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) from captured requests, so a capture
 * opens in browser devtools, Insomnia, Postman or HTTP Toolkit. Bodies that are not UTF-8 travel as
 * base64 with `encoding: "base64"` (the HAR field for response content, used the same way for
 * request bodies by HTTP Toolkit and others). Hookbench's own fields are prefixed `_` as the spec
 * asks for custom fields.
 */

const NameValue = z.object({ name: z.string(), value: z.string() });

export const HarEntry = z.looseObject({
  startedDateTime: z.string(),
  time: z.number(),
  request: z.looseObject({
    method: z.string(),
    url: z.string(),
    httpVersion: z.string(),
    cookies: z.array(z.unknown()),
    headers: z.array(NameValue),
    queryString: z.array(NameValue),
    postData: z.looseObject({ mimeType: z.string(), text: z.string(), encoding: z.string().optional() }).optional(),
    headersSize: z.number(),
    bodySize: z.number(),
  }),
  response: z.looseObject({ status: z.number() }),
  cache: z.object({}),
  timings: z.looseObject({ send: z.number(), wait: z.number(), receive: z.number() }),
  _hookbench: z
    .object({
      id: z.number(),
      endpoint: z.string().nullable(),
      event: z.string().nullable(),
      truncated: z.boolean(),
      clientAddress: z.string().nullable(),
    })
    .optional(),
});
export type HarEntry = z.infer<typeof HarEntry>;

export const Har = z.object({
  log: z.looseObject({
    version: z.literal('1.2'),
    creator: z.object({ name: z.string(), version: z.string() }),
    entries: z.array(HarEntry),
    comment: z.string().optional(),
  }),
});
export type Har = z.infer<typeof Har>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bodyAsText(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export function toHarEntry(request: RequestDetail, receiverUrl: string): HarEntry {
  const bytes = base64ToBytes(request.bodyBase64);
  const text = bytes.length === 0 ? null : bodyAsText(bytes);
  const query = request.query ? Array.from(new URLSearchParams(request.query), ([name, value]) => ({ name, value })) : [];
  return {
    startedDateTime: request.receivedAt,
    time: 0,
    request: {
      method: request.method,
      url: receiverUrl + request.path + (request.query ? `?${request.query}` : ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: request.headers.map(([name, value]) => ({ name, value })),
      queryString: query,
      ...(bytes.length > 0
        ? {
            postData:
              text !== null
                ? { mimeType: request.contentType ?? '', text }
                : { mimeType: request.contentType ?? '', text: request.bodyBase64, encoding: 'base64' },
          }
        : {}),
      headersSize: -1,
      bodySize: request.size,
    },
    response: {
      status: request.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: -1, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _hookbench: {
      id: request.id,
      endpoint: request.endpoint,
      event: request.event,
      truncated: request.truncated,
      clientAddress: request.clientAddress,
    },
  };
}

export function toHar(requests: readonly RequestDetail[], receiverUrl: string, creatorVersion: string, comment?: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Hookbench', version: creatorVersion },
      entries: requests.map((r) => toHarEntry(r, receiverUrl)),
      ...(comment ? { comment } : {}),
    },
  };
}

/** The exact body bytes of a HAR entry (text is UTF-8, `encoding: base64` is decoded). */
export function harEntryBody(entry: HarEntry): Uint8Array {
  const post = entry.request.postData;
  if (!post) return new Uint8Array();
  return post.encoding === 'base64' ? base64ToBytes(post.text) : new TextEncoder().encode(post.text);
}
