import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  insertSorted, removeSorted, replaceSorted, rollingTailStatistics, rollingTailStatisticsResort, tailStatisticSorted,
} from '../../../main/core/calibration/sortedWindow';

const TOL = 1e-15;

// 25 hand-written losses with a tie at 0.0333 (so the median lands on two equal order statistics).
const LOSSES = [0.0123, -0.0456, 0.0789, 0.0012, -0.0234, 0.0567, 0.0891, -0.0111, 0.0345, 0.0678, 0.0901, -0.0789, 0.0234,
  0.0456, 0.0098, 0.1234, -0.0056, 0.0333, 0.0333, 0.0712, 0.0444, -0.0321, 0.0555, 0.0876, 0.0102];

describe('tailStatisticSorted', () => {
  // Reference: numpy 2.4.6, q = np.quantile(x, a) (method='linear' = type 7), es = x[x >= q].mean().
  const cases: [number, number, number, number][] = [
    [0.9, 0.0885, 0.10086666666666666, 3],
    [0.95, 0.0899, 0.10675, 2],
    [0.975, 0.10341999999999996, 0.1234, 1],
    [0.99, 0.11540799999999993, 0.1234, 1],
    [0.5, 0.0333, 0.0651, 14],
  ];
  it.each(cases)('matches numpy quantile and tail mean at α = %s', (alpha, q, es, count) => {
    const sorted = Float64Array.from(LOSSES).sort();
    const r = tailStatisticSorted(sorted, sorted.length, alpha);
    expect(r.valueAtRisk).toBeCloseTo(q, 15);
    expect(r.expectedShortfall).toBeCloseTo(es, 15);
    expect(r.tailCount).toBe(count);
  });

  it('reads only the first n entries of a larger buffer', () => {
    const buf = new Float64Array(30).fill(99);
    buf.set(Float64Array.from(LOSSES).sort());
    expect(tailStatisticSorted(buf, 25, 0.95).valueAtRisk).toBeCloseTo(0.0899, 15);
  });
});

describe('sorted buffer edits', () => {
  it('insert, remove and replace keep the buffer sorted', () => {
    const buf = new Float64Array(6);
    let n = 0;
    for (const x of [3, 1, 2, 2, 5]) n = insertSorted(buf, n, x);
    expect(Array.from(buf.subarray(0, n))).toEqual([1, 2, 2, 3, 5]);
    replaceSorted(buf, n, 2, 4);
    expect(Array.from(buf.subarray(0, n))).toEqual([1, 2, 3, 4, 5]);
    replaceSorted(buf, n, 4, 0);
    expect(Array.from(buf.subarray(0, n))).toEqual([0, 1, 2, 3, 5]);
    replaceSorted(buf, n, 5, 5);
    expect(Array.from(buf.subarray(0, n))).toEqual([0, 1, 2, 3, 5]);
    n = removeSorted(buf, n, 0);
    expect(Array.from(buf.subarray(0, n))).toEqual([1, 2, 3, 5]);
    expect(() => removeSorted(buf, n, 7)).toThrow(/not in the window/);
  });
});

describe('rolling VaR/ES: sliding window equals re-sort', () => {
  it('on random data with ties, any window and confidence (property)', () => {
    const value = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0, 0.01, -0.01));
    fc.assert(fc.property(
      fc.array(value, { minLength: 1, maxLength: 120 }),
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0.01, max: 0.999, noNaN: true }),
      fc.integer({ min: 0, max: 10 }),
      (xs, w, alpha, start) => {
        const values = Float64Array.from(xs);
        const minObservations = Math.max(1, Math.min(w, Math.ceil(w / 2)));
        const opts = { start: Math.min(start, values.length), minObservations };
        const a = rollingTailStatistics(values, w, alpha, opts);
        const b = rollingTailStatisticsResort(values, w, alpha, opts);
        expect(a.valueAtRisk).toEqual(b.valueAtRisk);
        expect(a.expectedShortfall).toEqual(b.expectedShortfall);
        expect(a.observations).toEqual(b.observations);
      },
    ), { numRuns: 300, seed: 42 });
  });

  it('agrees with a direct numpy-style computation per window', () => {
    const values = Float64Array.from(LOSSES);
    const r = rollingTailStatistics(values, 20, 0.95);
    expect(Number.isNaN(r.valueAtRisk[18])).toBe(true);
    expect(r.observations[24]).toBe(20);
    // numpy: w = x[5:25]; np.quantile(w, .95) = 0.09176500000000003; w[w >= q].mean() = 0.1234
    expect(r.valueAtRisk[24]).toBeCloseTo(0.09176500000000003, 15);
    expect(r.expectedShortfall[24]).toBeCloseTo(0.1234, 15);
    expect(Math.abs(r.valueAtRisk[24] - 0.09176500000000003)).toBeLessThan(TOL);
  });

  it('reports progress and rejects non-finite losses and bad windows', () => {
    const calls: [number, number][] = [];
    rollingTailStatistics(new Float64Array(3000).map((_, i) => Math.sin(i)), 100, 0.99, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)).toEqual([3000, 3000]);
    expect(calls.length).toBe(3);
    expect(() => rollingTailStatistics(Float64Array.from([1, NaN, 2]), 2, 0.9)).toThrow(/index 1/);
    expect(() => rollingTailStatistics(Float64Array.from([NaN, 1, 2]), 2, 0.9, { start: 1 })).not.toThrow();
    expect(() => rollingTailStatistics(Float64Array.from([1, 2]), 0, 0.9)).toThrow(/windowSize/);
    expect(() => rollingTailStatistics(Float64Array.from([1, 2]), 2, 1)).toThrow(/confidence/);
  });
});
