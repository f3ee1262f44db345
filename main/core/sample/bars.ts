/**
 * From a simulated log-close path to OHLCV bars with decimal-string fields. Crypto trades around the
 * clock, so each day opens at the previous close (as on Binance's daily candles); the intraday high and
 * low extend beyond the open/close body by the day's wicks. Rounding is monotone (toFixed), so the
 * rounded bar keeps low ≤ min(open, close) ≤ max(open, close) ≤ high.
 */
import type { Bar } from '../market/types';
import { InputError } from '../errors';
import type { Rng } from '../numeric/rng';

export interface BarInputs {
  symbol: string;
  dates: string[];
  logClose: Float64Array;
  /** ln(close_0 / open_0) of the first day. */
  firstDayLogReturn: number;
  /** Excursion of the low below min(open, close) and of the high above max(open, close), log units. */
  lowWickLog: Float64Array;
  highWickLog: Float64Array;
  /** USD traded that day; the bar stores base-asset units = volumeUsd / close. */
  volumeUsd: Float64Array;
  pricePrecision: number;
  volumePrecision: number;
}

export function formatBars(input: BarInputs): Bar[] {
  const { dates, logClose, pricePrecision: pp, volumePrecision: vp } = input;
  const n = dates.length;
  const tick = Math.pow(10, -pp);
  const bars = new Array<Bar>(n);
  let open = (Math.exp(logClose[0] - input.firstDayLogReturn)).toFixed(pp);
  for (let t = 0; t < n; t++) {
    const closeFloat = Math.exp(logClose[t]);
    const close = closeFloat.toFixed(pp);
    const o = Number(open);
    const c = Number(close);
    if (!(c >= tick) || !(o >= tick)) {
      throw new InputError(`${input.symbol} ${dates[t]}: price ${closeFloat} rounds to zero at pricePrecision ${pp}`);
    }
    const high = (Math.max(o, c) * Math.exp(input.highWickLog[t])).toFixed(pp);
    let low = (Math.min(o, c) * Math.exp(-input.lowWickLog[t])).toFixed(pp);
    if (Number(low) < tick) low = tick.toFixed(pp);
    let volume = (input.volumeUsd[t] / closeFloat).toFixed(vp);
    if (Number(volume) <= 0) volume = Math.pow(10, -vp).toFixed(vp);
    bars[t] = { date: dates[t], open, high, low, close, volume };
    open = close;
  }
  return bars;
}

/** Exponential draw with the given mean (wick lengths: many small wicks, a few long ones). */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.uniform()) * mean;
}

/**
 * Log USD volume: a log-linear trend from volumeUsdFirst to volumeUsdLast, plus
 * sensitivity·ln(1 + |r_t|/scale) (volume rises with the size of the move; Karpoff 1987), plus a
 * stationary AR(1) noise with the given sd.
 */
export function volumeUsdPath(
  logReturns: Float64Array, scale: number,
  p: { volumeUsdFirst: number; volumeUsdLast: number; volumeReturnSensitivity: number; volumePersistence: number; volumeNoiseSd: number },
  rng: Rng,
): Float64Array {
  const n = logReturns.length;
  const out = new Float64Array(n);
  const start = Math.log(p.volumeUsdFirst);
  const slope = n > 1 ? (Math.log(p.volumeUsdLast) - start) / (n - 1) : 0;
  const innovationSd = p.volumeNoiseSd * Math.sqrt(1 - p.volumePersistence * p.volumePersistence);
  let u = p.volumeNoiseSd * rng.normal();
  for (let t = 0; t < n; t++) {
    if (t > 0) u = p.volumePersistence * u + innovationSd * rng.normal();
    const move = p.volumeReturnSensitivity * Math.log1p(Math.abs(logReturns[t]) / scale);
    out[t] = Math.exp(start + slope * t + move + u);
  }
  return out;
}

/** Daily log returns of a log-close path; entry 0 is the first day's open-to-close return. */
export function logReturnsOf(logClose: Float64Array, firstDayLogReturn: number): Float64Array {
  const r = new Float64Array(logClose.length);
  r[0] = firstDayLogReturn;
  for (let t = 1; t < logClose.length; t++) r[t] = logClose[t] - logClose[t - 1];
  return r;
}
