import { z } from 'zod';

/** Placeholders a custom template may use; anything else in the template is literal text. */
export const TEMPLATE_PLACEHOLDERS = ['{id}', '{timestamp}', '{body}', '{url}'] as const;

/** A user-defined HMAC scheme, for providers Hookbench has no preset for. */
export const CustomScheme = z.object({
  algorithm: z.enum(['sha1', 'sha256', 'sha512']),
  encoding: z.enum(['hex', 'base64']),
  /** Header carrying the signature. */
  header: z.string().min(1),
  /** Text before the MAC in the header, e.g. `sha256=`; may be empty. */
  prefix: z.string().default(''),
  /** What is signed, built from {id} {timestamp} {body} {url}; the body bytes are used verbatim. */
  template: z.string().min(1).default('{body}'),
  timestampHeader: z.string().min(1).optional(),
  idHeader: z.string().min(1).optional(),
});
export type CustomScheme = z.infer<typeof CustomScheme>;
/** What a caller may pass before defaults are applied. */
export type CustomSchemeInput = z.input<typeof CustomScheme>;
