import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backtestVar } from '../../../main/core/calibration/backtest';
import { dominates, nonDominatedRanks, paretoFront, sweepFrontier } from '../../../main/core/calibration/frontier';
import type { ObjectiveSense } from '../../../main/core/calibration/frontier';
import { assetLossHistory } from '../../../main/core/calibration/lossHistory';
import { modelConfigFromSweepSet } from '../../../main/core/calibration/modelConfigs';
import { lookbackStability } from '../../../main/core/calibration/sampleSize';
import { commonTestPeriod, prepareSweepData, runSweep, runSweepSet, runsTable, sweepGrid } from '../../../main/core/calibration/sweep';
import { valueAtRiskAt } from '../../../main/core/calibration/var';
import { HistoricalVarModelConfig, ParametricVarModelConfig } from '../../../preload/contract/schemas/models';
import { REFERENCE_CLOSES, REFERENCE_DATES } from './fixtures/backtestReference';

const SYN = { asset: 'SYN', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES) };
// A second asset: the same path with every daily move scaled by 1.5 (more volatile).
const VOL = { asset: 'VOL', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES) };
for (let i = 1; i < VOL.close.length; i++) VOL.close[i] = VOL.close[i - 1] * (1 + 1.5 * (REFERENCE_CLOSES[i] / REFERENCE_CLOSES[i - 1] - 1));

describe('sweep grid and runs', () => {
  const axes = { methods: ['hs', 'fhs', 'parametric'] as const, confidences: [0.95], windowDays: [50, 60], ewmaLambdas: [0.94, 0.97], horizonDays: [1], apcVariants: ['none', 'buffer25'] };

  it('is the cartesian product with axes a method ignores collapsed', () => {
    const sets = sweepGrid({ ...axes, methods: [...axes.methods] });
    // hs: 2 L × 2 APC; fhs: 2 L × 2 λ × 2 APC; parametric: 2 λ × 2 APC
    expect(sets.length).toBe(4 + 8 + 4);
    expect(new Set(sets.map((s) => s.id)).size).toBe(16);
    expect(sets[0].id).toBe('hs|a0.95|L50|lam-|h1|none');
    expect(() => sweepGrid({ ...axes, methods: [...axes.methods], apcVariants: ['bogus'] })).toThrow(/unknown APC variant in sweep: bogus/);
    expect(() => sweepGrid({ ...axes, methods: [...axes.methods], confidences: [] })).toThrow(/confidences is empty/);
  });

  it('runs a set per asset on a common test period and aggregates conservatively', () => {
    const sweepAxes = { ...axes, methods: [...axes.methods] };
    const period = commonTestPeriod([SYN, VOL], sweepAxes);
    // fhs: EWMA seed (30) + h (1) + largest L (60) − 1 = date index 90; last: 199 − 1.
    expect(period).toEqual({ from: REFERENCE_DATES[90], to: REFERENCE_DATES[198] });
    const data = prepareSweepData([SYN, VOL], period);
    const sets = sweepGrid(sweepAxes);
    const progress: number[] = [];
    const runs = runSweep(data, sets, (d) => progress.push(d));
    expect(progress).toEqual(sets.map((_, i) => i + 1));
    const fhs = runs.find((r) => r.set.id === 'fhs|a0.95|L60|lam0.97|h1|buffer25')!;
    const single = backtestVar(VOL, { method: 'fhs', confidence: 0.95, horizonDays: 1, windowDays: 60, ewmaLambda: 0.97 }, { apc: { bufferFraction: 0.25 }, ...period });
    expect(fhs.perAsset[1]).toMatchObject({ asset: 'VOL', exceptions: single.exceptions, averageMargin: single.averageMargin, kupiecPValue: single.kupiec.pValue });
    expect(fhs.observations).toBe(2 * 109);
    expect(fhs.kupiecPValue).toBe(Math.min(...fhs.perAsset.map((a) => a.kupiecPValue)));
    expect(fhs.averageMargin).toBeCloseTo((fhs.perAsset[0].averageMargin + fhs.perAsset[1].averageMargin) / 2, 15);
    expect(fhs.firstDate).toBe(period.from);
    const table = runsTable(runs);
    expect(table.length).toBe(16);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
    // Same set, same data → same figures (pure function; safe to fan out across threads).
    expect(runSweepSet(data, sets[5])).toEqual(runs[5]);
  });

  it('a chosen set becomes a historicalVar / parametricVar configuration the contract accepts', () => {
    const sets = sweepGrid({ ...axes, methods: [...axes.methods] });
    const fhs = sets.find((s) => s.method === 'fhs' && s.apcVariant === 'buffer25')!;
    const config = modelConfigFromSweepSet(fhs, 'FHS 95% L50', { bufferFraction: 0.25 }, { source: 'sweep 2022' });
    expect(config).toEqual({
      kind: 'historicalVar', name: 'FHS 95% L50', source: 'sweep 2022', confidence: '0.95', horizonDays: 1, lookbackDays: 50, measure: 'var',
      filteredHistorical: { lambda: '0.94' }, antiProcyclicality: { tool: 'buffer', bufferFraction: '0.25' },
    });
    expect(HistoricalVarModelConfig.safeParse(config).success).toBe(true);
    const floor = modelConfigFromSweepSet({ ...fhs, method: 'hs' }, 'HS floor', { floorLookbackDays: 3650 });
    expect(HistoricalVarModelConfig.safeParse(floor).success).toBe(true);
    const stressed = modelConfigFromSweepSet({ ...fhs, method: 'hs' }, 'HS stressed', { stressedWeight: 0.25 }, { stressedPeriod: { from: '2020-03-01', to: '2020-04-30' } });
    expect(HistoricalVarModelConfig.safeParse(stressed).success).toBe(true);
    const param = modelConfigFromSweepSet(sets.find((s) => s.method === 'parametric')!, 'RiskMetrics', {});
    expect(ParametricVarModelConfig.safeParse(param).success).toBe(true);
    expect(() => modelConfigFromSweepSet(fhs, 'x', { bufferFraction: 0.25, floorLookbackDays: 3650 })).toThrow(/one anti-procyclicality tool/);
    expect(() => modelConfigFromSweepSet({ ...fhs, method: 'hs' }, 'x', { stressedWeight: 0.25 })).toThrow(/stressed period/);
  });
});

