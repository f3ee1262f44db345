/**
 * The loss sample every VaR engine reads, built once per asset (or fixed portfolio) and horizon
 * (docs/methodology, "VaR engines"). Indexing is by DATE index d of the aligned close series:
 *
 *   horizonLoss[d] = −(P_d / P_{d−h} − 1)   the h-day loss that ENDS at d (NaN for d < h)
 *   dailyReturn[j] = P_{j+1} / P_j − 1      the 1-day return that ends at date j + 1
 *
 * h-day losses overlap (design.md). A fixed portfolio holds constant weights w_i of notional
 * (rebalanced to those weights), so its return is Σ w_i r_i for every horizon and its loss per unit
 * of notional is −Σ w_i r_i. Observations are rows of the aligned series: a gap in the dates makes
 * a return span more calendar days, which the caller (align.ts) reports; nothing is filled here.
 */
import { InputError } from '../errors';
import { simpleReturns } from '../market/returns';
import { ewmaVariance } from '../market/ewma';

export interface CloseSeries {
  /** Asset symbol, used in error messages and provenance. */
  asset: string;
  /** UTC days `YYYY-MM-DD`, strictly ascending. */
  dates: readonly string[];
  /** Close prices (USD per unit), finite and > 0. */
  close: Float64Array;
}

export interface FixedPortfolio {
  dates: readonly string[];
  /** One close series per asset, all aligned on `dates`. */
  assets: readonly { asset: string; close: Float64Array }[];
  /** Weight of each asset as a fraction of portfolio notional (negative = short). */
  weights: readonly number[];
}

export interface LossHistory {
  /** What the losses belong to, e.g. `BTC` or `portfolio(BTC:0.6,ETH:0.4)`. */
  label: string;
  dates: readonly string[];
  horizonDays: number;
  /** horizonLoss[d]: loss over (d − h, d] as a fraction of notional; NaN for d < h. */
  horizonLoss: Float64Array;
  /** dailyReturn[j]: return over (j, j + 1]; length = dates.length − 1. */
  dailyReturn: Float64Array;
}

export function requireHorizon(horizonDays: number): void {
  if (!Number.isInteger(horizonDays) || horizonDays < 1) {
    throw new InputError(`horizonDays must be a positive integer, got ${horizonDays}`);
  }
}

function checkDates(dates: readonly string[], what: string): void {
  for (let i = 0; i < dates.length; i++) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dates[i])) throw new InputError(`${what}: date at row ${i} is not YYYY-MM-DD: "${dates[i]}"`);
    if (i > 0 && dates[i] <= dates[i - 1]) {
      throw new InputError(`${what}: dates must be strictly ascending, row ${i} (${dates[i]}) follows ${dates[i - 1]}`);
    }
  }
}

function checkCloses(close: Float64Array, dates: readonly string[], what: string): void {
  if (close.length !== dates.length) {
    throw new InputError(`${what}: ${close.length} closes for ${dates.length} dates`);
  }
  for (let i = 0; i < close.length; i++) {
    if (!(Number.isFinite(close[i]) && close[i] > 0)) {
      throw new InputError(`${what}: close on ${dates[i]} must be a positive finite number, got ${close[i]}`);
    }
  }
}

/** Losses of a long position of one unit of notional in one asset. */
export function assetLossHistory(series: CloseSeries, horizonDays: number): LossHistory {
  requireHorizon(horizonDays);
  checkDates(series.dates, series.asset);
  checkCloses(series.close, series.dates, series.asset);
  const n = series.close.length;
  if (n <= horizonDays) throw new InputError(`${series.asset}: ${n} closes give no ${horizonDays}-day return`);
  const rh = simpleReturns(series.close, horizonDays);
  const horizonLoss = new Float64Array(n).fill(NaN);
  for (let i = 0; i < rh.length; i++) horizonLoss[i + horizonDays] = -rh[i];
  return {
    label: series.asset,
    dates: series.dates,
    horizonDays,
    horizonLoss,
    dailyReturn: simpleReturns(series.close, 1),
  };
}

/** Losses of a fixed-weight portfolio: loss = −Σ w_i r_i for the h-day and the 1-day returns. */
export function portfolioLossHistory(portfolio: FixedPortfolio, horizonDays: number): LossHistory {
  requireHorizon(horizonDays);
  const { dates, assets, weights } = portfolio;
  if (assets.length === 0) throw new InputError('portfolio has no assets');
  if (weights.length !== assets.length) throw new InputError(`portfolio has ${assets.length} assets but ${weights.length} weights`);
  weights.forEach((w, i) => {
    if (!Number.isFinite(w)) throw new InputError(`weight of ${assets[i].asset} must be a finite number, got ${w}`);
  });
  if (weights.every((w) => w === 0)) throw new InputError('portfolio weights are all zero');
  checkDates(dates, 'portfolio');
  const n = dates.length;
  if (n <= horizonDays) throw new InputError(`portfolio: ${n} dates give no ${horizonDays}-day return`);
  const horizonLoss = new Float64Array(n).fill(NaN);
  for (let d = horizonDays; d < n; d++) horizonLoss[d] = 0;
  const dailyReturn = new Float64Array(n - 1);
  assets.forEach(({ asset, close }, k) => {
    checkCloses(close, dates, asset);
    const w = weights[k];
    const rh = simpleReturns(close, horizonDays);
    for (let i = 0; i < rh.length; i++) horizonLoss[i + horizonDays] -= w * rh[i];
    const r1 = simpleReturns(close, 1);
    for (let j = 0; j < r1.length; j++) dailyReturn[j] += w * r1[j];
  });
  const label = `portfolio(${assets.map((a, k) => `${a.asset}:${weights[k]}`).join(',')})`;
  return { label, dates, horizonDays, horizonLoss, dailyReturn };
}

export const DEFAULT_EWMA_LAMBDA = 0.94;
/** Returns that seed the EWMA (design.md: mean of squared returns over the first 30). */
export const EWMA_SEED_COUNT = 30;

/**
 * EWMA daily volatility known at the close of each date: volAtDate[d] = √σ²  with σ² built from
 * the daily returns up to and including date d (ewma.ts recursion), i.e. the one-day-ahead forecast
 * for (d, d + 1]. NaN until the seed is complete (date index < 30): ewma.ts's expanding mean over
 * fewer returns is too noisy to devolatilise losses with.
 */
export function ewmaVolAtDate(history: LossHistory, lambda = DEFAULT_EWMA_LAMBDA): Float64Array {
  if (!(lambda > 0 && lambda < 1)) throw new InputError(`ewmaLambda must lie in (0, 1), got ${lambda}`);
  const s2 = ewmaVariance(history.dailyReturn, lambda, EWMA_SEED_COUNT);
  const out = new Float64Array(history.dates.length).fill(NaN);
  for (let j = EWMA_SEED_COUNT - 1; j < s2.length; j++) out[j + 1] = Math.sqrt(s2[j]);
  return out;
}

/** Index of the first date >= `date` (dates.length when none). */
export function firstIndexOnOrAfter(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `date` in the history; InputError naming the date when it is absent. */
export function dateIndex(dates: readonly string[], date: string, what: string): number {
  const i = firstIndexOnOrAfter(dates, date);
  if (i >= dates.length || dates[i] !== date) {
    throw new InputError(`${what}: date ${date} is not in the series (${dates[0]} .. ${dates[dates.length - 1]})`);
  }
  return i;
}
