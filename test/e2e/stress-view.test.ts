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

/** Waits for the job of one section to end; returns its phase and the alert text. */
async function sectionJobEnd(page: Page, section: string, timeoutMs = 240_000): Promise<{ phase: string; alert: string }> {
  const done = `[data-section="${section}"] .job[data-phase]:not([data-phase="running"]):not([data-phase="queued"])`;
  await page.waitForSelector(done, { timeout: timeoutMs });
  return {
    phase: (await page.locator(`[data-section="${section}"] .job`).getAttribute('data-phase')) ?? '',
    alert: await page.getByRole('alert').innerText(),
  };
}

/** A full-page screenshot cut from the top of `from` to the bottom of `to`. */
async function screenshotBetween(page: Page, from: Locator, to: Locator, path: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const top = Math.max(0, a.y - 8);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: top, width: 1440, height: b.y + b.height + 8 - top } });
}

const usd = (x: number) => `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x)} USD`;

type Series = OutputOf<'dataset:series'>;

function simpleReturns(closes: readonly number[]): number[] {
  return closes.slice(1).map((c, i) => c / closes[i] - 1);
}

/** Pearson correlation with n − 1 divisors (numpy.corrcoef). */
function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** The repair report's "Entries moved" table: pair → shocked and repaired values as shown. */
async function entriesMoved(card: Locator): Promise<Map<string, { before: number; after: number }>> {
  const rows = await card.locator('[data-changed-entries] tbody tr').allInnerTexts();
  return new Map(rows.map((r) => {
    const [pair, before, after] = r.split('\t').map((c) => c.trim());
    return [pair, { before: Number(before), after: Number(after.replace('→', '').trim()) }];
  }));
}
type StressRun = OutputOf<'stress:run'>;

