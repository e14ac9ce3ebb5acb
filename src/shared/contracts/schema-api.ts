import { z } from 'zod';
import { RequestFilter } from '../request-filter';

/**
 * What the API says about the JSON Schemas Hookbench learns per (endpoint, event) from captured
 * bodies (issue 15). The schema itself is plain JSON Schema draft 2020-12.
 */

/** `endpoint` null = the default inbox. */
export const SchemaKey = z.object({
  event: z.string().min(1).max(200),
  endpoint: z.string().max(100).nullable().default(null),
});

export const SchemaSummary = z.object({
  event: z.string(),
  endpoint: z.string().nullable(),
  /** JSON bodies observed. */
  samples: z.number().int().nonnegative(),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  /** Captures are validated against a pinned (hand-edited or imported) schema instead of the learned one. */
  pinned: z.boolean(),
  /** Captures flagged as departing from this schema. */
  drifted: z.number().int().nonnegative(),
});
export type SchemaSummary = z.infer<typeof SchemaSummary>;

/** One field of the learned schema, for the Schemas view's tree. */
export const SchemaField = z.object({
  /** Dotted path; `[]` marks array items (`data.items[].sku`). */
  path: z.string(),
  /** JSON types seen (`integer`, `number`, `string`, `boolean`, `null`, `object`, `array`). */
  types: z.array(z.string()),
  /** Samples in which the field's parent was present and the field too / the parent was present. */
  present: z.number().int().nonnegative(),
  of: z.number().int().nonnegative(),
  required: z.boolean(),
  format: z.string().nullable(),
  /** Small sets of string values are an enum. */
  enum: z.array(z.string()).nullable(),
  /** Up to three example values. */
  examples: z.array(z.unknown()),
  /** The capture in which the field first appeared. */
  introducedBy: z.number().int().nullable(),
});
export type SchemaField = z.infer<typeof SchemaField>;

export const SchemaDetail = SchemaSummary.extend({
  /** JSON Schema draft 2020-12: the pinned one when pinned, else the learned one. */
  jsonSchema: z.record(z.string(), z.unknown()),
  fields: z.array(SchemaField),
});
export type SchemaDetail = z.infer<typeof SchemaDetail>;

export const RebuildSchemaInput = SchemaKey.extend({
  /** Which captures to learn from (default: all of this event on this endpoint). */
  filter: RequestFilter.optional(),
});

export const PinSchemaInput = SchemaKey.extend({
  /** A JSON Schema (2020-12) to validate captures against; null unpins. */
  jsonSchema: z.record(z.string(), z.unknown()).nullable(),
});

export const AcceptDriftInput = z.object({
  /** The flagged capture whose differences become the new normal. */
  requestId: z.coerce.number().int().positive(),
});

export const GenerateTypesInput = z.object({
  events: z.array(z.string().min(1).max(200)).min(1).max(100),
  endpoint: z.string().max(100).nullable().default(null),
  language: z.enum(['typescript', 'zod']),
});
export const GeneratedTypes = z.object({ language: z.enum(['typescript', 'zod']), filename: z.string(), code: z.string() });

export const SchemaSettings = z.object({
  /** Drift is flagged only once an event has this many samples (before, shapes are still being learned). */
  minSamples: z.number().int().min(1).max(100_000),
});
export type SchemaSettings = z.infer<typeof SchemaSettings>;
