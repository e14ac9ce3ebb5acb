// Query benchmark (issue: inspector at scale): a million stored requests, then the latency of the
// inbox's queries through the real headless server's REST API, and the server's memory.
// Baseline in the same run: GET /api/v2/info (HTTP + auth, no database work), so the ratios say
// what the database part costs on whatever machine this runs.
//
// Usage: npm run bench (builds first). BENCH_ROWS overrides the row count (default 1,000,000);
// BENCH_DATA_DIR reuses a folder seeded earlier by bench/seed-requests.mjs (kept afterwards).
// Writes bench/results/query.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EVENTS, NAMES, seed } from './seed-requests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DAYS = 30;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function rssMb(pid) {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
}

function get(origin, token, pathAndQuery) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(origin + pathAndQuery, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (res.statusCode !== 200) reject(new Error(`${pathAndQuery}: HTTP ${res.statusCode} ${Buffer.concat(chunks)}`));
          else resolve({ ms, body: JSON.parse(Buffer.concat(chunks).toString()) });
        });
      })
      .on('error', reject);
  });
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const round = (n) => Math.round(n * 100) / 100;
  return { n: sorted.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted[sorted.length - 1]) };
}

let seedState = 7;
const random = () => ((seedState = (seedState * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(random() * list.length)];

async function measure(label, n, makePath, run) {
  const samples = [];
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const { ms, body } = await run(makePath());
    samples.push(ms);
    rows += body.items?.length ?? 0;
  }
  const result = { ...stats(samples), avgRows: Math.round(rows / n) };
  console.error(`${label}: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms (${result.avgRows} rows/answer avg)`);
  return result;
}

async function main() {
  const reuse = process.env.BENCH_DATA_DIR;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-query-'));
  let seeded;
  let now = Date.now();
  if (reuse) {
    const db = path.join(reuse, 'hookbench.sqlite');
    now = fs.statSync(db).mtimeMs; // seeded rows end at the seeding time
    seeded = { reused: reuse, dbMb: Math.round(fs.statSync(db).size / 1024 / 1024) };
  } else {
    console.error(`seeding ${ROWS.toLocaleString()} requests…`);
    seeded = await seed({ dataDir, count: ROWS, days: DAYS, now });
    console.error(`seeded in ${seeded.seconds} s (${seeded.dbMb} MB)`);
  }

  const hb = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = JSON.parse(await new Promise((resolve) => readline.createInterface({ input: hb.stdout }).once('line', resolve)));
  const origin = new URL(ready.uiUrl).origin;
  const run = (p) => get(origin, ready.token, p);
  const rssAtStart = rssMb(hb.pid);
  const span = DAYS * 86_400_000;
  const window = () => {
    const length = (1 + Math.floor(random() * 7)) * 86_400_000;
    const from = now - span + random() * (span - length);
    return `from=${new Date(from).toISOString()}&to=${new Date(from + length).toISOString()}`;
  };

  // Warm the page cache and the statement cache the way a user's first clicks would.
  for (let i = 0; i < 20; i++) await run(`/api/v2/requests?event=${pick(EVENTS)}&status=2xx&limit=100`);

  const results = {
    baselineInfo: await measure('baseline GET /api/v2/info', 300, () => '/api/v2/info', run),
    firstPage: await measure('first page, no filter', 200, () => '/api/v2/requests?limit=100', run),
    combinedFilter: await measure(
      'event + status + date range',
      300,
      () => `/api/v2/requests?event=${encodeURIComponent(pick(EVENTS))}&status=${pick(['2xx', '4xx', '5xx', '200', '404'])}&${window()}&limit=100`,
      run,
    ),
    fullText: await measure('full-text', 300, () => `/api/v2/requests?q=${encodeURIComponent(`${pick(NAMES)} ${pick(['crash', 'refund', 'lovely', 'checkout'])}`)}&limit=100`, run),
    fullTextWithFilter: await measure('full-text + event + date range', 200, () => `/api/v2/requests?q=${pick(NAMES)}&event=${encodeURIComponent(pick(EVENTS))}&${window()}&limit=100`, run),
    facetsWithFilter: await measure('facet counts within event + date range', 50, () => `/api/v2/requests/facets?event=${encodeURIComponent(pick(EVENTS))}&${window()}`, run),
  };

  // Deep paging: page 1 vs page 200 of one filter, following cursors (keyset, no OFFSET).
  const pageTimes = [];
  let cursor = null;
  for (let page = 1; page <= 200; page++) {
    const { ms, body } = await run(`/api/v2/requests?status=2xx&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    pageTimes.push(ms);
    cursor = body.nextCursor;
  }
  results.paging = { firstTenPages: stats(pageTimes.slice(0, 10)), pages191to200: stats(pageTimes.slice(190)) };
  console.error(`paging: pages 1-10 p95 ${results.paging.firstTenPages.p95Ms} ms, pages 191-200 p95 ${results.paging.pages191to200.p95Ms} ms`);

  const rssAfter = rssMb(hb.pid);
  hb.kill('SIGTERM');
  await new Promise((resolve) => hb.once('exit', resolve));
  if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });

  const targets = { combinedFilterP95Ms: 20, fullTextP95Ms: 100, rssMb: 250 };
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    seeded,
    results,
    memory: { rssMbAtStart: rssAtStart, rssMbAfterQueries: rssAfter },
    ratiosToBaselineP95: {
      combinedFilter: Math.round((results.combinedFilter.p95Ms / results.baselineInfo.p95Ms) * 10) / 10,
      fullText: Math.round((results.fullText.p95Ms / results.baselineInfo.p95Ms) * 10) / 10,
    },
    targets,
    met: {
      combinedFilter: results.combinedFilter.p95Ms <= targets.combinedFilterP95Ms,
      fullText: results.fullText.p95Ms <= targets.fullTextP95Ms,
      memory: Math.max(rssAtStart, rssAfter) <= targets.rssMb,
      pagingFlat: results.paging.pages191to200.p95Ms <= results.paging.firstTenPages.p95Ms * 3 + 2,
    },
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/query.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out.met));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
