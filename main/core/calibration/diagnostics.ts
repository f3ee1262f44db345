/**
 * Per-asset data diagnostics shown before a calibration (docs/methodology, "Data diagnostics").
 * Distribution statistics are of DAILY LOG returns ln(P_t/P_{t−1}):
 * - mean: arithmetic mean of the daily log returns;
 * - annualised vol: sample standard deviation (n − 1 denominator) × √365;
 * - skewness g1 and excess kurtosis g2: population-moment estimators, as scipy.stats.skew /
 *   scipy.stats.kurtosis with bias=True (numeric/moments.ts);
 * - Jarque–Bera JB = n/6 (g1² + g2²/4), p-value P(χ²₂ > JB) (scipy.stats.jarque_bera);
 * - ADF with a constant on ln P (a unit root is expected: large p-value) and on the daily log
 *   returns (stationary: small p-value), lags fixed or chosen by AIC (./adf.ts);
 * - maximum drawdown of the closes and the worst non-overlapping h-day moves (market/drawdown.ts);
 * - missing calendar days between the first and last close (a return across a gap spans
 *   several days: the count tells the reader how often that happened).
 */
import { InputError } from '../errors';
import { jarqueBera, mean, sampleStdev } from '../numeric/moments';
import { calendarGaps, missingDayCount } from '../market/calendar';
import { requirePositivePrices, requireSameLength } from '../market/checks';
import type { MaxDrawdown, WorstMove } from '../market/drawdown';
import { maxDrawdown, worstMoves } from '../market/drawdown';
import { annualiseVol } from '../market/ewma';
import { logReturns } from '../market/returns';
import type { PriceSeries } from '../market/types';
import type { AdfOptions, AdfResult } from './adf';
import { adfTest } from './adf';

/** Fewer closes than this leave the ADF regressions and moments meaningless. */
export const DIAGNOSTICS_MIN_CLOSES = 10;

export interface DiagnoseOptions {
  /** Horizon of the worst-move table, in days (rows). */
  horizonDays: number;
  /** Fixed ADF lag count, or 'aic' (default) for AIC selection. */
  adfLags?: number | 'aic';
  /** Largest lag searched by AIC (default min(⌈12 (n/100)^{1/4}⌉, ⌊n/2⌋ − 2)). */
  maxAdfLags?: number;
  /** How many worst moves to list (default 5). */
  worstMoveCount?: number;
}

export interface AssetDiagnostics {
  asset: string;
  firstDate: string;
  lastDate: string;
  /** Number of closes (the daily log returns number one fewer). */
  closes: number;
  /** Calendar days between firstDate and lastDate with no close. */
  missingDays: number;
  returns: number;
  /** Mean daily log return. */
  meanDailyLogReturn: number;
  /** Sample standard deviation of daily log returns × √365. */
  annualisedVol: number;
  /** Population-moment skewness (scipy.stats.skew, bias=True). */
  skewness: number;
  /** Population-moment excess kurtosis (scipy.stats.kurtosis, fisher=True, bias=True). */
  excessKurtosis: number;
  jarqueBera: { statistic: number; pValue: number };
  /** ADF (constant) on ln P. */
  adfLogPrice: AdfResult;
  /** ADF (constant) on daily log returns. */
  adfReturns: AdfResult;
  maxDrawdown: MaxDrawdown;
  horizonDays: number;
  /** Worst non-overlapping `horizonDays` moves, worst first. */
  worstMoves: WorstMove[];
}

function adfOptions(opts: DiagnoseOptions): AdfOptions {
  const lags = opts.adfLags ?? 'aic';
  if (lags === 'aic') return opts.maxAdfLags === undefined ? { autolag: 'aic' } : { autolag: 'aic', maxLags: opts.maxAdfLags };
  if (opts.maxAdfLags !== undefined) throw new InputError('diagnoseAsset: maxAdfLags applies only with adfLags = \'aic\'');
  return { lags };
}

export function diagnoseAsset(series: PriceSeries, opts: DiagnoseOptions): AssetDiagnostics {
  const { asset, dates, close } = series;
  const what = `diagnoseAsset: ${asset}`;
  requireSameLength(dates, close, what);
  if (close.length < DIAGNOSTICS_MIN_CLOSES) {
    throw new InputError(`${what}: needs at least ${DIAGNOSTICS_MIN_CLOSES} closes, got ${close.length}`);
  }
  requirePositivePrices(close, what, dates);
  const missingDays = missingDayCount(calendarGaps(dates)); // also checks strictly ascending days
  const adf = adfOptions(opts);
  const returns = logReturns(close, 1);
  // Moments, Jarque–Bera and ADF are undefined for a constant price: refuse it naming the asset.
  if (returns.every((r) => r === 0)) {
    throw new InputError(`${what}: the price is ${close[0]} on every day from ${dates[0]} to ${dates[dates.length - 1]}; a constant price has no return distribution to diagnose`);
  }
  const jb = jarqueBera(returns);
  const logPrice = close.map(Math.log);
  return {
    asset,
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
    closes: close.length,
    missingDays,
    returns: returns.length,
    meanDailyLogReturn: mean(returns),
    annualisedVol: annualiseVol(sampleStdev(returns)),
    skewness: jb.skewness,
    excessKurtosis: jb.excessKurtosis,
    jarqueBera: { statistic: jb.statistic, pValue: jb.pValue },
    adfLogPrice: adfTest(logPrice, adf),
    adfReturns: adfTest(returns, adf),
    maxDrawdown: maxDrawdown(close, dates),
    horizonDays: opts.horizonDays,
    worstMoves: worstMoves(close, dates, opts.horizonDays, opts.worstMoveCount ?? 5),
  };
}
