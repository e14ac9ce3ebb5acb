import { z } from 'zod';
import { TimeBound } from './request-filter';
import { Role } from './roles';

/**
 * Named API tokens and the audit log (issue 13): what the contract's token and audit methods take
 * and return. A token itself appears in exactly one output, `createToken`'s, once.
 */

/**
 * Names the caller in the audit log and in `token revoke NAME`. `owner` (the single `--token`),
 * `local` (the desktop user) and names starting with `cli` (the token command) are taken, so no
 * named token can pass itself off as one of them in the audit log.
 */
export const TokenName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'a token name is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit')
  .refine((n) => !['owner', 'local'].includes(n.toLowerCase()) && !/^cli([:._@-]|$)/i.test(n), 'owner, local and cli… are reserved names');

export const TokenInfo = z.object({
  name: z.string(),
  role: Role,
  createdAt: z.iso.datetime(),
  /** Rounded to the minute: the server notes a use at most once a minute per token. */
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** The only place a token is ever shown: keep it now, it cannot be read again. */
export const CreatedToken = TokenInfo.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  /** The token's name (`owner` for `--token`, `local` for the desktop, `cli:USER` for the token command). */
  actor: z.string(),
  actorRole: Role,
  /** The contract method called. */
  method: z.string(),
  /** What it was called on, in short (`id=12`, `slug=stripe`, `name=ci role=member`); never a secret. */
  target: z.string(),
  /** `ok`, or the error code it failed with (`forbidden`, `not_found`, `invalid_input`, …). */
  outcome: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  actor: z.string().max(100).optional(),
  method: z.string().max(100).optional(),
  /** At or after. */
  from: TimeBound.optional(),
  /** At or before. */
  to: TimeBound.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d{1,15}$/, 'cursor is not valid').optional(),
});
export type AuditFilter = z.output<typeof AuditFilter>;
