import { describe, expect, it } from 'vitest';
import {
  expectedShortfall,
  expectedShortfallWithVar,
  quantileBySelection,
  quantileOfUnsorted,
  quantilesOfUnsorted,
  quantileType7,
  selectInPlace,
  valueAtRisk,
} from '../../../main/core/numeric/quantile';
import { InputError } from '../../../main/core/errors';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from './close';

const TOL_QUANTILE = 1e-14;

// 23 hand-picked values (unsorted, one duplicate).
const SMALL = Float64Array.from([
  3.2, -1.5, 0.0, 7.25, 2.5, -4.75, 10.0, 1.125, -0.5, 6.0, 3.2, -2.25, 4.5, 0.75, -8.0, 5.5, 2.0, -3.0, 9.75,
  1.5, -6.5, 0.25, 8.125,
]);

// 10,007 values with an exact integer recipe, rebuilt identically in numpy:
// i = np.arange(10007); big = ((i*7919) % 10007)/37.0 - 100.0 + ((i*104729) % 101)/1000.0
function bigSample(): Float64Array {
  const out = new Float64Array(10007);
  for (let i = 0; i < out.length; i++) out[i] = ((i * 7919) % 10007) / 37.0 - 100.0 + ((i * 104729) % 101) / 1000.0;
  return out;
}

describe('type-7 quantile (Hyndman & Fan 1996)', () => {
  // [p, numpy.quantile(SMALL, p)] — numpy 2.4.6, default method='linear' (= H&F type 7)
  const cases: [number, number][] = [
    [0, -8.0],
    [0.01, -7.67],
    [0.05, -6.325],
    [0.1, -4.3999999999999995],
    [0.25, -1.0],
    [0.5, 1.5],
    [0.75, 5.0],
    [0.9, 7.950000000000001],
    [0.95, 9.587499999999999],
    [0.975, 9.8625],
    [0.99, 9.945],
    [1, 10.0],
  ];
  it.each(cases)('p = %d', (p, ref) => {
    expectClose(quantileOfUnsorted(SMALL, p), ref, TOL_QUANTILE, 1e-15);
    expectClose(quantileBySelection(SMALL, p), ref, TOL_QUANTILE, 1e-15);
    const sorted = Float64Array.from(SMALL).sort();
    expectClose(quantileType7(sorted, p), ref, TOL_QUANTILE, 1e-15);
  });

  it('matches numpy on 10,007 values, by sorting and by selection', () => {
    const big = bigSample();
    // numpy.quantile(big, p)
    const refs: [number, number][] = [
      [0.001, -99.67955540540541],
      [0.5, 35.298216216216225],
      [0.95, 156.95620270270265],
      [0.99, 167.79104054054056],
      [0.999, 170.21198783783788],
    ];
    const multi = quantilesOfUnsorted(big, refs.map(([p]) => p));
    refs.forEach(([p, ref], i) => {
      expectClose(quantileOfUnsorted(big, p), ref, TOL_QUANTILE);
      expectClose(quantileBySelection(big, p), ref, TOL_QUANTILE);
      expect(multi[i]).toBe(quantileOfUnsorted(big, p));
    });
  });

  it('selection equals sorting bit for bit on random samples (with ties) and leaves the input alone', () => {
    const rng = createRng(42);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + rng.int(3000);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = trial % 3 === 0 ? rng.int(20) : rng.normal();
      const copy = Float64Array.from(values);
      const p = rng.uniform();
      expect(quantileBySelection(values, p)).toBe(quantileOfUnsorted(values, p));
      expect(values).toEqual(copy);
    }
  });

  it('selectInPlace partitions around the k-th order statistic', () => {
    const rng = createRng(7);
    const a = new Float64Array(5000);
    for (let i = 0; i < a.length; i++) a[i] = rng.normal();
    const sorted = Float64Array.from(a).sort();
    selectInPlace(a, 1234);
    expect(a[1234]).toBe(sorted[1234]);
    for (let i = 0; i < 1234; i++) expect(a[i]).toBeLessThanOrEqual(a[1234]);
    for (let i = 1235; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[1234]);
  });

  it('rejects empty samples, NaN and levels outside [0, 1]', () => {
    expect(() => quantileOfUnsorted([], 0.5)).toThrow(/sample is empty/);
    expect(() => quantileOfUnsorted([1, NaN, 2], 0.5)).toThrow(/index 1 is NaN, not a finite number/);
    expect(() => expectedShortfall([1, 2, Infinity], 0.5)).toThrow(/index 2 is Infinity/);
    expect(() => quantileBySelection([1, 2], 1.01)).toThrow(InputError);
    expect(quantileType7([4], 0.3)).toBe(4);
  });
});

describe('VaR and Expected Shortfall (design.md: ES = mean of losses >= type-7 VaR)', () => {
  it('matches numpy on the 10,007-value sample', () => {
    const big = bigSample();
    // v = numpy.quantile(big, c); es = big[big >= v].mean(); count = (big >= v).sum()
    const refs: [number, number, number, number][] = [
      [0.95, 156.95620270270265, 163.7264122026218, 501],
      [0.975, 163.71129054054055, 167.1076156993647, 251],
      [0.99, 167.79104054054056, 169.13839764516987, 101],
    ];
    for (const [c, v, es, count] of refs) {
      const r = expectedShortfallWithVar(big, c);
      expectClose(r.valueAtRisk, v, TOL_QUANTILE);
      expectClose(valueAtRisk(big, c), v, TOL_QUANTILE);
      expectClose(r.expectedShortfall, es, 1e-13);
      expectClose(expectedShortfall(big, c), es, 1e-13);
      expect(r.tailCount).toBe(count);
    }
  });

  it('hand-worked small case: 23 losses at 90%', () => {
    // type-7 h = 22·0.9 = 19.8 between the sorted 20th (7.25) and 21st (8.125) values:
    // VaR = 7.25 + 0.8·0.875 = 7.95; losses >= 7.95 are 8.125, 9.75, 10 → ES = 27.875/3 = 9.291666…
    const r = expectedShortfallWithVar(SMALL, 0.9);
    expectClose(r.valueAtRisk, 7.95, TOL_QUANTILE);
    expectClose(r.expectedShortfall, 27.875 / 3, TOL_QUANTILE);
    expect(r.tailCount).toBe(3);
  });

  it('ES >= VaR and confidence must lie in (0, 1)', () => {
    const rng = createRng(3);
    const losses = Float64Array.from({ length: 1000 }, () => rng.studentT(3));
    for (const c of [0.5, 0.9, 0.99, 0.999]) {
      const r = expectedShortfallWithVar(losses, c);
      expect(r.expectedShortfall).toBeGreaterThanOrEqual(r.valueAtRisk);
    }
    expect(() => expectedShortfall(losses, 1)).toThrow(/confidence must lie in \(0, 1\)/);
    expect(() => valueAtRisk(losses, 0)).toThrow(InputError);
  });
});
