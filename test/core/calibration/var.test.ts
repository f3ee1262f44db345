import { describe, expect, it } from 'vitest';
import { assetLossHistory, ewmaVolAtDate } from '../../../main/core/calibration/lossHistory';
import { valueAtRiskAt, valueAtRiskWithIntervalsAt, varPath } from '../../../main/core/calibration/var';
import type { VarMethod } from '../../../main/core/calibration/var';
import { REFERENCE_BACKTESTS, REFERENCE_CLOSES, REFERENCE_DATES } from './fixtures/backtestReference';

const REL_TOL = 1e-12;
const series = { asset: 'SYN', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES) };

describe('valueAtRiskAt', () => {
  // Reference: backtest_reference.py (numpy/scipy): the VaR/ES on the first and last test day.
  it.each(REFERENCE_BACKTESTS.map((c) => [c.method, c.horizonDays, c] as const))('%s h=%s agrees with numpy at both ends of the test', (_m, _h, ref) => {
    const model = { method: ref.method as VarMethod, confidence: ref.confidence, horizonDays: ref.horizonDays, windowDays: ref.windowDays || 2, ewmaLambda: ref.ewmaLambda };
    const history = assetLossHistory(series, ref.horizonDays);
    const first = valueAtRiskAt(history, model, ref.firstDate);
    const last = valueAtRiskAt(history, model, ref.lastDate);
    expect(Math.abs(first.var - ref.valueAtRisk[0])).toBeLessThanOrEqual(REL_TOL * ref.valueAtRisk[0]);
    expect(Math.abs(first.es - ref.expectedShortfall[0])).toBeLessThanOrEqual(REL_TOL * ref.expectedShortfall[0]);
    expect(Math.abs(last.var - ref.valueAtRisk.at(-1)!)).toBeLessThanOrEqual(REL_TOL * ref.valueAtRisk.at(-1)!);
    expect(first.at).toBe(ref.firstDate);
    if (ref.method !== 'parametric') expect(first.observations).toBe(ref.windowDays);
  });

  it('HS at a date is the type-7 quantile of the last W h-day losses (numpy)', () => {
    // numpy 2.4.6 on the embedded closes c: L = -(c[2:]/c[:-2] - 1) (L[i] ends at date i + 2);
    // np.quantile(L[53:98], 0.9) over the 45 two-day losses ending at date index 55..99.
    const history = assetLossHistory(series, 2);
    const r = valueAtRiskAt(history, { method: 'hs', confidence: 0.9, horizonDays: 2, windowDays: 45 }, REFERENCE_DATES[99]);
    expect(Math.abs(r.var - 0.025144489447039176)).toBeLessThanOrEqual(REL_TOL * 0.025144489447039176);
    const path = varPath(history, { method: 'hs', confidence: 0.9, horizonDays: 2, windowDays: 45 });
    expect(path.valueAtRisk[99]).toBe(r.var);
  });

  it('FHS: vol at t enters the scale, vol at e − h the devolatilisation (no look-ahead)', () => {
    const history = assetLossHistory(series, 1);
    const model = { method: 'fhs' as const, confidence: 0.95, horizonDays: 1, windowDays: 60 };
    const at = REFERENCE_DATES[150];
    const base = valueAtRiskAt(history, model, at);
    // Changing prices AFTER date 150 must not change the figure at 150.
    const later = Float64Array.from(series.close);
    for (let i = 151; i < later.length; i++) later[i] *= 1 + 0.2 * Math.sin(i);
    const moved = valueAtRiskAt(assetLossHistory({ ...series, close: later }, 1), model, at);
    expect(moved.var).toBe(base.var);
    const vol = ewmaVolAtDate(history);
    expect(Number.isNaN(vol[29])).toBe(true);
    expect(vol[30]).toBeGreaterThan(0);
  });

  it('refuses dates without a full window, unknown dates and unseeded EWMA', () => {
    const history = assetLossHistory(series, 1);
    expect(() => valueAtRiskAt(history, { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 60 }, REFERENCE_DATES[30])).toThrow(/only 30 of the 60/);
    expect(() => valueAtRiskAt(history, { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 60 }, '1999-01-01')).toThrow(/1999-01-01 is not in the series/);
    expect(() => valueAtRiskAt(history, { method: 'parametric', confidence: 0.99, horizonDays: 1, windowDays: 2 }, REFERENCE_DATES[10])).toThrow(/not yet seeded/);
    expect(() => valueAtRiskAt(history, { method: 'hs', confidence: 0.99, horizonDays: 2, windowDays: 60 }, REFERENCE_DATES[100])).toThrow(/1-day losses/);
  });
});

describe('valueAtRiskWithIntervalsAt', () => {
  it('adds seeded block-bootstrap intervals of VaR and ES to the point estimate', () => {
    const history = assetLossHistory(series, 1);
    const model = { method: 'fhs' as const, confidence: 0.95, horizonDays: 1, windowDays: 100 };
    const at = REFERENCE_DATES[180];
    const r = valueAtRiskWithIntervalsAt(history, model, at, { seed: 9, resamples: 300 });
    const point = valueAtRiskAt(history, model, at);
    expect(r.var).toBe(point.var);
    expect(r.varInterval.estimate).toBeCloseTo(point.var, 14);
    expect(r.esInterval.estimate).toBeCloseTo(point.es, 14);
    expect(r.varInterval.lower).toBeLessThan(r.var);
    expect(r.varInterval.upper).toBeGreaterThan(r.var);
    expect(r.varInterval.blockLength).toBe(5); // round(100^(1/3))
    expect(valueAtRiskWithIntervalsAt(history, model, at, { seed: 9, resamples: 300 })).toEqual(r);
    expect(() => valueAtRiskWithIntervalsAt(history, { ...model, method: 'parametric' }, at, { seed: 1 })).toThrow(/windowed methods/);
  });
});
