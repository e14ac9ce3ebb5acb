import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDEXED_BODY_BYTES } from '../../src/main/core/store/search-text';
import type { Page, RequestDetail, RequestSummary } from '../../src/shared/request-schemas';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';

/**
 * Issue 12, large bodies: real HTTP POSTs of multi-megabyte bodies to the receiver on loopback,
 * then the REST list filtered by `event=` and searched with `q=` (real SQLite + FTS5).
 */

const MiB = 1024 * 1024;
const CAP = 10 * MiB;

/**
 * A JSON body of about `size` bytes: `{"text": "<words…>", ...members}` where each marker word
 * sits at the byte offset given (offsets count from the start of the body).
 */
function jsonBody(size: number, markers: Record<number, string>, members: Record<string, string>): Buffer {
  const tail = JSON.stringify(members).slice(1); // `"event":"…"}`
  const head = '{"text":"';
  const filler = 'lorem ipsum dolor ';
  let text = '';
  for (const at of Object.keys(markers).map(Number).sort((a, b) => a - b)) {
    const gap = at - head.length - text.length;
    text += filler.repeat(Math.ceil(gap / filler.length)).slice(0, gap - 1) + ' ' + markers[at] + ' ';
  }
  const rest = size - head.length - text.length - 2 - tail.length;
  text += filler.repeat(Math.ceil(rest / filler.length)).slice(0, rest);
  return Buffer.from(`${head}${text}",${tail}`);
}

async function capture(receiverUrl: string, body: Buffer): Promise<void> {
  const res = await request(`${receiverUrl}/hooks/large`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  expect(res.status).toBe(200);
}

describe('large bodies (issue 12)', () => {
  it('a 2 MB JSON body gets its top-level event and is searchable to its end', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    const size = 2_000_000;
    const body = jsonBody(size, { [size - 300]: 'nearendmarker' }, { event: 'export.finished' });
    expect(body.length).toBe(size);
    expect(body.indexOf('nearendmarker')).toBeGreaterThan(size - 400);
    await capture(server.ready.receiverUrl, body);

    const byEvent = await api<Page<RequestSummary>>('GET', '/api/v2/requests?event=export.finished');
    expect(byEvent.body.items.map((r) => [r.event, r.size, r.truncated])).toEqual([['export.finished', size, false]]);
    const found = await api<Page<RequestSummary>>('GET', '/api/v2/requests?q=nearendmarker');
    expect(found.body.items.map((r) => r.id)).toEqual([byEvent.body.items[0]!.id]);
    // The detail still carries the exact bytes.
    const detail = await api<RequestDetail>('GET', `/api/v2/requests/${found.body.items[0]!.id}`);
    expect(Buffer.from(detail.body.bodyBase64, 'base64').equals(body)).toBe(true);
  });

  it('a body just under the 10 MiB cap: event found after 10 MB of text; text indexed up to the documented limit only', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    const size = CAP - 4096;
    const within = INDEXED_BODY_BYTES - 2_000;
    const beyond = INDEXED_BODY_BYTES + 2_000;
    const body = jsonBody(size, { 1000: 'startmarker', [within]: 'withinlimitmarker', [beyond]: 'pastlimitmarker' }, { type: 'archive.ready' });
    expect(body.length).toBe(size);
    await capture(server.ready.receiverUrl, body);

    const byEvent = await api<Page<RequestSummary>>('GET', '/api/v2/requests?event=archive.ready');
    expect(byEvent.body.items.map((r) => [r.event, r.truncated])).toEqual([['archive.ready', false]]);
    const ids = async (q: string) => (await api<Page<RequestSummary>>('GET', `/api/v2/requests?q=${q}`)).body.items.map((r) => r.id);
    expect(await ids('startmarker')).toHaveLength(1);
    expect(await ids('withinlimitmarker')).toHaveLength(1);
    expect(await ids('pastlimitmarker')).toEqual([]);
  });

  it('a body over the cap is stored truncated and still named by an event that came before the cut', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    const body = Buffer.from(JSON.stringify({ event: 'backup.uploaded', blob: 'QUJD'.repeat((CAP + MiB) / 4) }));
    await capture(server.ready.receiverUrl, body);
    const list = await api<Page<RequestSummary>>('GET', '/api/v2/requests?event=backup.uploaded');
    expect(list.body.items.map((r) => [r.event, r.size, r.truncated])).toEqual([['backup.uploaded', body.length, true]]);
  });

  it('several large bodies in a row are all indexed (batches end at a byte budget, none is skipped)', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    const size = 3 * MiB;
    const words = ['alphamarker', 'bravomarker', 'charliemarker'];
    for (const word of words) await capture(server.ready.receiverUrl, jsonBody(size, { [size - 500]: word }, { event: 'bulk.part' }));
    await capture(server.ready.receiverUrl, Buffer.from('{"event":"small.one","note":"deltamarker"}'));
    for (const word of [...words, 'deltamarker']) {
      const found = await api<Page<RequestSummary>>('GET', `/api/v2/requests?q=${word}`);
      expect(found.body.items, word).toHaveLength(1);
    }
    const all = await api<Page<RequestSummary>>('GET', '/api/v2/requests?event=bulk.part');
    expect(all.body.items).toHaveLength(3);
  });

  it('README states the full-text limit the index uses', () => {
    const readme = fs.readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`first ${INDEXED_BODY_BYTES / MiB} MiB of each text body`);
  });
});
