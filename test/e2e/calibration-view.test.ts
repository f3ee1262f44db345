import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { OutputOf } from '../../preload/contract';
import {
  launchBrowser, openApp, rendererDir, repoRoot, serveStatic, waitForCharts, type AppSession, type StaticServer,
} from './harness';
import { call } from './helpers';

const RESULTS = join(repoRoot, 'test-results');

type SweepRow = OutputOf<'calibration:sweep'>['rows'][number];
/** The frontier chart's pure option builder and pixel mapping (renderer/src/charts/sweepFrontier.ts). */
interface FrontierCharts {
  buildSweepFrontierOption(input: { rows: SweepRow[]; frontierIds: string[]; xKey: 'coverage'; selectedId: null; synthetic: boolean }): object;
  frontierPointPixel(option: object, id: string, width: number, height: number): { x: number; y: number };
}
/** renderer/ is outside the node TypeScript project (tsconfig.node.json): loaded at run time by path, its signature declared above. */
async function frontierCharts(): Promise<FrontierCharts> {
  const specifier = '../../renderer/src/charts/sweepFrontier';
  return (await import(/* @vite-ignore */ specifier)) as FrontierCharts;
}

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

/** Waits for the job of one section of the Calibration view to end; returns its phase and the alert text. */
async function sectionJobEnd(page: Page, section: string, timeoutMs = 180_000): Promise<{ phase: string; alert: string }> {
  const done = `[data-section="${section}"] .job[data-phase]:not([data-phase="running"]):not([data-phase="queued"])`;
  await page.waitForSelector(done, { timeout: timeoutMs });
  return {
    phase: (await page.locator(`[data-section="${section}"] .job`).getAttribute('data-phase')) ?? '',
    alert: await page.getByRole('alert').innerText(),
  };
}

/**
 * A full-page screenshot cut to the page area from the top of `from` to the bottom of `to` (the
 * sticky app header would otherwise be drawn over an element scrolled under it).
 */
async function screenshotBetween(page: Page, from: Locator, to: Locator, path: string): Promise<void> {
  // Scrolled to the top, viewport and page coordinates agree and the sticky header stays at the top.
  await page.evaluate('window.scrollTo(0, 0)');
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const top = Math.max(0, a.y - 8);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: top, width: 1440, height: b.y + b.height + 8 - top } });
}

/** Hyndman–Fan type 7 quantile of a sorted sample (numpy.quantile's default 'linear' method). */
function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * An independent walk-forward HS backtest written out plainly (design.md conventions): loss
 * L_t = −(P_t/P_{t−1} − 1); margin at t = type-7 α-quantile of the last W losses ending at t;
 * exception when L_{t+1} > margin_t. Kupiec (1995) POF: LR = −2 ln[(1−p)^{n−x} p^x] + 2 ln[(1−x/n)^{n−x} (x/n)^x].
 */
function referenceHsBacktest(closes: readonly number[], confidence: number, windowDays: number): { observations: number; exceptions: number; kupiecLr: number } {
  const losses = closes.map((c, t) => (t === 0 ? NaN : -(c / closes[t - 1] - 1)));
  let n = 0;
  let x = 0;
  for (let t = windowDays; t + 1 < closes.length; t++) {
    const window = losses.slice(t - windowDays + 1, t + 1).sort((a, b) => a - b);
    const margin = quantileType7(window, confidence);
    n++;
    if (losses[t + 1] > margin) x++;
  }
  const p = 1 - confidence;
  const lr = -2 * ((n - x) * Math.log(1 - p) + x * Math.log(p)) + 2 * ((n - x) * Math.log(1 - x / n) + (x > 0 ? x * Math.log(x / n) : 0));
  return { observations: n, exceptions: x, kupiecLr: lr };
}

