// Schema tracking benchmark (issue 15), two parts:
//
// 1. Ingest with schema tracking on vs off, in the same run: the same load against `hookbench
//    serve` with HOOKBENCH_SCHEMA_TRACKING=off and with it on (the default), alternating, so both
//    see the same machine state. Tracking must stay off the acknowledgement path, or cost < 10 %.
//    After the load with tracking on, how long the tracker took to catch up and whether it learned
//    every capture.
// 2. Rebuild of one event's schema from 100,000 stored captures (seeded straight into the
//    database, as bench/seed-requests.mjs does), with captures sent meanwhile to show they keep
//    being answered.
//
// Usage: npm run bench  (after npm run build). Writes bench/results/schemas.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { readyLine } from './ready-line.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;
const REBUILD_CAPTURES = Number(process.env.BENCH_REBUILD_CAPTURES ?? 100_000);

/** A realistic order event (~1 KB, nested objects and an array), as providers send them. */
function orderBody(i) {
  return JSON.stringify({
    id: `evt_${i.toString(16).padStart(12, '0')}`,
    type: 'order.created',
    created: 1764000000 + i,
    livemode: false,
    data: {
      object: {
        id: `ord_${i}`,
        status: ['paid', 'pending', 'paid', 'refunded'][i % 4],
        currency: 'eur',
        amount: 1000 + (i % 97),
        customer: { id: `cus_${i % 500}`, email: `buyer${i % 500}@example.com`, name: 'Ada Lovelace', phone: i % 3 ? null : '+33123456789' },
        shipping: { address: { line1: '1 rue de la Paix', city: 'Paris', postal_code: '75002', country: 'FR' }, carrier: i % 2 ? 'colissimo' : 'dhl' },
        items: Array.from({ length: 1 + (i % 3) }, (_, n) => ({ sku: `sku-${n}`, quantity: 1 + n, price: 500 + n, tags: ['gift', 'eco'].slice(0, n) })),
        metadata: i % 5 ? { campaign: 'black-friday' } : {},
        note: 'x'.repeat(300),
      },
    },
  });
}

