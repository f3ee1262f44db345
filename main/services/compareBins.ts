/**
 * Shared bins for the Compare view's side-by-side histograms: every run is counted on the SAME edges,
 * so the charts share their x axis and a bin means the same range in each (docs/user-guide, Compare).
 *
 * Margin figures of different models differ by orders of magnitude (a tiered 0.4 % maintenance rate
 * against a 15 % scan range), so per-account margins and margin ratios use log-spaced edges at
 * powers of 10^(1/perDecade); signed figures (stress losses) use equal-width edges.
 */

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
