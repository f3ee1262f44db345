import { describe, expect, it } from 'vitest';
import { applyAntiProcyclicality, apcLabel, equalWeightVolAtDate, floorMargin, runningMaximum } from '../../../main/core/calibration/apc';
import { antiProcyclicalityEffects } from '../../../main/core/calibration/apcEffects';
import { backtestVar } from '../../../main/core/calibration/backtest';
import { assetLossHistory } from '../../../main/core/calibration/lossHistory';
import { varPath } from '../../../main/core/calibration/var';
import type { VarMethod } from '../../../main/core/calibration/var';
import { REFERENCE_CLOSES, REFERENCE_DATES } from './fixtures/backtestReference';

const series = { asset: 'SYN', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES) };
const METHODS: VarMethod[] = ['hs', 'fhs', 'parametric'];

describe('anti-procyclicality effects are monotone', () => {
  it.each(METHODS)('%s: buffer raises margin by exactly (1 + b), floor and stressed weight never lower it', (method) => {
    const model = { method, confidence: 0.95, horizonDays: 1, windowDays: 40 };
    const history = assetLossHistory(series, 1);
    const path = varPath(history, model);
    const none = applyAntiProcyclicality(history, model, path, {}).margin;
    const buffer = applyAntiProcyclicality(history, model, path, { bufferFraction: 0.25 }).margin;
    const floor = applyAntiProcyclicality(history, model, path, { floorLookbackDays: 150 }).margin;
    const stressed = applyAntiProcyclicality(history, model, path, { stressedWeight: 0.25 }).margin;
    const all = applyAntiProcyclicality(history, model, path, { bufferFraction: 0.25, stressedWeight: 0.25, floorLookbackDays: 150 }).margin;
    let floorBinds = 0;
    for (let t = 0; t < none.length; t++) {
      if (Number.isNaN(none[t])) {
        expect(Number.isNaN(buffer[t]) && Number.isNaN(floor[t]) && Number.isNaN(all[t])).toBe(true);
        continue;
      }
      expect(buffer[t]).toBeCloseTo(1.25 * none[t], 15);
      expect(floor[t]).toBeGreaterThanOrEqual(none[t]);
      expect(stressed[t]).toBeGreaterThanOrEqual(none[t]);
      expect(all[t]).toBeGreaterThanOrEqual(buffer[t] - 1e-15);
      if (floor[t] > none[t]) floorBinds++;
    }
    expect(floorBinds).toBeGreaterThan(0);
    // Averaged over a backtest, each measure costs more margin than none.
    const cost = (apc: object) => backtestVar(series, model, { apc, from: '2022-05-01' }).averageMargin;
    expect(cost({ bufferFraction: 0.25 })).toBeGreaterThan(cost({}));
    expect(cost({ floorLookbackDays: 150 })).toBeGreaterThanOrEqual(cost({}));
  });

  it('a stressed weight lowers the peak-to-trough ratio of FHS margin', () => {
    const model = { method: 'fhs' as const, confidence: 0.95, horizonDays: 1, windowDays: 40 };
    const plain = backtestVar(series, model);
    const damped = backtestVar(series, model, { apc: { stressedWeight: 0.5 } });
    expect(damped.procyclicality.peakToTroughRatio!).toBeLessThan(plain.procyclicality.peakToTroughRatio!);
  });
});

