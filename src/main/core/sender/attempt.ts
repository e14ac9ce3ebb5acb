import type http from 'node:http';
import type https from 'node:https';
import type { HeaderPairs } from '../../../shared/request-schemas';
import type { Target } from '../../../shared/sender-schemas';
import { sendHttp, type OutboundResult } from '../outbound/send-http';
import type { AttemptRecord, ClaimedDelivery } from '../store/repositories';
import { attemptHeaders } from './provider-headers';
import { GONE_DISABLES_TARGET } from './preset-policy';
import { judgeAttempt } from './retry-policy';
import { literalHostBlocked, schemeBlocked } from './ssrf';

/** A target as the sender holds it: its secret opened once, its connection pools. */
export interface SendingTarget {
  target: Target;
  secret: string | null;
  agents: { http: http.Agent; https: https.Agent };
}

/** Room left after the request's own timeout for signing before it and recording after it. */
const LEASE_MARGIN_MS = 10_000;

/**
 * How long a claim holds. An attempt never outlives its lease: its request is cut off by the
 * target's timeout (sendHttp times out the whole exchange, body included), and the margin covers
 * signing before it and the group commit after it. So a delivery is taken over by another
 * instance only when its holder died (or stalled for ten seconds), never while it still sends.
 */
export function leaseMs(target: Target): number {
  return Math.round(target.timeoutSec * 1000) + LEASE_MARGIN_MS;
}

/**
 * Makes one attempt of a claimed delivery (attempt number `claim.attempt`, reserved by the claim)
 * and judges it: what to record, and the delivery's next state. Never throws: a failure is an
 * outcome.
 */
export async function makeAttempt(
  entry: SendingTarget,
  claim: ClaimedDelivery,
  options: { now: () => number; maxResponseBytes: number },
): Promise<AttemptRecord> {
  const { target, secret } = entry;
  const startedAt = options.now();
  const url = target.url;
  let headers: HeaderPairs = [];
  let refused: OutboundResult | null = null;
  try {
    // Never send unsigned what should be signed: a secret this process cannot open is an error.
    if (target.secretHint !== null && secret === null) throw new Error(`the target's secret is ${target.secretUnavailable ?? 'not available here'}`);
    headers = attemptHeaders({ target, secret, event: claim.event, idempotencyKey: claim.idempotencyKey, body: claim.body, timestampSec: Math.floor(startedAt / 1000) });
  } catch (error) {
    // Checked when the secret is saved; this catches a scheme changed under a stored secret.
    refused = { ok: false, error: { kind: 'signing', message: `could not sign the request: ${(error as Error).message}` }, durationMs: 0 };
  }
  const blocked = target.ssrf === 'public-only' ? (schemeBlocked(new URL(url)) ?? literalHostBlocked(new URL(url))) : null;
  if (!refused && blocked) refused = { ok: false, error: { kind: 'ssrf_blocked', message: blocked }, durationMs: 0 };
  const result: OutboundResult = refused
    ? refused
    : await sendHttp({ url, method: 'POST', headers, body: claim.body, timeoutMs: Math.round(target.timeoutSec * 1000), agents: entry.agents, maxResponseBytes: options.maxResponseBytes });
  const outcome = result.ok ? (result.status >= 200 && result.status < 300 ? 'success' : 'http_status') : result.error.kind;
  const now = options.now();
  const cycleAttempts = claim.cycleAttempts + 1;
  const verdict = judgeAttempt({
    outcome,
    status: result.ok ? result.status : null,
    responseHeaders: result.ok ? result.headers : null,
    cycleAttempts,
    schedule: target.retrySchedule,
    goneDisablesTarget: GONE_DISABLES_TARGET[target.provider],
    now,
  });
  return {
    deliveryId: claim.id,
    claimToken: claim.claimToken,
    targetId: target.id,
    event: claim.event,
    attempt: claim.attempt,
    url,
    method: 'POST',
    headers,
    outcome,
    status: result.ok ? result.status : null,
    responseHeaders: result.ok ? result.headers : null,
    responseBody: result.ok ? result.body : null,
    responseTruncated: result.ok && result.truncated,
    errorMessage: result.ok ? (outcome === 'success' ? null : `HTTP ${result.status}${result.status === 410 ? ' Gone' : ''}`) : result.error.message,
    scheduledFor: claim.dueAt,
    startedAt,
    durationMs: result.durationMs,
    cycleAttempts,
    ...verdict,
  };
}
