/* global document, requestAnimationFrame */
// List rendering benchmark in headless Chromium: with 100,000 captured requests loaded into the
// virtualized inbox, how long a filter change takes to show (click → the new rows on screen, the
// REST round trip included), and how smoothly the list scrolls. Baselines from the same run: the
// same filter change with one page (200 rows) loaded, and the frame times of an idle page.
//
// Usage: npm run bench (after npm run build). Writes bench/results/list-render.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { seed } from './seed-requests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_LIST_ROWS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_LIST_SAMPLES ?? 3);
const TARGET_MS = 200;

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
  return { n: s.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: Math.round(s[s.length - 1] * 10) / 10 };
};

/** Scrolls the list to its end until `want` rows are loaded (the list pages in as it scrolls). */
async function loadRows(page, want) {
  const started = Date.now();
  const loaded = await page.evaluate(async (want) => {
    const list = document.querySelector('[data-testid="inbox-list"]');
    const count = () => Number(document.querySelector('[data-testid="inbox-count"]')?.textContent || 0);
    for (let i = 0; i < 20_000 && count() < want; i++) {
      list.scrollTop = list.scrollHeight;
      await new Promise((r) => setTimeout(r, 5));
    }
    return count();
  }, want);
  return { loaded, seconds: (Date.now() - started) / 1000 };
}

/** Clicks a status chip and measures until every visible row shows that status class. */
function filterChange(page, statusClass) {
  return page.evaluate(async (statusClass) => {
    const chip = document.querySelector(`[data-testid="status-chip"][data-value="${statusClass}"]`);
    const digit = statusClass[0];
    const shown = () => {
      const rows = [...document.querySelectorAll('[data-testid="request-row"] .status')];
      return rows.length > 0 && rows.every((r) => r.textContent.startsWith(digit));
    };
    const t0 = performance.now();
    chip.click();
    while (!shown()) await new Promise((r) => requestAnimationFrame(r));
    // One more frame: the rows are painted, not just in the DOM.
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  }, statusClass);
}

/** Frame times while scrolling `frames` frames of `step` px each (or idle when step is 0). */
function frameTimes(page, frames, step) {
  return page.evaluate(
    async ({ frames, step }) => {
      const list = document.querySelector('[data-testid="inbox-list"]');
      const times = [];
      let last = await new Promise((r) => requestAnimationFrame(r));
      for (let i = 0; i < frames; i++) {
        if (step) list.scrollTop += step;
        const now = await new Promise((r) => requestAnimationFrame(r));
        times.push(now - last);
        last = now;
      }
      return times;
    },
    { frames, step },
  );
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-bench-list-'));
  console.error(`seeding ${ROWS.toLocaleString()} requests…`);
  const seeded = await seed({ dataDir, count: ROWS, days: 2 });
  const hb = spawn(process.execPath, [path.join(root, 'bin/hookbench.js'), 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = JSON.parse(await new Promise((resolve) => readline.createInterface({ input: hb.stdout }).once('line', resolve)));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const open = async () => {
    await page.goto(ready.uiUrl.replace(/\?.*/, '') + '?token=' + encodeURIComponent(ready.token));
    await page.getByTestId('request-row').first().waitFor();
    await page.locator('[data-testid="status-chip"][data-value="5xx"]').waitFor();
  };

  const baseline = [];
  const full = [];
  const loads = [];
  for (let i = 0; i < SAMPLES; i++) {
    await open();
    baseline.push(await filterChange(page, i % 2 ? '4xx' : '5xx'));
    await open();
    const load = await loadRows(page, ROWS);
    loads.push(load);
    if (i === 0) {
      var idle = await frameTimes(page, 120, 0);
      var scrolling = await frameTimes(page, 300, -1500);
    }
    full.push(await filterChange(page, i % 2 ? '4xx' : '5xx'));
    console.error(`sample ${i + 1}: ${load.loaded} rows loaded in ${load.seconds}s; filter change ${Math.round(full[i])} ms (one page loaded: ${Math.round(baseline[i])} ms)`);
  }
  const heapMb = await page.evaluate(() => Math.round((performance.memory?.usedJSHeapSize ?? 0) / 1024 / 1024));
  await browser.close();
  hb.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });

  const scroll = stats(scrolling);
  const idleStats = stats(idle);
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    rows: ROWS,
    seeded,
    loadedRows: loads.map((l) => l.loaded),
    filterChangeWith100k: stats(full),
    filterChangeWithOnePage: stats(baseline),
    ratioP95: Math.round((stats(full).p95Ms / stats(baseline).p95Ms) * 100) / 100,
    scrollFrames: { ...scroll, over50Ms: scrolling.filter((t) => t > 50).length, frames: scrolling.length },
    idleFrames: idleStats,
    rendererHeapMb: heapMb,
    target: { filterChangeP95Ms: TARGET_MS },
    met: { filterChange: stats(full).p95Ms <= TARGET_MS },
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/list-render.json'), JSON.stringify(result, null, 2) + '\n');
  console.error(`filter change with ${ROWS} rows loaded: p95 ${result.filterChangeWith100k.p95Ms} ms (one page: ${result.filterChangeWithOnePage.p95Ms} ms); scroll frames p95 ${scroll.p95Ms} ms vs idle ${idleStats.p95Ms} ms`);
  console.log(JSON.stringify(result.met));
}

await main();
