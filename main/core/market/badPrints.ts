
/**
 * Suspected bad prints in a daily OHLCV history. These are flags for a human to look at, never
 * corrections: crypto has real −50% wicks and +70% days, and the importer keeps every value as
 * given (design.md: gaps and anomalies are reported, never silently fixed).
 *
 * Rules (docs/formats.md):
 * - low wick:   low more than `lowDropFraction` below BOTH open and close of the same day
 *               (1 − low/open > f and 1 − low/close > f);
 * - high wick:  high more than `highRiseFraction` above BOTH open and close
 *               (high/open − 1 > f and high/close − 1 > f);
 * - close spike: a close-to-close move |c_t / c_{t−1} − 1| > `closeMoveFraction` that reverses the
 *               next row: ln(c_{t+1}/c_t) has the opposite sign and retraces at least
 *               `minReversalFraction` of |ln(c_t/c_{t−1})|. Log returns make +150% and −60% mirror
 *               images, so a spike up and a spike down are judged alike. "Next" and "previous" are
 *               adjacent rows, even across a calendar gap (gaps are reported separately);
 * - zero volume: volume = 0 (no trades that day, or a placeholder row).
 */

export interface BadPrintThresholds {
  /** 0.5 = a low more than 50% below both open and close. */
  lowDropFraction: number;
  /** 1.0 = a high more than 100% above both open and close. */
  highRiseFraction: number;
  /** 0.6 = a close-to-close move beyond ±60%. */
  closeMoveFraction: number;
  /** 0.5 = the next day gives back at least half of the move (in log terms). */
  minReversalFraction: number;
}

export const DEFAULT_BAD_PRINT_THRESHOLDS: Readonly<BadPrintThresholds> = Object.freeze({
  lowDropFraction: 0.5,
  highRiseFraction: 1.0,
  closeMoveFraction: 0.6,
  minReversalFraction: 0.5,
});

/**
 * Fractions are compared with this slack so that float64 rounding of `c/p − 1` (160/100 − 1 =
 * 0.6000000000000001) does not push a move of exactly the threshold over the line.
 */
const ROUNDING_SLACK = 1e-12;

export type BadPrintRule = 'low-wick' | 'high-wick' | 'close-spike' | 'zero-volume';

/** The numeric columns the rules read; a PriceSeries qualifies. */
export interface OhlcvColumns {
  /** UTC days, ascending. */
  dates: readonly string[];
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

export interface SuspectedBadPrint {
  /** Row index in the input columns. */
  index: number;
  date: string;
  field: 'low' | 'high' | 'close' | 'volume';
  /** The flagged value. */
  value: number;
  rule: BadPrintRule;
  /** Human-readable explanation with the measured sizes. */
  reason: string;
}

function pct(fraction: number): string {
  const text = (fraction * 100).toFixed(1);
  return fraction > 0 ? `+${text}%` : `${text}%`;
}

function validateThresholds(t: BadPrintThresholds): void {
  for (const [name, value] of Object.entries(t)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  if (t.lowDropFraction >= 1) throw new RangeError(`lowDropFraction must be below 1, got ${t.lowDropFraction}`);
}

/**
 * Flags in row order (per row: low, high, close, volume). Rows must be in ascending date order
 * with positive prices, as the price importer guarantees.
 */
export function suspectedBadPrints(
  series: OhlcvColumns,
  thresholds: BadPrintThresholds = DEFAULT_BAD_PRINT_THRESHOLDS,
): SuspectedBadPrint[] {
  validateThresholds(thresholds);
  const { lowDropFraction, highRiseFraction, closeMoveFraction, minReversalFraction } = thresholds;
  const { dates, open, high, low, close, volume } = series;
  const n = dates.length;
  for (const [name, column] of Object.entries({ open, high, low, close, volume })) {
    if (column.length !== n) throw new RangeError(`${name} has ${column.length} values for ${n} dates`);
  }

  const flags: SuspectedBadPrint[] = [];
  for (let i = 0; i < n; i++) {
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const date = dates[i];

    const lowLimit = lowDropFraction + ROUNDING_SLACK;
    if (1 - l / o > lowLimit && 1 - l / c > lowLimit) {
      flags.push({
        index: i, date, field: 'low', value: l, rule: 'low-wick',
        reason: `low ${l} is ${pct(l / o - 1)} vs open ${o} and ${pct(l / c - 1)} vs close ${c}`,
      });
    }
    const highLimit = highRiseFraction + ROUNDING_SLACK;
    if (h / o - 1 > highLimit && h / c - 1 > highLimit) {
      flags.push({
        index: i, date, field: 'high', value: h, rule: 'high-wick',
        reason: `high ${h} is ${pct(h / o - 1)} vs open ${o} and ${pct(h / c - 1)} vs close ${c}`,
      });
    }
    if (i > 0 && i + 1 < n) {
      const move = c / close[i - 1] - 1;
      if (Math.abs(move) > closeMoveFraction + ROUNDING_SLACK) {
        const logMove = Math.log(c / close[i - 1]);
        const logNext = Math.log(close[i + 1] / c);
        if (Math.sign(logNext) === -Math.sign(logMove) && Math.abs(logNext) >= minReversalFraction * Math.abs(logMove)) {
          flags.push({
            index: i, date, field: 'close', value: c, rule: 'close-spike',
            reason: `close ${c} is ${pct(move)} vs ${close[i - 1]} on ${dates[i - 1]} and reverses ${pct(close[i + 1] / c - 1)}`
              + ` to ${close[i + 1]} on ${dates[i + 1]}`,
          });
        }
      }
    }
    if (volume[i] === 0) {
      flags.push({ index: i, date, field: 'volume', value: 0, rule: 'zero-volume', reason: 'zero volume' });
    }
  }
  return flags;
}
