import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/shared/endpoint-schemas';
import type { Page, RequestDetail, RequestSummary } from '../../src/shared/request-schemas';
import type { SchemeId, VerifyReason, VerifyResult } from '../../src/shared/signatures';
import { startHeadless, type Headless } from '../../src/main/headless';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';

/**
 * Receiving the four seed providers over the real receiver and the real verify route, judged
 * against verifiers written from the seed docs themselves (seeds/000…003), not from our code.
 */

// ---- The docs' own verifiers, translated literally from their PHP -----------------------------

/** PHP hash_hmac('sha256', $data, $key): lowercase hex. */
const hashHmac = (data: string, key: string): string => createHmac('sha256', key).update(data, 'utf8').digest('hex');
/** PHP hash_equals($known, $user): exact string equality (a missing header is never equal). */
const hashEquals = (known: string, user: string | null): boolean => user !== null && known === user;

/** seeds/000: $expected = 'sha256=' . hash_hmac('sha256', $payload, $secret); hash_equals($expected, $signature). */
function feedbackPulseDocAccepts(payload: string, signature: string | null, secret: string): boolean {
  const expected = 'sha256=' + hashHmac(payload, secret);
  return hashEquals(expected, signature);
}

/** seeds/002: hash_equals(hash_hmac('sha256', $timestamp . '.' . $payload, $secret), $signature). */
function feedspaceDocAccepts(payload: string, signature: string | null, timestamp: string | null, secret: string): boolean {
  const expectedSignature = hashHmac((timestamp ?? '') + '.' + payload, secret);
  return hashEquals(expectedSignature, signature);
}

/**
 * seeds/001 gives no code, only "verify it using your shared secret key via HMAC-SHA256": the
 * doc's reading is the HMAC-SHA256 of the body, hex, with or without a `sha256=` label.
 */
function feedBackProDocAccepts(payload: string, signature: string | null, secret: string): boolean {
  if (signature === null) return false;
  const mac = signature.startsWith('sha256=') ? signature.slice('sha256='.length) : signature;
  return /^[0-9a-fA-F]{64}$/.test(mac) && mac.toLowerCase() === hashHmac(payload, secret);
}

// ---- A real server for the whole file ---------------------------------------------------------

let server: Headless;
let dataDir: string;
let api: ReturnType<typeof rest>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-seed-receive-'));
  server = await startHeadless({ dataDir, receiverPort: 0, uiPort: 0, host: '127.0.0.1', token: 'seed-receive-token-0123', staticDir: null });
  api = rest(server);
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** POSTs to the receiver on loopback; returns the capture's id. */
async function capture(slug: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await request(`${server.ready.receiverUrl}/${slug}`, { method: 'POST', body, headers });
  expect(res.status).toBeLessThan(500);
  return Number(res.headers['x-hookbench-request-id']);
}

async function verify(id: number, input: Record<string, unknown>): Promise<VerifyResult> {
  const res = await api<VerifyResult>('POST', `/api/v2/requests/${id}/verify`, input);
  expect(res.status).toBe(200);
  return res.body;
}

interface Case {
  name: string;
  headers: Record<string, string>;
  /** What the doc's verifier says, computed by the function above from the same inputs. */
  doc: boolean;
  reason: VerifyReason;
  /** The verify call: the secret typed in, and the scheme when forced. */
  secret: string;
  scheme?: SchemeId;
  /** What the message or hint must say. */
  says?: RegExp;
  body?: string;
  toleranceSec?: number;
}

async function runCase(c: Case, fallbackBody: string) {
  const body = c.body ?? fallbackBody;
  const id = await capture('seed-inbox', body, { 'Content-Type': 'application/json', ...c.headers });
  const result = await verify(id, { secret: c.secret, ...(c.scheme ? { scheme: c.scheme } : {}), ...(c.toleranceSec !== undefined ? { toleranceSec: c.toleranceSec } : {}) });
  expect({ valid: result.valid, reason: result.reason }).toEqual({ valid: c.doc, reason: c.reason });
  if (c.says) expect(`${result.message} ${result.hint ?? ''}`).toMatch(c.says);
  return result;
}

// ---- FeedbackPulse (seeds/000) ----------------------------------------------------------------

