import { describe, expect, it } from 'vitest';
import { backtestPortfolioVar, backtestSummary, backtestVar } from '../../../main/core/calibration/backtest';
import type { VarMethod } from '../../../main/core/calibration/var';
import { REFERENCE_BACKTESTS, REFERENCE_CLOSES, REFERENCE_DATES } from './fixtures/backtestReference';

// Relative tolerance for VaR/ES against numpy: the same formulas in a different summation order.
const REL_TOL = 1e-12;
const series = { asset: 'SYN', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES) };

function expectClose(actual: ArrayLike<number>, expected: number[]) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(REL_TOL * Math.abs(expected[i]));
  }
}

describe('walk-forward backtest vs an independent numpy recomputation', () => {
  // Reference: test/core/calibration/reference/backtest_reference.py (numpy 2.4.6, scipy 1.17.1 norm),
  // a 200-day GARCH/Student-t path generated there and embedded in fixtures/backtestReference.ts.
  it.each(REFERENCE_BACKTESTS.map((c) => [`${c.method} α=${c.confidence} h=${c.horizonDays} W=${c.windowDays}`, c] as const))(
    '%s', (_name, ref) => {
      // windowDays 0 in the reference marks parametric, which has no window.
      const model = {
        method: ref.method as VarMethod, confidence: ref.confidence, horizonDays: ref.horizonDays, windowDays: ref.windowDays || 2, ewmaLambda: ref.ewmaLambda,
      };
      for (const algorithm of ['sliding', 'resort'] as const) {
        const r = backtestVar(series, model, { algorithm });
        expect(r.firstDate).toBe(ref.firstDate);
        expect(r.lastDate).toBe(ref.lastDate);
        expect(r.observations).toBe(ref.observations);
        expect(r.exceptionDates).toEqual(ref.exceptionDates);
        expect(r.exceptions).toBe(ref.exceptionDates.length);
        expectClose(r.series.valueAtRisk, ref.valueAtRisk);
        expectClose(r.series.margin, ref.valueAtRisk);
        expectClose(r.series.expectedShortfall, ref.expectedShortfall);
        expect(r.averageMargin).toBeCloseTo(ref.averageMargin, 13);
        expect(r.procyclicality.peakToTroughRatio).toBeCloseTo(ref.peakToTroughRatio, 11);
        expect(r.procyclicality.largestOneDayIncrease).toBeCloseTo(ref.largestOneDayIncrease, 11);
        expect(r.procyclicality.largestFiveDayIncrease).toBeCloseTo(ref.largestFiveDayIncrease, 11);
        expect(r.coverage).toBeCloseTo(1 - ref.exceptionDates.length / ref.observations, 15);
      }
    });
});

