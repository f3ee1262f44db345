// The renderer at scale, in Chromium against the real handlers: a book of 100,000 accounts in the
// Books view (accounts table virtual-scrolled with every row on one "All" page; leverage scatter of
// 100,000 points, then 200,000 with a second run overlaid) and the longest daily price series the
// app accepts in the Data view (2009-01-03 to today, above the large-data threshold). Figures are
// printed and written to test-results/scale-figures.json; the bounds asserted are generous on purpose
// (a shared 2-core machine): they catch a renderer that blocks, not one that is a little slow.
//
// Transport: Playwright's exposeFunction bridge (the harness's window.api) serializes a result value
// by value — 100,000 account rows (≈ 35 MB of JSON) take about 60 s through it, which would measure
// the test bridge, not the app. Here window.api's calls travel as one JSON string that the page
// parses (the harness bridge sends JSON text), closer to Electron's structured-clone IPC. Same handlers, same dispatch.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createRng } from '../../main/core/numeric/rng';
import { launchBrowser, openApp, rendererDir, repoRoot, serveStatic, type AppSession, type StaticServer } from './harness';
import { call } from './helpers';

const RESULTS = join(repoRoot, 'test-results');
const ACCOUNTS = 100_000;
const ROW_HEIGHT = 28; // AccountsTable's VirtualTable row height, px
/** Generous ceilings: a frozen renderer fails them, a loaded CI machine does not. */
const P95_FRAME_MS = 100;
/** Dragging the scrollbar thumb replaces every row every frame: a looser ceiling, still far from a freeze. */
const P95_DRAG_FRAME_MS = 250;
const MAX_DOM_ROWS = 100;

let server: StaticServer;
let browser: Browser;
let app: AppSession | null = null;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  server = await serveStatic(rendererDir());
  browser = await launchBrowser();
  mkdirSync(RESULTS, { recursive: true });
});

