/**
 * Cost and procyclicality of a margin path (docs/methodology, "Procyclicality and cost"). Margin is
 * a fraction of notional, so its mean is the average cost of carrying the position's margin.
 *
 *  peak-to-trough ratio     max_t M_t / min_t M_t over the period (ESMA, "Guidelines on EMIR
 *                           anti-procyclicality margin measures", 2018, peak-to-trough indicator)
 *  largest k-day increase   max_t (M_t / M_{t−k} − 1), k = 1 and 5, over the period's own days
 */
import { InputError } from '../errors';

export interface ProcyclicalityMetrics {
  /** max / min of the margin path; null when the minimum is not positive (ratio undefined). */
  peakToTroughRatio: number | null;
  peakMargin: number;
  troughMargin: number;
  /** Largest 1-day relative increase M_t / M_{t−1} − 1 (0 when margin never rises). */
  largestOneDayIncrease: number;
  /** Largest 5-day relative increase M_t / M_{t−5} − 1 (0 when margin never rises). */
  largestFiveDayIncrease: number;
  /** Date on which the largest 1-day increase ended (null if none). */
  largestOneDayIncreaseDate: string | null;
  largestFiveDayIncreaseDate: string | null;
}

export interface CostMetrics {
  /** Mean margin as a fraction of notional. */
  averageMargin: number;
  maxMargin: number;
}

function largestIncrease(margin: Float64Array, lag: number, dates: readonly string[]): { value: number; date: string | null } {
  let best = 0;
  let date: string | null = null;
  for (let t = lag; t < margin.length; t++) {
    const base = margin[t - lag];
    if (!(base > 0)) continue;
    const rise = margin[t] / base - 1;
    if (rise > best) {
      best = rise;
      date = dates[t];
    }
  }
  return { value: best, date };
}

function requireFinitePath(margin: Float64Array, dates: readonly string[]): void {
  if (margin.length === 0) throw new InputError('margin path is empty');
  if (dates.length !== margin.length) throw new InputError(`margin path has ${margin.length} values for ${dates.length} dates`);
  for (let i = 0; i < margin.length; i++) {
    if (!Number.isFinite(margin[i])) throw new InputError(`margin on ${dates[i]} is not a finite number (${margin[i]})`);
  }
}

export function procyclicalityMetrics(margin: Float64Array, dates: readonly string[]): ProcyclicalityMetrics {
  requireFinitePath(margin, dates);
  let peak = -Infinity;
  let trough = Infinity;
  for (let i = 0; i < margin.length; i++) {
    if (margin[i] > peak) peak = margin[i];
    if (margin[i] < trough) trough = margin[i];
  }
  const one = largestIncrease(margin, 1, dates);
  const five = largestIncrease(margin, 5, dates);
  return {
    peakToTroughRatio: trough > 0 ? peak / trough : null,
    peakMargin: peak,
    troughMargin: trough,
    largestOneDayIncrease: one.value,
    largestFiveDayIncrease: five.value,
    largestOneDayIncreaseDate: one.date,
    largestFiveDayIncreaseDate: five.date,
  };
}

export function costMetrics(margin: Float64Array, dates: readonly string[]): CostMetrics {
  requireFinitePath(margin, dates);
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < margin.length; i++) {
    sum += margin[i];
    if (margin[i] > max) max = margin[i];
  }
  return { averageMargin: sum / margin.length, maxMargin: max };
}
