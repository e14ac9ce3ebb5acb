import { z } from 'zod';
import { HeaderPairs } from '../request-schemas';

/**
 * A collection: requests exactly as captured plus what the handler under test must answer, for
 * `hookbench test` (issue 15). Versioned; documented in README ("Collections").
 */

/** A status code (`200`) or a class (`2xx`). */
export const ExpectedStatus = z.union([z.number().int().min(100).max(599), z.string().regex(/^[1-5]xx$/)]);

export const Expectation = z.object({
  status: ExpectedStatus.default('2xx'),
  /** The response body, parsed as JSON, must contain this (objects: these keys recursively; arrays and values: equal). */
  json: z.unknown().optional(),
});
export type Expectation = z.infer<typeof Expectation>;

export const CollectionRequest = z.object({
  name: z.string().max(200).optional(),
  method: z.string().min(1).max(24),
  /** Path and query as captured (`/stripe/hook?x=1`); appended to the target URL unless the collection's `paths` is `ignore`. */
  path: z.string().startsWith('/'),
  headers: HeaderPairs,
  bodyBase64: z.string(),
  /** The event the capture was (informational). */
  event: z.string().nullable().optional(),
  /** Which scheme signs it when re-signing (default: the one detected at capture). */
  scheme: z.string().nullable().optional(),
  expect: Expectation.default({ status: '2xx' }),
});
export type CollectionRequest = z.infer<typeof CollectionRequest>;

export const Collection = z.object({
  format: z.literal('hookbench-collection'),
  version: z.literal(1),
  name: z.string().max(200),
  createdAt: z.iso.datetime(),
  /**
   * Where each request goes. `append` (the default): the target URL's origin and path, then the
   * request's captured path and query (`--target http://localhost:3000/api` + `/stripe?x=1`).
   * `ignore`: the target URL exactly as given, for a collection whose requests all go to one handler.
   */
  paths: z.enum(['append', 'ignore']).optional(),
  requests: z.array(CollectionRequest).max(10_000),
});
export type Collection = z.infer<typeof Collection>;
