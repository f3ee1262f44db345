/**
 * Market depth and price impact of liquidation orders (docs/methodology stress-book-runs, "Depth and
 * price impact"). Per asset a:
 *
 *   D_a = depthFraction × ADV_a × m_a          depth in USD; ADV = average daily traded value over the last
 *                                                windowDays rows (calibration/liquidation.ts averageDailyVolumeUsd),
 *                                                m_a = the scenario's liquidity multiplier (depthMultiplierUnderShock)
 *   I_a(V) = k_a × (V / D_a)^β                  relative price impact of a net market order of V USD
 *   k_a = Y × σ_d,a                              Y the impact coefficient (default 1), σ_d the zero-mean daily vol
 *                                                √(mean r²) of simple daily returns over volLookbackDays rows
 *
 * With depthFraction = 1 and β = ½ this is the square-root law I = Y·σ_d·√(V/ADV) (Tóth et al. 2011,
 * Phys. Rev. X 1, 021006) that the calibration lab already uses for liquidation costs, so the cascade and
 * the calibrated MMRs price the same liquidity. The cascade moves the price by exp(±I) (cascade.ts).
 */
import { averageDailyVolumeUsd } from '../calibration/liquidation';
import { dateIndex } from '../calibration/lossHistory';
import { InputError } from '../errors';

export interface AssetDepth {
  /** D before the scenario's liquidity multiplier, USD. */
  depthUsd: number;
  /** k: relative impact of an order as large as the depth. */
  impactCoefficient: number;
  /** β > 0. */
  impactExponent: number;
}

export type DepthModel = Record<string, AssetDepth>;

export interface VolumeSeries {
  asset: string;
  dates: readonly string[];
  close: Float64Array;
  /** Traded volume per day, in base units (× close = USD) unless volumeUnit is 'usd'. */
  volume: Float64Array;
  volumeUnit?: 'base' | 'usd';
}

export interface DepthFromVolumeOptions {
  /** Rows of the ADV average (default 30). */
  windowDays?: number;
  /** D = depthFraction × ADV (default 1: the depth of the square-root law). */
  depthFraction?: number;
  /** Y (default 1). */
  impactCoefficient?: number;
  /** β (default 0.5). */
  impactExponent?: number;
  /** Rows of daily returns of σ_d (default 30). */
  volLookbackDays?: number;
}

export function requireAssetDepth(d: AssetDepth, asset: string): void {
  if (!(d.depthUsd > 0 && Number.isFinite(d.depthUsd))) throw new InputError(`depth.${asset}.depthUsd: must be a positive USD amount, got ${d.depthUsd}`);
  if (!(d.impactCoefficient >= 0 && Number.isFinite(d.impactCoefficient))) {
    throw new InputError(`depth.${asset}.impactCoefficient: must be a finite number >= 0, got ${d.impactCoefficient}`);
  }
  if (!(d.impactExponent > 0 && Number.isFinite(d.impactExponent))) {
    throw new InputError(`depth.${asset}.impactExponent: must be a finite number > 0, got ${d.impactExponent}`);
  }
}

/** I = k·(V / (D·m))^β for a net order of volumeUsd ≥ 0 under depth multiplier m > 0. */
export function priceImpact(depth: AssetDepth, volumeUsd: number, depthMultiplier = 1): number {
  if (!(volumeUsd >= 0 && Number.isFinite(volumeUsd))) throw new InputError(`priceImpact: volumeUsd must be a finite number >= 0, got ${volumeUsd}`);
  if (!(depthMultiplier > 0 && Number.isFinite(depthMultiplier))) throw new InputError(`priceImpact: depth multiplier must be > 0, got ${depthMultiplier}`);
  if (volumeUsd === 0) return 0;
  return depth.impactCoefficient * (volumeUsd / (depth.depthUsd * depthMultiplier)) ** depth.impactExponent;
}

/** Zero-mean daily vol of the simple returns of the `lookback` rows ending at row t. */
function dailyVolEndingAt(close: Float64Array, t: number, lookback: number, asset: string): number {
  if (t < lookback) throw new InputError(`${asset}: ${lookback} daily returns needed before row ${t}, only ${t} available`);
  let ss = 0;
  for (let i = t - lookback + 1; i <= t; i++) {
    const r = close[i] / close[i - 1] - 1;
    if (!Number.isFinite(r)) throw new InputError(`${asset}: close on row ${i} or ${i - 1} is not a positive price`);
    ss += r * r;
  }
  return Math.sqrt(ss / lookback);
}

/** The depth model of each series at date `asOf` (file header). */
export function depthModelFromVolume(series: readonly VolumeSeries[], asOf: string, options: DepthFromVolumeOptions = {}): DepthModel {
  const windowDays = options.windowDays ?? 30;
  const depthFraction = options.depthFraction ?? 1;
  const y = options.impactCoefficient ?? 1;
  const beta = options.impactExponent ?? 0.5;
  const lookback = options.volLookbackDays ?? 30;
  if (!(depthFraction > 0 && Number.isFinite(depthFraction))) throw new InputError(`depthFraction: must be a finite number > 0, got ${depthFraction}`);
  if (!Number.isInteger(lookback) || lookback < 1) throw new InputError(`volLookbackDays: must be a positive integer, got ${lookback}`);
  const out: DepthModel = {};
  for (const s of series) {
    const adv = averageDailyVolumeUsd(s, asOf, windowDays, s.volumeUnit ?? 'base');
    const t = dateIndex(s.dates, asOf, s.asset);
    const d: AssetDepth = { depthUsd: depthFraction * adv, impactCoefficient: y * dailyVolEndingAt(s.close, t, lookback, s.asset), impactExponent: beta };
    requireAssetDepth(d, s.asset);
    out[s.asset] = d;
  }
  return out;
}
