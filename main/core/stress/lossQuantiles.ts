/**
 * Several type-7 quantiles of one loss sample by successive selection (design.md convention,
 * Hyndman & Fan 1996 def. 7), for the Monte Carlo's per-account loss distribution. Levels are taken
 * in ascending order: Floyd–Rivest selection (numeric/quantile.ts selectInPlace) places order
 * statistic lo, and every later (higher) level only searches the part right of it, so L levels cost
 * about one full selection plus quickly shrinking ones instead of L copies and selections (or a sort).
 * Results equal quantileOfUnsorted bit for bit (tested).
 */
import { InputError } from '../errors';
import { selectInPlace } from '../numeric/quantile';

/** numpy's _lerp, as quantile.ts: exact at both ends, monotone. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Ascending levels in [0, 1], checked. */
export function requireLevels(levels: ArrayLike<number>, what: string): Float64Array {
  const out = Float64Array.from(levels);
  for (let i = 0; i < out.length; i++) {
    if (!(out[i] >= 0 && out[i] <= 1)) throw new InputError(`${what}[${i}]: must lie in [0, 1], got ${out[i]}`);
    if (i > 0 && !(out[i] > out[i - 1])) throw new InputError(`${what}: levels must be strictly ascending, got ${out[i - 1]} then ${out[i]}`);
  }
  return out;
}

/**
 * Type-7 quantiles of `values` at the ascending `levels`, written to out[offset + q]. `scratch`
 * (length ≥ n) is overwritten and left partitioned: for each level's lo = ⌊(n − 1)p⌋, scratch[lo] is the
 * lo-th order statistic and scratch[lo+1..] hold exactly the larger ones (tailMeanAfterSelection uses
 * that). `values` is not modified. NaN/±Infinity are refused.
 */
export function quantilesBySelection(values: Float64Array, levels: Float64Array, scratch: Float64Array, out: Float64Array, offset = 0): void {
  const n = values.length;
  if (n === 0) throw new InputError('quantilesBySelection: sample is empty');
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new InputError(`quantilesBySelection: value at index ${i} is ${v}, not a finite number`);
    a[i] = v;
  }
  // Ascending: after selecting lo, a[0..lo] ≤ a[lo] ≤ a[lo+1..n−1], so the next (higher) level only
  // searches a[lo+1..n−1] — the ranges shrink fast for tail levels.
  let prevLo = -1;
  let prevUpper = NaN;
  for (let q = 0; q < levels.length; q++) {
    const h = (n - 1) * levels[q];
    const lo = Math.min(Math.floor(h), n - 1);
    if (lo !== prevLo) {
      selectInPlace(a, lo, prevLo + 1, n - 1);
      let upper = a[lo];
      if (lo < n - 1) {
        upper = a[lo + 1];
        for (let i = lo + 2; i < n; i++) if (a[i] < upper) upper = a[i];
      }
      prevLo = lo;
      prevUpper = upper;
    }
    out[offset + q] = lo === n - 1 ? a[lo] : lerp(a[lo], prevUpper, h - lo);
  }
}

/** Mean of the values ≥ threshold (the ES of a loss sample at the VaR threshold; design.md). */
export function tailMean(values: Float64Array, threshold: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= threshold) {
      sum += values[i];
      count++;
    }
  }
  return sum / count;
}

/**
 * tailMean(values, v) for v the type-7 quantile at `level`, read from the scratch that
 * quantilesBySelection left: when v > scratch[lo] the values ≥ v are exactly scratch[lo+1..n−1]
 * (all ≥ x_(lo+1) ≥ v, everything else ≤ x_(lo) < v); otherwise (ties, or lo = n − 1) the full scan.
 */
export function tailMeanAfterSelection(values: Float64Array, scratch: Float64Array, level: number, v: number): number {
  const n = values.length;
  const lo = Math.min(Math.floor((n - 1) * level), n - 1);
  if (lo === n - 1 || !(v > scratch[lo])) return tailMean(values, v);
  let sum = 0;
  for (let i = lo + 1; i < n; i++) sum += scratch[i];
  return sum / (n - 1 - lo);
}
