/**
 * Rolling VaR / ES over a sliding window of losses (docs/methodology, "Sliding order statistics").
 *
 * The window is kept as an ascending Float64Array. Each step removes the value leaving the window
 * and inserts the new one with two binary searches and ONE copyWithin over the span between their
 * positions (a memmove of at most W doubles), so a step costs O(log W + W) with a tiny constant,
 * instead of the O(W log W) of re-sorting. The type-7 quantile is then read straight from the
 * sorted buffer and ES sums only the tail above it.
 *
 * The buffer is local to each call: callers get immutable result arrays, no structure with hidden
 * state escapes. The re-sort variant computes the same figures from a freshly sorted copy of every
 * window; it is the benchmark baseline and the property-test oracle (results are bit-identical,
 * since both read the same sorted values with the same arithmetic).
 */
import { InputError } from '../errors';
import { quantileType7 } from '../numeric/quantile';

/** Index of the first element >= x in sorted[0, n). */
export function lowerBound(sorted: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x in sorted[0, n). */
export function upperBound(sorted: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert x into sorted[0, n) (capacity > n). Returns the new length. */
export function insertSorted(sorted: Float64Array, n: number, x: number): number {
  const at = upperBound(sorted, n, x);
  sorted.copyWithin(at + 1, at, n);
  sorted[at] = x;
  return n + 1;
}

/** Remove one copy of x from sorted[0, n). Returns the new length; throws if x is absent. */
export function removeSorted(sorted: Float64Array, n: number, x: number): number {
  const at = lowerBound(sorted, n, x);
  if (at >= n || sorted[at] !== x) throw new Error(`removeSorted: ${x} is not in the window`);
  sorted.copyWithin(at, at + 1, n);
  return n - 1;
}

/**
 * Replace one copy of `outgoing` by `incoming` in sorted[0, n), keeping the order, with a single
 * memmove over the elements between the two positions.
 */
export function replaceSorted(sorted: Float64Array, n: number, outgoing: number, incoming: number): void {
  const p = lowerBound(sorted, n, outgoing);
  if (p >= n || sorted[p] !== outgoing) throw new Error(`replaceSorted: ${outgoing} is not in the window`);
  if (incoming < outgoing) {
    const q = upperBound(sorted, p, incoming);
    sorted.copyWithin(q + 1, q, p);
    sorted[q] = incoming;
  } else {
    const u = upperBound(sorted, n, incoming);
    sorted.copyWithin(p, p + 1, u);
    sorted[u - 1] = incoming;
  }
}

export interface TailStatistic {
  valueAtRisk: number;
  expectedShortfall: number;
  /** Number of losses >= VaR that the ES averages. */
  tailCount: number;
}

/**
 * VaR (type-7 quantile) and ES (mean of the values >= VaR) of an ascending sample sorted[0, n).
 * The ES start index is found from ⌊(n−1)α⌋, stepping over ties, so equal losses are all counted
 * (the `losses >= VaR` rule of design.md, also what numpy's `l[l >= q].mean()` does).
 */
export function tailStatisticSorted(sorted: Float64Array, n: number, confidence: number): TailStatistic {
  const v = quantileType7(n === sorted.length ? sorted : sorted.subarray(0, n), confidence);
  let k = Math.min(Math.floor((n - 1) * confidence), n - 1);
  while (k > 0 && sorted[k - 1] >= v) k--;
  while (k < n && sorted[k] < v) k++;
  let sum = 0;
  for (let i = k; i < n; i++) sum += sorted[i];
  return { valueAtRisk: v, expectedShortfall: sum / (n - k), tailCount: n - k };
}

export interface RollingTailOptions {
  /** First index of `values` that may enter a window (earlier entries are ignored, may be NaN). */
  start?: number;
  /**
   * Fewest observations that give an output. Defaults to windowSize (full windows only); smaller
   * values give an expanding window until it fills (used by the 10-year APC floor).
   */
  minObservations?: number;
  /** Called with (steps done, total steps) every PROGRESS_EVERY steps and at the end. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 1024;

function report(options: RollingTailOptions, i: number, start: number, length: number): void {
  if (options.onProgress && ((i - start + 1) % PROGRESS_EVERY === 0 || i === length - 1)) {
    options.onProgress(i - start + 1, length - start);
  }
}

export interface RollingTail {
  /** valueAtRisk[i]: VaR over values[max(start, i−W+1) .. i]; NaN where too few observations. */
  valueAtRisk: Float64Array;
  expectedShortfall: Float64Array;
  /** Observations in the window ending at i (0 where no output). */
  observations: Int32Array;
}

function checkRollingInputs(values: Float64Array, windowSize: number, confidence: number, options: RollingTailOptions) {
  if (!Number.isInteger(windowSize) || windowSize < 1) throw new InputError(`windowSize must be a positive integer, got ${windowSize}`);
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`confidence must lie in (0, 1), got ${confidence}`);
  const start = options.start ?? 0;
  const minObs = options.minObservations ?? windowSize;
  if (!Number.isInteger(start) || start < 0) throw new InputError(`start must be a non-negative integer, got ${start}`);
  if (!Number.isInteger(minObs) || minObs < 1 || minObs > windowSize) {
    throw new InputError(`minObservations must be an integer in [1, ${windowSize}], got ${minObs}`);
  }
  for (let i = start; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new InputError(`loss at index ${i} is not a finite number (${values[i]})`);
  }
  return { start, minObs };
}

function emptyRolling(length: number): RollingTail {
  return {
    valueAtRisk: new Float64Array(length).fill(NaN),
    expectedShortfall: new Float64Array(length).fill(NaN),
    observations: new Int32Array(length),
  };
}

function store(out: RollingTail, i: number, stat: TailStatistic, n: number): void {
  out.valueAtRisk[i] = stat.valueAtRisk;
  out.expectedShortfall[i] = stat.expectedShortfall;
  out.observations[i] = n;
}

/** Rolling VaR / ES by the sliding sorted window (O(W) memmove per step). */
export function rollingTailStatistics(
  values: Float64Array,
  windowSize: number,
  confidence: number,
  options: RollingTailOptions = {},
): RollingTail {
  const { start, minObs } = checkRollingInputs(values, windowSize, confidence, options);
  const out = emptyRolling(values.length);
  const sorted = new Float64Array(windowSize);
  let n = 0;
  for (let i = start; i < values.length; i++) {
    if (n < windowSize) n = insertSorted(sorted, n, values[i]);
    else replaceSorted(sorted, n, values[i - windowSize], values[i]);
    if (n >= minObs) store(out, i, tailStatisticSorted(sorted, n, confidence), n);
    report(options, i, start, values.length);
  }
  return out;
}

/** The same figures by copying and re-sorting every window (O(W log W) per step): the baseline. */
export function rollingTailStatisticsResort(
  values: Float64Array,
  windowSize: number,
  confidence: number,
  options: RollingTailOptions = {},
): RollingTail {
  const { start, minObs } = checkRollingInputs(values, windowSize, confidence, options);
  const out = emptyRolling(values.length);
  const scratch = new Float64Array(windowSize);
  for (let i = start; i < values.length; i++) {
    const from = Math.max(start, i - windowSize + 1);
    const n = i - from + 1;
    if (n >= minObs) {
      const window = n === windowSize ? scratch : scratch.subarray(0, n);
      window.set(values.subarray(from, i + 1));
      window.sort();
      store(out, i, tailStatisticSorted(window, n, confidence), n);
    }
    report(options, i, start, values.length);
  }
  return out;
}

export type RollingAlgorithm = 'sliding' | 'resort';

export function rollingTail(
  values: Float64Array,
  windowSize: number,
  confidence: number,
  options: RollingTailOptions = {},
  algorithm: RollingAlgorithm = 'sliding',
): RollingTail {
  return algorithm === 'sliding'
    ? rollingTailStatistics(values, windowSize, confidence, options)
    : rollingTailStatisticsResort(values, windowSize, confidence, options);
}
