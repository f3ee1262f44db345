import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { APP_VERSION } from '../../main/version';
import {
  launchBrowser, openApp, rendererDir, repoRoot, serveStatic, waitForCharts, waitForJobEnd, type AppSession, type StaticServer,
} from './harness';

const FIXTURES = join(repoRoot, 'test/fixtures/e2e');
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

/** Cell texts of the dataset table row for `asset`. */
async function rowCells(session: AppSession, asset: string): Promise<string[]> {
  return session.page.locator(`tr.series-row[data-asset="${asset}"] td`).allInnerTexts();
}

describe('Data view in Chromium against the real handlers', () => {
  it('imports a CSV through the file input, lists its provenance and gap report, and draws both charts', async () => {
    app = await openApp(browser, server.baseUrl);
    const { page } = app;
    await page.locator('[data-app-version]').waitFor();
    expect(await page.locator('[data-app-version]').innerText()).toContain(APP_VERSION);

    await page.getByLabel('Dataset name').fill('E2E desk prices');
    await page.setInputFiles('input[type="file"]', join(FIXTURES, 'TEST-USD.csv'));
    await page.getByRole('button', { name: /^Import 1 file$/ }).click();
    expect(await waitForJobEnd(page)).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page, '[data-chart]');

    // TEST-USD.csv (test/fixtures/e2e/generate.mjs): 402 calendar days 2023-01-01..2024-02-06 with
    // 2024-01-14 and 2024-01-15 left out → 400 rows and one 2-day gap.
    const cells = await rowCells(app, 'TEST');
    expect(cells.slice(0, 8)).toEqual(['TEST', 'generic', 'TEST-USD.csv', '2023-01-01', '2024-02-06', '400', '2', '0']);
    expect(cells[8]).toMatch(/^[0-9a-f]{12}$/);
    expect(await page.locator('tbody .dataset-row').innerText()).toContain('E2E desk prices');
    expect(await page.locator('.gaps tbody tr td').allInnerTexts()).toEqual(['2024-01-14', '2024-01-15', '2']);
    // 399 consecutive row pairs, one of which spans the gap → 398 one-day log returns.
    expect(await page.locator('[data-stat="count"]').innerText()).toBe('398');
    // numpy 2.4.6 on the same 398 returns (np.log(c[i]/c[i-1]) for rows one day apart):
    // mean 0.0817319%, std(ddof=1) 2.4515354%, ×√365 46.83652%, min −8.775804%, max 11.715752%,
    // np.histogram(r, bins='fd') → 25 bins.
    const stat = (key: string) => page.locator(`[data-stat="${key}"]`).innerText();
    expect(await stat('mean')).toBe('0.082%');
    expect(await stat('sd')).toBe('2.452%');
    expect(await stat('annualised-vol')).toBe('46.8%');
    expect(await stat('min')).toBe('-8.78%');
    expect(await stat('max')).toBe('11.72%');
    expect(await stat('bins')).toBe('25');
    expect(app.invoked).toContain('dataset:import');

    await page.screenshot({ path: join(RESULTS, 'data-view.png'), fullPage: true });
    expect(app.problems).toEqual([]);
  });

  it('shows a malformed CSV import error in the alert region and stores nothing', async () => {
    app = await openApp(browser, server.baseUrl);
    const { page } = app;
    await page.locator('.datasets, .empty').first().waitFor();
    await page.setInputFiles('input[type="file"]', join(FIXTURES, 'BAD-USD.csv'));
    await page.getByRole('button', { name: /^Import 1 file$/ }).click();
    const end = await waitForJobEnd(page);
    expect(end.phase).toBe('failed');
    expect(await page.getByRole('alert').locator('.code').innerText()).toBe('BAD_INPUT');
    // The message names the file (exact wording belongs to the importer and is not asserted here).
    expect(end.alert).toContain('BAD-USD.csv');
    expect(await page.locator('tr.series-row').count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'data-view-error.png') });
  });

  it('creates the sample workspace with progress and labels it SYNTHETIC wherever it appears', async () => {
    app = await openApp(browser, server.baseUrl);
    const { page } = app;
    await page.getByRole('button', { name: 'Create sample workspace' }).click();
    expect(await waitForJobEnd(page)).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page, '[data-chart]');
    expect(await page.locator('tbody .dataset-row').first().innerText()).toContain('SYNTHETIC');
    const rows = page.locator('tr.series-row');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('SYNTHETIC');
    expect(await page.locator('.series-panel h3').innerText()).toContain('SYNTHETIC');
    expect(await page.locator('[data-summary="sample"]').innerText()).toContain('SYNTHETIC');
    await page.screenshot({ path: join(RESULTS, 'data-view-sample.png'), fullPage: true });
    expect(app.problems).toEqual([]);
  });
});
