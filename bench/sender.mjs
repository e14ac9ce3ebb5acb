// Sender benchmark, two parts, against the built `serve` and a sink in its own process:
//  1. throughput: signed deliveries per second (Standard Webhooks HMAC, every attempt logged in
//     SQLite) next to a bare keep-alive node:http client posting the same bodies with the same
//     number in flight, in the same run (the ratio is what to compare across machines);
//  2. schedule: 10,000 deliveries whose first attempt fails wait for their retry at once; how late
//     each retry fires against its due time (from the attempt log), and the server's RSS meanwhile.
//
// Usage: npm run bench (after npm run build). Writes bench/results/sender.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readyLine } from './ready-line.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = 4;
const PER_TARGET = 16; // 64 in flight in all
const EVENTS = Number(process.env.BENCH_SENDER_EVENTS ?? 5_000); // × TARGETS deliveries
const RETRIES = 10_000;
const RETRY_DELAY_S = 25;

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The sink: answers 200, except under /fail-once/ where the first request of each idempotency
// key gets a 500. GET /count tells how many POSTs arrived.
const SINK = `
const http = require('http');
let count = 0; const seen = new Set();
const s = http.createServer((q, r) => {
  if (q.method === 'GET') { r.end(String(count)); return; }
  q.resume();
  q.on('end', () => {
    count++;
    if (q.url.startsWith('/fail-once/')) {
      const key = q.headers['webhook-id'] || q.headers['idempotency-key'];
      if (!seen.has(key)) { seen.add(key); r.statusCode = 500; r.end('not yet'); return; }
    }
    r.end('{"ok":true}');
  });
});
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;

async function sinkCount(port) {
  return Number(await (await fetch(`http://127.0.0.1:${port}/count`)).text());
}

/** The same POSTs with the same concurrency, without Hookbench: the ceiling of this machine. */
async function baseline(port, total, body) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: TARGETS * PER_TARGET });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next++;
      await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/base', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(body);
      });
    }
  };
  await Promise.all(Array.from({ length: TARGETS * PER_TARGET }, worker));
  agent.destroy();
  return Math.round(total / ((performance.now() - started) / 1000));
}

function client(ready) {
  const origin = new URL(ready.uiUrl).origin;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  return (method, p, body) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = http.request(`${origin}${p}`, { method, agent, headers: { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json', ...(data ? { 'Content-Length': data.length } : {}) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode >= 300) reject(new Error(`${method} ${p}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text));
        });
      });
      req.on('error', reject);
      req.end(data);
    });
}

/** Emits `n` events with `parallel` API calls in flight. */
async function emitMany(call, n, parallel, event) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        next++;
        await call('POST', '/api/v2/events', { event });
      }
    }),
  );
}

async function waitForCount(port, total, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  while ((count = await sinkCount(port)) < total) {
    if (Date.now() > deadline) throw new Error(`sink got ${count} of ${total}`);
    await sleep(20);
  }
  return performance.now();
}

