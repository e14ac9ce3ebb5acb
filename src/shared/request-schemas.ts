import { z } from 'zod';
import { DriftDifference } from './contracts/drift';

/** Domain shapes of a captured request, as they cross every transport (JSON-safe). */

/** Raw header pairs in arrival order, names with their original case. */
export const HeaderPairs = z.array(z.tuple([z.string(), z.string()]));
export type HeaderPairs = z.infer<typeof HeaderPairs>;

export const RequestSummary = z.object({
  id: z.number().int().positive(),
  /** Endpoint slug, or null for the default inbox. */
  endpoint: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  /** Raw query string without the leading `?`, exactly as received. */
  query: z.string(),
  contentType: z.string().nullable(),
  /** Bytes that arrived (may exceed the stored body when `truncated`). */
  size: z.number().int().nonnegative(),
  truncated: z.boolean(),
  event: z.string().nullable(),
  /** Verdict at capture time against the endpoint's secrets; null when it has none. */
  verification: z.enum(['valid', 'invalid', 'unsigned']).nullable(),
  /** HTTP status the receiver answered. */
  status: z.number().int(),
  clientAddress: z.string().nullable(),
  /** Came in through the public tunnel (clientAddress is then X-Forwarded-For, if any). */
  viaTunnel: z.boolean(),
  receivedAt: z.iso.datetime(),
  /** How the body departs from its event's schema, when it was flagged at capture; null: not flagged (or not JSON). */
  drift: z.array(DriftDifference).nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const RequestDetail = RequestSummary.extend({
  headers: HeaderPairs,
  /** The stored body bytes, exactly as received (first `cap` bytes when truncated). */
  bodyBase64: z.string(),
  /** Signature scheme detected at capture time (filled by the signature work), or null. */
  scheme: z.string().nullable(),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };
