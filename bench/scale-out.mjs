// Scale-out benchmark: Hookbench on one PostgreSQL database (a throwaway cluster on this machine)
// against the embedded SQLite store, in the same run.
//  1. ingest: captures per second (row committed before each answer) of one SQLite instance, one
//     PostgreSQL instance, and two PostgreSQL instances sharing the load;
//  2. drain: how fast a backlog of deliveries to a receiver that takes DELAY_MS per answer (as real
//     webhook handlers do) is worked off by one instance and by two of the same database. Each
//     instance keeps up to PER_TARGET attempts in flight per target, so a second instance doubles
//     what can be in flight; the database work per attempt is what could hold it back.
// Everything (load generator, PostgreSQL, instances, sink) shares this machine's cores, so the
// ratios say how the parts compare here, not what separate machines would reach.
//
// Usage: npm run bench (after npm run build). Writes bench/results/scale-out.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgres } from '../scripts/pg-cluster.mjs';
import { readyLine } from './ready-line.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = 20;
const DRAIN_EVENTS = Number(process.env.BENCH_DRAIN_EVENTS ?? 500); // × TARGETS deliveries
const TARGETS = 2;
const PER_TARGET = 8;
const DELAY_MS = 200;
const body = JSON.stringify({ event: 'submission.created', data: { id: 'sub_1', text: 'x'.repeat(950) } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A `serve` process; `keyFrom` copies the secrets key of another instance (one database, one key). */
async function serve(dataDir, database, keyFrom) {
  fs.mkdirSync(dataDir, { recursive: true });
  if (keyFrom) fs.copyFileSync(path.join(keyFrom, 'secrets.key'), path.join(dataDir, 'secrets.key'));
  const args = ['serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir, ...(database ? ['--database', database] : [])];
  const child = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = JSON.parse(await readyLine(child));
  return {
    ready,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function load(urls) {
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({ url, method: 'POST', connections: Math.round(CONNECTIONS / urls.length), duration: DURATION_S, headers: { 'content-type': 'application/json' }, body }),
    ),
  );
  return {
    requestsPerSec: results.reduce((sum, r) => sum + Math.round(r.requests.average), 0),
    latencyP99Ms: Math.max(...results.map((r) => r.latency.p99)),
    total: results.reduce((sum, r) => sum + r.requests.total, 0),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

async function count(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

function client(ready) {
  const origin = new URL(ready.uiUrl).origin;
  return async (method, p, data) => {
    const res = await fetch(origin + p, { method, headers: { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' }, body: data === undefined ? undefined : JSON.stringify(data) });
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

// The receiver of deliveries: answers after DELAY_MS, counts what arrived.
const SINK = `
const http = require('http');
let count = 0;
const s = http.createServer((q, r) => {
  if (q.method === 'GET') { r.end(String(count)); return; }
  q.resume();
  q.on('end', () => { count++; setTimeout(() => r.end('{"ok":true}'), ${DELAY_MS}); });
});
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;

/** A backlog of TARGETS × DRAIN_EVENTS deliveries made while the targets are paused, then resumed: seconds until all succeeded. */
async function drain(database, instances, sinkPort) {
  const call = client(instances[0].ready);
  const targets = [];
  for (let t = 0; t < TARGETS; t++) {
    targets.push(await call('PUT', '/api/v2/webhooks/config', { url: `http://127.0.0.1:${sinkPort}/t${t}`, events: ['invoice.paid'], provider: 'standard-webhooks', concurrency: PER_TARGET, retrySchedule: 'none', paused: true }));
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < DRAIN_EVENTS) {
        next++;
        await call('POST', '/api/v2/events', { event: 'invoice.paid' });
      }
    }),
  );
  const total = DRAIN_EVENTS * TARGETS;
  // Every instance has heard of the targets (a paused target is skipped; they all see it paused).
  await sleep(500);
  const started = performance.now();
  for (const t of targets) await call('PUT', '/api/v2/webhooks/config', { id: t.id, url: t.url, events: t.events, paused: false });
  const deadline = Date.now() + 300_000;
  while ((await count(database, "SELECT count(*) AS n FROM deliveries WHERE state = 'succeeded'")) < total) {
    if (Date.now() > deadline) throw new Error('drain did not finish');
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  const attempts = await count(database, 'SELECT count(*) AS n FROM delivery_attempts');
  return { deliveries: total, seconds: Number(seconds.toFixed(2)), perSec: Math.round(total / seconds), attemptsLogged: attempts };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-scale-'));
  const cluster = await startPostgres();
  const sink = spawn(process.execPath, ['-e', SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  const sinkPort = Number(await readyLine(sink));
  try {
    // 1. Ingest.
    const sqlite = await serve(path.join(tmp, 'sqlite'));
    const sqliteResult = await load([`${sqlite.ready.receiverUrl}/hook`]);
    await sqlite.stop();

    const oneDb = await cluster.createDatabase();
    const onePg = await serve(path.join(tmp, 'pg1'), oneDb);
    const onePgResult = await load([`${onePg.ready.receiverUrl}/hook`]);
    await onePg.stop();
    const onePgStored = await count(oneDb, 'SELECT count(*) AS n FROM requests');

    const twoDb = await cluster.createDatabase();
    const a = await serve(path.join(tmp, 'pg2a'), twoDb);
    const b = await serve(path.join(tmp, 'pg2b'), twoDb, a.dataDir);
    const twoPgResult = await load([`${a.ready.receiverUrl}/hook`, `${b.ready.receiverUrl}/hook`]);
    await Promise.all([a.stop(), b.stop()]);
    const twoPgStored = await count(twoDb, 'SELECT count(*) AS n FROM requests');

    // 2. Drain.
    const drainOneDb = await cluster.createDatabase();
    const single = await serve(path.join(tmp, 'd1'), drainOneDb);
    const drainOne = await drain(drainOneDb, [single], sinkPort);
    await single.stop();
    const drainTwoDb = await cluster.createDatabase();
    const d2a = await serve(path.join(tmp, 'd2a'), drainTwoDb);
    const d2b = await serve(path.join(tmp, 'd2b'), drainTwoDb, d2a.dataDir);
    const drainTwo = await drain(drainTwoDb, [d2a, d2b], sinkPort);
    await Promise.all([d2a.stop(), d2b.stop()]);

    const out = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, postgres: 'Debian PostgreSQL 15, throwaway cluster on this machine (fsync on)' },
      ingest: {
        load: { tool: 'autocannon (same machine)', connections: CONNECTIONS, durationS: DURATION_S, bodyBytes: Buffer.byteLength(body) },
        sqliteOneInstance: sqliteResult,
        postgresOneInstance: { ...onePgResult, stored: onePgStored },
        postgresTwoInstances: { ...twoPgResult, stored: twoPgStored },
        ratioTwoPostgresToOneSqlite: Number((twoPgResult.requestsPerSec / sqliteResult.requestsPerSec).toFixed(2)),
        ratioTwoPostgresToOnePostgres: Number((twoPgResult.requestsPerSec / onePgResult.requestsPerSec).toFixed(2)),
      },
      drain: {
        receiver: { delayMs: DELAY_MS, targets: TARGETS, concurrencyPerTargetPerInstance: PER_TARGET },
        oneInstance: drainOne,
        twoInstances: drainTwo,
        speedupTwoToOne: Number((drainTwo.perSec / drainOne.perSec).toFixed(2)),
      },
    };
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/results/scale-out.json'), JSON.stringify(out, null, 2) + '\n');
    console.log(
      `scale-out ingest: SQLite ×1 ${sqliteResult.requestsPerSec}/s, PostgreSQL ×1 ${onePgResult.requestsPerSec}/s, ×2 ${twoPgResult.requestsPerSec}/s ` +
        `(×2 PG / ×1 SQLite ${out.ingest.ratioTwoPostgresToOneSqlite}); drain of ${drainOne.deliveries}: ×1 ${drainOne.perSec}/s, ×2 ${drainTwo.perSec}/s (speed-up ${out.drain.speedupTwoToOne})`,
    );
    const lost = onePgStored < onePgResult.total || twoPgStored < twoPgResult.total;
    if (sqliteResult.failed + onePgResult.failed + twoPgResult.failed > 0 || lost || drainOne.attemptsLogged !== drainOne.deliveries || drainTwo.attemptsLogged !== drainTwo.deliveries) {
      console.error('scale-out benchmark: some requests failed, were not stored, or a delivery was attempted twice');
      process.exit(1);
    }
  } finally {
    sink.kill();
    await cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