describe('backtest output', () => {
  const model = { method: 'hs' as const, confidence: 0.95, horizonDays: 1, windowDays: 60 };

  it('has the CLI summary shape, with exception losses and excesses consistent with the series', () => {
    const r = backtestVar(series, model);
    const s = backtestSummary(r);
    expect(Object.keys(s)).toEqual(['observations', 'exceptions', 'exceptionDates', 'kupiec', 'christoffersen', 'trafficLight', 'coverage', 'largestExceptionLoss']);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    const idx = r.exceptionDates.map((d) => r.series.dates.indexOf(d));
    idx.forEach((i, k) => {
      expect(r.series.exception[i]).toBe(1);
      expect(r.exceptionLosses[k]).toBe(r.series.realisedLoss[i]);
      expect(r.exceptionExcesses[k]).toBeCloseTo(r.series.realisedLoss[i] - r.series.margin[i], 15);
    });
    expect(r.largestExceptionLoss).toBe(Math.max(...r.exceptionLosses));
    // realised loss over (t, t+1] = −(P_{t+1}/P_t − 1)
    const t = REFERENCE_DATES.indexOf(r.series.dates[0]);
    expect(r.series.realisedLoss[0]).toBeCloseTo(-(REFERENCE_CLOSES[t + 1] / REFERENCE_CLOSES[t] - 1), 15);
    expect(r.trafficLight.observations).toBe(r.observations);
  });

  it('uses ES as the margin when measure = es (historicalVar config)', () => {
    const ref = REFERENCE_BACKTESTS[0];
    const r = backtestVar(series, { ...model, measure: 'es' });
    expectClose(r.series.margin, ref.expectedShortfall);
    for (let i = 0; i < r.observations; i++) expect(r.series.exception[i]).toBe(r.series.realisedLoss[i] > ref.expectedShortfall[i] ? 1 : 0);
  });

  it('restricts test days to [from, to] while earlier data still fills the window', () => {
    const full = backtestVar(series, model);
    const r = backtestVar(series, model, { from: '2022-04-01', to: '2022-05-31' });
    expect(r.firstDate).toBe('2022-04-01');
    expect(r.lastDate).toBe('2022-05-31');
    expect(r.observations).toBe(61);
    const offset = full.series.dates.indexOf('2022-04-01');
    expect(Array.from(r.series.valueAtRisk)).toEqual(Array.from(full.series.valueAtRisk.slice(offset, offset + 61)));
    expect(() => backtestVar(series, model, { from: '2023-01-01' })).toThrow(/no test days/);
  });

  it('rolls the 250-day traffic light over the exception series', () => {
    const n = 400;
    // Deterministic series whose loss jumps every 20th day, so exceptions are known.
    const close = new Float64Array(n);
    close[0] = 100;
    for (let i = 1; i < n; i++) close[i] = close[i - 1] * (i % 20 === 0 ? 0.9 : i % 2 ? 1.01 : 0.995);
    const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    const r = backtestVar({ asset: 'X', dates, close }, { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 30 });
    const rt = r.rollingTrafficLight;
    expect(rt.exceptionCounts.length).toBe(r.observations - 249);
    let manual = 0;
    for (let i = 0; i < 250; i++) manual += r.series.exception[i];
    expect(rt.exceptionCounts[0]).toBe(manual);
    expect(rt.zoneDays.green + rt.zoneDays.yellow + rt.zoneDays.red).toBe(rt.exceptionCounts.length);
    expect([rt.greenMax, rt.yellowMax]).toEqual([4, 9]); // BCBS (1996) Table 2, 250 days at 99%
  });

  it('reports monotone progress ending at (total, total)', () => {
    const calls: [number, number][] = [];
    backtestVar(series, model, { apc: { floorLookbackDays: 100 }, onProgress: (d, t) => calls.push([d, t]) });
    const total = calls[0][1];
    expect(calls.every(([, t]) => t === total)).toBe(true);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    expect(calls.at(-1)).toEqual([total, total]);
  });
});

describe('fixed portfolio', () => {
  it('a one-asset portfolio with weight 1 is the asset itself; weights scale losses linearly', () => {
    const model = { method: 'fhs' as const, confidence: 0.95, horizonDays: 2, windowDays: 50 };
    const single = backtestVar(series, model);
    const pf = backtestPortfolioVar({ dates: REFERENCE_DATES, assets: [{ asset: 'SYN', close: series.close }], weights: [1] }, model);
    expect(pf.exceptionDates).toEqual(single.exceptionDates);
    expectClose(pf.series.valueAtRisk, Array.from(single.series.valueAtRisk));
    // Two copies at 0.5/0.5 are the same position; HS VaR is positively homogeneous in the weight.
    const hs = { ...model, method: 'hs' as const };
    const half = backtestPortfolioVar({ dates: REFERENCE_DATES, assets: [{ asset: 'A', close: series.close }, { asset: 'B', close: series.close }], weights: [0.25, 0.25] }, hs);
    const one = backtestVar(series, hs);
    expectClose(half.series.valueAtRisk, Array.from(one.series.valueAtRisk, (v) => v / 2));
  });

  it('rejects mismatched weights and bad closes with named fields', () => {
    const model = { method: 'hs' as const, confidence: 0.95, horizonDays: 1, windowDays: 50 };
    expect(() => backtestPortfolioVar({ dates: REFERENCE_DATES, assets: [{ asset: 'A', close: series.close }], weights: [1, 2] }, model)).toThrow(/1 assets but 2 weights/);
    const bad = Float64Array.from(series.close);
    bad[7] = -1;
    expect(() => backtestVar({ asset: 'BAD', dates: REFERENCE_DATES, close: bad }, model)).toThrow(/BAD/);
    expect(() => backtestVar(series, { ...model, confidence: 1.5 })).toThrow(/confidence/);
    expect(() => backtestVar(series, { ...model, windowDays: 1 })).toThrow(/windowDays/);
    expect(() => backtestVar({ ...series, dates: [...REFERENCE_DATES].reverse() }, model)).toThrow(/ascending/);
  });
});
