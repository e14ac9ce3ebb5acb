// Ingest benchmark: how fast the receiver captures webhooks (row committed before each answer),
// compared, in the same run, with a bare node:http server that stores nothing. Ratios, not
// absolute numbers, are what to compare across machines.
//
// Usage: npm run bench  (after npm run build). Writes bench/results/ingest.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { readyLine } from './ready-line.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = 20;
const body = JSON.stringify({ event: 'submission.created', data: { id: 'sub_1', text: 'x'.repeat(950) } });

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function load(url) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main() {
  const baselineSrc = "const s=require('http').createServer((q,r)=>{q.resume();q.on('end',()=>r.end('{\"ok\":true}'))});s.listen(0,'127.0.0.1',()=>console.log(s.address().port))";
  const baseline = spawn(process.execPath, ['-e', baselineSrc], { stdio: ['ignore', 'pipe', 'inherit'] });
  const basePort = Number(await readyLine(baseline));
  const baseResult = await load(`http://127.0.0.1:${basePort}/hook`);
  baseline.kill();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-'));
  const hb = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = JSON.parse(await readyLine(hb));
  const rssBefore = rssMb(hb.pid);
  const hbResult = await load(`${ready.receiverUrl}/hook`);
  const rssAfter = rssMb(hb.pid);
  const listed = await fetch(new URL('/api/v2/requests?limit=1', ready.uiUrl), { headers: { Authorization: `Bearer ${ready.token}` } }).then((r) => r.json());
  hb.kill('SIGTERM');
  await new Promise((r) => hb.once('exit', r));
  const dbBytes = fs.statSync(path.join(dataDir, 'hookbench.sqlite')).size;
  fs.rmSync(dataDir, { recursive: true, force: true });

  const out = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    load: { tool: 'autocannon (same machine)', connections: CONNECTIONS, durationS: DURATION_S, bodyBytes: Buffer.byteLength(body) },
    baselineBareHttp: baseResult,
    hookbenchReceiver: { ...hbResult, rssMbBefore: Math.round(rssBefore), rssMbAfter: Math.round(rssAfter), lastId: listed.items[0]?.id ?? 0, dbMb: Math.round(dbBytes / 1e6) },
    ratioToBaseline: Number((hbResult.requestsPerSec / baseResult.requestsPerSec).toFixed(2)),
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/ingest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(
    `ingest: bare node:http ${baseResult.requestsPerSec}/s, Hookbench receiver ${hbResult.requestsPerSec}/s ` +
      `(ratio ${out.ratioToBaseline}, p99 ${hbResult.latencyP99Ms} ms, ${hbResult.non2xx} non-2xx, ${hbResult.errors} errors, ` +
      `${out.hookbenchReceiver.lastId} rows, RSS ${out.hookbenchReceiver.rssMbAfter} MB)`,
  );
  if (hbResult.non2xx > 0 || hbResult.errors > 0 || out.hookbenchReceiver.lastId < hbResult.total) {
    console.error('ingest benchmark: some requests failed or were not stored');
    process.exit(1);
  }
}

await main();
