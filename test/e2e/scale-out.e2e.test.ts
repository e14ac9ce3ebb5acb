import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_FILE } from '../../src/main/core/secrets/secret-box';
import { PUSH_ROUTE, WS_PROTOCOL, tokenToWsProtocol, type PushEvent } from '../../src/shared/contract';
import type { Delivery } from '../../src/shared/sender-schemas';
import type { Page } from '../../src/shared/request-schemas';
import { json, request } from '../helpers/http';
import { startPostgres, type PgServer } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startSink, type Received } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

/**
 * The built `hookbench serve`, twice, on one real PostgreSQL database, and one of them killed
 * with SIGKILL: under a steady stream of webhooks every acknowledged capture is in the database;
 * with deliveries due every delivery completes, on the survivor, and no attempt number is used twice.
 */

let server: PgServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const running: ServeProcess[] = [];
afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL').catch(() => undefined);
});

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hookbench.js');

/** Two serve processes on one fresh database; the second gets the first one's secrets key file. */
async function twoServers(): Promise<{ url: string; a: ServeProcess; b: ServeProcess; dirA: string }> {
  const url = await server.createDatabase();
  const dirA = tempDir();
  const dirB = tempDir();
  const a = await startServe(['--data-dir', dirA, '--database', url]);
  running.push(a);
  fs.copyFileSync(path.join(dirA, KEY_FILE), path.join(dirB, KEY_FILE));
  const b = await startServe(['--data-dir', dirB], { HOOKBENCH_DATABASE_URL: url });
  running.push(b);
  return { url, a, b, dirA };
}

