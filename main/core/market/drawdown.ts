/**
 * Drawdowns and worst moves of a close series (docs/methodology, "Drawdown").
 *
 * Drawdown at t: D_t = P_t / max_{s<=t} P_s − 1 (a fraction <= 0). The maximum drawdown is
 * min_t D_t; its peak is the day the running maximum in force at the trough was first reached,
 * its trough the first day the minimum is reached, and its recovery the first day after the
 * trough whose close is back at or above the peak close (null if it never is).
 * A series that never falls below a previous close has maxDrawdown 0, with peak, trough and
 * recovery all on the first day.
 *
 * Worst h-day moves: the h-day simple returns P_{i+h}/P_i − 1 over every start i, picked greedily
 * from the worst, skipping any window that overlaps one already picked (windows (i, i+h] and
 * (j, j+h] are disjoint when |i − j| >= h). Worst first; positive moves appear only when fewer
 * than `count` falling windows exist. Days count rows of the series.
 */
import { InputError } from '../errors';
import { requireInteger, requirePositivePrices, requireSameLength } from './checks';

export interface MaxDrawdown {
  /** Fraction, <= 0 (−0.77 = a 77% fall from peak to trough). */
  maxDrawdown: number;
  peakDate: string;
  troughDate: string;
  /** First close back at or above the peak close after the trough, or null. */
  recoveryDate: string | null;
}

export interface WorstMove {
  startDate: string;
  endDate: string;
  /** (P_end / P_start − 1) × 100. */
  returnPct: number;
}

function checkSeries(close: Float64Array, dates: readonly string[], what: string): void {
  requireSameLength(dates, close, what);
  if (close.length === 0) throw new InputError(`${what}: no closes`);
  requirePositivePrices(close, what, dates);
}

export function maxDrawdown(close: Float64Array, dates: readonly string[]): MaxDrawdown {
  checkSeries(close, dates, 'maxDrawdown');
  let runningPeak = 0;
  let peak = 0;
  let trough = 0;
  let worst = 0;
  for (let t = 1; t < close.length; t++) {
    if (close[t] > close[runningPeak]) runningPeak = t;
    const d = close[t] / close[runningPeak] - 1;
    if (d < worst) {
      worst = d;
      peak = runningPeak;
      trough = t;
    }
  }
  if (worst === 0) return { maxDrawdown: 0, peakDate: dates[0], troughDate: dates[0], recoveryDate: dates[0] };
  let recovery: number | null = null;
  for (let t = trough + 1; t < close.length; t++) {
    if (close[t] >= close[peak]) {
      recovery = t;
      break;
    }
  }
  return {
    maxDrawdown: worst,
    peakDate: dates[peak],
    troughDate: dates[trough],
    recoveryDate: recovery === null ? null : dates[recovery],
  };
}

export function worstMoves(close: Float64Array, dates: readonly string[], horizonDays: number, count: number): WorstMove[] {
  checkSeries(close, dates, 'worstMoves');
  requireInteger(horizonDays, 1, 'worstMoves: horizonDays');
  requireInteger(count, 1, 'worstMoves: count');
  const windows = close.length - horizonDays;
  if (windows < 1) {
    throw new InputError(`worstMoves: ${close.length} closes give no ${horizonDays}-day move (need at least ${horizonDays + 1})`);
  }
  const moves = new Float64Array(windows);
  for (let i = 0; i < windows; i++) moves[i] = close[i + horizonDays] / close[i] - 1;
  // Worst first; equal moves keep the earlier window first.
  const order = Array.from({ length: windows }, (_v, i) => i).sort((a, b) => moves[a] - moves[b] || a - b);
  const taken: number[] = [];
  const blocked = new Uint8Array(windows);
  for (const i of order) {
    if (taken.length === count) break;
    if (blocked[i]) continue;
    taken.push(i);
    for (let j = Math.max(0, i - horizonDays + 1); j < Math.min(windows, i + horizonDays); j++) blocked[j] = 1;
  }
  return taken.map((i) => ({ startDate: dates[i], endDate: dates[i + horizonDays], returnPct: moves[i] * 100 }));
}