describe('Pareto frontier', () => {
  const senses: ObjectiveSense[] = ['max', 'min', 'min'];
  // Hand-made: [p-value, average margin, peak-to-trough]
  const points = [
    [0.5, 0.10, 2.0], // A front
    [0.4, 0.08, 2.0], // B front (cheaper than A)
    [0.3, 0.12, 2.5], // C dominated by A
    [0.5, 0.10, 2.0], // D = A: neither dominates, same rank
    [0.2, 0.07, 3.0], // E front (cheapest)
    [0.1, 0.13, 3.5], // F dominated by C (and A): rank 2
  ];

  it('ranks a hand-made set by non-dominated sorting', () => {
    expect(Array.from(nonDominatedRanks(points, senses))).toEqual([0, 0, 1, 0, 0, 2]);
    expect(paretoFront(points, senses)).toEqual([0, 1, 3, 4]);
    expect(dominates(points[0], points[2], senses)).toBe(true);
    expect(dominates(points[0], points[3], senses)).toBe(false);
  });

  it('rank 0 is exactly the set of points no other point dominates (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 40 }), (pts) => {
      const ranks = nonDominatedRanks(pts, senses);
      pts.forEach((p, i) => {
        const dominated = pts.some((q) => dominates(q, p, senses));
        expect(ranks[i] === 0).toBe(!dominated);
        // Every point of rank r > 0 is dominated by some point of rank r − 1.
        if (ranks[i] > 0) expect(pts.some((q, j) => ranks[j] === ranks[i] - 1 && dominates(q, p, senses))).toBe(true);
      });
    }), { numRuns: 200, seed: 7 });
  });

  it('refuses undefined objectives by run id', () => {
    expect(() => nonDominatedRanks([[1, NaN]], ['max', 'min'])).toThrow(/point 0, objective 1/);
    const data = prepareSweepData([SYN]);
    const run = runSweepSet(data, sweepGrid({ methods: ['hs'], confidences: [0.95], windowDays: [50], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] })[0]);
    const f = sweepFrontier([run, { ...run, set: { ...run.set, id: 'other' }, averageMargin: run.averageMargin * 2 }]);
    expect(f.frontierIds).toEqual([run.set.id]);
    expect(f.ranks).toEqual([0, 1]);
    expect(() => sweepFrontier([{ ...run, peakToTroughRatio: null }])).toThrow(/no finite peakToTroughRatio/);
  });
});

describe('lookback stability', () => {
  it('relative change between successive lookbacks and where it stays under the tolerance', () => {
    const history = assetLossHistory(SYN, 1);
    const lookbacks = [30, 60, 90, 120, 150];
    const r = lookbackStability(history, { method: 'hs', confidence: 0.95, horizonDays: 1 }, REFERENCE_DATES[199], lookbacks, { tolerance: 0.1, bootstrap: { seed: 3, resamples: 100 } });
    const vars = lookbacks.map((w) => valueAtRiskAt(history, { method: 'hs', confidence: 0.95, horizonDays: 1, windowDays: w }, REFERENCE_DATES[199]).var);
    r.points.forEach((p, k) => {
      expect(p.valueAtRisk).toBe(vars[k]);
      expect(p.relativeChange).toBe(k ? Math.abs(vars[k] - vars[k - 1]) / vars[k - 1] : null);
      expect(p.relativeIntervalWidth).toBeGreaterThan(0);
    });
    let j = lookbacks.length - 1;
    while (j > 0 && r.points[j].relativeChange! < 0.1) j--;
    expect(r.stableFrom).toBe(j === lookbacks.length - 1 ? null : lookbacks[j]);
  });

  it('a loss pattern repeating every 10 days is stable from the first multiple of 10', () => {
    const pattern = [0.01, -0.02, 0.03, -0.005, 0.04, -0.01, 0.002, -0.03, 0.015, -0.025];
    const n = 200;
    const close = new Float64Array(n);
    close[0] = 100;
    for (let i = 1; i < n; i++) close[i] = close[i - 1] * (1 + pattern[i % 10]);
    const history = assetLossHistory({ asset: 'P', dates: REFERENCE_DATES, close }, 1);
    const r = lookbackStability(history, { method: 'hs', confidence: 0.9, horizonDays: 1 }, REFERENCE_DATES[199], [15, 20, 40, 80]);
    // 20 losses = the pattern twice; sorted, type 7 at h = 19 × 0.9 = 17.1: 0.025 + 0.1 × (0.03 − 0.025)
    expect(r.points[1].valueAtRisk).toBeCloseTo(0.0255, 14);
    expect(r.points[2].relativeChange).toBeLessThan(1e-12);
    expect(r.points[3].relativeChange).toBeLessThan(1e-12);
    // 15 → 20 moves VaR by 8.9% (> 5%), every later step by ~0: stable from L = 20.
    expect(r.points[1].relativeChange).toBeGreaterThan(0.05);
    expect(r.stableFrom).toBe(20);
    expect(() => lookbackStability(history, { method: 'hs', confidence: 0.9, horizonDays: 1 }, REFERENCE_DATES[199], [40, 20])).toThrow(/must increase/);
  });
});
