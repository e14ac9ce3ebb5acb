// Seeds a Hookbench data folder with N realistic captured requests, fast: the schema comes from
// the real app (a `serve` run creates and migrates the database first), then rows and their
// full-text entries are written in large transactions straight into the same tables.
//
// Usage: node bench/seed-requests.mjs --data-dir DIR [--count 1000000] [--days 30]
// (run `npm run build` first). Prints one JSON line: {rows, seconds, dbMb}.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const EVENTS = [
  'submission.created', 'submission.status_changed', 'new_feedback', 'rating_submitted', 'nps_calculated',
  'widget_dismissed', 'feed.text.received', 'feed.video.received', 'feed.audio.received', 'feedback.create',
  'feedback.update', 'comment.create', 'charge.succeeded', 'charge.failed', 'invoice.paid', 'customer.created',
  'push', 'pull_request.opened', 'issues.opened', 'orders/create',
];
const ENDPOINTS = [null, null, 'stripe', 'github', 'feedbackpulse', 'shopify'];
const STATUSES = [200, 200, 200, 200, 200, 201, 204, 400, 401, 404, 429, 500, 502, 503];
const WORDS = ['fast', 'clear', 'slow', 'broken', 'great', 'checkout', 'refund', 'delivery', 'login', 'mobile', 'price', 'support', 'crash', 'lovely', 'invoice', 'upgrade'];
export const NAMES = ['Ada', 'Grace', 'Linus', 'Barbara', 'Alan', 'Margaret', 'Dennis', 'Frances', 'Ken', 'Radia'];

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function createSchema(dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

export async function seed({ dataDir, count, days = 30, now = Date.now() }) {
  const started = Date.now();
  await createSchema(dataDir);
  const db = new Database(path.join(dataDir, 'hookbench.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a seeding run, not the app: a crash here just means seed again
  const insert = db.prepare(`INSERT INTO requests (endpoint, method, path, query, headers, body, size, truncated,
    content_type, event, scheme, status, client_address, received_at) VALUES (?, 'POST', ?, '', ?, ?, ?, 0, 'application/json', ?, NULL, ?, '127.0.0.1', ?)`);
  const fts = db.prepare('INSERT INTO requests_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  const random = rng(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const span = days * 86_400_000;
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const event = pick(EVENTS);
      const endpoint = pick(ENDPOINTS);
      const text = Array.from({ length: 12 }, () => pick(WORDS)).join(' ');
      const body = JSON.stringify({
        event,
        id: `evt_${i.toString(16).padStart(12, '0')}`,
        timestamp: new Date(now - span + (i / count) * span).toISOString(),
        data: { id: `sub_${i}`, campaign_id: `cmp_${i % 97}`, star_rating: 1 + (i % 5), text_feedback: text, customer_name: pick(NAMES), status: 'new', padding: 'x'.repeat(700) },
      });
      const headers = JSON.stringify([['Host', 'hooks.example'], ['Content-Type', 'application/json'], ['User-Agent', 'Bench/1.0'], ['X-Event', event], ['Content-Length', String(body.length)]]);
      const pathName = endpoint ? `/${endpoint}/hook` : '/hook';
      const receivedAt = Math.round(now - span + (i / count) * span);
      const info = insert.run(endpoint, pathName, headers, Buffer.from(body), body.length, event, pick(STATUSES), receivedAt);
      const headerText = JSON.parse(headers).map(([n, v]) => `${n}: ${v}`).join('\n');
      fts.run(info.lastInsertRowid, pathName, headerText, body);
    }
  });
  const STEP = 20_000;
  for (let from = 0; from < count; from += STEP) batch(from, Math.min(count, from + STEP));
  db.prepare("UPDATE fts_progress SET indexed_through = (SELECT seq FROM sqlite_sequence WHERE name = 'requests') WHERE id = 1").run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const dbMb = Math.round(fs.statSync(path.join(dataDir, 'hookbench.sqlite')).size / 1024 / 1024);
  return { rows: count, seconds: Math.round((Date.now() - started) / 100) / 10, dbMb, spanDays: days };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, count: { type: 'string' }, days: { type: 'string' } } });
  if (!values['data-dir']) throw new Error('--data-dir is required');
  const result = await seed({ dataDir: values['data-dir'], count: Number(values.count ?? 1_000_000), days: Number(values.days ?? 30) });
  console.log(JSON.stringify(result));
}
