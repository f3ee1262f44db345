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

/** Sum and maximum of the (signed) sample, gathered in the copying pass. */
export interface SampleSummary {
  sum: number;
  max: number;
}

/**
 * Type-7 quantiles of sign·`values` (sign = −1 turns a PnL sample into its losses) at the ascending
 * `levels`, written to out[offset + q]. `scratch` (length ≥ n) is overwritten and left partitioned: for
 * each level's lo = ⌊(n − 1)p⌋, scratch[lo] is the lo-th order statistic and scratch[lo+1..] hold exactly
 * the larger ones (tailMeanAfterSelection uses that). `values` is not modified. NaN/±Infinity are refused.
 * Returns the sum and maximum of sign·values.
 */
export function quantilesBySelection(values: Float64Array, levels: Float64Array, scratch: Float64Array, out: Float64Array, offset = 0, sign: 1 | -1 = 1): SampleSummary {
  const n = values.length;
  if (n === 0) throw new InputError('quantilesBySelection: sample is empty');
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  const lowest = levels.length ? Math.min(Math.floor((n - 1) * levels[0]), n - 1) : 0;
  const summary: SampleSummary = { sum: 0, max: -Infinity };
  // Tail levels: one pass moves every value ≥ a pivot (from a strided sample, set below the lowest level) to
  // the top of `a`; all order statistics asked for then lie there and the selections run on that part only.
  let left = n >= 4 * TAIL_SAMPLE && levels.length > 0 && levels[0] >= 0.5 ? partitionTail(values, sign, a, n - lowest, summary) : -1;
  if (left < 0) {
    let sum = 0;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = sign * values[i];
      if (v - v !== 0) throw new InputError(`quantilesBySelection: value at index ${i} is ${values[i]}, not a finite number`);
      a[i] = v;
      sum += v;
      if (v > max) max = v;
    }
    summary.sum = sum;
    summary.max = max;
    left = 0;
  }
  // Ascending: after selecting lo, a[0..lo] ≤ a[lo] ≤ a[lo+1..n−1], so the next (higher) level only
  // searches a[lo+1..n−1] — the ranges shrink fast for tail levels.
  let prevLo = left - 1;
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
  return summary;
}

const TAIL_SAMPLE = 128;
const tailSample = new Float64Array(TAIL_SAMPLE);

/**
 * Copy sign·`values` into `a` so that a[t..n−1] holds every value ≥ a pivot and a[0..t−1] every value below
 * it, with at least `need` values on top; returns t, or −1 when the pivot left fewer than `need` above it
 * (the caller then copies again and selects on the whole sample). The pivot is the order statistic of a
 * strided sample of 128 at twice the tail fraction, so the top part is ≈ 2·need long.
 */
function partitionTail(values: Float64Array, sign: number, a: Float64Array, need: number, summary: SampleSummary): number {
  const n = values.length;
  const stride = Math.floor(n / TAIL_SAMPLE);
  for (let i = 0; i < TAIL_SAMPLE; i++) tailSample[i] = sign * values[i * stride];
  tailSample.sort();
  const pivot = tailSample[Math.max(0, TAIL_SAMPLE - 1 - Math.ceil((2 * TAIL_SAMPLE * need) / n))];
  let low = 0;
  let high = n;
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = sign * values[i];
    if (v - v !== 0) throw new InputError(`quantilesBySelection: value at index ${i} is ${values[i]}, not a finite number`);
    sum += v;
    if (v >= pivot) {
      a[--high] = v;
      if (v > max) max = v;
    } else a[low++] = v;
  }
  summary.sum = sum;
  summary.max = max;
  return n - high >= need ? high : -1;
}

/** Mean of the values sign·x ≥ threshold (the ES of a loss sample at the VaR threshold; design.md). */
export function tailMean(values: Float64Array, threshold: number, sign: 1 | -1 = 1): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = sign * values[i];
    if (v >= threshold) {
      sum += v;
      count++;
    }
  }
  return sum / count;
}

/**
 * tailMean(values, v, sign) for v the type-7 quantile at `level`, read from the scratch that
 * quantilesBySelection left: when v > scratch[lo] the values ≥ v are exactly scratch[lo+1..n−1]
 * (all ≥ x_(lo+1) ≥ v, everything else ≤ x_(lo) < v); otherwise (ties, or lo = n − 1) the full scan.
 */
export function tailMeanAfterSelection(values: Float64Array, scratch: Float64Array, level: number, v: number, sign: 1 | -1 = 1): number {
  const n = values.length;
  const lo = Math.min(Math.floor((n - 1) * level), n - 1);
  if (lo === n - 1 || !(v > scratch[lo])) return tailMean(values, v, sign);
  let sum = 0;
  for (let i = lo + 1; i < n; i++) sum += scratch[i];
  return sum / (n - 1 - lo);
}
