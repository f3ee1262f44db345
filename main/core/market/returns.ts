/**
 * Returns and losses from aligned daily closes (design.md, "Methodology conventions").
 *
 * h-day returns overlap: element i is the return from close i to close i + h, i.e. the return
 * ENDING at index i + h, for i = 0 … n − h − 1 (n − h values). "Days" count rows of the aligned
 * series; on a gap-free daily calendar (crypto trades every day) rows and calendar days agree.
 */
import { InputError } from '../errors';
import { requireFiniteValues, requireInteger, requirePositivePrices } from './checks';

function checkCloses(close: Float64Array, horizonDays: number, what: string): void {
  requireInteger(horizonDays, 1, `${what}: horizonDays`);
  if (close.length <= horizonDays) {
    throw new InputError(`${what}: ${close.length} closes give no ${horizonDays}-day return (need at least ${horizonDays + 1})`);
  }
  requirePositivePrices(close, what);
}

/**
 * Simple returns r_i = P_{i+h} / P_i − 1, overlapping (length n − h). Computed as
 * (P_{i+h} − P_i) / P_i: the difference of two nearby prices is exact (Sterbenz), whereas the
 * ratio P_{i+h}/P_i rounds away up to 1e-9 of a 1e-7 move before the 1 is subtracted.
 */
export function simpleReturns(close: Float64Array, horizonDays = 1): Float64Array {
  checkCloses(close, horizonDays, 'simpleReturns');
  const out = new Float64Array(close.length - horizonDays);
  for (let i = 0; i < out.length; i++) out[i] = (close[i + horizonDays] - close[i]) / close[i];
  return out;
}

/** Log returns r_i = ln(P_{i+h} / P_i), overlapping (length n − h). */
export function logReturns(close: Float64Array, horizonDays = 1): Float64Array {
  checkCloses(close, horizonDays, 'logReturns');
  const out = new Float64Array(close.length - horizonDays);
  // log1p of the simple return keeps full relative precision for small moves; ln P_{i+h} − ln P_i
  // would cancel the leading digits of two large logarithms, ln(P_{i+h}/P_i) the rounding of the ratio.
  for (let i = 0; i < out.length; i++) out[i] = Math.log1p((close[i + horizonDays] - close[i]) / close[i]);
  return out;
}

/** Loss = −return, element by element (design.md: a loss is a positive number). */
export function lossesFromReturns(returns: Float64Array): Float64Array {
  requireFiniteValues(returns, 'lossesFromReturns');
  const out = new Float64Array(returns.length);
  for (let i = 0; i < returns.length; i++) out[i] = -returns[i];
  return out;
}

export interface WinsorisedChange {
  index: number;
  from: number;
  to: number;
}

export interface WinsorisedValues {
  /** A copy of the input with the flagged values clamped into [lower, upper]. */
  values: Float64Array;
  /** Each value that changed, in index order. Flagged values already inside the band are not listed. */
  changes: WinsorisedChange[];
}

/**
 * Clamp ONLY the flagged values (e.g. returns touching a suspected bad print) into [lower, upper].
 * Unflagged values are never changed, however extreme: crypto has real −50% days. The input is
 * not modified; every change is returned so it can be shown to the user.
 */
export function winsorise(
  values: Float64Array,
  flaggedIndices: readonly number[],
  lower: number,
  upper: number,
): WinsorisedValues {
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || lower > upper) {
    throw new InputError(`winsorise: bounds must be finite with lower <= upper, got [${lower}, ${upper}]`);
  }
  requireFiniteValues(values, 'winsorise');
  const out = Float64Array.from(values);
  const flagged = new Set<number>();
  for (const index of flaggedIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= values.length) {
      throw new InputError(`winsorise: flagged index ${index} is outside 0…${values.length - 1}`);
    }
    flagged.add(index);
  }
  const changes: WinsorisedChange[] = [];
  for (const index of [...flagged].sort((a, b) => a - b)) {
    const from = out[index];
    const to = Math.min(upper, Math.max(lower, from));
    if (to !== from) {
      out[index] = to;
      changes.push({ index, from, to });
    }
  }
  return { values: out, changes };
}