describe('APC components', () => {
  const history = assetLossHistory(series, 1);

  it('the hs floor is HS over the expanding-then-rolling long window', () => {
    const model = { method: 'hs' as const, confidence: 0.95, horizonDays: 1, windowDays: 40 };
    const f = floorMargin(history, model, 150);
    expect(Number.isNaN(f[39])).toBe(true); // first loss ends at index 1; 40 losses end at index 40
    expect(f[40]).toBe(varPath(history, model).valueAtRisk[40]);
    const long = varPath(history, { ...model, windowDays: 150 }).valueAtRisk;
    expect(f[180]).toBe(long[180]);
  });

  it('parametric floor uses the equally weighted zero-mean vol of the long window', () => {
    const vol = equalWeightVolAtDate(history, 100, 30);
    const r = history.dailyReturn;
    let ss = 0;
    for (let j = 150 - 100; j < 150; j++) ss += r[j] * r[j];
    expect(vol[150]).toBeCloseTo(Math.sqrt(ss / 100), 14);
    // Φ⁻¹(0.99) = 2.3263478740408408 (scipy.stats.norm.ppf(0.99))
    const f = floorMargin(history, { method: 'parametric', confidence: 0.99, horizonDays: 2, windowDays: 2 }, 100);
    expect(f[150]).toBeCloseTo(2.3263478740408408 * Math.SQRT2 * vol[150], 14);
  });

  it('a fixed stressed period applies only once it is over, with weight w', () => {
    const model = { method: 'hs' as const, confidence: 0.9, horizonDays: 1, windowDays: 40 };
    const path = varPath(history, model);
    const apc = applyAntiProcyclicality(history, model, path, { stressedWeight: 0.3, stressedFrom: '2022-04-20', stressedTo: '2022-05-10' });
    const to = REFERENCE_DATES.indexOf('2022-05-10');
    expect(apc.margin[to - 1]).toBe(path.valueAtRisk[to - 1]);
    const s = apc.stressed![to];
    expect(apc.margin[to + 5]).toBeCloseTo(0.3 * s + 0.7 * path.valueAtRisk[to + 5], 15);
    expect(apcLabel({ stressedWeight: 0.3, stressedFrom: '2022-04-20', stressedTo: '2022-05-10' })).toBe('stressed0.3[2022-04-20..2022-05-10]');
  });

  it('running maximum and input checks', () => {
    expect(Array.from(runningMaximum(Float64Array.from([NaN, 1, 3, 2, 5])))).toEqual([NaN, 1, 3, 3, 5]);
    const model = { method: 'hs' as const, confidence: 0.9, horizonDays: 1, windowDays: 40 };
    const path = varPath(history, model);
    expect(() => applyAntiProcyclicality(history, model, path, { bufferFraction: -1 })).toThrow(/bufferFraction/);
    expect(() => applyAntiProcyclicality(history, model, path, { stressedWeight: 0.3, stressedFrom: '2022-04-20' })).toThrow(/together/);
    expect(() => applyAntiProcyclicality(history, model, path, { stressedWeight: 0.3, stressedFrom: '2019-01-01', stressedTo: '2022-01-05' })).toThrow(/2019-01-01 is not in the series/);
  });
});

describe('antiProcyclicalityEffects', () => {
  it('reports each measure with and without on the same test days', () => {
    const history = assetLossHistory(series, 1);
    const model = { method: 'fhs' as const, confidence: 0.95, horizonDays: 1, windowDays: 40 };
    const r = antiProcyclicalityEffects(history, model, { variants: { none: {}, buffer25: { bufferFraction: 0.25 }, floor: { floorLookbackDays: 150 }, stressed: { stressedWeight: 0.25 } } });
    const by = Object.fromEntries(r.effects.map((e) => [e.variant, e]));
    expect(by.none.averageMarginChange).toBe(0);
    expect(by.buffer25.averageMarginChange).toBeCloseTo(0.25, 12);
    expect(by.floor.averageMarginChange).toBeGreaterThan(0);
    expect(by.stressed.averageMarginChange).toBeGreaterThan(0);
    expect(by.buffer25.exceptions).toBeLessThanOrEqual(by.none.exceptions);
    // The buffer scales the path: ratios and relative increases are unchanged.
    expect(by.buffer25.peakToTroughRatio!).toBeCloseTo(by.none.peakToTroughRatio!, 12);
    expect(by.buffer25.largestOneDayIncrease).toBeCloseTo(by.none.largestOneDayIncrease, 12);
    expect(r.effects.every((e) => e.margin.length === r.dates.length)).toBe(true);
    expect(by.floor.label).toBe('floor150');
    expect(() => antiProcyclicalityEffects(history, model, { variants: { a: {} } })).toThrow(/'none' variant/);
  });
});
