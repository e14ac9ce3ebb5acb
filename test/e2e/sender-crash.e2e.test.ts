import { describe, expect, it } from 'vitest';
import type { Delivery, DeliveryDetail } from '../../src/shared/sender-schemas';
import { json } from '../helpers/http';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startSink, type Received } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/**
 * The built `serve` killed with SIGKILL while an attempt is in flight: on the next start the
 * delivery is sent again (it was never recorded as done) and completes; a delivery whose success
 * was recorded before the kill is never sent again.
 */

const api = (serve: ServeProcess) => {
  const origin = new URL(serve.ready.uiUrl).origin;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await json<T>(origin + path, {
      method,
      headers: { Authorization: `Bearer ${serve.ready.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
};

const key = (r: Received) => r.rawHeaders.find(([n]) => n === 'Idempotency-Key')![1];

describe('sender across a crash', () => {
  it('an attempt in flight at SIGKILL is resent on start; a recorded success is not', async () => {
    const dataDir = tempDir();
    let hang = false;
    const sink = await startSink((_r, res) => {
      if (!hang) res.end('ok');
    });
    const first = await startServe(['--data-dir', dataDir]);
    const call = api(first);
    await call('PUT', '/api/v2/webhooks/config', { url: sink.url, events: ['*'], timeoutSec: 30 });
    const done = (await call<{ ids: number[] }>('POST', '/api/v2/events', { event: 'submission.created' })).ids[0]!;
    await expect.poll(async () => (await call<DeliveryDetail>('GET', `/api/v2/webhooks/deliveries/${done}`)).state).toBe('succeeded');

    hang = true;
    const inFlight = (await call<{ ids: number[] }>('POST', '/api/v2/events', { event: 'submission.created' })).ids[0]!;
    await sink.waitFor(2);
    expect((await call<Delivery>('GET', `/api/v2/webhooks/deliveries/${inFlight}`)).state).toBe('sending');
    expect(await first.stop('SIGKILL')).toBeNull();

    hang = false;
    const second = await startServe(['--data-dir', dataDir]);
    try {
      const again = api(second);
      await expect.poll(async () => (await again<DeliveryDetail>('GET', `/api/v2/webhooks/deliveries/${inFlight}`)).state, { timeout: 10_000 }).toBe('succeeded');
      const detail = await again<DeliveryDetail>('GET', `/api/v2/webhooks/deliveries/${inFlight}`);
      // The interrupted attempt (number 1) left no record; the one after the restart is attempt 2,
      // the first recorded: a number is never handed out twice.
      expect(detail.timeline.map((a) => [a.attempt, a.outcome])).toEqual([[2, 'success']]);
      expect(sink.received).toHaveLength(3);
      expect(key(sink.received[1]!)).toBe(key(sink.received[2]!)); // the receiver can drop the duplicate
      expect(key(sink.received[0]!)).not.toBe(key(sink.received[1]!));
      expect((await again<DeliveryDetail>('GET', `/api/v2/webhooks/deliveries/${done}`)).attempts).toBe(1);
    } finally {
      await second.stop();
    }
  });
});
