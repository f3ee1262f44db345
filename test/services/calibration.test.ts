// The calibration service through its IPC channels (dispatch → handlers → services → worker tasks),
// on a real store and pool, with the SYNTHETIC fixtures of test/fixtures/calibration imported as a
// dataset. Numeric references: test/fixtures/calibration/reference.py and the scipy calls quoted below
// (Debian python3: numpy 1.24.2, scipy 1.10.1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../preload/contract';
import { dispatch } from '../../main/ipc/dispatch';
import { contentHash } from '../../main/store/hash';
import { openTestWorkbench } from '../helpers/workbench';
import { CALA, FIXTURES, PRICES_DIR } from '../cli/calibrationCli';

const wb = openTestWorkbench();
const DATASET = 'Calibration fixtures (SYNTHETIC)';
let datasetId = '';

beforeAll(async () => {
  const files = ['CALA-USD.csv', 'CALB-USD.csv'].map((f) => ({ fileName: f, text: readFileSync(join(PRICES_DIR, f), 'utf8') }));
  const r = await dispatch(wb.handlers, 'dataset:import', { datasetName: DATASET, files });
  if (!r.ok) throw new Error(r.error.message);
  datasetId = r.data.datasetId;
}, 60_000);
afterAll(() => wb.close());

const model = { method: 'hs' as const, confidence: 0.99, horizonDays: 1, windowDays: 250 };
const call = async <T>(channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> => {
  const r = await dispatch(wb.handlers, channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
};

describe('recorded runs', () => {
  it('a backtest on the dataset records inputs (dataset id, series content hashes, parameters) and vectors; same input ⇒ same resultHash', async () => {
    const input = { prices: DATASET, target: { type: 'asset', asset: 'CALA' }, model, from: '2022-01-01', to: '2022-09-07' };
    const a = await call<{ runId: string; resultHash: string; exceptions: number; series: { dates: string[]; margin: number[] } }>('calibration:backtest', input);
    const b = await call<{ runId: string; resultHash: string }>('calibration:backtest', { ...input, prices: datasetId });
    expect(a.runId).not.toBe(b.runId);
    expect(b.resultHash).toBe(a.resultHash);
    expect(a.exceptions).toBe(3); // reference.py backtest('hs', 0.99, 1, 250, 2022-01-01 .. 2022-09-07)

    const run = wb.store.runs.get(a.runId)!;
    const stored = wb.store.datasets.get(datasetId)!.series.find((s) => s.asset === 'CALA')!;
    expect(run).toMatchObject({ kind: 'calibration:backtest', status: 'succeeded', resultHash: a.resultHash });
    expect(run.inputs).toMatchObject({ datasetId, seriesHashes: { CALA: stored.contentHash } });
    expect(run.params).toMatchObject({ target: { type: 'asset', asset: 'CALA' }, model: { ...model, lambda: 0.94, measure: 'var' }, apc: 'none' });
    expect(run.inputHash).toBe(wb.store.runs.get(b.runId)!.inputHash);
    expect(wb.store.runs.vectorNames(a.runId)).toEqual(['exception', 'expectedShortfall', 'margin', 'realisedLoss', 'valueAtRisk']);
    const margin = wb.store.runs.vector(a.runId, 'margin')!;
    expect(Array.from(margin)).toEqual(a.series.margin);
    expect(Array.from(wb.store.runs.vector(a.runId, 'exception')!).reduce((s, x) => s + x, 0)).toBe(3);
    expect(wb.store.runs.summaries(a.runId).dates).toEqual(a.series.dates);
  });

  it('a fixed-portfolio backtest reports the dropped days', async () => {
    const r = await call<{ droppedDates: string[]; observations: number; label: string }>('calibration:backtest', {
      prices: DATASET, target: { type: 'portfolio', weights: { CALA: 0.6, CALB: 0.4 } }, model,
    });
    expect(r.droppedDates).toEqual(['2022-03-05', '2022-03-06']);
    expect(r.observations).toBe(747); // reference.py portfolio_hs_250_99_h1
  });

  it('calibrate (implied-vol file text over IPC) is recorded with the seed; re-running gives the same resultHash; a candidate saves as a model', async () => {
    const input = {
      prices: DATASET, assets: ['CALA', 'CALB'], at: '2023-09-20', horizonDays: 2, lookbackDays: 365, volScaledLambda: 0.94,
      impliedVolFiles: { CALA: { fileName: 'CALA-DVOL.csv', text: readFileSync(join(FIXTURES, 'implied', 'CALA-DVOL.csv'), 'utf8') } },
      brackets: { notionalCapsUsd: [50_000, 1_000_000] }, haircuts: { liquidationAmountUsd: 500_000 }, bootstrap: { seed: 11, resamples: 200 },
    };
    const a = await call<{ runId: string; resultHash: string; appVersion: string; candidates: { id: string; config: { kind: string } }[]; volShocks: { source: string }[] }>('calibration:calibrate', input);
    const b = await call<{ resultHash: string }>('calibration:calibrate', input);
    expect(b.resultHash).toBe(a.resultHash);
    expect(a.appVersion).toBe(wb.services.ctx.appVersion);
    expect(a.volShocks.map((v) => v.source)).toEqual(['implied', 'realised']);
    const run = wb.store.runs.get(a.runId)!;
    expect(run.seed).toBe(11);
    expect(run.inputs).toMatchObject({ impliedVol: { CALA: { fileName: 'CALA-DVOL.csv', contentHash: contentHash(input.impliedVolFiles.CALA.text) } } });
    expect(JSON.stringify(run.params)).not.toContain('2021-06-01'); // the file text is hashed, not stored in the parameters
    const c = await call<{ resultHash: string }>('calibration:calibrate', { ...input, bootstrap: { seed: 12, resamples: 200 } });
    expect(c.resultHash).not.toBe(a.resultHash);

    const saved = await call<{ id: string; kind: string; name: string; provenance: { runId: string; parameters: { priceRange: { appVersion: string } } } }>(
      'calibration:saveModel', { runId: a.runId, candidate: 'scenarioGrid:CALA', name: 'CALA grid (calibrated)' });
    expect(saved).toMatchObject({ kind: 'scenarioGrid', name: 'CALA grid (calibrated)', provenance: { runId: a.runId } });
    expect(saved.provenance.parameters.priceRange.appVersion).toBe(wb.services.ctx.appVersion);
    expect(await call('model:get', { id: saved.id })).toMatchObject({ id: saved.id, preset: false });
    const tiered = await call<{ kind: string }>('calibration:saveModel', { runId: a.runId, candidate: 'tiered' });
    expect(tiered.kind).toBe('tiered');
    const missing = await dispatch(wb.handlers, 'calibration:saveModel', { runId: a.runId, candidate: 'scenarioGrid:BTC' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('scenarioGrid:CALA') } });
  });
});

describe('sweeps on the worker pool', () => {
  const axes = { methods: ['hs', 'fhs'], confidences: [0.975, 0.99], windowDays: [250, 400], ewmaLambdas: [0.94], horizonDays: [1, 2], apcVariants: ['none', 'buffer25', 'floor10y'] };

  it('streams one aggregated progress (sets done of the grid) and saves a frontier set as a historicalVar model', async () => {
    const events: EventPayload<'job:progress'>[] = [];
    const off = wb.onEvent((event, payload) => {
      if (event === 'job:progress' && (payload as EventPayload<'job:progress'>).jobId === 'sweep-progress-1') events.push(payload as EventPayload<'job:progress'>);
    });
    const r = await call<{ runId: string; sets: number; parts: number; rows: { id: string; rank: number | null; apcVariant: string }[] }>(
      'calibration:sweep', { prices: DATASET, assets: ['CALA', 'CALB'], axes, jobId: 'sweep-progress-1' });
    off();
    expect(r.sets).toBe(48); // 2 methods × 2 α × 2 L × 1 λ × 2 h × 3 APC
    expect(r.parts).toBe(4); // two parts per thread of the test pool (2 threads)
    const counted = events.filter((e) => e.message.endsWith('parameter sets'));
    expect(counted.length).toBeGreaterThan(1);
    expect(counted.every((e) => e.total === 48)).toBe(true);
    counted.forEach((e, i) => i > 0 && expect(e.done).toBeGreaterThanOrEqual(counted[i - 1].done));
    expect(counted.at(-1)!.done).toBe(48);
    // Re-running gives the same result bit for bit, whatever order the parts finished in.
    const again = await call<{ resultHash: string }>('calibration:sweep', { prices: DATASET, assets: ['CALA', 'CALB'], axes });
    expect(again.resultHash).toBe(wb.store.runs.get(r.runId)!.resultHash);
    const pick = r.rows.find((row) => row.rank === 0 && row.apcVariant !== 'buffer25' && row.apcVariant !== 'none') ?? r.rows.find((row) => row.apcVariant === 'none')!;
    const saved = await call<{ kind: string; config: { lookbackDays?: number }; provenance: { set: { id: string } } }>('calibration:saveModel', { runId: r.runId, candidate: pick.id });
    expect(saved.kind).toBe('historicalVar');
    expect(saved.provenance.set.id).toBe(pick.id);
  });

  it('cancelling the sweep job cancels every part and leaves a cancelled run with no results', async () => {
    const big = { ...axes, confidences: [0.95, 0.975, 0.99, 0.995], windowDays: [250, 300, 350, 400, 450], horizonDays: [1, 2, 3, 5], apcVariants: ['floor10y', 'all'] };
    let finished: EventPayload<'job:finished'> | undefined;
    let cancelled: Promise<unknown> | undefined;
    const off = wb.onEvent((event, payload) => {
      if (event === 'job:progress' && (payload as EventPayload<'job:progress'>).jobId === 'sweep-cancel-1' && !cancelled
        && (payload as EventPayload<'job:progress'>).message.endsWith('parameter sets')) {
        cancelled = dispatch(wb.handlers, 'job:cancel', { jobId: 'sweep-cancel-1' });
      }
      if (event === 'job:finished' && (payload as EventPayload<'job:finished'>).jobId === 'sweep-cancel-1') finished = payload as EventPayload<'job:finished'>;
    });
    const r = await dispatch(wb.handlers, 'calibration:sweep', { prices: DATASET, assets: ['CALA', 'CALB'], axes: big, jobId: 'sweep-cancel-1' });
    off();
    expect(await cancelled).toEqual({ ok: true, data: { cancelled: true } });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(finished).toMatchObject({ status: 'cancelled' });
    const run = wb.store.runs.get(finished!.runId!)!;
    expect(run).toMatchObject({ kind: 'calibration:sweep', status: 'cancelled', resultHash: null });
    expect(wb.store.runs.summaries(run.id)).toEqual({});
    expect(wb.store.runs.vectorNames(run.id)).toEqual([]);
    expect(wb.services.jobs.list().jobs).toEqual([]);
  });
});

describe('chart data and the IPC prices rule', () => {
  it('QQ: empirical order statistics vs normal and fitted Student-t quantiles (scipy)', async () => {
    const r = await call<{ observations: number; normal: { mean: number; stdev: number }; studentT: { mu: number; sigma: number; nu: number; logLikelihood: number };
      points: { p: number[]; empirical: number[]; normal: number[]; studentT: number[] } }>('calibration:qq', { prices: DATASET, asset: 'CALA', maxPoints: 1000 });
    expect(r.observations).toBe(999);
    // numpy: r = c[1:]/c[:-1] − 1; r.mean(), r.std(ddof=1); np.sort(r)[[0, 9, 998]]
    expect(r.normal.mean).toBeCloseTo(-5.122455331683882e-05, 15);
    expect(r.normal.stdev).toBeCloseTo(0.037873361768981824, 15);
    // (market/returns.ts computes P_t/P_{t−1} − 1 in its own order: equal to the last bit or two)
    [-0.30500973599662873, -0.1031307013149767, 0.21690462336424576].forEach((q, k) => expect(r.points.empirical[[0, 9, 998][k]]).toBeCloseTo(q, 15));
    expect(r.points.p[0]).toBe(0.5 / 999);
    // m + sd · scipy.stats.norm.ppf((i + 0.5)/999) for i = 0, 9, 998
    [-0.12466387273457928, -0.08887024117215553, 0.12456142362794467].forEach((q, k) => expect(r.points.normal[[0, 9, 998][k]]).toBeCloseTo(q, 12));
    // scipy.stats.t.fit(r) = (ν 3.0457258242757224, μ 0.00022009809564039567, σ 0.023373186110033264), log-likelihood 1986.2400369304773:
    // both are maximum-likelihood fits by different optimisers, so they agree to optimiser tolerance.
    expect(r.studentT.nu).toBeCloseTo(3.0457258242757224, 3);
    expect(r.studentT.mu).toBeCloseTo(0.00022009809564039567, 6);
    expect(r.studentT.sigma).toBeCloseTo(0.023373186110033264, 6);
    expect(r.studentT.logLikelihood).toBeGreaterThanOrEqual(1986.2400369304773 - 1e-6);
    // scipy.stats.t.ppf((i + 0.5)/999, ν, μ, σ) with scipy's fit, i = 0, 9, 998
    [-0.2942081803819974, -0.10659873546687999, 0.29464837657326953].forEach((q, k) => expect(Math.abs(r.points.studentT[[0, 9, 998][k]] - q)).toBeLessThan(1e-4 * Math.abs(q)));
    const thin = await call<{ points: { p: number[] } }>('calibration:qq', { prices: DATASET, asset: 'CALA', maxPoints: 100 });
    expect(thin.points.p).toHaveLength(100);
    expect(thin.points.p.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 0.5) / 999)); // the 1 % tail is kept whole
  });

  it('lookback stability: the 250-day point is the VaR of calibration:var (numpy reference)', async () => {
    const r = await call<{ points: { windowDays: number; valueAtRisk: number; relativeChange: number | null }[]; stableFrom: number | null }>('calibration:lookback', {
      prices: DATASET, asset: 'CALA', method: 'hs', confidence: 0.99, lookbacks: [250, 300, 400, 500],
    });
    expect(r.points.map((p) => p.windowDays)).toEqual([250, 300, 400, 500]);
    expect(r.points[0].valueAtRisk).toBeCloseTo(0.08936629365269036, 14); // reference.py hs_250_99_h1
    const v = await call<{ var: number }>('calibration:var', { prices: DATASET, asset: 'CALA', model: { ...model, windowDays: 400 } });
    expect(r.points[2].valueAtRisk).toBe(v.var);
    expect(r.points[1].relativeChange).toBeCloseTo(Math.abs(r.points[1].valueAtRisk - r.points[0].valueAtRisk) / r.points[0].valueAtRisk, 15);
  });

  it('calibration:var with a block bootstrap (worker task): the seed fixes the interval, which brackets the estimate', async () => {
    const input = { prices: DATASET, asset: 'CALA', model, bootstrap: { seed: 3, resamples: 400 } };
    type Out = { var: number; es: number; varInterval: { lower: number; upper: number; estimate: number; seed: number; resamples: number }; esInterval: { lower: number; upper: number } };
    const a = await call<Out>('calibration:var', input);
    expect(a.var).toBeCloseTo(0.08936629365269036, 14); // reference.py hs_250_99_h1: the point estimate does not change
    expect(a.varInterval).toMatchObject({ estimate: a.var, seed: 3, resamples: 400 });
    expect(a.varInterval.lower).toBeLessThanOrEqual(a.var);
    expect(a.varInterval.upper).toBeGreaterThanOrEqual(a.var);
    expect(await call<Out>('calibration:var', input)).toEqual(a);
    const other = await call<Out>('calibration:var', { ...input, bootstrap: { seed: 4, resamples: 400 } });
    expect(other.varInterval).not.toEqual(a.varInterval);
    const parametric = await dispatch(wb.handlers, 'calibration:var', { ...input, model: { ...model, method: 'parametric' } });
    expect(parametric).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('bootstrap intervals are for the windowed methods') } });
  });

  it('diagnose over IPC runs in a worker and matches statsmodels adfuller', async () => {
    const r = await call<{ adfLogPrice: { statistic: number; lags: number } }>('calibration:diagnose', { prices: DATASET, asset: 'CALA' });
    expect(r.adfLogPrice.lags).toBe(3);
    expect(r.adfLogPrice.statistic).toBeCloseTo(-0.8263258671723585, 9); // reference.py adfLogPrice_aic
  });

  it('IPC prices name a stored dataset: a file path is refused, and so is an implied-vol path', async () => {
    const path = await dispatch(wb.handlers, 'calibration:var', { prices: CALA, asset: 'CALA', model });
    expect(path).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no stored dataset') } });
    const implied = await dispatch(wb.handlers, 'calibration:calibrate', { prices: DATASET, assets: ['CALA'], impliedVol: { CALA: '/etc/passwd' } });
    expect(implied).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('impliedVol') } });
    const asset = await dispatch(wb.handlers, 'calibration:backtest', { prices: DATASET, target: { type: 'asset', asset: 'BTC' }, model });
    expect(asset).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('has no series for BTC (it has CALA, CALB)') } });
    const run = await dispatch(wb.handlers, 'calibration:saveModel', { runId: 'no-such-run', candidate: 'tiered' });
    expect(run).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