const FP_SECRET = 'your_shared_secret';
const FP_BODY = '{"event":"submission.created","timestamp":"2024-03-15T10:30:00Z","data":{"id":42,"campaign_id":1,"star_rating":5,"text_feedback":"Love this product!","customer_name":"Jane Doe","status":"pending"}}';
const fpHex = hashHmac(FP_BODY, FP_SECRET);
const fpB64 = createHmac('sha256', FP_SECRET).update(FP_BODY).digest('base64');
const fpEvent: Record<string, string> = { 'X-FeedbackPulse-Event': 'submission.created' };
const fpSig = (value: string): Record<string, string> => ({ 'X-FeedbackPulse-Signature': value, ...fpEvent });

const feedbackPulseCases: Case[] = (
  [
    { name: 'documented sha256=<lowercase hex>', headers: fpSig(`sha256=${fpHex}`), reason: 'valid' },
    { name: 'bare hex, prefix missing', headers: fpSig(fpHex), reason: 'lenient_match', says: /sha256= prefix is missing/ },
    { name: 'UPPERCASE hex', headers: fpSig(`sha256=${fpHex.toUpperCase()}`), reason: 'lenient_match', says: /FeedbackPulse's own check would reject it: hex is uppercase/ },
    { name: 'SHA256= prefix in capitals', headers: fpSig(`SHA256=${fpHex}`), reason: 'lenient_match', says: /prefix/ },
    { name: 'base64 instead of hex', headers: fpSig(`sha256=${fpB64}`), reason: 'encoding_mismatch', says: /base64/ },
    { name: 'wrong secret', headers: fpSig(`sha256=${hashHmac(FP_BODY, 'not_the_secret')}`), reason: 'mismatch' },
    { name: 'altered body', headers: fpSig(`sha256=${fpHex}`), body: FP_BODY.replace('"star_rating":5', '"star_rating":1'), reason: 'mismatch' },
    { name: 'event header but no signature (no secret set at the sender)', headers: fpEvent, reason: 'header_missing', says: /X-FeedbackPulse-Signature is missing[\s\S]*secret/ },
  ] as Omit<Case, 'doc' | 'secret'>[]
).map((c) => ({ ...c, secret: FP_SECRET, doc: feedbackPulseDocAccepts(c.body ?? FP_BODY, c.headers['X-FeedbackPulse-Signature'] ?? null, FP_SECRET) }));

describe('FeedbackPulse (seeds/000): our verdict agrees with the doc\'s hash_equals', () => {
  it.each(feedbackPulseCases)('$name → doc $doc, reason $reason', async (c) => {
    const result = await runCase(c, FP_BODY);
    expect(result.scheme).toBe('feedbackpulse');
  });
});

// ---- FeedBackPro (seeds/001) ------------------------------------------------------------------

const PRO_SECRET = 'fbp_shared_secret_key';
const PRO_BODY = '{"event":"rating_submitted","id":"evt_8f3a2c91","timestamp":"2024-06-15T14:32:00Z","data":{"customer_id":"cus_9021","email":"anna.mueller@webshop.de","score":4,"product_sku":"BW-440-RED","session_page":"/checkout/thank-you"}}';
const proHex = hashHmac(PRO_BODY, PRO_SECRET);
const proB64 = createHmac('sha256', PRO_SECRET).update(PRO_BODY).digest('base64');
const proSig = (value: string): Record<string, string> => ({ 'X-FeedbackPro-Signature': value });

const feedBackProCases: Case[] = (
  [
    { name: 'bare lowercase hex', headers: proSig(proHex), reason: 'valid' },
    { name: 'sha256=<hex>', headers: proSig(`sha256=${proHex}`), reason: 'valid' },
    { name: 'bare base64', headers: proSig(proB64), reason: 'encoding_mismatch', says: /MAC is right but base64-encoded/ },
    { name: 'sha256=<base64>', headers: proSig(`sha256=${proB64}`), reason: 'encoding_mismatch', says: /MAC is right but base64-encoded/ },
    { name: 'wrong secret', headers: proSig(hashHmac(PRO_BODY, 'other')), reason: 'mismatch' },
    { name: 'altered body', headers: proSig(proHex), body: PRO_BODY.replace('"score":4', '"score":5'), reason: 'mismatch' },
    { name: 'garbage', headers: proSig('not-a-signature!'), reason: 'malformed_header' },
  ] as Omit<Case, 'doc' | 'secret'>[]
).map((c) => ({ ...c, secret: PRO_SECRET, doc: feedBackProDocAccepts(c.body ?? PRO_BODY, c.headers['X-FeedbackPro-Signature'] ?? null, PRO_SECRET) }));

describe('FeedBackPro (seeds/001): bare hex and sha256=<hex> both verify', () => {
  it.each(feedBackProCases)('$name → doc $doc, reason $reason', async (c) => {
    const result = await runCase(c, PRO_BODY);
    expect(result.scheme).toBe('feedbackpro');
  });
});

// ---- Feedspace (seeds/002) --------------------------------------------------------------------

const FS_SECRET = 'whsec_test_1234222222232s334weee';
const FS_BODY = '{"type":"feed.text.received","data":{"id":"rev_1","text":"Great service ✓"}}';
/** Captures are judged at arrival, so a timestamp of "now" stays inside the window. */
const fsTimestamp = () => String(Math.floor(Date.now() / 1000));

function feedspaceCases(): Case[] {
  const ts = fsTimestamp();
  const hex = hashHmac(`${ts}.${FS_BODY}`, FS_SECRET);
  const sig = (value: string, timestamp: string | null = ts): Record<string, string> => ({ 'x-feedspace-signature': value, ...(timestamp === null ? {} : { 'x-feedspace-timestamp': timestamp }) });
  const cases: Omit<Case, 'doc'>[] = [
    { name: 'documented lowercase hex of "<ts>.<body>"', headers: sig(hex), secret: FS_SECRET, reason: 'valid' },
    { name: 'sha256= prefix', headers: sig(`sha256=${hex}`), secret: FS_SECRET, reason: 'lenient_match', says: /Feedspace's own check would reject it[\s\S]*sha256=/ },
    { name: 'UPPERCASE hex', headers: sig(hex.toUpperCase()), secret: FS_SECRET, reason: 'lenient_match', says: /hex is uppercase/ },
    { name: 'base64 instead of hex', headers: sig(createHmac('sha256', FS_SECRET).update(`${ts}.${FS_BODY}`).digest('base64')), secret: FS_SECRET, reason: 'encoding_mismatch', says: /base64/ },
    { name: 'wrong secret', headers: sig(hashHmac(`${ts}.${FS_BODY}`, 'whsec_other')), secret: FS_SECRET, reason: 'mismatch' },
    { name: 'verified with the secret minus its whsec_ prefix', headers: sig(hex), secret: FS_SECRET.slice('whsec_'.length), reason: 'mismatch', says: /whsec_ prepended/ },
    { name: 'signed with the secret minus its whsec_ prefix', headers: sig(hashHmac(`${ts}.${FS_BODY}`, FS_SECRET.slice('whsec_'.length))), secret: FS_SECRET, reason: 'mismatch', says: /whsec_ stripped/ },
    { name: 'altered body', headers: sig(hex), body: FS_BODY.replace('Great', 'Poor'), secret: FS_SECRET, reason: 'mismatch' },
    { name: 'timestamp header missing', headers: sig(hex, null), secret: FS_SECRET, reason: 'header_missing', says: /x-feedspace-timestamp/ },
    // The doc checks no age; Hookbench's ±300 s window is off with tolerance 0, and then they agree.
    { name: 'an hour-old timestamp, window off', headers: sig(hashHmac(`${Number(ts) - 3600}.${FS_BODY}`, FS_SECRET), String(Number(ts) - 3600)), secret: FS_SECRET, toleranceSec: 0, reason: 'valid' },
  ];
  // The doc's code runs with the secret the receiver holds: the one typed into the verify call.
  return cases.map((c) => ({ ...c, doc: feedspaceDocAccepts(c.body ?? FS_BODY, c.headers['x-feedspace-signature'] ?? null, c.headers['x-feedspace-timestamp'] ?? null, c.secret) }));
}

describe('Feedspace (seeds/002): our verdict agrees with the doc\'s hash_equals', () => {
  it.each(feedspaceCases())('$name → doc $doc, reason $reason', async (c) => {
    const result = await runCase(c, FS_BODY);
    expect(result.scheme).toBe('feedspace');
  });

  it('an hour-old timestamp is flagged by Hookbench\'s ±300 s window (the doc checks no age), measured at arrival', async () => {
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const id = await capture('seed-inbox', FS_BODY, { 'x-feedspace-signature': hashHmac(`${old}.${FS_BODY}`, FS_SECRET), 'x-feedspace-timestamp': old });
    const result = await verify(id, { secret: FS_SECRET });
    expect(result).toMatchObject({ valid: false, reason: 'timestamp_outside_tolerance' });
    expect(result.message).toMatch(/when the request arrived/);
  });
});

// ---- Userback (seeds/003) ---------------------------------------------------------------------

const UB_BODY = '{"action":"create","type":"feedback","data":{"id":2007850,"feedback_type":"Bug Report"},"timestamp":1667263011,"url":"https://app.userback.io/viewer/1/2/3/"}';
const UB_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
// Userback signs nothing (the doc shows no signature): the doc's "verifier" never says valid.
const userbackCases: (Case & { detected: SchemeId | null })[] = [
  { name: 'with User-Agent: Userback-Webhook', headers: { ...UB_TYPE, 'User-Agent': 'Userback-Webhook' }, secret: 'x', doc: false, reason: 'unsigned', detected: 'userback', says: /does not sign/ },
  { name: 'without its User-Agent, scheme detected', headers: { ...UB_TYPE, 'User-Agent': 'curl/8.5' }, secret: 'x', doc: false, reason: 'header_missing', detected: null, says: /User-Agent: Userback-Webhook/ },
  { name: 'without its User-Agent, scheme set to Userback', headers: { ...UB_TYPE, 'User-Agent': 'curl/8.5' }, secret: 'x', scheme: 'userback', doc: false, reason: 'unsigned', detected: 'userback', says: /User-Agent: Userback-Webhook/ },
];

describe('Userback (seeds/003): unsigned, recognised by its User-Agent', () => {
  it.each(userbackCases)('$name → reason $reason', async (c) => {
    const result = await runCase(c, UB_BODY);
    expect(result.scheme).toBe(c.detected);
  });
});

// ---- Capture badges follow the provider's comparison ------------------------------------------

describe('capture verdicts', () => {
  it('a MAC only a lenient compare accepts is badged invalid; an unsigned FeedbackPulse event is unsigned', async () => {
    const put = await api<Endpoint>('PUT', '/api/v2/endpoints/fp-strict', { scheme: 'feedbackpulse', secrets: [FP_SECRET] });
    expect(put.status).toBe(200);
    const good = await capture('fp-strict', FP_BODY, fpSig(`sha256=${fpHex}`));
    const upper = await capture('fp-strict', FP_BODY, fpSig(`sha256=${fpHex.toUpperCase()}`));
    const unsigned = await capture('fp-strict', FP_BODY, fpEvent);
    const list = await api<Page<RequestSummary>>('GET', '/api/v2/requests?endpoint=fp-strict');
    const verdicts = Object.fromEntries(list.body.items.map((r) => [r.id, r.verification]));
    expect(verdicts).toEqual({ [good]: 'valid', [upper]: 'invalid', [unsigned]: 'unsigned' });
  });
});

// ---- Timestamps are judged at arrival (default) or now ----------------------------------------

describe('reference time of the timestamp check', () => {
  const stripe = new Stripe('sk_test_oracle');
  const SECRET = 'whsec_arrival_0123456789abcdef';
  const BODY = '{"id":"evt_arrival","type":"charge.succeeded"}';

  it('a Stripe capture stays valid when verified later (at arrival), and is stale when checked against now', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const header = stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET, timestamp });
    const id = await capture('stripe-arrival', BODY, { 'Content-Type': 'application/json', 'Stripe-Signature': header });
    const detail = await api<RequestDetail>('GET', `/api/v2/requests/${id}`);
    const arrivalSec = Math.floor(Date.parse(detail.body.receivedAt) / 1000);
    // The smallest window that the arrival time is inside (0 would turn the check off).
    const toleranceSec = Math.max(1, arrivalSec - timestamp);
    // Wait on the clock (not a fixed sleep) until "now" is outside that window.
    while (Math.floor(Date.now() / 1000) - timestamp <= toleranceSec) await new Promise((r) => setTimeout(r, 200));

    const atArrival = await verify(id, { secret: SECRET, toleranceSec });
    expect(atArrival).toMatchObject({ valid: true, reason: 'valid', ageSec: arrivalSec - timestamp });
    expect(atArrival.message).toMatch(/arrival/);
    expect(await verify(id, { secret: SECRET, toleranceSec, at: 'arrival' })).toMatchObject({ valid: true });

    const atNow = await verify(id, { secret: SECRET, toleranceSec, at: 'now' });
    expect(atNow).toMatchObject({ valid: false, reason: 'timestamp_outside_tolerance' });
    expect(atNow.message).toMatch(/now/);
    // Stripe's own library, asked at the current time with the same window, agrees.
    expect(() => stripe.webhooks.constructEvent(BODY, header, SECRET, toleranceSec)).toThrow();
  });

  it('rejects an unknown reference time', async () => {
    const id = await capture('stripe-arrival', BODY, { 'Stripe-Signature': 't=1,v1=00' });
    const res = await api<{ error: { code: string } }>('POST', `/api/v2/requests/${id}/verify`, { secret: SECRET, at: 'later' });
    expect(res.status).toBe(400);
  });
});
