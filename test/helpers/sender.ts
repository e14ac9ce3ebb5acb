import type { Core } from '../../src/main/core/core';
import { asLocal } from './core';
import type { DeliveryDetail } from '../../src/shared/sender-schemas';
import type { AttemptRecord, ClaimedDelivery } from '../../src/main/core/store/repositories';

/** Waits until a delivery satisfies `ok` (attempts run on real sockets even under a fake clock). */
export async function waitForDelivery(core: Core, id: number, ok: (d: DeliveryDetail) => boolean, timeoutMs = 8_000): Promise<DeliveryDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await core.sender.idle();
    const detail = await asLocal(core.api).call('getDelivery', { id });
    if (ok(detail)) return detail;
    if (Date.now() > deadline) throw new Error(`delivery ${id} did not get there: ${JSON.stringify({ state: detail.state, attempts: detail.attempts, lastError: detail.lastError })}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The record an attempt of `claim` makes (a 200 by default), as the sender builds it. */
export function attemptRecordOf(claim: ClaimedDelivery, over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    deliveryId: claim.id,
    claimToken: claim.claimToken,
    targetId: claim.targetId,
    event: claim.event,
    attempt: claim.attempt,
    url: claim.url,
    method: 'POST',
    headers: [['Content-Type', 'application/json']],
    outcome: 'success',
    status: 200,
    responseHeaders: [['X-Seen', 'yes']],
    responseBody: Buffer.from('ok'),
    responseTruncated: false,
    errorMessage: null,
    scheduledFor: claim.dueAt,
    startedAt: claim.dueAt,
    durationMs: 12,
    state: 'succeeded',
    nextRetryAt: null,
    cycleAttempts: claim.cycleAttempts + 1,
    disableTarget: null,
    ...over,
  };
}
