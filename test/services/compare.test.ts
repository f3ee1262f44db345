// compare:runs / compare:accounts through dispatch (handlers → services) on a real store and pool.
// Margin: the sample book under a tiered and a SPAN preset; every B − A is checked against the
// single-account Dec explain path (an independent computation) and the runs' own account tables.
// Backtests: two HS backtests of the CALA fixture, checked against test/fixtures/compare/reference.py
// (numpy/scipy, written from scratch). Calibrations and sweeps: differences of the stored outputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareRunsOutput, MarginAccountRow, OutputOf } from '../../preload/contract';
import { dispatch } from '../../main/ipc/dispatch';
import { Dec } from '../../main/core/money/decimal';
import { openExportsFolder } from '../../main/services/exportsFolder';
import { openTestWorkbench } from '../helpers/workbench';

const wb = openTestWorkbench();
afterAll(() => wb.close());
const TIERED = 'preset:tiered-binance-btcusdt-mark';
const SPAN = 'preset:scenario-span-16';

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await dispatch(wb.handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
type Summary = OutputOf<'margin:compute'>;
type Page = { total: number; rows: MarginAccountRow[] };
type DiffPage = OutputOf<'compare:accounts'>;

let bookId = '';
let datasetId = '';
let tiered: Summary;
let span: Summary;
let rowsA: MarginAccountRow[];
let rowsB: MarginAccountRow[];

beforeAll(async () => {
  const sample = await call<{ bookId: string; datasetId: string }>('workspace:createSample', {});
  bookId = sample.bookId;
  datasetId = sample.datasetId;
  tiered = await call<Summary>('margin:compute', { bookId, modelId: TIERED, datasetId });
  span = await call<Summary>('margin:compute', { bookId, modelId: SPAN, datasetId });
  const all = (runId: string) => call<Page>('margin:accounts', { runId, limit: 100_000, sortBy: 'accountId', descending: false });
  rowsA = (await all(tiered.runId)).rows;
  rowsB = (await all(span.runId)).rows;
}, 240_000);

describe('compare:runs — margin runs of one book under two models', () => {
  let out: CompareRunsOutput;
  beforeAll(async () => {
    out = await call<CompareRunsOutput>('compare:runs', { runIds: [tiered.runId, span.runId] });
  });

  it('names the runs by model and marks the SYNTHETIC sample', () => {
    expect(out.kind).toBe('margin');
    expect(out.runs.map((r) => r.title)).toEqual([tiered.model.name, span.model.name]);
    expect(out.runs.map((r) => r.synthetic)).toEqual([true, true]);
    expect(out.runs.map((r) => r.resultHash)).toEqual([tiered.resultHash, span.resultHash]);
  });

  it('book totals differ by exactly B − A, and the per-account differences add up to it (to the cent rounding of the totals)', async () => {
    if (out.view.kind !== 'margin') throw new Error('not a margin view');
    const d = out.view.totalsDiff[0];
    expect(d.initialMarginUsd).toBe(new Dec(span.totals.initialMarginUsd).minus(tiered.totals.initialMarginUsd).toFixed(2));
    expect(d.maintenanceMarginUsd).toBe(new Dec(span.totals.maintenanceMarginUsd).minus(tiered.totals.maintenanceMarginUsd).toFixed(2));
    expect(d.liquidatable).toBe(span.totals.liquidatable - tiered.totals.liquidatable);
    expect(out.view.matchedAccounts).toBe(2000);
    const page = await call<DiffPage>('compare:accounts', { runIds: [tiered.runId, span.runId], limit: 10_000 });
    const sumIm = page.rows.reduce((s, r) => s + r.initialMarginDiffUsd, 0);
    const sumMm = page.rows.reduce((s, r) => s + r.maintenanceMarginDiffUsd, 0);
    // Each total is its accounts' sum written to 2 decimals: the two roundings differ by at most 1 cent.
    expect(Math.abs(sumIm - Number(d.initialMarginUsd))).toBeLessThan(0.011);
    expect(Math.abs(sumMm - Number(d.maintenanceMarginUsd))).toBeLessThan(0.011);
  });

  it('the ratio histogram counts every matched account once, each in the bin a plain scan puts it in', () => {
    if (out.view.kind !== 'margin') throw new Error('not a margin view');
    const h = out.view.ratioHistogram;
    [rowsA, rowsB].forEach((rows, k) => {
      const inBins = h.counts[k].reduce((s, c) => s + c, 0);
      expect(inBins + h.atOrAboveOne[k] + h.zero[k] + h.noRatio[k]).toBe(rows.length);
      expect(h.atOrAboveOne[k]).toBe(rows.filter((r) => r.marginRatio !== null && r.marginRatio >= 1).length);
      expect(h.noRatio[k]).toBe(rows.filter((r) => r.marginRatio === null).length);
      // Brute force: edges[j] ≤ ratio < edges[j+1] (the last bin closed), no binary search.
      const scan = h.counts[k].map((_, j) => rows.filter((r) => {
        const x = r.marginRatio;
        if (x === null || x <= 0 || x >= 1) return false;
        return x >= h.edges[j] && (x < h.edges[j + 1] || (j === h.counts[k].length - 1 && x <= h.edges[j + 1]));
      }).length);
      expect(h.counts[k]).toEqual(scan);
    });
    // Log-spaced: every edge is 10^(1/5) times the previous one.
    for (let j = 2; j < h.edges.length - 1; j++) expect(h.edges[j] / h.edges[j - 1]).toBeCloseTo(10 ** 0.2, 10);
    const mm = out.view.maintenanceMarginHistogram;
    expect(mm.counts[1].reduce((s, c) => s + c, 0) + mm.zero[1]).toBe(2000);
    expect(mm.zero[0]).toBe(rowsA.filter((r) => r.maintenanceMarginUsd === 0).length);
  });

  it('the scatter pairs each account\'s two ratios', () => {
    if (out.view.kind !== 'margin') throw new Error('not a margin view');
    const s = out.view.ratioScatter[0];
    const byId = new Map(rowsB.map((r) => [r.accountId, r]));
    const eligible = rowsA.filter((a) => (a.marginRatio ?? 0) > 0 && (byId.get(a.accountId)!.marginRatio ?? 0) > 0);
    expect(s.eligible).toBe(eligible.length);
    expect(s.points).toHaveLength(eligible.length);
    const [x, y, id] = s.points[17];
    expect(x).toBe(rowsA.find((r) => r.accountId === id)!.marginRatio);
    expect(y).toBe(byId.get(id)!.marginRatio);
  });

  it('what changed: the model (id, hash, kind, fields), not the book, the data or the date', () => {
    const row = (group: string, field: string) => out.changes.find((c) => c.group === group && c.field === field);
    expect(row('inputs', 'modelId')).toMatchObject({ values: [TIERED, SPAN], changed: true });
    expect(row('inputs', 'modelHash')?.changed).toBe(true);
    expect(row('inputs', 'bookId')).toMatchObject({ values: [bookId, bookId], changed: false });
    expect(row('inputs', 'bookHash')?.changed).toBe(false);
    expect(row('inputs', 'at')?.changed).toBe(false);
    expect(row('inputs', 'seriesHashes.BTC')?.changed).toBe(false);
    expect(row('parameters', 'model.kind')).toMatchObject({ values: ['tiered', 'scenarioGrid'], changed: true });
    expect(row('data', 'series BTC')?.values[0]).toMatch(/^Sample market \(SYNTHETIC.*\d{4}-\d{2}-\d{2} \.\. \d{4}-\d{2}-\d{2}, \d+ rows/);
    expect(row('run', 'seed')).toMatchObject({ values: [null, null], changed: false });
    // A field only one model has is null for the other.
    const spanOnly = out.changes.find((c) => c.group === 'parameters' && c.values[0] === null && c.values[1] !== null);
    expect(spanOnly?.changed).toBe(true);
  });
});

describe('compare:accounts — B − A per account', () => {
  it('equals the difference of the single-account Dec explains for accounts checked one by one', async () => {
    const page = await call<DiffPage>('compare:accounts', { runIds: [tiered.runId, span.runId], limit: 10_000, sortBy: 'accountId', descending: false });
    expect(page.matched).toBe(2000);
    const ids = [page.rows[0].accountId, page.rows[777].accountId, page.rows[1999].accountId];
    const explain = async (runId: string, accountId: string) => (await call<OutputOf<'margin:explain'>>('margin:explain', { runId, accountId })).summary;
    const a = await Promise.all(ids.map((id) => explain(tiered.runId, id)));
    const b = await Promise.all(ids.map((id) => explain(span.runId, id)));
    ids.forEach((id, k) => {
      const row = page.rows.find((r) => r.accountId === id)!;
      const mm = new Dec(b[k].maintenanceMarginUsd).minus(a[k].maintenanceMarginUsd).toNumber();
      const im = new Dec(b[k].initialMarginUsd).minus(a[k].initialMarginUsd).toNumber();
      expect(Math.abs(row.maintenanceMarginDiffUsd - mm), `${id} ΔMM`).toBeLessThan(1e-6 * Math.max(1, Math.abs(mm)));
      expect(Math.abs(row.initialMarginDiffUsd - im), `${id} ΔIM`).toBeLessThan(1e-6 * Math.max(1, Math.abs(im)));
      expect(row.maintenanceMarginUsdA).toBeCloseTo(Number(a[k].maintenanceMarginUsd), 6);
      // Equity is the model's too (collateral haircuts, which positions it values).
      const eq = new Dec(b[k].equityUsd).minus(a[k].equityUsd).toNumber();
      expect(Math.abs(row.equityDiffUsd - eq), `${id} Δequity`).toBeLessThan(1e-6 * Math.max(1, Math.abs(eq)));
    });
  }, 120_000);

  it('sorts by |ΔMM| descending by default, filters, keeps only changed accounts and pages', async () => {
    const ids: [string, string] = [tiered.runId, span.runId];
    const top = await call<DiffPage>('compare:accounts', { runIds: ids, limit: 25 });
    const abs = top.rows.map((r) => r.absMaintenanceMarginDiffUsd);
    expect([...abs].sort((x, y) => y - x)).toEqual(abs);
    const largest = Math.max(...rowsA.map((r, i) => Math.abs(rowsB[i].maintenanceMarginUsd - r.maintenanceMarginUsd)));
    expect(abs[0]).toBe(largest);
    const changed = rowsA.filter((r, i) => Math.abs(rowsB[i].maintenanceMarginUsd - r.maintenanceMarginUsd) >= 0.005
      || Math.abs(rowsB[i].initialMarginUsd - r.initialMarginUsd) >= 0.005).length;
    expect((await call<DiffPage>('compare:accounts', { runIds: ids, onlyChanged: true, limit: 1 })).total).toBe(changed);
    const filtered = await call<DiffPage>('compare:accounts', { runIds: ids, filter: rowsA[5].accountId, limit: 10 });
    expect(filtered.rows.map((r) => r.accountId)).toContain(rowsA[5].accountId);
    const second = await call<DiffPage>('compare:accounts', { runIds: ids, offset: 25, limit: 25 });
    expect(second.rows[0].absMaintenanceMarginDiffUsd).toBeLessThanOrEqual(abs[24]);
    const asc = await call<DiffPage>('compare:accounts', { runIds: ids, sortBy: 'marginRatioB', descending: false, limit: 10_000 });
    const ratios = asc.rows.map((r) => r.marginRatioB).filter((x): x is number => x !== null);
    expect([...ratios].sort((x, y) => x - y)).toEqual(ratios);
    expect(asc.rows.slice(ratios.length).every((r) => r.marginRatioB === null)).toBe(true); // nulls last
  });

  it('a re-run with the same inputs changes nothing and has the same result hash', async () => {
    const again = await call<Summary>('margin:compute', { bookId, modelId: TIERED, datasetId });
    const out = await call<CompareRunsOutput>('compare:runs', { runIds: [tiered.runId, again.runId] });
    expect(out.changes.filter((c) => c.changed)).toEqual([]);
    expect(out.notes.join(' ')).toContain('re-runs of each other');
    expect(out.runs.map((r) => r.title)).toEqual([1, 2].map((i) => `${tiered.model.name} · ${tiered.bookName} · ${tiered.at} · run ${i}`));
    const page = await call<DiffPage>('compare:accounts', { runIds: [tiered.runId, again.runId], onlyChanged: true });
    expect(page.total).toBe(0);
  });
});

describe('compare:runs — backtests and calibrations', () => {
  let fixtureDataset = '';
  beforeAll(async () => {
    const dir = join(__dirname, '..', 'fixtures', 'calibration', 'prices');
    const files = ['CALA-USD.csv', 'CALB-USD.csv'].map((f) => ({ fileName: f, text: readFileSync(join(dir, f), 'utf8') }));
    fixtureDataset = (await call<{ datasetId: string }>('dataset:import', { datasetName: 'Compare fixtures (SYNTHETIC)', files })).datasetId;
  }, 60_000);

  it('two HS backtests (W 250 vs 500) agree with an independent numpy backtest, day by day and in their overlap', async () => {
    const bt = (windowDays: number) => call<OutputOf<'calibration:backtest'>>('calibration:backtest', {
      prices: fixtureDataset, target: { type: 'asset', asset: 'CALA' }, model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays },
    });
    const a = await bt(250);
    const b = await bt(500);
    const out = await call<CompareRunsOutput>('compare:runs', { runIds: [a.runId, b.runId] });
    if (out.view.kind !== 'backtest') throw new Error('not a backtest view');
    const v = out.view;
    // test/fixtures/compare/reference.py (numpy 2.4.6, scipy chi2.sf)
    expect(v.dates).toHaveLength(749); // unionDays
    expect(v.dates[0]).toBe('2021-09-08');
    expect(v.dates.at(-1)).toBe('2023-09-26');
    const fig = (key: string) => v.figures.find((f) => f.key === key)!;
    expect(fig('observations').values).toEqual([749, 499]);
    expect(fig('exceptions').values).toEqual([9, 5]);
    expect(fig('exceptions').diff).toEqual([-4]);
    expect(fig('kupiecLr').values[0] as number).toBeCloseTo(0.28888106758374477, 9);
    expect(fig('kupiecPValue').values[1] as number).toBeCloseTo(0.9964113819794111, 9);
    expect(fig('averageMargin').diff[0]!).toBeCloseTo(0.09745099566960369 - 0.09504168200802268, 12);
    expect(v.exceptionOverlap).toEqual([{ runId: b.runId, commonDays: 499, both: 5, onlyBase: 2, onlyOther: 0 }]);
    // The W 500 run has no margin before its first test day 2022-05-16: null there, not NaN.
    const first = v.dates.indexOf('2022-05-16');
    expect(first).toBe(250);
    expect(v.series[1].margin[first - 1]).toBeNull();
    const i = v.dates.indexOf('2022-08-24');
    expect(v.series[0].margin[i]!).toBeCloseTo(0.08940636965233303, 12);
    expect(v.series[1].margin[i]!).toBeCloseTo(0.10820823306575841, 12);
    expect(v.series[1].realisedLoss[i]!).toBeCloseTo(0.028413297009244776, 12);
    expect(out.runs.map((r) => r.title)).toEqual(['W 250', 'W 500']); // only the title parts that differ
    const change = out.changes.find((c) => c.field === 'model.windowDays')!;
    expect(change).toMatchObject({ group: 'parameters', values: ['250', '500'], changed: true });
    expect(out.changes.find((c) => c.field === 'seriesHashes.CALA')?.changed).toBe(false);
  }, 120_000);

  it('two calibrations (lookback 250 vs 365): each parameter estimate and its difference', async () => {
    const cal = (lookbackDays: number) => call<OutputOf<'calibration:calibrate'>>('calibration:calibrate', {
      prices: fixtureDataset, assets: ['CALA', 'CALB'], at: '2023-09-20', horizonDays: 2, lookbackDays,
      brackets: { notionalCapsUsd: [50_000, 1_000_000] }, bootstrap: { seed: 11, resamples: 100 },
    });
    const a = await cal(250);
    const b = await cal(365);
    const out = await call<CompareRunsOutput>('compare:runs', { runIds: [a.runId, b.runId] });
    if (out.view.kind !== 'calibrate') throw new Error('not a calibrate view');
    const scan = out.view.parameters.find((p) => p.key === 'CALB|scan range')!;
    const sa = a.scanRanges.find((s) => s.asset === 'CALB')!;
    const sb = b.scanRanges.find((s) => s.asset === 'CALB')!;
    expect(scan.values.map((v) => v?.estimate)).toEqual([sa.estimate, sb.estimate]);
    expect(scan.diffEstimate[0]).toBe(sb.estimate - sa.estimate);
    expect(scan.diffUsed[0]).toBe(Number(sb.priceRangeDecimal) - Number(sa.priceRangeDecimal));
    expect(scan.values[1]?.observations).toBe(365);
    const mmr = out.view.parameters.find((p) => p.key === 'CALA|MMR bracket 2')!;
    expect(mmr.values[0]?.estimate).toBe(a.brackets[0].brackets[1].maintenanceMarginRate);
    expect(mmr.values[0]?.lower).toBe(a.brackets[0].brackets[1].mmrLower);
    expect(out.changes.find((c) => c.field === 'lookbackDays')).toMatchObject({ values: ['250', '365'], changed: true });
    expect(out.runs[0].seed).toBe(11);
  }, 120_000);

  it('two sweeps: the shared parameter set is matched by id and differenced', async () => {
    const sweep = (windowDays: number[]) => call<OutputOf<'calibration:sweep'>>('calibration:sweep', {
      prices: fixtureDataset, assets: ['CALA', 'CALB'],
      axes: { methods: ['hs'], confidences: [0.99], windowDays, ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] },
      from: '2022-06-01',
    });
    const a = await sweep([250]);
    const b = await sweep([250, 365]);
    const out = await call<CompareRunsOutput>('compare:runs', { runIds: [a.runId, b.runId] });
    if (out.view.kind !== 'sweep') throw new Error('not a sweep view');
    const id = a.rows[0].id;
    const all = out.view.sets.find((s) => s.id === id && s.asset === 'all')!;
    expect(all.values.map((v) => v?.coverage)).toEqual([a.rows[0].coverage, b.rows.find((r) => r.id === id)!.coverage]);
    expect(all.diffAverageMargin[0]).toBe(b.rows.find((r) => r.id === id)!.averageMargin - a.rows[0].averageMargin);
    const only = out.view.sets.find((s) => s.asset === 'all' && s.id !== id)!;
    expect(only.values[0]).toBeNull();
    expect(out.view.sets.filter((s) => s.id === id).map((s) => s.asset)).toEqual(['all', 'CALA', 'CALB']);
    expect(out.view.points.map((p) => p.length)).toEqual([1, 2]);
    expect(out.runs[1].title).toContain('W 250,365'); // the grid axis that differs names the run
    expect(out.runs[0].title).toContain('W 250');
    expect(out.notes.join(' ')).toMatch(/in some sweeps only/);
  }, 120_000);

  it('refuses runs of different kinds, one run, unknown ids and compare:accounts on backtests', async () => {
    const runs = await call<OutputOf<'run:list'>>('run:list', { kind: 'calibration:backtest' });
    const mixed = await dispatch(wb.handlers, 'compare:runs', { runIds: [tiered.runId, runs.runs[0].id] });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!mixed.ok && mixed.error.message).toMatch(/one kind/);
    expect(await dispatch(wb.handlers, 'compare:runs', { runIds: [tiered.runId] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'compare:runs', { runIds: [tiered.runId, tiered.runId] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'compare:runs', { runIds: [tiered.runId, 'nope'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bt = await dispatch(wb.handlers, 'compare:accounts', { runIds: [runs.runs[0].id, runs.runs[1].id] });
    expect(bt).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('app:openExportsFolder', () => {
  it('headless: names <data dir>/exports without opening it', async () => {
    expect(await call('app:openExportsFolder', {})).toEqual({ opened: false, path: join(wb.dir, 'exports') });
  });

  it('with an injected opener (the desktop app\'s shell.openPath): opens that folder', async () => {
    const opened: string[] = [];
    const r = await openExportsFolder({ dataDir: wb.dir, openPath: async (dir) => { opened.push(dir); } });
    expect(r).toEqual({ opened: true, path: join(wb.dir, 'exports') });
    expect(opened).toEqual([join(wb.dir, 'exports')]);
  });
});

describe('compare:runs — stress runs under base and stressed correlation', () => {
  type StressOut = OutputOf<'stress:run'>;
  const scenario = {
    schemaVersion: 1, name: 'Crash with correlation breakout',
    shocks: [
      { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -25 },
      { type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.6 }] },
    ],
  };
  let a: StressOut;
  let b: StressOut;
  let out: CompareRunsOutput;
  beforeAll(async () => {
    const run = (applyScenarioShock: boolean) => call<StressOut>('stress:run', {
      bookId, modelId: TIERED, datasetId, scenario, insuranceFundUsd: '250000', cascade: true, maxRounds: 4,
      monteCarlo: { seed: 7, scenarios: 2000, correlation: { applyScenarioShock } },
    });
    a = await run(false);
    b = await run(true);
    out = await call<CompareRunsOutput>('compare:runs', { runIds: [a.runId, b.runId] });
  }, 240_000);

  it('titles say which correlation; what changed is exactly the correlation switch', () => {
    expect(out.kind).toBe('stress');
    expect(out.runs.map((r) => r.title)).toEqual(['base correlation', 'stressed correlation']);
    expect(out.changes.filter((c) => c.changed).map((c) => c.field)).toEqual(['monteCarlo.correlation.applyScenarioShock']);
  });

  it('totals: the book run is the same, the Monte Carlo differs by B − A', () => {
    if (out.view.kind !== 'stress') throw new Error('not a stress view');
    const row = (key: string) => out.view.kind === 'stress' && out.view.totals.find((t) => t.key === key)!;
    expect(row('badDebtUsd')).toMatchObject({ values: [a.totals.badDebtUsd, b.totals.badDebtUsd], diff: [0] });
    expect(row('accountsLiquidated')).toMatchObject({ values: [a.totals.accountsLiquidated, b.totals.accountsLiquidated] });
    const mcA = a.monteCarlo!.book.badDebtUsd.mean;
    const mcB = b.monteCarlo!.book.badDebtUsd.mean;
    expect(row('mcMeanBadDebtUsd')).toMatchObject({ values: [mcA, mcB], diff: [mcB - mcA] });
    expect(row('mcCorrelation')).toMatchObject({ values: ['base', 'stressed (scenario applied)'] });
  });

  it('per-account losses on shared bins match a plain count of every account\'s −PnL; cascade rounds and fund path as stored', async () => {
    if (out.view.kind !== 'stress') throw new Error('not a stress view');
    const v = out.view;
    const lossesOf = async (runId: string) => (await call<OutputOf<'stress:accounts'>>('stress:accounts', { runId, limit: 100_000, sortBy: 'accountId', descending: false }))
      .rows.map((r) => -r.scenarioPnlUsd);
    const losses = await lossesOf(a.runId);
    const h = v.lossHistogram;
    const e = h.edges;
    // The bins span the type-7 1 % and 99 % quantiles of both runs' non-zero losses (numpy.quantile's default rule).
    const pooled = [...losses, ...(await lossesOf(b.runId))].filter((x) => x !== 0).sort((x, y) => x - y);
    const q = (p: number) => {
      const pos = (pooled.length - 1) * p;
      const lo = Math.floor(pos);
      return pooled[lo] + (pos - lo) * ((pooled[lo + 1] ?? pooled[lo]) - pooled[lo]);
    };
    expect(e[0]).toBeCloseTo(q(0.01), 6);
    expect(e.at(-1)!).toBeCloseTo(q(0.99), 6);
    expect(e).toHaveLength(41);
    const last = e.length - 2;
    const scan = e.slice(0, -1).map((lo, j) => losses.filter((x) => x !== 0 && x >= lo && (x < e[j + 1] || (j === last && x <= e[j + 1]))).length);
    expect(h.counts[0]).toEqual(scan);
    expect(h.zero[0]).toBe(losses.filter((x) => x === 0).length);
    expect(h.below[0]).toBe(losses.filter((x) => x !== 0 && x < e[0]).length);
    expect(h.above[0]).toBe(losses.filter((x) => x !== 0 && x > e.at(-1)!).length);
    expect(h.counts[1].reduce((s, c) => s + c, 0) + h.zero[1] + h.below[1] + h.above[1]).toBe(2000);
    const mc = v.monteCarloBadDebt!;
    expect(mc.counts.map((c, k) => c.reduce((s, x) => s + x, 0) + mc.zero[k] + mc.below[k] + mc.above[k])).toEqual([2000, 2000]);
    expect(v.rounds).toEqual(a.rounds.map((r) => r.round));
    expect(v.waterfall[0].badDebtUsd).toEqual(a.rounds.map((r) => r.badDebtUsd));
    expect(v.waterfall[0].fundPaidUsd).toEqual(a.rounds.map((r) => r.fund.paidUsd));
    expect(v.fundPath[0].fundUsd).toEqual([250_000, ...a.rounds.map((r) => r.fund.fundAfterUsd)]);
  });
});

describe('compare:runs — reverse stress under two fund sizes', () => {
  it('curves and breaking points per run, differences B − A, and the fund size as the change', async () => {
    const scenario = { schemaVersion: 1, name: 'Uniform crash', shocks: [{ type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -10 }] };
    const reverse = (insuranceFundUsd: string) => call<OutputOf<'stress:reverse'>>('stress:reverse', {
      bookId, modelId: TIERED, datasetId, scenario, insuranceFundUsd, target: { kind: 'insuranceFund' }, severityMax: 4, gridPoints: 5, tolerance: 0.01,
    });
    const a = await reverse('1000000');
    const b = await reverse('50000000');
    const out = await call<CompareRunsOutput>('compare:runs', { runIds: [a.runId, b.runId] });
    if (out.view.kind !== 'reverseStress') throw new Error('not a reverse stress view');
    expect(out.kind).toBe('reverseStress');
    expect(out.view.curves.map((c) => c.points)).toEqual([a.curve.map((p) => [p.severity, p.badDebtUsd]), b.curve.map((p) => [p.severity, p.badDebtUsd])]);
    const severity = out.view.figures.find((f) => f.key === 'severity')!;
    expect(severity.values).toEqual([a.severity, b.severity]);
    expect(severity.diff).toEqual([a.severity !== null && b.severity !== null ? b.severity - a.severity : null]);
    expect(out.changes.filter((c) => c.changed).map((c) => c.field)).toEqual(['insuranceFundUsd']);
  }, 240_000);
});