function api(serve: ServeProcess) {
  const origin = new URL(serve.ready.uiUrl).origin;
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await json<T>(origin + route, {
      method,
      headers: { Authorization: `Bearer ${serve.ready.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
}

async function sql<R extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('two serve instances on one PostgreSQL database', () => {
  it('a capture on A appears live on a push socket of B; a token made by the CLI on the database works on both', async () => {
    const { url, a, b, dirA } = await twoServers();
    // `hookbench token create` on the shared database (with an instance's data folder: its key).
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'token', 'create', 'ci', '--role', 'viewer', '--database', url, '--data-dir', dirA]);
    const token = stdout.trim();
    const events: PushEvent[] = [];
    const ws = new WebSocket(new URL(b.ready.uiUrl).origin.replace('http', 'ws') + PUSH_ROUTE, [WS_PROTOCOL, tokenToWsProtocol(token)]);
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    ws.on('message', (data) => events.push(JSON.parse(data.toString()) as PushEvent));
    try {
      const res = await request(`${a.ready.receiverUrl}/live/on-a`, { method: 'POST', body: '{"hello":"b"}' });
      const id = Number(res.headers['x-hookbench-request-id']);
      await until(() => events.some((e) => e.event === 'request.captured' && e.payload.id === id), 'the capture on A reaches B\'s socket', 10_000);
      for (const server of [a, b]) {
        const listed = await json<Page<{ id: number }>>(`${new URL(server.ready.uiUrl).origin}/api/v2/requests?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
        expect(listed.status).toBe(200);
        expect(listed.body.items[0]!.id).toBe(id);
      }
    } finally {
      ws.close();
    }
  });


  it('SIGKILL of one under a steady stream: every acknowledged capture is in the database', async () => {
    const { url, a, b } = await twoServers();
    const acked: number[] = [];
    /** Who acknowledged what, and when relative to the kill: what a failure report needs. */
    const log: { id: number; from: 'A' | 'B'; at: number }[] = [];
    let stop = false;
    let refused = 0;
    // Eight senders, each alternating between the two receivers, until told to stop.
    const sender = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const target = (n + i) % 2 === 0 ? a : b;
        try {
          const res = await request(`${target.ready.receiverUrl}/stream/${n}/${i}`, { method: 'POST', body: JSON.stringify({ n, i, pad: 'x'.repeat(512) }) });
          if (res.status === 200) {
            acked.push(Number(res.headers['x-hookbench-request-id']));
            log.push({ id: acked.at(-1)!, from: target === a ? 'A' : 'B', at: Date.now() });
          }
        } catch {
          refused++; // the killed instance: no answer, so nothing was promised
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, n) => sender(n));
    await until(() => acked.length >= 300, 'a steady stream is flowing', 30_000);
    const killedAt = Date.now();
    expect(await a.stop('SIGKILL')).toBeNull();
    const atKill = acked.length;
    await until(() => acked.length >= atKill + 200, 'the survivor keeps capturing', 30_000);
    stop = true;
    await Promise.all(senders);

    const found = new Set((await sql<{ id: number }>(url, 'SELECT id::int AS id FROM requests WHERE id = ANY($1::bigint[])', [acked])).map((r) => r.id));
    const missing = log.filter((entry) => !found.has(entry.id)).map((entry) => ({ ...entry, at: entry.at - killedAt }));
    expect(missing, `acknowledged but not stored (at: ms after the kill); B's log: ${b.stderr().slice(-2000)}`).toEqual([]);
    expect(found.size).toBe(new Set(acked).size);
    expect(acked.length).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(0);
    // And the survivor's API serves them: the newest by arrival first (ids are handed out at insert,
    // on two instances: the newest arrival need not have the highest id).
    const page = await api(b)<Page<{ id: number; receivedAt: string }>>('GET', '/api/v2/requests?limit=1');
    const [newest] = await sql<{ id: number }>(url, 'SELECT id::int AS id FROM requests ORDER BY received_at DESC, id DESC LIMIT 1');
    expect(page.items[0]!.id).toBe(newest!.id);
  });

  it('SIGKILL of one while deliveries are due: every delivery completes and no attempt number is sent twice', async () => {
    const { url, a, b } = await twoServers();
    // A slow receiver: attempts are in flight on both instances when one is killed.
    const sink = await startSink((_r, res) => setTimeout(() => res.end('ok'), 150));
    await api(a)('PUT', '/api/v2/webhooks/config', { url: sink.url, events: ['*'], timeoutSec: 2, concurrency: 4 });
    await until(async () => (await api(b)<{ items: unknown[] }>('GET', '/api/v2/webhooks/targets')).items.length === 1, 'B knows the target', 10_000);
    const total = 60;
    for (let i = 0; i < total; i++) await api(i % 2 ? a : b)('POST', '/api/v2/events', { event: 'submission.created' });
    await sink.waitFor(12, 20_000);
    expect(await a.stop('SIGKILL')).toBeNull();

    await until(
      async () => (await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM deliveries WHERE state = 'succeeded'"))[0]!.n === total,
      'every delivery succeeds on the survivor',
      60_000,
    );
    const deliveries = (await api(b)<Page<Delivery>>('GET', '/api/v2/webhooks/deliveries?limit=200')).items;
    expect(deliveries).toHaveLength(total);
    expect(deliveries.every((d) => d.state === 'succeeded')).toBe(true);

    // No (delivery, attempt number) recorded twice.
    const repeated = await sql(url, 'SELECT delivery_id, attempt FROM delivery_attempts GROUP BY delivery_id, attempt HAVING count(*) > 1');
    expect(repeated).toEqual([]);
    // Each delivery reached the receiver with one idempotency key, at most as many times as attempt
    // numbers were handed out: a number taken by an attempt cut short by the kill is not reused.
    const keyOf = (r: Received) => r.rawHeaders.find(([n]) => /^(idempotency-key|webhook-id)$/i.test(n))?.[1];
    const sends = new Map<string, number>();
    for (const r of sink.received) sends.set(keyOf(r)!, (sends.get(keyOf(r)!) ?? 0) + 1);
    const rows = await sql<{ key: string; attempts: number; recorded: number; last: number }>(
      url,
      `SELECT d.idempotency_key AS key, d.attempts::int AS attempts, count(a.id)::int AS recorded, max(a.attempt)::int AS last
         FROM deliveries d LEFT JOIN delivery_attempts a ON a.delivery_id = d.id GROUP BY d.id`,
    );
    expect(rows).toHaveLength(total);
    for (const row of rows) {
      expect(sends.get(row.key)).toBeGreaterThanOrEqual(1);
      expect(sends.get(row.key)).toBeLessThanOrEqual(row.attempts);
      expect(row.last).toBe(row.attempts);
    }
    expect(sends.size).toBe(total);
    // The kill cut attempts short (a number handed out, nothing recorded): those deliveries were
    // taken over when their lease ended, under the next number.
    expect(rows.some((r) => r.attempts > r.recorded)).toBe(true);
  });
});