describe('Stress view in Chromium against the real handlers', () => {
  it('replays the COVID-like episode, breaks correlations, runs the sample book with cascade and reverse-stresses it', async () => {
    const session = await openApp(browser, server.baseUrl, '/data');
    app = session;
    const { page } = session;
    const sample = await call<OutputOf<'workspace:createSample'>>(app, 'workspace:createSample', {});
    await page.getByRole('link', { name: 'Stress' }).click();
    const builder = page.locator('[data-section="builder"]');
    await builder.waitFor();
    const setup = page.locator('[data-section="setup"]');
    expect(await setup.locator('select[name="dataset"] option:checked').innerText()).toContain('SYNTHETIC');
    expect(await setup.locator('select[name="book"] option:checked').innerText()).toContain('Sample book');

    // Episode replay: the moves shown are the dataset's own closes around 2020-03-12.
    const episodes = page.locator('[data-section="episodes"]');
    await episodes.locator('select[name="episode"]').selectOption('covid-2020-03-12');
    await episodes.getByRole('button', { name: /^Replay on/ }).click();
    await episodes.locator('[data-moves]').waitFor();
    const btc = await call<Series>(app, 'dataset:series', { datasetId: sample.datasetId, asset: 'BTC' });
    const i12 = btc.dates.indexOf('2020-03-12');
    const btcMovePct = (btc.close[i12] / btc.close[i12 - 1] - 1) * 100;
    expect(await episodes.locator('[data-move="BTC"] td').last().innerText()).toBe(`${btcMovePct.toFixed(2)} %`);
    await episodes.getByRole('button', { name: 'Use as scenario' }).click();
    expect(Number(await builder.locator('input[name="shock-BTC-price"]').inputValue())).toBeCloseTo(btcMovePct, 10);
    await builder.locator('input[name="scenarioName"]').fill('COVID-like replay with correlation breakout');

    // Correlation breakout: BTC/ETH/SOL blend toward one, ETH/DOGE forced negative → indefinite → repaired.
    const corr = page.locator('[data-section="correlation"]');
    await corr.getByRole('button', { name: '+ Blend' }).click();
    await corr.locator('input[name="op-0-weight"]').fill('0.8');
    for (const a of ['BTC', 'ETH', 'SOL']) await corr.locator(`input[name="op-0-asset-${a}"]`).check();
    await corr.getByRole('button', { name: '+ Override' }).click();
    await corr.locator('input[name="op-1-pairs"]').fill('ETH:DOGE=-0.6');
    await corr.getByRole('button', { name: 'Show matrices' }).click();
    await waitForCharts(page, '[data-chart^="corr-"]');
    expect(await page.locator('[data-chart^="corr-"]').count()).toBe(4);
    expect(await corr.locator('[data-figure="repair-needed"]').innerText()).toContain('yes');
    // Shocked entries against an independent Pearson correlation of the dataset's simple daily returns:
    // BTC/ETH blended toward one with w = 0.8 → 0.2ρ + 0.8; ETH/DOGE overridden to −0.6 (w defaults to 1).
    const eth = await call<Series>(app, 'dataset:series', { datasetId: sample.datasetId, asset: 'ETH' });
    expect(eth.dates).toEqual(btc.dates);
    const rho = pearson(simpleReturns(btc.close), simpleReturns(eth.close));
    const moved = await entriesMoved(corr);
    expect(moved.get('BTC / ETH')!.before).toBeCloseTo(0.2 * rho + 0.8, 4);
    expect(moved.get('DOGE / ETH')!.before).toBe(-0.6);
    // The report's Frobenius change is the norm of the moved entries (each counted twice: the matrix is symmetric).
    const frobenius = Math.sqrt(2 * [...moved.values()].reduce((s, e) => s + (e.after - e.before) ** 2, 0));
    expect(Number(await corr.locator('[data-figure="repair-frobenius"]').innerText())).toBeCloseTo(frobenius, 3);

    await builder.getByRole('button', { name: /Save as new scenario/ }).click();
    await builder.locator('[data-notice]').filter({ hasText: 'saved as' }).waitFor();

    await screenshotBetween(page, setup, corr, join(RESULTS, 'stress-builder.png'));

    // Run with cascade (on by default) and a seeded Monte Carlo around the scenario.
    const runCard = page.locator('[data-section="run"]');
    expect(await setup.locator('input[name="cascade"]').isChecked()).toBe(true);
    await runCard.locator('input[name="mcEnabled"]').check();
    await runCard.locator('input[name="mcScenarios"]').fill('2000');
    await runCard.locator('input[name="mcSeed"]').fill('7');
    await runCard.getByRole('button', { name: 'Run stress test' }).click();
    await runCard.getByRole('progressbar').waitFor();
    expect(await sectionJobEnd(page, 'run')).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page, '[data-section="charts"] [data-chart]');
    await waitForCharts(page, '[data-section="monte-carlo"] [data-chart]');
    const runId = (await page.locator('[data-run-id]').innerText()).trim();
    const stored = await call<StressRun>(app, 'stress:get', { runId });
    const t = stored.totals;
    expect(await page.locator('[data-result-hash]').innerText()).toBe(stored.resultHash);
    expect(await page.locator('[data-seed]').innerText()).toBe('7');
    expect(stored.monteCarlo?.seed).toBe(7);
    expect(await page.locator('[data-figure="accountsLiquidated"]').innerText()).toBe(`${t.accountsLiquidated.toLocaleString('en-US')} of ${t.accounts.toLocaleString('en-US')}`);
    expect(await page.locator('[data-figure="badDebt"]').innerText()).toBe(usd(t.badDebtUsd));
    expect(await page.locator('[data-figure="fundDrawdown"]').innerText()).toBe(usd(t.insuranceFund.drawdownUsd));
    expect(await page.locator('[data-figure="socialisedLoss"]').innerText()).toBe(usd(t.adl.socialisedLossUsd));
    expect(await page.locator('[data-conservation]').getAttribute('data-holds')).toBe('true');
    expect(await page.locator('[data-conservation] strong').innerText()).toBe('Conservation holds');
    // Loss identity from the stored parts: Σ bad debt = penalties + fund drawdown + ADL + residual bad debt.
    const l = stored.conservation.losses;
    expect(Math.abs(l.accountLossesUsd - (l.penaltiesUsd + l.fundDrawdownUsd + l.adlUsd + l.residualBadDebtUsd))).toBeLessThanOrEqual(l.toleranceUsd);
    // The cascade's rounds add up to the liquidated notional; the accounts table pages the liquidated ones.
    expect(stored.rounds.reduce((s, r) => s + r.notionalLiquidatedUsd, 0)).toBeCloseTo(t.notionalLiquidatedUsd, 2);
    const accounts = page.locator('[data-section="accounts"]');
    await accounts.locator('input[name="onlyLiquidated"]').check();
    await accounts.locator('[data-rows-shown]').filter({ hasText: `of ${t.accountsLiquidated.toLocaleString('en-US')}` }).waitFor();
    await screenshotBetween(page, page.locator('[data-section="totals"]'), page.locator('[data-section="charts"]'), join(RESULTS, 'stress-results.png'));

    // Reverse stress to the insurance fund.
    const reverse = page.locator('[data-section="reverse"]');
    await reverse.getByRole('button', { name: 'Run reverse stress' }).click();
    expect(await sectionJobEnd(page, 'reverse')).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page, '[data-chart="reverse-curve"]');
    const breaking = await reverse.locator('[data-figure="breaking-severity"]').innerText();
    const m = /not met at ([\d.]+), met at ([\d.]+)/.exec(breaking);
    expect(m, breaking).not.toBeNull();
    // Independently of the search: a run just below the bracket keeps the fund, one just above exhausts it.
    const scenario = (await call<{ scenarios: { id: string }[] }>(app, 'scenario:list', {})).scenarios[0];
    const at = async (severity: number) => (await call<StressRun>(session, 'stress:run', {
      bookId: sample.bookId, modelId: stored.model.id, datasetId: sample.datasetId, scenarioId: scenario.id, insuranceFundUsd: '1000000',
      cascade: true, maxRounds: 5, penaltyRate: '0.01', severity,
    })).totals.insuranceFund.exhausted;
    expect(await at(Number(m![1]) - 0.002)).toBe(false);
    expect(await at(Number(m![2]) + 0.002)).toBe(true);
    await screenshotBetween(page, page.locator('[data-section="monte-carlo"]'), reverse, join(RESULTS, 'stress-reverse.png'));
    expect(app.problems).toEqual([]);
  });
});
