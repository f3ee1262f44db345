/**
 * Liquidation-horizon tail move with a liquidity term, shared by bracket MMRs and collateral
 * haircuts (docs/methodology, "Liquidation horizon and market impact").
 *
 * A position of notional N (USD) in an asset trading ADV (USD per day) is unwound at participation
 * rate π of daily volume, so it takes N / (π·ADV) days on top of the close-out horizon h:
 *
 *   h_eff(N) = h + N / (π · ADV)                                   days
 *   tail(N)  = q_h · √(h_eff / h)                                  square-root-of-time from the
 *                                                                   empirical h-day quantile q_h
 *   impact(N) = Y · σ_d · √(N / ADV)                              square-root market impact
 *   requirement(N) = tail(N) + impact(N)                            fraction of notional
 *
 * The impact law is the empirical square-root law (Tóth et al. 2011, Phys. Rev. X 1; the
 * Almgren, Thum, Hauptmann & Li 2005 "Direct estimation of equity market impact" fit gives an
 * exponent 0.6 for temporary impact, close to ½), with σ_d the daily vol over the lookback and
 * Y ≈ 1 (default). √-time scaling assumes serially independent returns; vol clustering makes long
 * horizons only approximately √h, which is why h_eff is reported with every figure.
 */
import { InputError } from '../errors';
import { dateIndex } from './lossHistory';

export interface LiquidityParameters {
  /** Fraction of average daily volume the liquidator may trade, e.g. 0.1. */
  participationRate: number;
  /** Impact coefficient Y of the square-root law (default 1). */
  impactCoefficient?: number;
}

export interface LiquidationTerms {
  notionalUsd: number;
  liquidationDays: number;
  tailMove: number;
  impactCost: number;
  requirement: number;
}

export function checkLiquidity(p: LiquidityParameters, advUsd: number): void {
  if (!(p.participationRate > 0 && p.participationRate <= 1)) throw new InputError(`participationRate must lie in (0, 1], got ${p.participationRate}`);
  if (p.impactCoefficient !== undefined && !(p.impactCoefficient >= 0 && Number.isFinite(p.impactCoefficient))) {
    throw new InputError(`impactCoefficient must be a non-negative number, got ${p.impactCoefficient}`);
  }
  if (!(advUsd > 0 && Number.isFinite(advUsd))) throw new InputError(`average daily volume must be a positive USD amount, got ${advUsd}`);
}

/** The requirement for a position of `notionalUsd` given q_h, σ_d and ADV (formulas above). */
export function liquidationTerms(
  notionalUsd: number,
  quantileH: number,
  horizonDays: number,
  dailyVol: number,
  advUsd: number,
  p: LiquidityParameters,
): LiquidationTerms {
  if (!(notionalUsd >= 0 && Number.isFinite(notionalUsd))) throw new InputError(`notionalUsd must be a non-negative number, got ${notionalUsd}`);
  const liquidationDays = horizonDays + notionalUsd / (p.participationRate * advUsd);
  const tailMove = quantileH * Math.sqrt(liquidationDays / horizonDays);
  const impactCost = (p.impactCoefficient ?? 1) * dailyVol * Math.sqrt(notionalUsd / advUsd);
  return { notionalUsd, liquidationDays, tailMove, impactCost, requirement: tailMove + impactCost };
}

/**
 * Average daily traded value in USD over the `days` rows ending at `at`:
 * ADV = (1/d) Σ volume_i · close_i when volume is in base units (Binance klines), (1/d) Σ volume_i
 * when it is already USD notional (Yahoo stablecoin files).
 */
export function averageDailyVolumeUsd(
  series: { asset: string; dates: readonly string[]; close: Float64Array; volume: Float64Array },
  at: string,
  days = 30,
  volumeUnit: 'base' | 'usd' = 'base',
): number {
  if (!Number.isInteger(days) || days < 1) throw new InputError(`ADV days must be a positive integer, got ${days}`);
  if (series.volume.length !== series.dates.length) throw new InputError(`${series.asset}: ${series.volume.length} volumes for ${series.dates.length} dates`);
  const t = dateIndex(series.dates, at, series.asset);
  if (t + 1 < days) throw new InputError(`${series.asset}: only ${t + 1} of the ${days} days of volume needed end on or before ${at}`);
  let sum = 0;
  for (let i = t - days + 1; i <= t; i++) {
    const v = series.volume[i];
    if (!(Number.isFinite(v) && v >= 0)) throw new InputError(`${series.asset}: volume on ${series.dates[i]} must be a non-negative number, got ${v}`);
    sum += volumeUnit === 'base' ? v * series.close[i] : v;
  }
  if (!(sum > 0)) throw new InputError(`${series.asset}: no traded volume in the ${days} days to ${at}`);
  return sum / days;
}

/** Zero-mean daily vol √(mean r²) of the daily returns ending in (t − L, t]. */
export function dailyVolOver(dailyReturn: Float64Array, t: number, lookbackDays: number): number {
  const from = Math.max(0, t - lookbackDays);
  let ss = 0;
  for (let j = from; j < t; j++) ss += dailyReturn[j] * dailyReturn[j];
  return Math.sqrt(ss / (t - from));
}
