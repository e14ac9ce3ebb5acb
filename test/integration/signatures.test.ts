import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { ReplayResult } from '../../src/shared/contract';
import type { Endpoint } from '../../src/shared/endpoint-schemas';
import type { Page, RequestSummary } from '../../src/shared/request-schemas';
import type { VerifyResult } from '../../src/shared/signatures';
import { KEY_FILE } from '../../src/main/core/secrets/secret-box';
import { forget, startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';
import { startSink } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/** Secrets per endpoint (encrypted), verdicts at capture, the verify route and re-signed replays. */

const stripe = new Stripe('sk_test_oracle');
const SECRET = 'whsec_integration_0123456789abcdef';
const OLD = 'whsec_the_previous_secret_abcdef';
const BODY = '{"id":"evt_1","type":"charge.succeeded","data":{"object":{"amount":1999}}}';

const idOf = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-hookbench-request-id']);

describe('signatures over the API', () => {
  it('stores secrets encrypted, marks captures valid/invalid/unsigned, filters by verdict, verifies on demand', async () => {
    const dataDir = tempDir();
    const server = await startTestHeadless({ dataDir });
    const api = rest(server);
    const put = await api<Endpoint>('PUT', '/api/v2/endpoints/stripe', { scheme: 'stripe', secrets: [SECRET] });
    expect(put.body.secrets).toHaveLength(1);
    expect(put.body.secrets[0]!.hint).toBe('whsec_…cdef');
    expect(JSON.stringify((await api('GET', '/api/v2/endpoints')).body)).not.toContain(SECRET);

    const send = (body: string, headers: Record<string, string>) => request(`${server.ready.receiverUrl}/stripe/hook`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
    const good = await send(BODY, { 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET }) });
    const bad = await send(BODY.replace('1999', '1'), { 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET }) });
    const none = await send(BODY, {});
    const list = await api<Page<RequestSummary>>('GET', '/api/v2/requests');
    expect(list.body.items.map((r) => [r.id, r.verification])).toEqual([
      [idOf(none), 'unsigned'],
      [idOf(bad), 'invalid'],
      [idOf(good), 'valid'],
    ]);
    const invalid = await api<Page<RequestSummary>>('GET', '/api/v2/requests?verification=invalid&verification=unsigned');
    expect(invalid.body.items.map((r) => r.id)).toEqual([idOf(none), idOf(bad)]);

    // On demand: the stored secrets, a wrong one, and a scheme override.
    const stored = await api<VerifyResult>('POST', `/api/v2/requests/${idOf(good)}/verify`, {});
    expect(stored.body).toMatchObject({ valid: true, scheme: 'stripe', reason: 'valid' });
    const wrong = await api<VerifyResult>('POST', `/api/v2/requests/${idOf(good)}/verify`, { secret: 'whsec_wrong' });
    expect(wrong.body).toMatchObject({ valid: false, reason: 'mismatch' });
    expect(wrong.body.message).toMatch(/wrong secret or the body was altered/);
    const altered = await api<VerifyResult>('POST', `/api/v2/requests/${idOf(bad)}/verify`, {});
    expect(altered.body.reason).toBe('mismatch');
    const missing = await api<VerifyResult>('POST', `/api/v2/requests/${idOf(none)}/verify`, {});
    expect(missing.body.reason).toBe('header_missing');

    // At rest: not in the database file, and the key file is private.
    await server.close();
    forget(server);
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('hookbench.sqlite'))) {
      expect(fs.readFileSync(path.join(dataDir, file)).includes(Buffer.from(SECRET))).toBe(false);
    }
    expect(fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    // And they survive a restart (same key file).
    const again = await startTestHeadless({ dataDir });
    const res = await request(`${again.ready.receiverUrl}/stripe/x`, { method: 'POST', body: BODY, headers: { 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET }) } });
    const after = await rest(again)<Page<RequestSummary>>('GET', '/api/v2/requests?limit=1');
    expect(after.body.items[0]).toMatchObject({ id: idOf(res), verification: 'valid' });
  });

  it('rotation: a request signed with the previous secret is valid and says which secret matched', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/rot', { scheme: 'stripe', secrets: [SECRET, OLD] });
    const res = await request(`${server.ready.receiverUrl}/rot`, { method: 'POST', body: BODY, headers: { 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: OLD }) } });
    const verdict = await api<VerifyResult>('POST', `/api/v2/requests/${idOf(res)}/verify`, {});
    expect(verdict.body).toMatchObject({ valid: true, matched: { secretIndex: 1, signatureIndex: 0 } });
    expect(verdict.body.message).toContain('secret #2');
  });

  it('an edited replay re-signed with a fresh timestamp verifies with the official library', async () => {
    const sink = await startSink();
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/pay', { scheme: 'stripe', secrets: [SECRET] });
    const old = Math.floor(Date.now() / 1000) - 3600;
    const res = await request(`${server.ready.receiverUrl}/pay`, { method: 'POST', body: BODY, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET, timestamp: old }) } });
    const edited = BODY.replace('1999', '2500');

    const plain = await api<ReplayResult>('POST', `/api/v2/requests/${idOf(res)}/replay`, { url: sink.url, body: edited });
    expect(plain.body.status).toBe(200);
    const resigned = await api<ReplayResult>('POST', `/api/v2/requests/${idOf(res)}/replay`, { url: sink.url, body: edited, resign: { scheme: 'stripe' } });
    expect(resigned.body.status).toBe(200);
    const [first, second] = await sink.waitFor(2);
    const sig = (r: typeof first) => r!.rawHeaders.find(([n]) => n === 'Stripe-Signature')![1];
    expect(() => stripe.webhooks.constructEvent(first!.body.toString(), sig(first), SECRET)).toThrow();
    const event = stripe.webhooks.constructEvent(second!.body.toString(), sig(second), SECRET);
    expect((event.data.object as { amount: number }).amount).toBe(2500);
    // Replaced in place: one Stripe-Signature, same position as in the capture.
    expect(second!.rawHeaders.filter(([n]) => n.toLowerCase() === 'stripe-signature')).toHaveLength(1);

    const noSecret = await startTestHeadless();
    const r2 = await request(`${noSecret.ready.receiverUrl}/x`, { method: 'POST', body: BODY });
    const refused = await rest(noSecret)<{ error: { message: string } }>('POST', `/api/v2/requests/${idOf(r2)}/replay`, { url: sink.url, resign: { scheme: 'stripe' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('needs a secret');
  });

  it('signs a payload for any scheme (the Signature Lab\'s sign tool)', async () => {
    const server = await startTestHeadless();
    const signed = await rest(server)<{ headers: [string, string][] }>('POST', '/api/v2/signatures/sign', { scheme: 'stripe', secret: SECRET, body: BODY });
    const header = signed.body.headers.find(([n]) => n === 'Stripe-Signature')![1];
    expect(stripe.webhooks.constructEvent(BODY, header, SECRET).id).toBe('evt_1');
    const bad = await rest(server)('POST', '/api/v2/signatures/sign', { scheme: 'twilio', secret: 'x', body: 'a=1' });
    expect(bad.status).toBe(400);
  });
});
