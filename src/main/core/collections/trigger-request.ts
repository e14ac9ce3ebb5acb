import { randomBytes, randomUUID } from 'node:crypto';
import type { HeaderPairs } from '../../../shared/request-schemas';
import type { PayloadFormat, ProviderPreset, Target } from '../../../shared/sender-schemas';
import type { CustomScheme, SchemeId } from '../../../shared/signatures';
import { eventRefusal, newEventId, providerLabel, sampleFor } from '../sender/catalog';
import { buildEnvelope } from '../sender/envelope';
import { formatBody, resolveFormat } from '../sender/formatters';
import { attemptHeaders, PROVIDER_SCHEMES } from '../sender/provider-headers';
import { FlagError } from './cli-flags';
import { setPath } from './set-path';

/**
 * `hookbench trigger`: one event built exactly as the sender builds a delivery (catalog sample,
 * the provider's envelope, the target's format) and signed as its attempts are (provider headers,
 * idempotency key, signature with a fresh timestamp), for a target given on the command line.
 */

export interface TriggerInput {
  event: string;
  provider: ProviderPreset;
  target: URL;
  secret: string | null;
  /** Default: the provider's own scheme. */
  scheme?: SchemeId;
  customScheme?: CustomScheme;
  /** The event's data instead of the catalog sample. */
  data?: Record<string, unknown>;
  sets: readonly { path: string[]; value: unknown }[];
  format: PayloadFormat;
  now?: Date;
}

export interface TriggerRequest {
  url: string;
  eventId: string;
  headers: HeaderPairs;
  body: Buffer;
  /** The scheme that signed it, or null when it went unsigned. */
  signedWith: SchemeId | null;
  /** No catalog lists the event (an open preset's name of your own) and no --data was given: its data is empty. */
  emptyData: boolean;
}

/** attemptHeaders reads a sender target; this is the one the command line describes, never stored. */
function commandLineTarget(input: TriggerInput, scheme: SchemeId, at: string): Target {
  return {
    id: 1,
    url: input.target.href,
    events: [input.event],
    provider: input.provider,
    scheme,
    customScheme: input.customScheme ?? null,
    secretHint: null,
    secretUnavailable: null,
    format: input.format,
    retrySchedule: [],
    timeoutSec: 10,
    ssrf: 'off',
    concurrency: 1,
    active: true,
    paused: false,
    disabledReason: null,
    warnings: [],
    createdAt: at,
    updatedAt: at,
  };
}

export function buildTrigger(input: TriggerInput): TriggerRequest {
  const refusal = eventRefusal(input.provider, input.event);
  if (refusal) throw new FlagError(refusal);
  const scheme = input.scheme ?? PROVIDER_SCHEMES[input.provider];
  if (scheme === 'custom' && input.secret !== null && !input.customScheme) throw new FlagError('the custom scheme needs its definition: give --custom-scheme JSON');
  const now = input.now ?? new Date();
  const sample = input.data ?? sampleFor(input.event, now);
  const data = structuredClone(sample ?? {});
  for (const { path, value } of input.sets) setPath(data, path, value);
  const eventId = newEventId();
  const envelope = buildEnvelope(input.provider, input.event, data, { eventId, now });
  const body = formatBody(resolveFormat(input.format, input.target.href), envelope, { providerLabel: providerLabel(input.provider), event: input.event, at: now });
  const target = commandLineTarget(input, scheme, now.toISOString());
  // As the sender: Standard Webhooks message ids are msg_…, other idempotency keys UUIDs.
  const standard = input.provider === 'standard-webhooks' || scheme === 'standard-webhooks';
  const idempotencyKey = standard ? `msg_${randomBytes(16).toString('base64url')}` : randomUUID();
  let headers: HeaderPairs;
  try {
    headers = attemptHeaders({ target, secret: input.secret, event: input.event, idempotencyKey, body, timestampSec: Math.floor(now.getTime() / 1000) });
  } catch (error) {
    throw new Error(`could not sign with ${scheme}: ${(error as Error).message}`);
  }
  return { url: input.target.href, eventId, headers, body, signedWith: input.secret !== null && scheme !== 'userback' ? scheme : null, emptyData: sample === null };
}
