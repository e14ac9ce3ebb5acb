import { z } from 'zod';

/**
 * What the inbox can be narrowed by. The same object travels as a query string (HTTP), as JSON
 * (IPC) and lives in the UI's URL, so every field is optional and repeatable fields accept a single
 * value or a list (`?event=a&event=b` arrives as a list, `?event=a` as a string).
 */

const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).max(max)).optional();

/** A status code (`404`) or a class (`4xx`). */
export const StatusSelector = z
  .string()
  .regex(/^[1-5](\d\d|xx)$/i, 'status must be a code like 404 or a class like 4xx')
  .transform((s) => s.toLowerCase());

/** A time given as ISO 8601 or as milliseconds since the epoch; parsed to milliseconds. */
export const TimeBound = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${String(value)} (use ISO 8601)` });
    return z.NEVER;
  }
  return ms;
});

export const RequestFilter = z.object({
  /** Any of these events. */
  event: list(z.string().max(200), 50),
  /** Any of these codes or classes. */
  status: list(StatusSelector, 20),
  method: list(z.string().min(1).max(24).transform((m) => m.toUpperCase()), 20),
  /** Signature verdicts at capture time. */
  verification: list(z.enum(['valid', 'invalid', 'unsigned']), 3),
  /** Endpoint slugs; the empty string selects the default inbox. */
  endpoint: list(z.string().max(100), 50),
  /** Received at or after. */
  from: TimeBound.optional(),
  /** Received at or before. */
  to: TimeBound.optional(),
  /** Only captures flagged (true) or not flagged (false) as departing from their event's schema. */
  drift: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()).optional(),
  /** Full text over path, headers and text bodies: every word must appear (prefix match). */
  q: z.string().max(500).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type RequestFilter = z.output<typeof RequestFilter>;
export type RequestFilterInput = z.input<typeof RequestFilter>;

/** One facet value and how many requests in the current filter have it. */
export const FacetCount = z.object({ value: z.string().nullable(), count: z.number().int().nonnegative() });

export const RequestFacets = z.object({
  events: z.array(FacetCount),
  /** By class: `2xx`, `4xx`, … */
  statuses: z.array(FacetCount),
  methods: z.array(FacetCount),
  endpoints: z.array(FacetCount),
  /** By verdict; null = not checked (the endpoint has no secret). */
  verifications: z.array(FacetCount),
  /** Requests matching the filter (up to `scanned`). */
  total: z.number().int().nonnegative(),
  /**
   * Counting stops after this many matching requests (newest first) so facets stay fast on a
   * million rows; `capped` says the counts cover only the newest `scanned` matches.
   */
  scanned: z.number().int().nonnegative(),
  capped: z.boolean(),
});
export type RequestFacets = z.infer<typeof RequestFacets>;
