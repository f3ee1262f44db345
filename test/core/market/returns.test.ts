import { describe, expect, it } from 'vitest';
import { logReturns, lossesFromReturns, simpleReturns, winsorise } from '../../../main/core/market/returns';

const close = Float64Array.from([100, 110, 99, 120, 60]);

describe('returns', () => {
  it('simple returns P_{i+h}/P_i − 1: element i ends at index i + h (hand-computed)', () => {
    const one = simpleReturns(close);
    [0.1, -0.1, 0.21212121212121213, -0.5].forEach((r, i) => expect(one[i]).toBeCloseTo(r, 15));
    expect(one.length).toBe(4);
    // h = 2 overlapping: (99/100 − 1, 120/110 − 1, 60/99 − 1)
    const two = simpleReturns(close, 2);
    expect(two.length).toBe(3);
    expect(two[0]).toBeCloseTo(-0.01, 15);
    expect(two[1]).toBeCloseTo(0.09090909090909091, 15);
    expect(two[2]).toBeCloseTo(-0.3939393939393939, 15);
  });

  it('log returns ln(P_{i+h}/P_i), and h-day log returns are sums of daily ones', () => {
    const one = logReturns(close);
    expect(one[0]).toBeCloseTo(0.09531017980432493, 15); // numpy 2.4: np.log(1.1)
    expect(one[3]).toBeCloseTo(-0.6931471805599453, 15);
    const three = logReturns(close, 3);
    for (let i = 0; i < three.length; i++) expect(three[i]).toBeCloseTo(one[i] + one[i + 1] + one[i + 2], 14);
  });

  it('keeps precision for tiny moves on large prices', () => {
    const r = logReturns(Float64Array.from([65000, 65000.01]));
    const s = simpleReturns(Float64Array.from([65000, 65000.01]));
    expect(Math.abs(s[0] / (0.010000000002037268 / 65000) - 1)).toBeLessThan(1e-15); // 65000.01 − 65000 in binary64
    // Reference: ln(1 + x) = x − x²/2 + x³/3 − … with x = 0.01/65000; the x³ term is 1e-14 of the
    // value. A difference of two logs (each ≈ 11.08, ulp 1.8e-15) would be off by about 1e-8
    // relative, the log of the rounded ratio by about 1e-9.
    const x = 0.010000000002037268 / 65000;
    expect(Math.abs(r[0] / (x - (x * x) / 2 + (x * x * x) / 3) - 1)).toBeLessThan(1e-12);
  });

  it('loss = −return', () => {
    expect(Array.from(lossesFromReturns(Float64Array.from([0.1, -0.2, 0])))).toEqual([-0.1, 0.2, -0]);
    expect(() => lossesFromReturns(Float64Array.from([0, NaN]))).toThrow(/index 1/);
  });

  it('rejects empty windows, bad horizons and non-positive prices by name', () => {
    expect(() => simpleReturns(Float64Array.from([100]))).toThrow(/1 closes give no 1-day return/);
    expect(() => simpleReturns(close, 5)).toThrow(/need at least 6/);
    expect(() => simpleReturns(close, 0)).toThrow(/horizonDays must be an integer >= 1/);
    expect(() => logReturns(close, 1.5)).toThrow(/horizonDays/);
    expect(() => logReturns(Float64Array.from([100, -1, 3]))).toThrow(/price at index 1 .* got -1/);
    expect(() => simpleReturns(Float64Array.from([100, Infinity]))).toThrow(/index 1/);
  });
});

describe('winsorise', () => {
  const values = Float64Array.from([0.01, -0.9, 0.02, 3.5, -0.05]);

  it('clamps only flagged values, returns a copy and lists every change', () => {
    const w = winsorise(values, [1, 3, 4], -0.5, 0.5);
    expect(Array.from(w.values)).toEqual([0.01, -0.5, 0.02, 0.5, -0.05]);
    expect(w.changes).toEqual([
      { index: 1, from: -0.9, to: -0.5 },
      { index: 3, from: 3.5, to: 0.5 },
    ]);
    expect(values[1]).toBe(-0.9); // input untouched
    // an unflagged extreme value is kept
    expect(winsorise(values, [], -0.5, 0.5).values[3]).toBe(3.5);
  });

  it('rejects bad bounds and out-of-range indices', () => {
    expect(() => winsorise(values, [0], 1, -1)).toThrow(/lower <= upper/);
    expect(() => winsorise(values, [5], -1, 1)).toThrow(/flagged index 5/);
    expect(() => winsorise(values, [1.5], -1, 1)).toThrow(/flagged index 1.5/);
  });
});
