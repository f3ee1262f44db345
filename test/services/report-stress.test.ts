// Stress lab runs in committee reports and audit bundles, on the SYNTHETIC sample workspace (2,000
// accounts): the executive summary and the "Stress results" section show the stress key figures of the
// STORED runs (formatted here by hand, docs/formats.md "Display rules"), in the HTML
// and in the PDF read back with pdftotext; an audit bundle of a margin run, a backtest and a Monte Carlo
// stress run (2,000 scenarios, seed 7) — plus a cascade run on a stored scenario and a saved model, and a
// reverse stress test — re-runs bit-identically in fresh temporary databases (also on a one-thread pool,
// i.e. another split of the Monte Carlo's accounts); tampered bundles are caught.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { Block, Table } from '../../main/core/report';
import { NOT_IN_RUNS } from '../../main/core/report';
import { parseBundle, type AuditBundle } from '../../main/services/audit';
import { rerunBundle } from '../../main/services/audit/rerun';
import { createJobPool } from '../../main/jobs/pool';
import { APP_VERSION } from '../../main/version';
import type { StressReverseOutput, StressRunOutput } from '../../preload/contract';
import { fileDigest } from '../helpers/tmp';
import { WORKER_SHIM, openTestWorkbench } from '../helpers/workbench';
import { hasPoppler, pdfText } from './reportPdf';

const wb = openTestWorkbench();
afterAll(() => wb.close());

const CRASH = { schemaVersion: 1, name: 'Risk assets -25 %, vol +20', shocks: [
  { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -25 },
  { type: 'vol', assets: ['BTC', 'ETH', 'SOL', 'DOGE'], volPoints: 20 },
] };
const MILD = { schemaVersion: 1, name: 'Risk assets -10 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC', 'ETH', 'SOL', 'DOGE'], shockPct: -10 }] };
const TIERED = 'preset:tiered-binance-btcusdt-mark';

const ids = { margin: '', backtest: '', cascade: '', monteCarlo: '', reverse: '' };
let cascade: StressRunOutput;
let monteCarlo: StressRunOutput;
let reverse: StressReverseOutput;
let scenarioId = '';
let savedModelId = '';

async function call<T>(channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const r = await dispatch(wb.handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  const s = await call<{ bookId: string; datasetId: string }>('workspace:createSample', {});
  const base = { bookId: s.bookId, datasetId: s.datasetId, insuranceFundUsd: '5000000' };
  scenarioId = (await call<{ id: string }>('scenario:save', { scenario: CRASH })).id;
  const tiered = await call<{ config: Record<string, unknown> }>('model:get', { id: TIERED });
  savedModelId = (await call<{ id: string }>('model:save', { config: { ...tiered.config, name: 'Desk tiered (copy of the Binance BTCUSDT table)' } })).id;
  ids.margin = (await call<{ runId: string }>('margin:compute', { bookId: s.bookId, modelId: 'preset:scenario-span-16', datasetId: s.datasetId })).runId;
  ids.backtest = (await call<{ runId: string }>('calibration:backtest', {
    prices: s.datasetId, target: { type: 'asset', asset: 'BTC' }, model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 250 },
  })).runId;
  cascade = await call<StressRunOutput>('stress:run', { ...base, modelId: savedModelId, scenarioId, cascade: true, maxRounds: 5 });
  monteCarlo = await call<StressRunOutput>('stress:run', { ...base, modelId: TIERED, scenario: MILD, monteCarlo: { seed: 7, scenarios: 2000, horizonDays: 2, copula: 't', dof: 5 } });
  reverse = await call<StressReverseOutput>('stress:reverse', { ...base, modelId: TIERED, scenarioId, target: { kind: 'insuranceFund' }, gridPoints: 6 });
  Object.assign(ids, { cascade: cascade.runId, monteCarlo: monteCarlo.runId, reverse: reverse.runId });
}, 300_000);

