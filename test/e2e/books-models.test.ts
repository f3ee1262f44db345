import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

interface Row { accountId: string; marginRatio: number | null; leverage: number | null; equityUsd: number; maintenanceMarginUsd: number }

describe('Books and Models views in Chromium against the real handlers', () => {
  it('computes the sample book under the Binance tiered and SPAN presets, compares them and explains an account', async () => {
    app = await openApp(browser, server.baseUrl, '/books');
    const { page } = app;
    await page.getByRole('button', { name: 'Create the sample book' }).click();
    expect(await waitForNamedJob(page, 'Creating sample workspace')).toEqual({ phase: 'succeeded', alert: '' });
    const { books } = await call<{ books: { id: string; accounts: number }[] }>(app, 'book:list', {});
    expect(books).toHaveLength(1);
    expect(await page.locator('[data-book-info]').innerText()).toContain(`${books[0].accounts.toLocaleString('en-US')} accounts`);
    expect(await page.locator('select[name="model"]').inputValue()).toBe(BINANCE);

    await page.getByRole('button', { name: 'Compute', exact: true }).click();
    expect(await waitForNamedJob(page, 'Binance')).toEqual({ phase: 'succeeded', alert: '' });
    await waitForCharts(page);
    expect(await page.locator('[data-total="accounts"]').innerText()).toBe(books[0].accounts.toLocaleString('en-US'));

    // The first table row is the account with the highest margin ratio, as the workbench itself sorts it.
    const runs = await call<{ runs: { id: string; label: string }[] }>(app, 'run:list', { kind: 'margin' });
    const binanceRunId = (await page.locator('[data-run-id]').getAttribute('data-run-id'))!;
    expect(runs.runs.map((r) => r.id)).toContain(binanceRunId);
    const top = await call<{ total: number; rows: Row[] }>(app, 'margin:accounts', { runId: binanceRunId, limit: 1, sortBy: 'marginRatio', descending: true });
    const firstRow = page.locator('tbody tr[data-account]').first();
    expect(await firstRow.getAttribute('data-account')).toBe(top.rows[0].accountId);
    const ratioCell = (await firstRow.locator('td').nth(4).innerText()).trim();
    expect(ratioCell).toBe(top.rows[0].marginRatio === null ? '—' : `${(top.rows[0].marginRatio * 100).toFixed(2)} %`);

    // Another model: the view computes again (a worker job with progress) and overlays both runs.
    await page.locator('select[name="model"]').selectOption(SPAN);
    expect(await waitForNamedJob(page, 'SPAN')).toEqual({ phase: 'succeeded', alert: '' });
    await page.locator('[data-run-chip]').nth(1).waitFor();
    expect(await page.locator('[data-run-chip]').evaluateAll((els) => els.map((e) => e.getAttribute('data-run-chip')))).toEqual([BINANCE, SPAN]);
    await waitForCharts(page);
    expect(await page.locator('.card h3', { hasText: 'Accounts under' }).innerText()).toContain('SPAN');
    await page.screenshot({ path: join(RESULTS, 'books-view.png'), fullPage: true });

    // The two runs differ: the same book, two models, two maintenance margin totals.
    const spanRunId = (await page.locator('[data-run-id]').getAttribute('data-run-id'))!;
    expect(spanRunId).not.toBe(binanceRunId);

    // Explain the account at the top of the SPAN table.
    const account = (await page.locator('tbody tr[data-account]').first().getAttribute('data-account'))!;
    await page.locator(`tbody tr[data-account="${account}"]`).click();
    const panel = page.locator(`[data-explain="${account}"]`);
    await panel.locator('[data-explain-total="mm"]').waitFor();
    const explained = await call<{ summary: { maintenanceMarginUsd: string }; components: unknown[] }>(app, 'margin:explain', { runId: spanRunId, accountId: account });
    const mmText = (await panel.locator('[data-explain-total="mm"]').innerText()).trim();
    expect(mmText).toBe(`${Number(explained.summary.maintenanceMarginUsd).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`);
    expect(await panel.locator('.components tbody tr').count()).toBe(explained.components.length);
    // A full-page capture clipped to the explain card: an element capture would scroll the card under the sticky header.
    await page.evaluate('window.scrollTo(0, 0)');
    const box = await page.locator('section.card', { has: panel }).boundingBox();
    await page.screenshot({ path: join(RESULTS, 'books-explain.png'), fullPage: true, clip: box! });
    expect(app.problems).toEqual([]);
  });

  it('copies a preset into an editable configuration, shows schema messages, saves it and offers it in Books', async () => {
    app = await openApp(browser, server.baseUrl, '/models');
    const { page } = app;
    const row = page.locator(`[data-model-id="${BINANCE}"]`);
    await row.getByRole('button', { name: 'Copy & edit' }).click();
    const editor = page.locator('[data-editor]');
    await editor.locator('[data-derived-amount]').first().waitFor();
    // Derived cum column of the BTCUSDT table = Binance's published maintenance amounts (leverageBracket).
    expect((await editor.locator('[data-table="0"] [data-derived-amount]').allInnerTexts()).slice(0, 5)).toEqual(['0', '50', '950', '11450', '131450']);
    const mmr = editor.locator('[data-field="tables.0.brackets.2.maintenanceMarginRate"] input');
    await mmr.fill('0.0045');
    expect(await editor.locator('[data-field="tables.0.brackets.2.maintenanceMarginRate"] .issues').innerText()).toBe("must not be lower than the previous bracket's");
    expect(await editor.getByRole('button', { name: 'Save as new configuration' }).isDisabled()).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'models-view.png'), fullPage: true });

    await mmr.fill('0.0065');
    await editor.locator('[data-field="name"] input').fill('Desk tiered (e2e)');
    await editor.getByRole('button', { name: 'Save as new configuration' }).click();
    await page.locator('[data-saved]').waitFor();
    const { models } = await call<{ models: { id: string; name: string; preset: boolean }[] }>(app, 'model:list', {});
    const mine = models.find((m) => m.name === 'Desk tiered (e2e)');
    expect(mine?.preset).toBe(false);
    expect(await page.locator(`[data-model-id="${mine!.id}"]`).count()).toBe(1);

    // The saved configuration is offered next to the presets when computing a book.
    await page.getByRole('link', { name: 'Books' }).click();
    await page.getByRole('button', { name: 'Create the sample book' }).click();
    expect(await waitForNamedJob(page, 'Creating sample workspace')).toEqual({ phase: 'succeeded', alert: '' });
    expect(await page.locator('select[name="model"] optgroup[label="Saved"] option').allInnerTexts()).toEqual(['Desk tiered (e2e) · Tiered brackets']);
    expect(app.problems).toEqual([]);
  });
});
