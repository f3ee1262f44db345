/**
 * Empirical quantiles, Value-at-Risk and Expected Shortfall of a sample (design.md: Hyndman & Fan
 * 1996 type 7, the numpy / spreadsheet default). Inputs are never modified; NaN and ±Infinity are
 * rejected.
 */
import { InputError } from '../errors';

function requireLevel(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new InputError(`${what}: probability must lie in [0, 1], got ${p}`);
}

function requireSample(values: ArrayLike<number>, what: string): void {
  if (values.length === 0) throw new InputError(`${what}: sample is empty`);
}

/**
 * Copy into a Float64Array, rejecting NaN (which would otherwise sort last and silently shift
 * every order statistic) and ±Infinity (which turns interpolation into ∞ − ∞).
 */
function copyChecked(values: ArrayLike<number>, what: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new InputError(`${what}: value at index ${i} is ${v}, not a finite number`);
    out[i] = v;
  }
  return out;
}

/**
 * Linear interpolation a + (b − a)·t, written as numpy's _lerp does (b − (b − a)(1 − t) for
 * t >= ½) so that results match numpy.quantile to the last bit in the common cases and the
 * interpolant is monotone and exact at both ends.
 */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Type-7 quantile of an ascending-sorted sample: h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])
 * (Hyndman & Fan 1996, definition 7; numpy.quantile method='linear'). The caller guarantees the
 * order (not re-checked: O(n) per call would defeat the purpose of passing a sorted sample).
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  requireSample(sorted, 'quantileType7');
  requireLevel(p, 'quantileType7');
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return checkedValue(sorted[n - 1], n - 1, 'quantileType7');
  const a = checkedValue(sorted[lo], lo, 'quantileType7');
  const b = checkedValue(sorted[lo + 1], lo + 1, 'quantileType7');
  return lerp(a, b, h - lo);
}

function checkedValue(v: number, index: number, what: string): number {
  if (!Number.isFinite(v)) throw new InputError(`${what}: value at index ${index} is ${v}, not a finite number`);
  return v;
}

/** Type-7 quantile of an unsorted sample (sorts a copy: O(n log n)). */
export function quantileOfUnsorted(values: ArrayLike<number>, p: number): number {
  requireSample(values, 'quantileOfUnsorted');
  requireLevel(p, 'quantileOfUnsorted');
  const sorted = copyChecked(values, 'quantileOfUnsorted').sort();
  return quantileType7(sorted, p);
}

/** Several type-7 quantiles of one unsorted sample, sorting it once. */
export function quantilesOfUnsorted(values: ArrayLike<number>, ps: ArrayLike<number>): Float64Array {
  requireSample(values, 'quantilesOfUnsorted');
  for (let i = 0; i < ps.length; i++) requireLevel(ps[i], `quantilesOfUnsorted (level ${i})`);
  const sorted = copyChecked(values, 'quantilesOfUnsorted').sort();
  const out = new Float64Array(ps.length);
  for (let i = 0; i < ps.length; i++) out[i] = quantileType7(sorted, ps[i]);
  return out;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearranges `a` in place so that a[k] holds the k-th smallest value, everything left of k is
 * <= a[k] and everything right is >= a[k]. Floyd & Rivest (1975), "Algorithm 489: SELECT",
 * CACM 18(3): sampling narrows the range around k before partitioning; expected n + min(k, n−k)
 * comparisons.
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * Math.sign(i - n / 2);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, right, left);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Type-7 quantile by selection instead of sorting: O(n) expected, for large samples (Monte Carlo
 * PnL vectors). Works on a copy; after selecting order statistic ⌊h⌋ the next one is the minimum
 * of the right part. Equal to quantileOfUnsorted bit for bit.
 */
export function quantileBySelection(values: ArrayLike<number>, p: number): number {
  requireSample(values, 'quantileBySelection');
  requireLevel(p, 'quantileBySelection');
  const a = copyChecked(values, 'quantileBySelection');
  const n = a.length;
  const h = (n - 1) * p;
  const lo = Math.min(Math.floor(h), n - 1);
  selectInPlace(a, lo);
  if (lo === n - 1) return a[lo];
  let next = a[lo + 1];
  for (let i = lo + 2; i < n; i++) if (a[i] < next) next = a[i];
  return lerp(a[lo], next, h - lo);
}

function requireConfidence(confidence: number, what: string): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new InputError(`${what}: confidence must lie in (0, 1), got ${confidence}`);
  }
}

/**
 * Historical-simulation VaR: the type-7 `confidence`-quantile of the loss sample (losses positive,
 * loss = −return or −PnL; design.md). Selection-based, O(n).
 */
export function valueAtRisk(losses: ArrayLike<number>, confidence: number): number {
  requireConfidence(confidence, 'valueAtRisk');
  return quantileBySelection(losses, confidence);
}

/**
 * Expected Shortfall at `confidence`: the mean of all losses >= VaR, VaR being the type-7
 * quantile (design.md convention). Because VaR interpolates between order statistics, the losses
 * counted are those at or above it, never fewer than one. Returns both figures.
 */
export function expectedShortfallWithVar(
  losses: ArrayLike<number>,
  confidence: number,
): { valueAtRisk: number; expectedShortfall: number; tailCount: number } {
  requireConfidence(confidence, 'expectedShortfall');
  const v = quantileBySelection(losses, confidence);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < losses.length; i++) {
    if (losses[i] >= v) {
      sum += losses[i];
      count++;
    }
  }
  return { valueAtRisk: v, expectedShortfall: sum / count, tailCount: count };
}

/** Expected Shortfall: mean of the losses >= the type-7 VaR at `confidence` (design.md). */
export function expectedShortfall(losses: ArrayLike<number>, confidence: number): number {
  return expectedShortfallWithVar(losses, confidence).expectedShortfall;
}