// Hand formatting of stored float figures (docs/formats.md, "Display rules").
const grouped = (text: string): string => text.replace(/^(-?)(\d+)/, (_m, sign: string, int: string) => `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
const usd = (x: number): string => grouped(x.toFixed(2));
const ratio = (x: number): string => x.toFixed(4);
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Σ_k max(0, −ΔPnL_k) from the per-account rows as stress:accounts pages them (account order, not book order). */
async function lossesOfLosingAccounts(runId: string): Promise<number> {
  const rows = await call<{ rows: { scenarioPnlUsd: number }[] }>('stress:accounts', { runId, limit: 100_000, sortBy: 'accountId', descending: false });
  return rows.rows.reduce((sum, r) => sum + Math.max(0, -r.scenarioPnlUsd), 0);
}

const tablesOf = (blocks: readonly Block[]): Map<string, Table> => new Map(blocks.flatMap((b) => (b.kind === 'table' ? [[b.table.id, b.table] as const] : [])));

describe('stress runs in the committee report', () => {
  it('the executive summary lists the stress figures of the stored runs; nothing stress-related reads "not in the selected runs"', async () => {
    const report = wb.services.reports.build({ runIds: [ids.cascade, ids.monteCarlo, ids.reverse] });
    expect(report.sections.map((x) => x.id)).toEqual(['summary', 'methodology', 'parameters', 'stress', 'provenance', 'audit']);
    const kf = tablesOf(report.sections[0].blocks).get('key-figures')!;
    const rowsOf = (label: string) => kf.rows.filter((r) => r[0] === label);
    // Independent of the adapter: the losses of the losing accounts summed from stress:accounts.
    for (const r of [cascade, monteCarlo]) {
      const worst = rowsOf('Worst stress loss').find((x) => x[5] === r.runId)!;
      expect((worst[1] as { value: number }).value).toBeCloseTo(await lossesOfLosingAccounts(r.runId), 2);
      expect(rowsOf('Bad debt').find((x) => x[5] === r.runId)![1]).toEqual({ value: r.totals.badDebtUsd, unit: 'usd' });
      expect(rowsOf('Insurance-fund use').find((x) => x[5] === r.runId)![1]).toEqual({ value: r.totals.insuranceFund.drawdownUsd, unit: 'usd' });
    }
    expect(rowsOf('Reverse-stress breaking point')).toHaveLength(1);
    expect(rowsOf('Reverse-stress breaking point')[0][1]).toEqual(reverse.severity === null ? expect.stringMatching(/^not met/) : { value: reverse.severity, unit: 'ratio' });
    for (const label of ['Worst stress loss', 'Bad debt', 'Insurance-fund use', 'Reverse-stress breaking point']) {
      expect(rowsOf(label).map((r) => r[1])).not.toContain(NOT_IN_RUNS);
    }
    // Margin and backtest figures are not in these runs, and the summary says so.
    expect(rowsOf('Book initial margin')[0][1]).toBe(NOT_IN_RUNS);
    expect(rowsOf('Basel traffic light')[0][1]).toBe(NOT_IN_RUNS);
  }, 60_000);

  it('the stress section: totals, a conserving loss allocation, one row per cascade round, the fund path, top shortfalls, Monte Carlo quantiles, the reverse curve', () => {
    const report = wb.services.reports.build({ runIds: [ids.cascade, ids.monteCarlo, ids.reverse], sections: ['stress'] });
    const blocks = report.sections[0].blocks;
    const tables = tablesOf(blocks);
    const charts = blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    expect(report.sections[0].title).toBe('Stress results and cascade');
    // Two stress runs open with a comparison table.
    expect(tables.get('compare-stress')!.rows.map((r) => r[0])).toEqual([ids.cascade, ids.monteCarlo]);
    // The cascade run: one table row per stored round, and the waterfall's bars satisfy the conservation identity.
    expect(cascade.totals.accountsLiquidated).toBeGreaterThan(0);
    expect(tables.get('stress-rounds')!.rows.map((r) => r[0])).toEqual(cascade.rounds.map((r) => r.round));
    const waterfall = charts.find((c) => c.id === 'stress-loss-waterfall');
    if (waterfall?.kind !== 'bar') throw new Error('no waterfall chart');
    const [bad, penalties, fund, adl, residual] = waterfall.series[0].values;
    expect(bad).toBe(cascade.totals.badDebtUsd);
    expect(Math.abs(bad - (penalties + fund + adl + residual))).toBeLessThan(1e-6 * (1 + bad));
    const path = charts.find((c) => c.id === 'stress-fund-path');
    if (path?.kind !== 'line') throw new Error('no fund path');
    expect(path.series[0].values).toEqual([5_000_000, ...cascade.rounds.map((r) => r.fund.fundAfterUsd)]);
    expect(path.series[0].values.at(-1)).toBe(cascade.totals.insuranceFund.finalUsd);
    // Top shortfalls in the stored order (largest first).
    const top = tables.get('stress-top-accounts')!.rows;
    expect(top.map((r) => r[0])).toEqual(cascade.topAccounts.slice(0, 10).map((a) => a.accountId));
    const shortfalls = top.map((r) => r[5] as number);
    expect([...shortfalls].sort((a, b) => b - a)).toEqual(shortfalls);
    // The Monte Carlo run: mean, one row per quantile level, maximum — the stored distribution.
    const q = tables.get('stress-mc-quantiles')!;
    const mc = monteCarlo.monteCarlo!;
    expect(q.rows.length).toBe(mc.quantileLevels.length + 2);
    expect(q.rows.map((r) => r[1])).toEqual([mc.book.badDebtUsd.mean, ...mc.book.badDebtUsd.quantiles, mc.book.badDebtUsd.max]);
    expect(tables.get('stress-mc-settings')!.rows.find((r) => r[0] === 'Seed')![1]).toBe('7');
    // The reverse stress test: every evaluation, in ascending severity, and a line over the grid.
    const points = tables.get('reverse-curve-points')!.rows;
    expect(points.length).toBe(reverse.curve.length);
    expect(points.map((r) => r[0])).toEqual([...reverse.curve].sort((a, b) => a.severity - b.severity).map((p) => p.severity));
    const curve = charts.find((c) => c.id === 'reverse-curve');
    if (curve?.kind !== 'line') throw new Error('no reverse curve');
    expect(curve.dates.length).toBe(reverse.curve.filter((p) => p.source === 'grid').length);
  });

  it('HTML: the stored figures appear as formatted by hand', async () => {
    const html = (await call<{ html: string }>('report:preview', { runIds: [ids.cascade, ids.monteCarlo, ids.reverse] })).html;
    for (const r of [cascade, monteCarlo]) {
      const t = r.totals;
      for (const x of [t.badDebtUsd, t.insuranceFund.drawdownUsd, t.insuranceFund.finalUsd, t.notionalLiquidatedUsd, t.adl.socialisedLossUsd, t.penaltiesUsd]) {
        expect(html, `${r.runId} ${x}`).toContain(`>${usd(x)}<`);
      }
      expect(html).toContain(`>${usd(await lossesOfLosingAccounts(r.runId))}<`);
      expect(html).toContain(`>${grouped(String(t.accountsLiquidated))}<`);
      expect(html).toContain(escapeHtml(r.scenario.name));
    }
    for (const round of cascade.rounds) expect(html).toContain(`>${usd(round.fund.fundAfterUsd)}<`);
    const mc = monteCarlo.monteCarlo!;
    const i = mc.quantileLevels.indexOf(0.99);
    expect(html).toContain(`>${usd(mc.book.badDebtUsd.quantiles[i])}<`);
    expect(html).toContain(`Stress Monte Carlo: book bad debt, 99.00 % quantile`);
    if (reverse.severity !== null) expect(html).toContain(`>${ratio(reverse.severity)}<`);
    expect(html).toContain('Worst stress loss = Σ_k max(0, −ΔPnL_k)');
    // Charts: waterfall, rounds and fund path for each of the two stress runs, the Monte Carlo histogram, the reverse curve.
    expect(html.match(/<svg /g)?.length).toBe(2 * 3 + 1 + 1);
  }, 60_000);

  it('PDF: the stress key figures read back through pdftotext', async () => {
    expect(hasPoppler(), 'pdftotext/pdftoppm missing: apt-get install -y poppler-utils').toBe(true);
    const r = await call<{ path: string }>('report:export', { runIds: [ids.cascade, ids.monteCarlo, ids.reverse], format: 'pdf', title: 'Stress committee pack' });
    const text = pdfText(r.path);
    expect(text).toContain('Stress committee pack');
    expect(text).toContain('Stress results');
    for (const s of [cascade, monteCarlo]) {
      for (const x of [s.totals.badDebtUsd, s.totals.insuranceFund.drawdownUsd, s.totals.insuranceFund.finalUsd, s.totals.notionalLiquidatedUsd]) expect(text, `${s.runId} ${x}`).toContain(usd(x));
      expect(text).toContain(usd(await lossesOfLosingAccounts(s.runId)));
    }
    // The label wraps in its cell ("point" on the next line); the value stands next to its first line.
    if (reverse.severity !== null) expect(text).toMatch(new RegExp(`Reverse-stress breaking\\s+${ratio(reverse.severity).replace('.', '\\.')}\\s`));
    for (const title of ['Where the bad debt went', 'Insurance-fund path', 'Bad debt against severity']) expect(text).toContain(title);
  }, 120_000);

  it('CSV and XLSX: the stress figures as raw numbers (the exact stored doubles)', async () => {
    const runIds = [ids.cascade, ids.reverse];
    const csv = await call<{ path: string }>('report:export', { runIds, format: 'csv', sections: ['summary', 'stress'] });
    const files = readdirSync(csv.path);
    const kf = Papa.parse<string[]>(readFileSync(join(csv.path, files.find((f) => f.endsWith('-key-figures.csv'))!), 'utf8'), { skipEmptyLines: true }).data;
    expect(Number(kf.find((r) => r[0] === 'Bad debt' && r[5] === ids.cascade)![1])).toBe(cascade.totals.badDebtUsd);
    if (reverse.severity !== null) expect(Number(kf.find((r) => r[0] === 'Reverse-stress breaking point')![1])).toBe(reverse.severity);
    const rounds = Papa.parse<string[]>(readFileSync(join(csv.path, files.find((f) => f.endsWith('-stress-rounds.csv'))!), 'utf8'), { skipEmptyLines: true }).data;
    expect(rounds.slice(1).map((r) => Number(r[9]))).toEqual(cascade.rounds.map((r) => r.fund.deficitUsd));
    const xlsx = await call<{ path: string }>('report:export', { runIds, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx.path) as unknown as ArrayBuffer);
    const totals = book.getWorksheet('stress-totals')!;
    const row = [...Array(totals.rowCount).keys()].map((i) => totals.getRow(i + 1)).find((r) => r.getCell(1).value === 'Bad debt')!;
    expect(row.getCell(2).value).toBe(cascade.totals.badDebtUsd);
    expect(book.getWorksheet('reverse-curve-points')!.rowCount).toBe(reverse.curve.length + 1);
  }, 120_000);
});

const bundleOf = (runIds: string[]): AuditBundle => parseBundle(JSON.stringify(wb.services.audit.bundle(runIds)), 'bundle.json');
const clone = (b: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(b)) as AuditBundle;

describe('stress runs in audit bundles', () => {
  it('a margin run, a backtest and a Monte Carlo stress run (plus a cascade run and a reverse stress test) re-run bit-identically; the user\'s database is untouched', async () => {
    const all = [ids.margin, ids.backtest, ids.monteCarlo, ids.cascade, ids.reverse];
    const bundle = bundleOf(all);
    expect(bundle.runs.map((r) => r.kind)).toEqual(['margin', 'calibration:backtest', 'stress', 'stress', 'reverseStress']);
    expect(bundle.runs[2].seed).toBe(7);
    // The stored scenario and the saved model are bundled as documents with the hashes the runs recorded; the book's series with their volume.
    const recorded = wb.store.runs.get(ids.cascade)!.inputs as { scenarioHash: string; modelHash: string };
    expect(bundle.inputs.documents.map((d) => [d.table, d.id, d.contentHash]).sort()).toEqual([['models', savedModelId, recorded.modelHash], ['scenarios', scenarioId, recorded.scenarioHash]]);
    expect(bundle.inputs.series.map((x) => x.asset).sort()).toEqual(['BTC', 'DOGE', 'ETH', 'SOL', 'USDC', 'USDT']);
    expect(bundle.inputs.series.every((x) => x.bars.every((b) => Number(b[5]) >= 0))).toBe(true);
    const before = fileDigest(wb.dbPath);
    const report = await wb.services.audit.rerun(bundle);
    expect(fileDigest(wb.dbPath)).toBe(before);
    expect(report.runs.map((r) => r.problems)).toEqual(all.map(() => []));
    expect(report.matches).toBe(true);
    for (const r of report.runs) {
      expect(r.actualHash, r.kind).toBe(wb.store.runs.get(r.id)!.resultHash);
      expect(r.matches).toBe(true);
    }
  }, 300_000);

  it('the Monte Carlo run re-runs bit-identically on a one-thread pool (its accounts split into 2 ranges instead of 4)', async () => {
    const pool = createJobPool({ workerFile: WORKER_SHIM, maxThreads: 1 });
    try {
      expect(pool.threads).toBe(1);
      const report = await rerunBundle(bundleOf([ids.monteCarlo]), { pool, appVersion: APP_VERSION, now: () => new Date(), newId: randomUUID, emit: () => undefined });
      expect(report.runs[0]).toMatchObject({ matches: true, problems: [], expectedHash: monteCarlo.resultHash, actualHash: monteCarlo.resultHash });
    } finally {
      await pool.close();
    }
  }, 300_000);

  it('a changed scenario shock or a changed bar gives matches:false, with the reason', async () => {
    // The stored scenario's document: its body no longer hashes to the hash the run recorded, and the shock moves the results.
    const doc = clone(bundleOf([ids.cascade]));
    const scenario = doc.inputs.documents.find((d) => d.table === 'scenarios')!.body as typeof CRASH;
    scenario.shocks[0].shockPct = -24;
    const d = (await wb.services.audit.rerun(doc)).runs[0];
    expect(d.matches).toBe(false);
    expect(d.problems.join(' ')).toMatch(/scenarios document .* does not hash to its recorded hash/);
    expect(d.actualHash).not.toBeNull();
    expect(d.actualHash).not.toBe(d.expectedHash);
    // An inline scenario lives in the run's recorded inputs: changing it breaks the input hash.
    const inline = clone(bundleOf([ids.monteCarlo]));
    (inline.runs[0].inputs as { scenario: typeof MILD }).scenario.shocks[0].shockPct = -11;
    const i = (await wb.services.audit.rerun(inline)).runs[0];
    expect(i.matches).toBe(false);
    expect(i.problems.join(' ')).toMatch(/do not hash to the recorded input hash/);
    expect(i.actualHash).not.toBe(i.expectedHash);
    // One close of the valuation date changes the shocked prices of every run.
    const bar = clone(bundleOf([ids.monteCarlo, ids.reverse]));
    const btc = bar.inputs.series.find((x) => x.asset === 'BTC')!;
    const last = btc.bars[btc.bars.length - 1];
    last[4] = String(Number(last[4]) * 1.01);
    const b = await wb.services.audit.rerun(bar);
    expect(b.matches).toBe(false);
    for (const r of b.runs) {
      expect(r.matches, r.kind).toBe(false);
      expect(r.problems.join(' ')).toMatch(/BTC bars of dataset .* hash to .*not the recorded/);
      expect(r.actualHash).not.toBe(r.expectedHash);
    }
  }, 300_000);

  it('a stored scenario edited after the run still bundles what the run used; a changed saved model cannot be bundled', async () => {
    await call('scenario:save', { id: scenarioId, scenario: { ...CRASH, name: 'Edited later', shocks: [CRASH.shocks[0]] } });
    const bundle = bundleOf([ids.reverse]);
    const doc = bundle.inputs.documents.find((x) => x.table === 'scenarios')!;
    expect(doc.body).toEqual((wb.store.runs.get(ids.reverse)!.inputs as { scenario: unknown }).scenario);
    expect((doc.body as { name: string }).name).toBe(CRASH.name);
    const r = await wb.services.audit.rerun(bundle);
    expect(r.runs[0]).toMatchObject({ matches: true, actualHash: reverse.resultHash });
    const tiered = await call<{ config: Record<string, unknown> }>('model:get', { id: TIERED });
    await call('model:save', { id: savedModelId, config: { ...tiered.config, name: 'Desk tiered, renamed' } });
    expect(() => wb.services.audit.bundle([ids.cascade])).toThrow(new RegExp(`model configuration ${savedModelId} was changed after the run`));
  }, 300_000);
});