async function main() {
  const sink = spawn(process.execPath, ['-e', SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = Number(await readyLine(sink));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-sender-'));
  const hb = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const ready = JSON.parse(await readyLine(hb));
    const call = client(ready);
    const secret = `whsec_${Buffer.from('bench-secret-bench-secret-bench!').toString('base64')}`;

    // Part 1: throughput. The targets are paused while the events are emitted, so the deliveries
    // queue up; resuming them measures the sender alone (signing, sending, logging), the way a
    // backlog drains after a receiver comes back. The end-to-end rate (emit API + sender running
    // together) is reported too.
    const targets = [];
    for (let t = 0; t < TARGETS; t++) {
      targets.push(await call('PUT', '/api/v2/webhooks/config', { url: `http://127.0.0.1:${port}/ok/${t}`, events: ['invoice.paid'], provider: 'standard-webhooks', secret, concurrency: PER_TARGET, retrySchedule: 'none', paused: true }));
    }
    const total = EVENTS * TARGETS;
    const sample = (await call('GET', '/api/v2/events/catalog')).items.find((p) => p.provider === 'standard-webhooks').events[0].envelope;
    const body = Buffer.from(JSON.stringify(sample));
    const baseRate = await baseline(port, total, body);
    const before = await sinkCount(port);
    const rssBefore = rssMb(hb.pid);
    const emitStarted = performance.now();
    await emitMany(call, EVENTS, 8, 'invoice.paid');
    const emitSeconds = (performance.now() - emitStarted) / 1000;
    const started = performance.now();
    for (const t of targets) await call('PUT', '/api/v2/webhooks/config', { id: t.id, url: t.url, events: t.events, paused: false });
    const finished = await waitForCount(port, before + total, 120_000);
    const seconds = (finished - started) / 1000;
    const rate = Math.round(total / seconds);
    // End to end: emitting and delivering at the same time.
    const e2eStarted = performance.now();
    await emitMany(call, EVENTS, 8, 'invoice.paid');
    const e2eFinished = await waitForCount(port, before + 2 * total, 120_000);
    const e2eRate = Math.round(total / ((e2eFinished - e2eStarted) / 1000));
    const logged = await call('GET', `/api/v2/webhooks/logs?event=invoice.paid&status=2xx&limit=1`);
    const rssAfterThroughput = rssMb(hb.pid);

    // Part 2: 10,000 retries pending at once.
    const retryTarget = await call('PUT', '/api/v2/webhooks/config', { url: `http://127.0.0.1:${port}/fail-once/x`, events: ['user.created'], provider: 'standard-webhooks', secret, concurrency: 64, retrySchedule: [RETRY_DELAY_S] });
    const t0 = performance.now();
    await emitMany(call, RETRIES, 8, 'user.created');
    const firstWaveDone = await waitForCount(port, before + 2 * total + RETRIES, 120_000);
    const firstWaveS = (firstWaveDone - t0) / 1000;
    const rssSamples = [];
    const sampler = setInterval(() => rssSamples.push(rssMb(hb.pid)), 250);
    await waitForCount(port, before + 2 * total + 2 * RETRIES, (RETRY_DELAY_S + 60) * 1000);
    clearInterval(sampler);
    const lateness = [];
    let cursor = null;
    do {
      const page = await call('GET', `/api/v2/webhooks/logs?target=${retryTarget.id}&status=2xx&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      for (const a of page.items) lateness.push(Date.parse(a.startedAt) - Date.parse(a.scheduledFor));
      cursor = page.nextCursor;
    } while (cursor);
    lateness.sort((a, b) => a - b);
    const pct = (p) => lateness[Math.min(lateness.length - 1, Math.floor((p / 100) * lateness.length))];
    const stillPending = (await call('GET', '/api/v2/webhooks/deliveries?state=pending&state=sending&limit=1')).items.length;

    const out = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      throughput: {
        deliveries: total,
        targets: TARGETS,
        inFlight: TARGETS * PER_TARGET,
        signing: 'Standard Webhooks (HMAC-SHA256, base64), every attempt logged',
        bodyBytes: body.length,
        hookbenchPerSec: rate,
        drainSeconds: Number(seconds.toFixed(2)),
        emitApiPerSec: Math.round(EVENTS / emitSeconds),
        endToEndPerSec: e2eRate,
        baselineBareClientPerSec: baseRate,
        ratioToBaseline: Number((rate / baseRate).toFixed(2)),
        lastLoggedAttemptId: logged.items[0]?.id ?? null,
        rssMbBefore: Math.round(rssBefore),
        rssMbAfter: Math.round(rssAfterThroughput),
        target: '>= 2000 signed deliveries/s',
      },
      retries: {
        pendingAtOnce: RETRIES,
        retryDelayS: RETRY_DELAY_S,
        firstAttemptsSpreadS: Number(firstWaveS.toFixed(2)),
        retriesFired: lateness.length,
        latenessMs: { p50: pct(50), p99: pct(99), max: lateness.at(-1) },
        firedWithin1s: lateness.filter((l) => l <= 1000).length,
        rssMb: { min: Math.round(Math.min(...rssSamples)), max: Math.round(Math.max(...rssSamples)), samples: rssSamples.length },
        leftPending: stillPending,
        target: 'each retry fired within 1 s of its due time, memory flat',
      },
    };
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/results/sender.json'), JSON.stringify(out, null, 2) + '\n');
    console.log(
      `sender: ${rate} signed deliveries/s (${total} drained in ${seconds.toFixed(1)} s) vs bare keep-alive client ${baseRate}/s (ratio ${out.throughput.ratioToBaseline}); end to end with the emit API ${e2eRate}/s; ` +
        `${lateness.length} retries fired, lateness p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${lateness.at(-1)} ms; RSS ${out.retries.rssMb.min}–${out.retries.rssMb.max} MB during retries`,
    );
    const ok = rate >= 2000 && lateness.length === RETRIES && lateness.at(-1) <= 1000 && stillPending === 0;
    if (!ok) {
      console.error('sender benchmark: a target was missed (see bench/results/sender.json)');
      process.exitCode = 1;
    }
  } finally {
    hb.kill('SIGTERM');
    await new Promise((r) => hb.once('exit', r));
    sink.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
