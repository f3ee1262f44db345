// Shared histogram bins of the Compare view (main/services/compareBins.ts), checked against values
// worked by hand: log10 of each value × 5 bins per decade, floored, gives the bin counted from the
// lowest edge (e.g. log10(0.005) = −2.30103 → ×5 = −11.505 → ⌊⌋ = −12 → bin −12 − (−14) = 2).
import { describe, expect, it } from 'vitest';
import { binIndex, countInBins, extent, linearEdges, logEdges, tailedHistogram } from '../../main/services/compareBins';
import { distinguishingTitles } from '../../main/services/compare';

const TOL = 1e-12;

describe('logEdges', () => {
  it('spans [0.002, 0.2] with edges 10^(k/5), k = ⌊5·log10 0.002⌋ = −14 … ⌈5·log10 0.2⌉ = −3', () => {
    const edges = logEdges(0.002, 0.2, 5);
    expect(edges).toHaveLength(12);
    expect(edges[0]).toBeCloseTo(10 ** -2.8, 15); // 0.0015848931924611134
    expect(edges[4]).toBe(0.01); // 10^(−10/5) exactly
    expect(edges[11]).toBeCloseTo(0.25118864315095796, 15); // 10^(−0.6)
    for (let j = 1; j < edges.length; j++) expect(edges[j] / edges[j - 1]).toBeCloseTo(10 ** 0.2, 12);
  });

  it('counts values by hand: 0.002 and 0.0025 → bin 0, 0.005 → 2, 0.01 (an edge) → 4, 0.03 → 6, 0.2 → 10', () => {
    const edges = logEdges(0.002, 0.2, 5);
    expect(countInBins(edges, [0.002, 0.005, 0.03, 0.2, 0.0025, 0.01])).toEqual([2, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1]);
  });

  it('halves the resolution until the bins fit: 1e−4 … 1e9 needs 65 fifth-decades, so half-decades (26 bins)', () => {
    expect(logEdges(1e-3, 1e9, 5, 60)).toHaveLength(61);
    const edges = logEdges(1e-4, 1e9, 5, 60);
    expect(edges).toHaveLength(27);
    expect(edges[0]).toBeCloseTo(1e-4, 18);
    expect(edges[1]).toBeCloseTo(10 ** -3.5, 15);
    expect(edges[26]).toBeCloseTo(1e9, 3);
  });

  it('one value gives one bin around it; no values give [0.1, 1]; bad ranges throw', () => {
    const one = logEdges(0.05, 0.05, 5);
    expect(one).toHaveLength(2);
    expect(one[0]).toBeLessThanOrEqual(0.05);
    expect(one[1]).toBeGreaterThan(0.05);
    const { min, max } = extent([]);
    expect(logEdges(min, max)).toEqual([0.1, 1]);
    expect(() => logEdges(0, 1)).toThrow(/0 < min/);
    expect(() => logEdges(2, 1)).toThrow(/0 < min/);
  });
});

describe('linearEdges and binIndex', () => {
  it('[−10, 30] in 4 bins: −10 → 0, 0 and 5 → 1, 29.9 and 30 (closed last bin) → 3', () => {
    const edges = linearEdges(-10, 30, 4);
    expect(edges).toEqual([-10, 0, 10, 20, 30]);
    expect(countInBins(edges, [-10, 0, 5, 30, 29.9])).toEqual([1, 2, 0, 2]);
    expect(binIndex(edges, 10)).toBe(2);
    expect(binIndex(edges, 9.999999)).toBe(1);
  });

  it('a zero-width range is widened by 1 % of its size (or ±0.5 at zero)', () => {
    const e = linearEdges(5, 5, 2);
    expect(e[0]).toBeCloseTo(4.95, 12);
    expect(e[2]).toBeCloseTo(5.05, 12);
    expect(linearEdges(0, 0, 1)).toEqual([-0.5, 0.5]);
    expect(Math.abs(linearEdges(-3, 3, 3)[1] - -1)).toBeLessThan(TOL);
  });
});

describe('tailedHistogram', () => {
  it('bins between type-7 quantiles of the pooled non-zero values, zeros and tails apart (worked by hand)', () => {
    // Pooled non-zero values sorted: −5, 1, 2, 2, 3, 100 (n = 6). Type 7 (numpy.quantile default):
    // q(0.25) at position 5·0.25 = 1.25 → 1 + 0.25·(2 − 1) = 1.25; q(0.75) at 3.75 → 2 + 0.75·(3 − 2) = 2.75.
    const h = tailedHistogram([[0, 1, 2, 3, 100], [0, 0, -5, 2]], 2, 0.25);
    expect(h.edges).toEqual([1.25, 2, 2.75]);
    expect(h.counts).toEqual([[0, 1], [0, 1]]);
    expect(h.zero).toEqual([1, 2]);
    expect(h.below).toEqual([1, 1]);
    expect(h.above).toEqual([2, 0]);
  });

  it('falls back to min … max when the quantiles coincide, and to one bin around 0 with no non-zero value', () => {
    // 7,7,7,7,7,9: q(0.25) at 1.25 and q(0.75) at 3.75 are both 7.
    expect(tailedHistogram([[7, 7, 7, 7, 7, 9]], 2, 0.25).edges).toEqual([7, 8, 9]);
    const none = tailedHistogram([[0, 0]], 4);
    expect(none.zero).toEqual([2]);
    expect(none.counts[0].reduce((s, c) => s + c, 0)).toBe(0);
  });
});

describe('tailedHistogram on a log scale', () => {
  it('1, 10, 100, 1000 with no tail cut: edges 10^(k/5) from 1 to 1000, one value per decade', () => {
    const h = tailedHistogram([[0, 1, 10, 100, 1000]], 40, 0, 'log');
    expect(h.edges).toHaveLength(16);
    expect(h.edges[5]).toBeCloseTo(10, 12);
    expect(h.counts[0].map((c, j) => (c ? j : -1)).filter((j) => j >= 0)).toEqual([0, 5, 10, 14]);
    expect([h.zero[0], h.below[0], h.above[0]]).toEqual([1, 0, 0]);
    expect(() => tailedHistogram([[-1, 5]], 4, 0, 'log')).toThrow(/positive/);
  });
});

describe('distinguishingTitles', () => {
  it('keeps the title parts that differ, all parts when none does, and numbers repeats', () => {
    expect(distinguishingTitles([['Binance tiered', 'Sample book', '2025-12-31'], ['Classic SPAN', 'Sample book', '2025-12-31']])).toEqual(['Binance tiered', 'Classic SPAN']);
    expect(distinguishingTitles([['BTC', 'HS', 'W 250', 'h 1'], ['BTC', 'HS', 'W 500', 'h 2']])).toEqual(['W 250 · h 1', 'W 500 · h 2']);
    expect(distinguishingTitles([['x', 'y'], ['x', 'y']])).toEqual(['x · y · run 1', 'x · y · run 2']);
    // A part only one run has: the other is named in full rather than left blank.
    expect(distinguishingTitles([['BTC', 'HS', ''], ['BTC', 'HS', 'APC buffer25']])).toEqual(['BTC · HS', 'APC buffer25']);
  });
});
