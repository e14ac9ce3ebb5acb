import type { Core } from '../../src/main/core/core';
import { asLocal } from './core';
import type { DeliveryDetail } from '../../src/shared/sender-schemas';

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