/** CPU time the process has used (user + system), in ms: a cost that other load on the machine does not blur as much as throughput. */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function serve(dataDir, env = {}) {
  const child = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const ready = JSON.parse(await readyLine(child));
  const origin = new URL(ready.uiUrl).origin;
  const api = async (method, route, body) => {
    const res = await fetch(origin + route, {
      method,
      headers: { Authorization: `Bearer ${ready.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.json();
  };
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return { child, ready, api, stop };
}

/** Varied bodies (autocannon cycles through them): every capture is parsed, compared and learned. */
const LOAD_BODIES = Array.from({ length: 64 }, (_, i) => orderBody(i));

async function load(url) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    requests: LOAD_BODIES.map((body) => ({ body })),
  });
  return { requestsPerSec: Math.round(result.requests.average), latencyP50Ms: result.latency.p50, latencyP99Ms: result.latency.p99, total: result.requests.total, non2xx: result.non2xx, errors: result.errors };
}

async function waitFor(check, timeoutMs) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** One load against a fresh server with tracking on or off. */
async function ingestRound(tracking) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-schemas-'));
  const hb = await serve(dataDir, tracking ? {} : { HOOKBENCH_SCHEMA_TRACKING: 'off' });
  // Every variant once, in order, before the load (on both sides): past the drift threshold each
  // capture of the load is then compared and learned, the tracker's full path, and none is flagged.
  for (const body of LOAD_BODIES) await fetch(`${hb.ready.receiverUrl}/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const cpuBefore = cpuMs(hb.child.pid);
  const result = await load(`${hb.ready.receiverUrl}/hook`);
  const rss = rssMb(hb.child.pid);
  let learned = null;
  let catchUpMs = null;
  if (tracking) {
    // The tracker works after the answers: how long until every capture of the load is learned.
    const samples = async () => (await hb.api('GET', '/api/v2/schemas')).items.find((s) => s.event === 'order.created')?.samples ?? 0;
    catchUpMs = await waitFor(async () => (await samples()) >= LOAD_BODIES.length + result.total, 60_000);
    learned = (await samples()) - LOAD_BODIES.length;
  }
  // With tracking on, after it caught up: the CPU the captures cost, the tracker's share included.
  const cpuUsPerCapture = Math.round(((cpuMs(hb.child.pid) - cpuBefore) * 1000) / result.total);
  await hb.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ...result, cpuUsPerCapture, rssMbAfter: rss, ...(tracking ? { learned, catchUpMs } : {}) };
}

/** `count` captures of one event, written straight into a fresh database (as seed-requests.mjs does). */
async function seedOneEvent(dataDir, count) {
  const started = Date.now();
  const hb = await serve(dataDir);
  await hb.stop();
  const db = new Database(path.join(dataDir, 'hookbench.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a seeding run: a crash here just means seed again
  const insert = db.prepare(`INSERT INTO requests (endpoint, method, path, query, headers, body, size, truncated, content_type, event, scheme, status, client_address, received_at)
    VALUES (NULL, 'POST', '/hook', '', ?, ?, ?, 0, 'application/json', 'order.created', NULL, 200, '127.0.0.1', ?)`);
  const fts = db.prepare('INSERT INTO requests_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  const now = Date.now();
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const body = orderBody(i);
      const headers = JSON.stringify([['Content-Type', 'application/json'], ['User-Agent', 'Bench/1.0']]);
      const info = insert.run(headers, Buffer.from(body), body.length, now - (count - i) * 1000);
      fts.run(info.lastInsertRowid, '/hook', 'Content-Type: application/json\nUser-Agent: Bench/1.0', body);
    }
  });
  for (let from = 0; from < count; from += 20_000) batch(from, Math.min(count, from + 20_000));
  db.prepare("UPDATE fts_progress SET indexed_through = (SELECT seq FROM sqlite_sequence WHERE name = 'requests') WHERE id = 1").run();
  db.prepare('UPDATE request_usage SET count = (SELECT count(*) FROM requests), bytes = (SELECT coalesce(sum(length(body) + length(headers)), 0) FROM requests) WHERE id = 1').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { rows: count, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** Rebuilds the event's schema from every stored capture, sending a capture every 20 ms meanwhile. */
async function rebuild() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-rebuild-'));
  const seeded = await seedOneEvent(dataDir, REBUILD_CAPTURES);
  const hb = await serve(dataDir);
  const rssBefore = rssMb(hb.child.pid);
  const started = performance.now();
  let done = false;
  const rebuilt = hb.api('POST', '/api/v2/schemas/rebuild', { event: 'order.created' }).finally(() => (done = true));
  const latencies = [];
  while (!done) {
    const sent = performance.now();
    await fetch(`${hb.ready.receiverUrl}/other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"ping"}' });
    latencies.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const schema = await rebuilt;
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = rssMb(hb.child.pid);
  await hb.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const pick = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    captures: REBUILD_CAPTURES,
    seed: seeded,
    samples: schema.samples,
    fields: schema.fields?.length,
    seconds: Math.round(seconds * 100) / 100,
    capturesPerSec: Math.round(schema.samples / seconds),
    rssMbBefore: rssBefore,
    rssMbAfter: rssAfter,
    capturesDuringRebuild: { sent: latencies.length, latencyP50Ms: pick(0.5), latencyP99Ms: pick(0.99), latencyMaxMs: Math.round(latencies.at(-1) ?? 0) },
  };
}

const mean = (rounds, key) => Math.round(rounds.reduce((sum, r) => sum + r[key], 0) / rounds.length);

async function main() {
  const off = [];
  const on = [];
  // Alternating, so a machine warming up or slowing down weighs on both sides alike.
  for (let round = 0; round < ROUNDS; round++) {
    off.push(await ingestRound(false));
    on.push(await ingestRound(true));
  }
  const offRate = mean(off, 'requestsPerSec');
  const onRate = mean(on, 'requestsPerSec');
  const costPercent = Math.round(((offRate - onRate) / offRate) * 1000) / 10;
  const offCpu = mean(off, 'cpuUsPerCapture');
  const onCpu = mean(on, 'cpuUsPerCapture');
  const cpuCostPercent = Math.round(((onCpu - offCpu) / offCpu) * 1000) / 10;
  const rebuildResult = await rebuild();

  const out = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    load: { tool: 'autocannon (same machine)', connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, bodyBytes: Math.round(LOAD_BODIES.reduce((s, b) => s + b.length, 0) / LOAD_BODIES.length) },
    ingest: {
      trackingOff: { requestsPerSec: offRate, cpuUsPerCapture: offCpu, latencyP99Ms: Math.max(...off.map((r) => r.latencyP99Ms)), rounds: off },
      trackingOn: { requestsPerSec: onRate, cpuUsPerCapture: onCpu, latencyP99Ms: Math.max(...on.map((r) => r.latencyP99Ms)), rounds: on },
      /** Throughput lost with tracking on. */
      costPercent,
      /** CPU per capture added by tracking (measured until the tracker caught up). */
      cpuCostPercent,
    },
    rebuild: rebuildResult,
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/schemas.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(
    `schemas: ingest ${offRate}/s tracking off, ${onRate}/s on (cost ${costPercent} %; CPU per capture ${offCpu} vs ${onCpu} µs, +${cpuCostPercent} %; ` +
      `tracker caught up ${on.map((r) => r.catchUpMs).join('/')} ms after the load); ` +
      `rebuild of ${rebuildResult.samples} captures in ${rebuildResult.seconds} s (${rebuildResult.capturesPerSec}/s, captures meanwhile p99 ${rebuildResult.capturesDuringRebuild.latencyP99Ms} ms)`,
  );
  const failed = [...off, ...on].some((r) => r.non2xx > 0 || r.errors > 0) || on.some((r) => r.learned < r.total) || rebuildResult.samples !== REBUILD_CAPTURES;
  if (failed) {
    console.error('schemas benchmark: some requests failed, or not every capture was learned');
    process.exit(1);
  }
}

await main();
