import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser, openApp, rendererDir, repoRoot, serveStatic, waitForCharts, type AppSession, type StaticServer,
} from './harness';
import { call, waitForNamedJob } from './helpers';

const RESULTS = join(repoRoot, 'test-results');
const BINANCE = 'preset:tiered-binance-btcusdt-mark';
const SPAN = 'preset:scenario-span-16';

let server: StaticServer;
let browser: Browser;
let app: AppSession | null = null;

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
});

/** Visible ECharts tooltips inside the chart element (each chart draws its own tooltip div). */
function visibleTooltips(page: Page, chart: string): Promise<number> {
  // A string expression: this file is compiled without the DOM library.
  return page.evaluate(`Array.from(document.querySelectorAll('[data-chart="${chart}"] > div')).filter((e) => {
    const s = e.style;
    return s.position === 'absolute' && s.display !== 'none' && s.visibility !== 'hidden' && s.opacity !== '0' && e.innerText.trim() !== '';
  }).length`) as Promise<number>;
}

describe('Compare and Reports views in Chromium against the real handlers', () => {
  it('compares the sample book under the Binance tiered and SPAN presets from the Books view', async () => {
    app = await openApp(browser, server.baseUrl, '/books');
    const { page } = app;
    await page.getByRole('button', { name: 'Create the sample book' }).click();
    expect(await waitForNamedJob(page, 'Creating sample workspace')).toEqual({ phase: 'succeeded', alert: '' });
    await page.getByRole('button', { name: 'Compute', exact: true }).click();
    expect(await waitForNamedJob(page, 'Binance')).toEqual({ phase: 'succeeded', alert: '' });
    await page.locator('select[name="model"]').selectOption(SPAN);
    expect(await waitForNamedJob(page, 'SPAN')).toEqual({ phase: 'succeeded', alert: '' });

    // One click from the Books view: /compare?runs=<Binance run>,<SPAN run>.
    await page.locator('[data-compare-link]').click();
    await page.waitForURL(/#\/compare\?runs=/);
    const runs = await call<{ runs: { id: string; label: string }[] }>(app, 'run:list', { kind: 'margin' });
    const [spanRun, binanceRun] = runs.runs; // newest first
    expect(decodeURIComponent(page.url())).toContain(`#/compare?runs=${binanceRun.id},${spanRun.id}`);
    await page.locator('[data-section="result"][data-kind="margin"]').waitFor();
    await waitForCharts(page, '[data-section="result"] [data-chart]');
    expect(await page.locator('[data-section="result"] [data-chart]').count()).toBe(5); // 2 ratio + 2 MM histograms, 1 scatter

    // The diff table: the account with the largest |ΔMM| first, as the workbench sorts it.
    const top = await call<{ total: number; rows: { accountId: string; maintenanceMarginDiffUsd: number }[] }>(app, 'compare:accounts', { runIds: [binanceRun.id, spanRun.id], limit: 1 });
    await page.locator('[data-account-diffs] tbody tr').first().waitFor();
    expect(await page.locator('[data-account-diffs] tbody tr').count()).toBe(25);
    const first = page.locator('[data-account-diffs] tbody tr').first();
    expect(await first.getAttribute('data-account')).toBe(top.rows[0].accountId);
    const dmm = top.rows[0].maintenanceMarginDiffUsd;
    const shown = `${dmm > 0 ? '+' : '−'}${Math.abs(dmm).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(await first.locator('td').nth(6).innerText()).toBe(shown);
    expect(await page.locator('[data-rows-shown]').innerText()).toBe(`1–25 of ${top.total.toLocaleString('en-US')}`);
    // Sorting by account id asks the workbench again.
    await page.locator('[data-account-diffs] th[data-sort-key="accountId"] button').click();
    await expect.poll(() => first.getAttribute('data-account')).not.toBe(top.rows[0].accountId);

    // What changed: the model, not the book or the data.
    const changes = page.locator('[data-changes]');
    expect(await changes.locator('tr[data-field="modelId"] td').allInnerTexts()).toEqual(['Inputs', 'modelId', BINANCE, SPAN]);
    // Two models of different kinds differ in every field: the first dozen are listed, the rest on request.
    await changes.locator('[data-more-changes]').click();
    expect(await changes.locator('tr[data-field="model.kind"] td').allInnerTexts()).toEqual(['Parameters', 'model.kind', 'tiered', 'scenarioGrid']);
    await changes.locator('[data-more-changes]').click();
    expect(await changes.locator('tbody tr').count()).toBe(12);
    expect(await changes.locator('tr[data-field="bookId"]').count()).toBe(0);
    await changes.locator('input[name="showUnchanged"]').check();
    expect(await changes.locator('tr[data-field="bookId"]').count()).toBe(1);
    await changes.locator('input[name="showUnchanged"]').uncheck();

    // Linked charts: hovering a bin of the first ratio histogram shows the same bin's tooltip in the second.
    const h0 = page.locator('[data-chart="ratio-histogram-0"]');
    await h0.scrollIntoViewIfNeeded();
    const box = (await h0.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.6);
    await expect.poll(() => visibleTooltips(page, 'ratio-histogram-1'), { timeout: 10_000 }).toBe(1);
    await page.mouse.move(5, 5);

    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'compare-models.png'), fullPage: true });
    expect(app.invoked).toEqual(expect.arrayContaining(['compare:runs', 'compare:accounts']));
    expect(app.problems).toEqual([]);
  });

  it('compares two stress runs, base vs stressed correlation, from the typical pair', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    const sample = await call<{ bookId: string; datasetId: string }>(app, 'workspace:createSample', {});
    const scenario = {
      schemaVersion: 1, name: 'Crash with correlation breakout',
      shocks: [
        { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -30 },
        { type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.7 }] },
      ],
    };
    for (const applyScenarioShock of [false, true]) {
      await call(app, 'stress:run', {
        bookId: sample.bookId, modelId: BINANCE, datasetId: sample.datasetId, scenario, insuranceFundUsd: '250000', cascade: true, maxRounds: 5,
        monteCarlo: { seed: 11, scenarios: 5000, correlation: { applyScenarioShock } },
      });
    }
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.locator('[data-pair="stress"]').click();
    await page.locator('[data-section="result"][data-kind="stress"]').waitFor({ timeout: 60_000 });
    await waitForCharts(page, '[data-section="result"] [data-chart]');
    const titles = await page.locator('[data-compared-runs] td.title').allInnerTexts();
    expect(titles[0]).toContain('base correlation');
    expect(titles[1]).toContain('stressed correlation');
    expect(await page.locator('[data-changes] tr[data-field="monteCarlo.correlation.applyScenarioShock"] td').allInnerTexts())
      .toEqual(['Parameters', 'monteCarlo.correlation.applyScenarioShock', 'false', 'true']);
    expect(await page.locator('[data-changed-count]').innerText()).toMatch(/^1 of \d+ fields differ$/);
    expect(await page.locator('[data-figure="mcCorrelation"] td').allInnerTexts()).toEqual(['Monte Carlo correlation', 'base', 'stressed (scenario applied)', '—']);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'compare-stress.png'), fullPage: true });
    expect(app.problems).toEqual([]);
  });

  it('compares two backtests of BTC, before and after a recalibration, with zoom linked across the days', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    const sample = await call<{ datasetId: string }>(app, 'workspace:createSample', {});
    const bt = (windowDays: number) => call<{ runId: string; exceptions: number }>(app!, 'calibration:backtest', {
      prices: sample.datasetId, target: { type: 'asset', asset: 'BTC' }, model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays },
    });
    const before = await bt(250);
    const after = await bt(500);
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.locator('[data-pair="calibration:backtest"]').click();
    await page.locator('[data-section="result"][data-kind="backtest"]').waitFor({ timeout: 60_000 });
    await waitForCharts(page, '[data-section="result"] [data-chart]');
    expect(await page.locator('[data-compared-runs] td.title').allInnerTexts()).toEqual([expect.stringMatching(/^W 250/), expect.stringMatching(/^W 500/)]);
    expect(await page.locator('[data-figure="exceptions"] td').allInnerTexts())
      .toEqual(['Exceptions', String(before.exceptions), String(after.exceptions), `${after.exceptions >= before.exceptions ? (after.exceptions === before.exceptions ? '±' : '+') : '−'}${Math.abs(after.exceptions - before.exceptions)}`]);
    // Zooming the first run's chart zooms the second (same dataZoom ids in one ECharts group).
    const first = page.locator('[data-chart="backtest-0"]');
    const second = page.locator('[data-chart="backtest-1"]');
    await first.scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    const secondBefore = await second.screenshot();
    const box = (await first.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.mouse.move(5, 5);
    await expect.poll(async () => Buffer.compare(await second.screenshot(), secondBefore), { timeout: 10_000 }).not.toBe(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'compare-backtests.png'), fullPage: true });
    expect(app.problems).toEqual([]);
  });

  it('previews a report of chosen runs, exports PDF and XLSX and an audit bundle, and names the exports folder', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    const sample = await call<{ bookId: string; datasetId: string }>(app, 'workspace:createSample', {});
    const tiered = await call<{ runId: string }>(app, 'margin:compute', { bookId: sample.bookId, modelId: BINANCE, datasetId: sample.datasetId });
    const span = await call<{ runId: string }>(app, 'margin:compute', { bookId: sample.bookId, modelId: SPAN, datasetId: sample.datasetId });
    await call(app, 'calibration:backtest', { prices: sample.datasetId, target: { type: 'asset', asset: 'BTC' }, model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 500 } });

    await page.getByRole('link', { name: 'Reports' }).click();
    const chooser = page.locator('[data-run-chooser]');
    await chooser.locator(`[data-run="${tiered.runId}"] input`).check();
    await chooser.locator(`[data-run="${span.runId}"] input`).check();
    await chooser.locator('[data-kind="calibration:backtest"] .group-head input').check();
    expect(await page.locator('[data-selected-count]').innerText()).toBe('3 selected');
    await page.locator('input[name="title"]').fill('Margin committee, e2e');
    await page.locator('input[name="preparer"]').fill('Risk analytics');
    await page.locator('[data-section-id="provenance"] input').uncheck();

    await page.locator('[data-preview]').click();
    const frame = page.frameLocator('iframe[data-report-preview]');
    await expect.poll(() => frame.locator('h1').innerText(), { timeout: 60_000 }).toBe('Margin committee, e2e');
    expect(await page.locator('iframe[data-report-preview]').getAttribute('sandbox')).toBe('');
    expect(await frame.locator('body').innerText()).toContain('Margin runs side by side');
    expect(await frame.locator('body').innerText()).not.toContain('Appendix A');
    expect(await frame.locator('svg').count()).toBeGreaterThan(0);

    await page.locator('input[name="format"][value="pdf"]').check();
    await page.locator('[data-export]').click();
    await page.locator('[data-exported][data-format="pdf"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('.job').getAttribute('data-phase')).toBe('succeeded');
    const pdfPath = (await page.locator('[data-exported][data-format="pdf"] code').innerText()).trim();
    expect(await page.locator('[data-exported][data-format="pdf"] b').innerText()).toMatch(/^report-\d{8}-\d{6}-[A-Za-z0-9]{1,8}\.pdf$/);
    expect(pdfPath.startsWith(join(app.workbench.services.ctx.dataDir, 'exports'))).toBe(true);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Margin committee, e2e');
    expect(text).toContain('Risk analytics');

    await page.locator('input[name="format"][value="xlsx"]').check();
    await page.locator('[data-export]').click();
    await page.locator('[data-exported][data-format="xlsx"]').waitFor({ timeout: 60_000 });
    const xlsxPath = (await page.locator('[data-exported][data-format="xlsx"] code').innerText()).trim();
    expect(await page.locator('[data-exported]').count()).toBe(2); // both files stay listed, newest first
    expect(readFileSync(xlsxPath).subarray(0, 2).toString()).toBe('PK'); // a zip container
    expect(statSync(xlsxPath).size).toBeGreaterThan(5_000);

    await page.locator('[data-bundle]').click();
    await page.locator('[data-bundled]').waitFor({ timeout: 60_000 });
    expect(existsSync((await page.locator('[data-bundled] code').innerText()).trim())).toBe(true);
    await page.locator('[data-open-folder]').click();
    await page.locator('[data-folder]').waitFor();
    expect(await page.locator('[data-folder]').innerText()).toContain('only possible in the desktop app');

    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'reports-view.png'), fullPage: true });
    expect(app.invoked).toEqual(expect.arrayContaining(['run:list', 'report:preview', 'report:export', 'audit:exportBundle', 'app:openExportsFolder']));
    expect(app.problems).toEqual([]);
  });
});
