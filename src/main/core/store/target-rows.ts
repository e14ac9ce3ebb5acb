import { secretHint } from '../../../shared/endpoint-schemas';
import { PayloadFormat, ProviderPreset, SsrfPolicy, targetWarnings, type Target } from '../../../shared/sender-schemas';
import { CustomScheme, SchemeId } from '../../../shared/signatures';
import { SecretUnavailableError, type SecretSealer } from '../secrets/secret-box';
import type { TargetFields, TargetWithSecret } from './repositories';

/**
 * Target rows as both adapters read and write them (the same columns on SQLite and PostgreSQL;
 * flags are 0/1 on SQLite and booleans on PostgreSQL). Secrets are sealed before they reach
 * either database.
 */

export interface TargetRow {
  id: number;
  url: string;
  events: string;
  provider: string;
  scheme: string;
  custom_scheme: string | null;
  secret_sealed: Buffer | null;
  secret_hint: string | null;
  format: string;
  retry_schedule: string;
  timeout_ms: number;
  ssrf: string;
  concurrency: number;
  active: number | boolean;
  paused: number | boolean;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

export const TARGET_COLUMNS =
  'id, url, events, provider, scheme, custom_scheme, secret_sealed, secret_hint, format, retry_schedule, timeout_ms, ssrf, concurrency, active, paused, disabled_reason, created_at, updated_at';

/** The stored values of a target's fields (flags as booleans: each adapter spells them its way). */
export function targetValues(fields: TargetFields) {
  return {
    url: fields.url,
    events: JSON.stringify(fields.events),
    provider: fields.provider,
    scheme: fields.scheme,
    customScheme: fields.customScheme === null ? null : JSON.stringify(fields.customScheme),
    format: fields.format,
    retrySchedule: JSON.stringify(fields.retrySchedule),
    timeoutMs: Math.round(fields.timeoutSec * 1000),
    ssrf: fields.ssrf,
    concurrency: fields.concurrency,
    active: fields.active,
    paused: fields.paused,
  };
}

/** A secret as stored: sealed, with its hint; `null` removes it. */
export function sealedSecret(sealer: SecretSealer, secret: string | null): { sealed: Buffer | null; hint: string | null } {
  return secret === null ? { sealed: null, hint: null } : { sealed: sealer.seal(secret), hint: secretHint(secret) };
}

/** The row as a target, its secret opened once (or why it cannot be opened here). */
export function openTarget(row: TargetRow, sealer: SecretSealer): TargetWithSecret {
  let secret: string | null = null;
  let secretUnavailable: string | null = null;
  if (row.secret_sealed) {
    try {
      secret = sealer.open(row.secret_sealed);
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) throw error;
      secretUnavailable = error.message;
    }
  }
  // Parsed, not cast: a row from a newer version with an unknown value still reads.
  const provider = ProviderPreset.safeParse(row.provider).data ?? 'custom';
  const target: Target = {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    provider,
    scheme: SchemeId.safeParse(row.scheme).data ?? 'custom',
    customScheme: row.custom_scheme === null ? null : (CustomScheme.safeParse(JSON.parse(row.custom_scheme)).data ?? null),
    secretHint: row.secret_hint,
    secretUnavailable,
    format: PayloadFormat.safeParse(row.format).data ?? 'raw',
    retrySchedule: JSON.parse(row.retry_schedule) as number[],
    timeoutSec: row.timeout_ms / 1000,
    ssrf: SsrfPolicy.safeParse(row.ssrf).data ?? 'public-only',
    concurrency: row.concurrency,
    active: row.active === true || row.active === 1,
    paused: row.paused === true || row.paused === 1,
    disabledReason: row.disabled_reason,
    warnings: targetWarnings({ provider, secretHint: row.secret_hint }),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  return { target, secret };
}
