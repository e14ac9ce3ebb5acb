import { z } from 'zod';
import { HeaderPairs } from './request-schemas';
import { CustomScheme, SchemeId } from './signatures';

/**
 * Endpoints are named inboxes. A request whose first path segment is an endpoint's slug belongs to
 * it (`<receiver>/<slug>/...`) and gets its configured answer; anything else goes to the default
 * inbox. The slug is the stable identity (it is in URLs providers were given), the name is a label.
 */

/** Lowercase letters, digits, `-` and `_`, starting with a letter or digit: safe in any URL. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a slug is 1-64 lowercase letters, digits, - or _, starting with a letter or digit');

/** Providers time out after 5-30 s; a longer delay only tests the receiver's own timeouts. */
export const MAX_RESPONSE_DELAY_MS = 30_000;

export const EndpointResponse = z.object({
  // 1xx are not final answers; a status the client reads must be 200-599.
  status: z.number().int().min(200).max(599),
  headers: HeaderPairs.max(50),
  /** Sent as UTF-8. */
  body: z.string().max(256 * 1024),
  delayMs: z.number().int().min(0).max(MAX_RESPONSE_DELAY_MS),
});
export type EndpointResponse = z.infer<typeof EndpointResponse>;

/** A header name is an HTTP token (RFC 9110 §5.6.2). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node sends in a header value: tab, visible ASCII, space and latin1; no CR, LF, NUL or other controls. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Response headers as a client may set them. Checked when they are saved: Node refuses to send an
 * invalid one, which would otherwise fail every capture's answer (reading stays lenient, so a
 * response saved before this check still loads).
 */
const ResponseHeaders = z
  .array(
    z.tuple([
      z.string().regex(HEADER_NAME, 'a response header name must be an HTTP token (letters, digits and !#$%&\'*+-.^_`|~; no spaces, colons or line breaks)'),
      z.string().regex(HEADER_VALUE, 'a response header value may not contain line breaks, NUL, other control characters or characters beyond U+00FF'),
    ]),
  )
  .max(50);

/** A response as a client saves it: the same fields, with headers Node can send. */
export const EndpointResponseInput = EndpointResponse.extend({ headers: ResponseHeaders });

/** What the receiver answers when nothing else is configured. */
export const DEFAULT_RESPONSE: EndpointResponse = {
  status: 200,
  headers: [['Content-Type', 'application/json']],
  body: '{"ok":true}',
  delayMs: 0,
};

/** Where captures are forwarded: the app under test, usually on localhost. */
export const ForwardUrl = z.url({ protocol: /^https?$/, error: 'a forward target is an http:// or https:// URL' }).max(2000);

export const Endpoint = z.object({
  slug: Slug,
  name: z.string(),
  response: EndpointResponse,
  /** Each capture is also sent here (method, path suffix, headers, exact body). */
  forwardUrl: ForwardUrl.nullable(),
  /** Answer the provider with the forward's response instead of `response`. */
  proxy: z.boolean(),
  /** Signature scheme to verify with; null = detect from each request's headers. */
  scheme: SchemeId.nullable(),
  customScheme: CustomScheme.nullable(),
  /** The secrets (several during a rotation), never in clear: only enough to tell them apart. */
  secrets: z.array(
    z.object({
      id: z.number().int(),
      hint: z.string(),
      createdAt: z.iso.datetime(),
      /** Why this secret cannot be used here (e.g. sealed in the desktop app's keychain), or null. */
      unavailable: z.string().nullable(),
    }),
  ),
  createdAt: z.iso.datetime(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const PutEndpointInput = z.object({
  slug: Slug,
  name: z.string().trim().min(1).max(100).optional(),
  response: EndpointResponseInput.partial().optional(),
  forwardUrl: ForwardUrl.nullable().optional(),
  proxy: z.boolean().optional(),
  scheme: SchemeId.nullable().optional(),
  customScheme: CustomScheme.nullable().optional(),
  /** Replaces the endpoint's secrets (first = newest); [] removes them. Stored encrypted. */
  secrets: z.array(z.string().min(1).max(4096)).max(5).optional(),
});
export type PutEndpointInput = z.output<typeof PutEndpointInput>;

/** How much history is kept. Null = unlimited. The oldest requests go first; new ones are never refused. */
export const Retention = z.object({
  maxCount: z.number().int().min(1).nullable(),
  maxBytes: z.number().int().min(1024).nullable(),
});
export type Retention = z.infer<typeof Retention>;

/** The first path segment, if it names an endpoint (pure so the UI can show which endpoint a URL hits). */
export function slugOfPath(path: string): string | null {
  const segment = path.split('/')[1] ?? '';
  return Slug.safeParse(segment).success ? segment : null;
}

/** The last characters of a secret, enough to tell two apart, never enough to use one. */
export function secretHint(secret: string): string {
  const tail = secret.length >= 12 ? secret.slice(-4) : '';
  const prefix = /^(whsec_|whsk_|whpk_|shpss_|sk_)/.exec(secret)?.[1] ?? '';
  return `${prefix}…${tail}`;
}
