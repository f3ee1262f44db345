/**
 * Pure statistics behind the return histogram. Kept apart from the option builder so each number the
 * chart shows can be checked against numpy without a DOM (test/renderer/returnHistogram.test.ts).
 */

/** Daily log returns ln(C_t / C_{t-1}), only between rows one calendar day apart. */
export interface DailyLogReturns {
  returns: Float64Array;
  /** Consecutive-row pairs left out because they span a gap in the dates (not a one-day return). */
  skippedAcrossGaps: number;
  /** Pairs left out because a close is not a positive finite number (the log is undefined). */
  skippedNonPositive: number;
}

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`date "${isoDate}" is not a YYYY-MM-DD calendar date`);
  return t / DAY_MS;
}

/**
 * Log returns on consecutive calendar days. Gaps are reported by the importer and never filled
 * (design.md); a return spanning a gap is a multi-day return, so it is left out of a daily histogram
 * and counted instead of being mixed in silently.
 */
export function dailyLogReturns(dates: readonly string[], closes: ArrayLike<number>): DailyLogReturns {
  if (dates.length !== closes.length) {
    throw new Error(`dates (${dates.length}) and closes (${closes.length}) differ in length`);
  }
  const out: number[] = [];
  let skippedAcrossGaps = 0;
  let skippedNonPositive = 0;
  for (let i = 1; i < dates.length; i++) {
    const prev = closes[i - 1];
    const cur = closes[i];
    if (!(prev > 0 && cur > 0 && Number.isFinite(prev) && Number.isFinite(cur))) {
      skippedNonPositive++;
      continue;
    }
    if (dayNumber(dates[i]) - dayNumber(dates[i - 1]) !== 1) {
      skippedAcrossGaps++;
      continue;
    }
    out.push(Math.log(cur / prev));
  }
  return { returns: Float64Array.from(out), skippedAcrossGaps, skippedNonPositive };
}

export function mean(x: ArrayLike<number>): number {
  if (x.length === 0) throw new Error('mean of an empty sample');
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample standard deviation with the n − 1 divisor (numpy `std(ddof=1)`). */
export function sampleStdDev(x: ArrayLike<number>): number {
  if (x.length < 2) throw new Error(`standard deviation needs at least 2 observations, got ${x.length}`);
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - m) ** 2;
  return Math.sqrt(ss / (x.length - 1));
}

/** Empirical quantile, Hyndman–Fan type 7 (numpy's default `linear` method), p in [0, 1]. */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability ${p} is outside [0, 1]`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export type BinRule = 'Freedman–Diaconis' | 'Sturges';

export interface Histogram {
  /** k + 1 equally spaced edges from the sample minimum to its maximum. */
  edges: Float64Array;
  /** k counts; the last bin is closed on the right, as in numpy.histogram. */
  counts: Float64Array;
  binWidth: number;
  rule: BinRule;
}

/** Sturges (1926): k = ⌈log2 n⌉ + 1 bins (numpy `bins='sturges'`). */
export function sturgesBinCount(n: number): number {
  return Math.ceil(Math.log2(n)) + 1;
}

/**
 * Histogram with Freedman–Diaconis (1981) bins, width h = 2·IQR·n^(−1/3), k = ⌈range / h⌉ — the same
 * rule and edge placement as numpy `histogram(x, bins='fd')`. When the IQR is zero (e.g. a pegged
 * stablecoin) the FD width is zero and Sturges is used instead; the result says which rule applied.
 */
export function returnHistogram(x: ArrayLike<number>): Histogram {
  const n = x.length;
  if (n < 2) throw new Error(`a histogram needs at least 2 returns, got ${n}`);
  const sorted = Float64Array.from(x).sort();
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const iqr = quantileType7(sorted, 0.75) - quantileType7(sorted, 0.25);
  const fdWidth = (2 * iqr) / Math.cbrt(n);
  let rule: BinRule = 'Freedman–Diaconis';
  let k: number;
  if (fdWidth > 0 && hi > lo) {
    k = Math.max(1, Math.ceil((hi - lo) / fdWidth));
  } else {
    rule = 'Sturges';
    k = sturgesBinCount(n);
  }
  // A constant sample has no range; numpy widens it to ±0.5 around the value. Do the same.
  const first = hi > lo ? lo : lo - 0.5;
  const last = hi > lo ? hi : hi + 0.5;
  const binWidth = (last - first) / k;
  const edges = new Float64Array(k + 1);
  for (let i = 0; i <= k; i++) edges[i] = first + i * binWidth;
  edges[k] = last;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let b = Math.floor((sorted[i] - first) / binWidth);
    if (b >= k) b = k - 1;
    // Guard the floating-point edge cases so a value sits in the bin whose edges contain it.
    while (b > 0 && sorted[i] < edges[b]) b--;
    while (b < k - 1 && sorted[i] >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { edges, counts, binWidth, rule };
}

/** Normal density φ((x − μ)/σ)/σ. */
export function normalDensity(x: number, mu: number, sigma: number): number {
  if (!(sigma > 0)) throw new Error(`normal density needs a positive standard deviation, got ${sigma}`);
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}