describe('Calibration view in Chromium against the real handlers', () => {
  it('backtests BTC, sweeps a 2×2 grid, loads a frontier point into the form and saves it as a model', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    await page.getByRole('button', { name: 'Create sample workspace' }).click();
    await page.waitForSelector('.job[data-phase="succeeded"]', { timeout: 180_000 });

    await page.getByRole('link', { name: 'Calibration' }).click();
    await page.locator('[data-section="backtest"]').waitFor();
    const form = page.locator('[data-section="backtest"]');
    expect(await form.locator('select[name="dataset"] option:checked').innerText()).toContain('SYNTHETIC');
    await form.locator('select[name="asset"]').selectOption('BTC');
    await form.locator('select[name="method"]').selectOption('hs');
    await form.getByLabel('Confidence α').fill('0.99');
    await form.getByLabel('Window W (days)').fill('500');
    await form.getByLabel('Horizon h (days)').fill('1');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    // The progress bar of this job is shown in the backtest section while it runs and after.
    await form.getByRole('progressbar').waitFor();
    expect(await sectionJobEnd(page, 'backtest')).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page, '[data-chart="backtest-returns"], [data-chart="traffic-light"]');
    await waitForCharts(page, '[data-chart="qq"], [data-chart="lookback"]');

    // The same closes through an independent plain re-implementation (referenceHsBacktest).
    const { datasets } = await call<{ datasets: { id: string }[] }>(app, 'dataset:list', {});
    const series = await call<{ close: number[] }>(app, 'dataset:series', { datasetId: datasets[0].id, asset: 'BTC' });
    const ref = referenceHsBacktest(series.close, 0.99, 500);
    const figure = (key: string) => page.locator(`[data-figure="${key}"]`).innerText();
    expect(await figure('observations')).toBe(ref.observations.toLocaleString('en-US'));
    expect((await figure('exceptions')).startsWith(`${ref.exceptions} `)).toBe(true);
    expect(await figure('kupiec')).toContain(`LR ${ref.kupiecLr.toFixed(4)}`);
    expect(await figure('coverage')).toContain(`${((1 - ref.exceptions / ref.observations) * 100).toFixed(2)} %`);
    // One exception marker per exception day is drawn (chart title says so as well).
    expect(await page.locator('[data-backtest-summary] h3').innerText()).toContain('SYNTHETIC');
    expect(await page.locator('[data-diagnostics] [data-diag="vol"]').innerText()).toMatch(/^\d+\.\d{2} %$/);
    expect(await page.locator('[data-worst-move]').count()).toBe(5);
    await screenshotBetween(page, page.locator('header.top'), page.locator('[data-section="analysis"]'), join(RESULTS, 'calibration-backtest.png'));

    // Zooming the returns chart zooms the traffic light too (one ECharts group): its drawing changes.
    const returnsChart = page.locator('[data-chart="backtest-returns"]');
    const trafficChart = page.locator('[data-chart="traffic-light"]');
    await returnsChart.scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    const trafficBefore = await trafficChart.screenshot();
    const returnsBox = (await returnsChart.boundingBox())!;
    await page.mouse.move(returnsBox.x + returnsBox.width / 2, returnsBox.y + returnsBox.height / 2);
    await page.mouse.wheel(0, -600);
    await page.mouse.move(5, 5);
    await expect.poll(async () => Buffer.compare(await trafficChart.screenshot(), trafficBefore), { timeout: 10_000 }).not.toBe(0);

    // A 2 × 2 × 1 × 1 × 1 × 1 sweep on the same asset.
    const sweep = page.locator('[data-section="sweep"]');
    await sweep.locator('input[name="sweep-confidences"]').fill('0.99, 0.975');
    await sweep.locator('input[name="sweep-windowDays"]').fill('250, 500');
    await sweep.locator('input[name="sweep-ewmaLambdas"]').fill('0.94');
    await sweep.locator('input[name="sweep-horizonDays"]').fill('1');
    expect(await sweep.locator('[data-grid-size]').innerText()).toContain('1 × 2 × 2 × 1 × 1 × 1 = 4 parameter sets on BTC');
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    expect(await sectionJobEnd(page, 'sweep')).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page, '[data-chart="frontier"]');
    expect(await sweep.locator('tr[data-set]').count()).toBe(4);

    // The stored run holds the rows the chart was drawn from; rebuild its option to find a point.
    const [run] = app.workbench.store.runs.list({ kind: 'calibration:sweep' });
    const summaries = app.workbench.store.runs.summaries(run.id) as { rows: SweepRow[]; frontier: { frontierIds: string[] } };
    const target = summaries.rows.find((r) => r.confidence === 0.975 && r.windowDays === 250)!;
    const { buildSweepFrontierOption, frontierPointPixel } = await frontierCharts();
    const option = buildSweepFrontierOption({ rows: summaries.rows, frontierIds: summaries.frontier.frontierIds, xKey: 'coverage', selectedId: null, synthetic: true });
    const chart = page.locator('[data-chart="frontier"]');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const px = frontierPointPixel(option, target.id, box.width, box.height);
    await page.mouse.click(box.x + px.x, box.y + px.y);
    await sweep.locator('[data-selected-set]').waitFor();
    expect(await sweep.locator('[data-selected-set] b').innerText()).toBe(target.id);
    expect(await form.getByLabel('Confidence α').inputValue()).toBe('0.975');
    expect(await form.getByLabel('Window W (days)').inputValue()).toBe('250');
    expect(await form.getByLabel('Horizon h (days)').inputValue()).toBe('1');
    expect(await form.locator('select[name="method"]').inputValue()).toBe('hs');
    await waitForCharts(page, '[data-chart="frontier"]');

    await sweep.getByLabel('Model name').fill('E2E sweep HS 97.5 L250');
    await sweep.getByRole('button', { name: 'Save as model configuration' }).click();
    await sweep.locator('[data-saved-model]').waitFor();
    const confirmation = await sweep.locator('[data-saved-model]').innerText();
    expect(confirmation).toContain('“E2E sweep HS 97.5 L250”');
    const { models } = await call<{ models: { id: string; name: string; preset: boolean }[] }>(app, 'model:list', {});
    const saved = models.find((m) => m.name === 'E2E sweep HS 97.5 L250');
    expect(saved?.preset).toBe(false);
    expect(confirmation).toContain(saved!.id);
    await screenshotBetween(page, sweep, sweep, join(RESULTS, 'calibration-sweep.png'));

    // A long sweep on four assets (the form's portfolio), cancelled while it runs: the bar says
    // so, no error is raised and the finished sweep stays on screen.
    await form.locator('input[value="portfolio"]').check();
    for (const a of ['BTC', 'ETH', 'SOL', 'DOGE']) await form.locator(`input[name="weight-${a}"]`).fill('0.25');
    await sweep.locator('input[name="sweep-method-fhs"]').check();
    for (const v of ['buffer25', 'stressed25', 'floor10y', 'all']) await sweep.locator(`input[name="sweep-apc-${v}"]`).check();
    await sweep.locator('input[name="sweep-confidences"]').fill('0.99, 0.975, 0.95, 0.9');
    await sweep.locator('input[name="sweep-windowDays"]').fill('250, 375, 500, 625, 750, 875, 1000, 1250');
    await sweep.locator('input[name="sweep-ewmaLambdas"]').fill('0.94, 0.97');
    await sweep.locator('input[name="sweep-horizonDays"]').fill('1, 2, 5, 10');
    expect(await sweep.locator('[data-grid-size]').innerText()).toContain('2 × 4 × 8 × 2 × 4 × 5 = 2560 combinations → 1920 parameter sets (HS has no λ, parametric no window) on BTC, DOGE, ETH, SOL');
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    await sweep.locator('.job .message', { hasText: /^[1-9]\d* \/ 1920 · / }).waitFor({ timeout: 120_000 });
    await sweep.getByRole('button', { name: 'Cancel' }).click();
    expect(await sectionJobEnd(page, 'sweep')).toEqual({ phase: 'cancelled', alert: '' });
    expect(await sweep.locator('tr[data-set]').count()).toBe(4);

    expect(app.invoked).toEqual(expect.arrayContaining(['calibration:backtest', 'calibration:diagnose', 'calibration:qq', 'calibration:lookback', 'calibration:sweep', 'calibration:saveModel', 'job:cancel']));
    expect(app.problems).toEqual([]);
  });

  it('calibrates BTC and ETH with brackets and haircuts, with intervals, and saves the tiered candidate', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    await page.getByRole('button', { name: 'Create sample workspace' }).click();
    await page.waitForSelector('.job[data-phase="succeeded"]', { timeout: 180_000 });
    await page.getByRole('link', { name: 'Calibration' }).click();
    const cal = page.locator('[data-section="calibrate"]');
    await cal.waitFor();
    await cal.locator('input[name="cal-asset-ETH"]').check();
    await cal.locator('input[name="cal-brackets"]').fill('100000, 1000000, 10000000');
    await cal.locator('input[name="cal-haircut"]').fill('1000000');
    await cal.getByRole('button', { name: 'Run calibration' }).click();
    expect(await sectionJobEnd(page, 'calibrate')).toEqual({ phase: 'succeeded', alert: '' });

    // Every figure shown is the stored run's (the service's) value with its interval.
    const [run] = app.workbench.store.runs.list({ kind: 'calibration:calibrate' });
    const stored = app.workbench.store.runs.summaries(run.id) as unknown as OutputOf<'calibration:calibrate'>;
    for (const s of stored.scanRanges) {
      const cells = await cal.locator(`[data-table="scan"] tr[data-asset="${s.asset}"] td`).allInnerTexts();
      const ci = s.provenance.confidenceInterval!;
      expect(cells.slice(0, 5)).toEqual([
        s.asset, `${(s.estimate * 100).toFixed(2)} %`, s.priceRangeDecimal, s.boundBy ?? '—',
        `${(ci.lower * 100).toFixed(2)} % – ${(ci.upper * 100).toFixed(2)} % (90 %)`,
      ]);
    }
    expect(await cal.locator('[data-table="brackets"] tbody tr').count()).toBe(6);
    expect(await cal.locator('[data-table="haircuts"] tbody tr').count()).toBe(2);
    expect(await cal.locator('[data-candidate]').evaluateAll((els) => els.map((e) => e.getAttribute('data-candidate')))).toEqual(['scenarioGrid:BTC', 'scenarioGrid:ETH', 'tiered']);

    await cal.locator('[data-candidate="tiered"]').getByRole('button', { name: 'Save as model configuration' }).click();
    await cal.locator('[data-candidate="tiered"] [data-saved-model]').waitFor();
    const { models } = await call<{ models: { id: string; name: string; kind: string; preset: boolean }[] }>(app, 'model:list', {});
    const saved = models.find((m) => !m.preset && m.kind === 'tiered');
    expect(saved?.name).toBe('Calibrated brackets (BTC, ETH)');
    expect(await cal.locator('[data-candidate="tiered"] [data-saved-model]').innerText()).toBe(`Saved “Calibrated brackets (BTC, ETH)” (id ${saved!.id})`);
    await screenshotBetween(page, cal, cal, join(RESULTS, 'calibration-calibrate.png'));
    expect(app.problems).toEqual([]);
  });
});
