/**
 * Shared bins for the Compare view's side-by-side histograms: every run is counted on the SAME edges,
 * so the charts share their x axis and a bin means the same range in each (docs/user-guide, Compare).
 *
 * Margin figures of different models differ by orders of magnitude (a tiered 0.4 % maintenance rate
 * against a 15 % scan range), so per-account margins and margin ratios use log-spaced edges at
 * powers of 10^(1/perDecade); signed, heavy-tailed figures (stress losses) use equal-width edges
 * between tail quantiles.
 */
import { quantileOfUnsorted } from '../core/numeric/quantile';

/** The largest index j with edges[j] ≤ x, clamped to the last bin (closed on the right, as numpy.histogram). */
export function binIndex(edges: readonly number[], x: number): number {
  const bins = edges.length - 1;
  if (x <= edges[0]) return 0;
  if (x >= edges[bins]) return bins - 1;
  let lo = 0;
  let hi = bins;
  // Invariant: edges[lo] ≤ x < edges[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** counts[j] = values in bin j of `edges`. */
export function countInBins(edges: readonly number[], values: Iterable<number>): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const x of values) counts[binIndex(edges, x)]++;
  return counts;
}

/**
 * Log-spaced edges 10^(k/perDecade) for integers k from ⌊perDecade·log10(min)⌋ to ⌈perDecade·log10(max)⌉
 * (one bin when min = max), over positive values. Edges are round numbers (…, 0.01, 0.0158, 0.0251, …)
 * that do not move when a run is added. With more than `maxBins` bins the resolution halves
 * until it fits. No values: one bin [0.1, 1].
 */
export function logEdges(min: number, max: number, perDecade = 5, maxBins = 60): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) {
    if (min === Infinity && max === -Infinity) return [0.1, 1];
    throw new Error(`logEdges needs 0 < min ≤ max, got ${min} and ${max}`);
  }
  let pd = perDecade;
  for (;;) {
    const lo = Math.floor(pd * Math.log10(min));
    let hi = Math.ceil(pd * Math.log10(max));
    if (hi === lo) hi = lo + 1;
    if (hi - lo <= maxBins || pd === 1) {
      const edges = Array.from({ length: hi - lo + 1 }, (_, j) => 10 ** ((lo + j) / pd));
      // log10 and ** round: keep the extremes inside the outer edges.
      edges[0] = Math.min(edges[0], min);
      edges[edges.length - 1] = Math.max(edges[edges.length - 1], max);
      return edges;
    }
    pd = Math.max(1, Math.floor(pd / 2));
  }
}

/**
 * `bins` equal-width edges over [min, max] (a zero-width range is widened by ±0.5, or ±1 % of its
 * magnitude); the last edge is exactly max so the largest value falls in the last bin.
 */
export function linearEdges(min: number, max: number, bins: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) {
    if (min === Infinity && max === -Infinity) return [0, 1];
    throw new Error(`linearEdges needs finite min ≤ max, got ${min} and ${max}`);
  }
  let lo = min;
  let hi = max;
  if (hi === lo) {
    const pad = lo === 0 ? 0.5 : Math.abs(lo) * 0.01;
    lo -= pad;
    hi += pad;
  }
  const k = Math.max(1, Math.floor(bins));
  return Array.from({ length: k + 1 }, (_, j) => (j === k ? hi : lo + ((hi - lo) * j) / k));
}

/** Minimum and maximum of the values (Infinity / −Infinity when there are none). */
export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

/** Bins per decade of log-scale tailed histograms (as the margin histograms: 1, 1.58, 2.51, 3.98, 6.31, 10). */
export const LOG_BINS_PER_DECADE = 5;

/** Share of the pooled non-zero values left out of the bins on each side (counted as below / above). */
export const TAIL_SHARE = 0.01;

/**
 * Shared bins for heavy-tailed samples (stress losses, bad debt): exact zeros are counted apart
 * (most accounts lose nothing in most scenarios), the bins span the pooled non-zero values between
 * their type-7 quantiles at `tail` and 1 − `tail` (min … max when those coincide), and the values
 * outside are counted as below / above, so a few huge losses do not squash every other account into
 * one bar. 'linear': `bins` equal widths (signed figures); 'log': log-spaced edges at
 * BINS_PER_DECADE per decade (non-negative figures spanning decades, such as bad debt per scenario).
 */
export function tailedHistogram(samples: readonly ArrayLike<number>[], bins: number, tail = TAIL_SHARE, scale: 'linear' | 'log' = 'linear') {
  let n = 0;
  for (const s of samples) for (let i = 0; i < s.length; i++) if (s[i] !== 0) n++;
  const pooled = new Float64Array(n);
  let k = 0;
  for (const s of samples) for (let i = 0; i < s.length; i++) if (s[i] !== 0) pooled[k++] = s[i];
  let lo = n ? quantileOfUnsorted(pooled, tail) : 0;
  let hi = n ? quantileOfUnsorted(pooled, 1 - tail) : 0;
  if (!(hi > lo)) ({ min: lo, max: hi } = n ? extent(pooled) : { min: 0, max: 0 });
  if (scale === 'log' && n > 0 && !(lo > 0)) throw new Error(`a log-scale histogram needs positive values, got ${lo}`);
  const edges = scale === 'log' && n > 0 ? logEdges(lo, hi, LOG_BINS_PER_DECADE) : linearEdges(lo, hi, bins);
  const out = { edges, counts: [] as number[][], zero: [] as number[], below: [] as number[], above: [] as number[] };
  for (const s of samples) {
    const counts = new Array<number>(edges.length - 1).fill(0);
    let zero = 0, below = 0, above = 0;
    for (let i = 0; i < s.length; i++) {
      const x = s[i];
      if (x === 0) zero++;
      else if (x < edges[0]) below++;
      else if (x > edges[edges.length - 1]) above++;
      else counts[binIndex(edges, x)]++;
    }
    out.counts.push(counts);
    out.zero.push(zero);
    out.below.push(below);
    out.above.push(above);
  }
  return out;
}