afterEach(async () => {
  await app?.close();
  app = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  writeFileSync(join(RESULTS, 'scale-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`renderer scale figures (also in test-results/scale-figures.json):\n${JSON.stringify(figures, null, 2)}`);
});


/**
 * A seeded book of `n` cross-margined accounts: 1–3 linear perpetuals each (BTC, ETH, SOL), entries
 * around today's spot, and USDT collateral for a log-uniform leverage of 1× to 50× on the gross notional.
 */
function scaleBook(n: number, seed: number): string {
  const rng = createRng(seed);
  const spot: Record<string, number> = { BTC: 87_000, ETH: 2_900, SOL: 120 };
  const underlyings = ['BTC', 'ETH', 'SOL'];
  const accounts = [];
  for (let k = 0; k < n; k++) {
    const positions = [];
    const used = new Set<string>();
    let grossUsd = 0;
    for (let j = 1 + rng.int(3); j > 0; j--) {
      const u = underlyings[rng.int(3)];
      if (used.has(u)) continue;
      used.add(u);
      const notionalUsd = Math.exp(Math.log(200) + rng.uniform() * Math.log(5e4)); // log-uniform 200 USD … 10 M USD
      const entry = spot[u] * Math.exp(0.1 * rng.normal());
      const side = rng.uniform() < 0.55 ? 1 : -1;
      positions.push({ instrumentId: `${u}-PERP`, quantity: (side * notionalUsd / entry).toFixed(6), entryPrice: entry.toFixed(2) });
      grossUsd += notionalUsd;
    }
    const balance = (grossUsd / Math.exp(rng.uniform() * Math.log(50))).toFixed(2);
    accounts.push({ id: `acct-${String(k).padStart(6, '0')}`, marginMode: 'cross', collateral: [{ asset: 'USDT', balance }], positions });
  }
  const instruments = underlyings.map((u) => ({ id: `${u}-PERP`, kind: 'perpetual', underlying: u, settlement: 'linear' }));
  return JSON.stringify({ name: `Scale book ${n.toLocaleString('en-US')} accounts`, instruments, accounts });
}

/** Daily OHLCV from 2009-01-03 (the earliest day the importer accepts) to yesterday: a seeded random walk. */
function longHistoryCsv(seed: number): { text: string; rows: number } {
  const rng = createRng(seed);
  const lines = ['date,open,high,low,close,volume'];
  const first = Date.UTC(2009, 0, 3);
  const end = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 86_400_000;
  let close = 100;
  for (let t = first; t <= end; t += 86_400_000) {
    const open = close;
    close = open * Math.exp(0.0004 + 0.03 * rng.normal());
    const high = Math.max(open, close) * (1 + 0.01 * rng.uniform());
    const low = Math.min(open, close) * (1 - 0.01 * rng.uniform());
    lines.push(`${new Date(t).toISOString().slice(0, 10)},${open.toPrecision(8)},${high.toPrecision(8)},${low.toPrecision(8)},${close.toPrecision(8)},${(1000 + 1000 * rng.uniform()).toFixed(2)}`);
  }
  return { text: lines.join('\n'), rows: lines.length - 1 };
}

/** Hyndman–Fan type 7 quantile (linear between order statistics; numpy's default). */
function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
function frameStats(deltas: readonly number[]): { frames: number; medianMs: number; p95Ms: number; maxMs: number } {
  return { frames: deltas.length, medianMs: round(quantile(deltas, 0.5)), p95Ms: round(quantile(deltas, 0.95)), maxMs: round(Math.max(...deltas)) };
}

/**
 * A requestAnimationFrame probe in the page: records, in performance.now() ms since navigation
 * start, the first frame at which each named condition holds, and every frame's duration. The
 * conditions are function literals in this script (the CSP forbids eval in the page).
 */
async function installProbe(page: Page, conditions: Record<string, string>): Promise<void> {
  const entries = Object.entries(conditions).map(([k, fn]) => `${JSON.stringify(k)}: ${fn}`).join(',\n');
  await page.evaluate(`(() => {
    const conds = {${entries}};
    const probe = { marks: {}, frames: [], done: false };
    window.__probe = probe;
    let last = performance.now();
    const loop = (now) => {
      probe.frames.push(now - last);
      last = now;
      for (const [k, f] of Object.entries(conds)) if (!(k in probe.marks) && f()) probe.marks[k] = now;
      if (!probe.done) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);
}

async function waitForMarks(page: Page, names: string[], timeoutMs: number): Promise<Record<string, number>> {
  // A function, not a string: Playwright evaluates a string predicate with eval on every poll, which the CSP refuses.
  await page.waitForFunction((keys) => keys.every((k) => k in (globalThis as unknown as { __probe: { marks: object } }).__probe.marks), names, { timeout: timeoutMs });
  return page.evaluate<Record<string, number>>(`(() => { const p = window.__probe; p.done = true; return p.marks; })()`);
}

const CHARTS_READY = `() => { const c = document.querySelectorAll('[data-chart]'); return c.length > 0 && Array.from(c).every((x) => x.getAttribute('data-ready') === 'true'); }`;

describe('renderer at scale', () => {
  it(`Books view: ${ACCOUNTS.toLocaleString('en-US')} accounts — virtual table, scrolling, 100k- and 200k-point scatter`, async () => {
    app = await openApp(browser, server.baseUrl, '/books');
    const { page } = app;
    const sample = await call<{ datasetId: string }>(app, 'workspace:createSample', {});
    const book = await call<{ id: string; accounts: number }>(app, 'book:import', { fileName: 'scale-100k.json', text: scaleBook(ACCOUNTS, 20261125) });
    expect(book.accounts).toBe(ACCOUNTS);
    figures.machine = { cpus: cpus().length, loadAverage1mAtStart: round(loadavg()[0], 2) };

    // Navigation start: a fresh load of the view that now lists the book.
    await page.reload();
    await page.locator('select[name="book"]').selectOption(book.id);
    await page.locator('select[name="dataset"]').selectOption(sample.datasetId);
    expect(await page.locator('select[name="model"]').inputValue()).toBe('preset:tiered-binance-btcusdt-mark');
    await installProbe(page, {
      jobDone: `() => !!document.querySelector('.job[data-phase="succeeded"]')`,
      table: `() => (document.querySelector('[data-rows-shown]')?.textContent ?? '').includes('of 100,000') && !!document.querySelector('[data-virtual-table] tbody tr[data-account]')`,
      charts: CHARTS_READY,
    });
    const clickedAt = await page.evaluate<number>('performance.now()');
    await page.getByRole('button', { name: 'Compute', exact: true }).click();
    const load = await waitForMarks(page, ['jobDone', 'table', 'charts'], 240_000);
    const loadFrames = await page.evaluate<number[]>('window.__probe.frames');
    figures.books = {
      accounts: ACCOUNTS,
      navigationToComputeClickMs: Math.round(clickedAt),
      computeJobMs: Math.round(load.jobDone - clickedAt),
      jobDoneToTableMs: Math.round(load.table - load.jobDone),
      jobDoneToChartsFinishedMs: Math.round(load.charts - load.jobDone),
      navigationToTableMs: Math.round(load.table),
      navigationToChartsFinishedMs: Math.round(load.charts),
      longestFrameWhileLoadingMs: round(Math.max(...loadFrames)),
      note: 'job → table includes fetching every row for the charts (margin:accounts, 100,000 rows ≈ 35 MB of JSON) and the first page',
    };

    // "All": one page of 100,000 rows, virtual-scrolled.
    await installProbe(page, {
      allPage: `() => { const t = document.querySelector('[data-virtual-table]'); return !!t && t.getAttribute('data-total-rows') === '100000' && t.getAttribute('data-virtual') === 'true' && !!t.querySelector('tbody tr[data-account]'); }`,
    });
    const allAt = await page.evaluate<number>('performance.now()');
    await page.locator('.accounts select').selectOption(String(ACCOUNTS));
    const all = await waitForMarks(page, ['allPage'], 120_000);
    // The same call on the workbench alone (sort, page, output validation), to split the figure above.
    const runId = (await page.locator('[data-run-id]').getAttribute('data-run-id'))!;
    const serverStart = performance.now();
    await call(app, 'margin:accounts', { runId, offset: 0, limit: ACCOUNTS, sortBy: 'marginRatio', descending: true });
    const serverMs = Math.round(performance.now() - serverStart);
    expect(await page.locator('[data-rows-shown]').innerText()).toBe('1–100,000 of 100,000');
    const domRows = await page.locator('[data-virtual-table] tbody tr[data-account]').count();
    expect(domRows).toBeGreaterThan(10);
    expect(domRows).toBeLessThan(MAX_DOM_ROWS);

    // Two scripted scrolls, each frame's duration recorded (rAF deltas) with the DOM row count:
    // - wheel speed: 120 px (≈ 4 rows) per frame for 600 frames, as a mouse wheel or trackpad moves;
    // - thumb drag: top to bottom in 600 frames (≈ 168 rows per frame: every frame shows only rows
    //   that were not on screen), the worst case for a virtual list.
    const scrollRun = (pxPerFrame: number | 'traverse') => page.evaluate<{ deltas: number[]; maxRows: number; scrollHeight: number; lastIndex: string | null }>(`new Promise((resolve) => {
      const el = document.querySelector('[data-virtual-table]');
      el.scrollTop = 0;
      const span = el.scrollHeight - el.clientHeight;
      const steps = 600;
      const deltas = [];
      let maxRows = 0;
      let i = 0;
      let last = performance.now();
      const step = (now) => {
        if (i > 1) deltas.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, el.querySelectorAll('tbody tr[data-account]').length);
        if (i === steps + 1) {
          const rows = el.querySelectorAll('tbody tr[data-account]');
          resolve({ deltas, maxRows, scrollHeight: el.scrollHeight, lastIndex: rows[rows.length - 1]?.getAttribute('data-index') ?? null });
          return;
        }
        i++;
        el.scrollTop = ${pxPerFrame === 'traverse' ? 'Math.round((span * (i - 1)) / steps)' : `${pxPerFrame} * (i - 1)`};
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })`);
    const wheel = await scrollRun(120);
    const drag = await scrollRun('traverse');
    const wheelStats = frameStats(wheel.deltas);
    const dragStats = frameStats(drag.deltas);
    // The scroll box holds every row at its fixed height (plus the header), and the bottom shows the last account.
    expect(Math.abs(drag.scrollHeight - ACCOUNTS * ROW_HEIGHT)).toBeLessThan(200);
    expect(drag.lastIndex).toBe(String(ACCOUNTS - 1));
    expect(Math.max(wheel.maxRows, drag.maxRows)).toBeLessThan(MAX_DOM_ROWS);
    figures.booksAllPage = {
      selectAllToRenderedMs: Math.round(all.allPage - allAt),
      ofWhichWorkbenchMarginAccountsMs: serverMs,
      domRowsAtRest: domRows,
      maxDomRowsWhileScrolling: Math.max(wheel.maxRows, drag.maxRows),
      wheelScroll120pxPerFrame: wheelStats,
      thumbDragTopToBottom600Frames: dragStats,
      loadAverage1m: round(loadavg()[0], 2),
    };
    expect(wheelStats.p95Ms).toBeLessThan(P95_FRAME_MS);
    expect(dragStats.medianMs).toBeLessThan(P95_FRAME_MS);
    expect(dragStats.p95Ms).toBeLessThan(P95_DRAG_FRAME_MS);

    // Jump to row 54,321: it sits right under the header (fixed heights add up over 54k rows) and is
    // the account the workbench sorts there.
    const k = 54_321;
    const placed = await page.evaluate<{ index: string | null; account: string | null; offsetPx: number; header: number }>(`new Promise((resolve) => {
      const el = document.querySelector('[data-virtual-table]');
      el.scrollTop = ${k * ROW_HEIGHT};
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const row = el.querySelector('tbody tr[data-index="${k}"]');
        const header = el.querySelector('thead').getBoundingClientRect().height;
        resolve({
          index: row?.getAttribute('data-index') ?? null,
          account: row?.getAttribute('data-account') ?? null,
          offsetPx: row ? row.getBoundingClientRect().top - el.getBoundingClientRect().top : NaN,
          header,
        });
      }));
    })`);
    const expected = await call<{ rows: { accountId: string }[] }>(app, 'margin:accounts', { runId, offset: k, limit: 1, sortBy: 'marginRatio', descending: true });
    expect(placed.index).toBe(String(k));
    expect(placed.account).toBe(expected.rows[0].accountId);
    expect(Math.abs(placed.offsetPx - placed.header)).toBeLessThanOrEqual(2);
    await page.locator('[data-virtual-table]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'scale-books-100k.png') });

    // A second model over the same 100,000 accounts: the scatter overlays both runs (200,000 points).
    await installProbe(page, {
      jobDone: `() => document.querySelectorAll('[data-run-chip]').length === 2 && !!document.querySelector('.job[data-phase="succeeded"]')`,
      charts: `() => document.querySelectorAll('[data-run-chip]').length === 2 && (${CHARTS_READY})()`,
    });
    const switchAt = await page.evaluate<number>('performance.now()');
    await page.locator('select[name="model"]').selectOption('preset:tiered-bybit-entry');
    const overlay = await waitForMarks(page, ['jobDone', 'charts'], 240_000);
    const overlayFrames = await page.evaluate<number[]>('window.__probe.frames');
    const subtitle = await page.locator('[data-chart="leverage-scatter"]').getAttribute('aria-label');
    expect(subtitle).toContain(' vs ');
    figures.booksOverlay = {
      points: 2 * ACCOUNTS,
      computeAndChartsMs: Math.round(overlay.charts - switchAt),
      jobDoneToChartsFinishedMs: Math.round(overlay.charts - overlay.jobDone),
      longestFrameMs: round(Math.max(...overlayFrames)),
    };
    expect(app.problems).toEqual([]);
  }, 300_000);

  it('Data view: the longest daily history the importer accepts (2009-01-03 to yesterday), candles in large mode', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    const csv = longHistoryCsv(7);
    expect(csv.rows).toBeGreaterThan(5000); // above the large-data threshold (renderer/src/charts/largeData.ts)
    await call(app, 'dataset:import', { datasetName: 'Long history', files: [{ fileName: 'LONG-USD.csv', text: csv.text }] });
    await page.reload();
    await page.locator('tr.series-row[data-asset="LONG"]').waitFor();
    await installProbe(page, {
      charts: `() => !!document.querySelector('[data-asset="LONG"] [data-chart="candles"][data-ready="true"]') && (${CHARTS_READY})()`,
    });
    const clickAt = await page.evaluate<number>('performance.now()');
    await page.locator('tr.series-row[data-asset="LONG"]').click();
    const shown = await waitForMarks(page, ['charts'], 120_000);

    // Zoom out to the whole history: drag the slider's left handle to the start, recording frames
    // until two quiet seconds have passed (the candles then draw progressively in chunks).
    const chart = page.locator('[data-chart="candles"]');
    const box = (await chart.boundingBox())!;
    const sliderY = box.y + box.height - 8 - 10; // slider: bottom 8 px, height 20 px
    const left = box.x + 64; // grid left edge
    const right = box.x + box.width - 24; // grid right edge
    const handleX = left + (right - left) * ((csv.rows - 365) / (csv.rows - 1));
    await page.evaluate(`(() => { window.__zoomFrames = []; let last = performance.now(); const t0 = last; const loop = (now) => { window.__zoomFrames.push(now - last); last = now; if (now - t0 < 4000) requestAnimationFrame(loop); }; requestAnimationFrame(loop); })()`);
    await page.mouse.move(handleX, sliderY);
    await page.mouse.down();
    await page.mouse.move(left + 2, sliderY, { steps: 20 });
    await page.mouse.up();
    await page.waitForFunction(() => (globalThis as unknown as { __zoomFrames: number[] }).__zoomFrames.reduce((a, b) => a + b, 0) >= 3900);
    const zoomFrames = await page.evaluate<number[]>('window.__zoomFrames');
    await page.screenshot({ path: join(RESULTS, 'scale-data-long-history.png') });
    const zoom = frameStats(zoomFrames);
    figures.dataView = {
      candles: csv.rows,
      selectToChartsFinishedMs: Math.round(shown.charts - clickAt),
      navigationToChartsFinishedMs: Math.round(shown.charts),
      zoomOutToAllFrames: zoom,
    };
    expect(zoom.p95Ms).toBeLessThan(P95_FRAME_MS);
    expect(app.problems).toEqual([]);
  }, 300_000);
});
