/**
 * Collateral haircuts and a collateral quality score per asset (docs/methodology, "Haircuts").
 *
 * Collateral is a LONG holding that the exchange sells when the account defaults, so only the
 * downside counts:
 *   q_h      = Q7_α{ −r_e } over the lookback (the long's h-day loss quantile, floored at 0)
 *   haircut  = min(1, tail(A) + impact(A))       liquidation.ts with A = the reference collateral
 *                                                 amount to liquidate (USD)
 *   quality  = 1 − haircut ∈ [0, 1]              share of the value the exchange can count on
 * Assets are ranked by quality (1 = best). Haircuts are rounded up to 0.0001 for the collateral
 * table (`haircuts` of the tiered model's CollateralConfig).
 */
import { InputError } from '../errors';
import { quantileOfUnsorted } from '../numeric/quantile';
import { bootstrapQuantile } from './bootstrap';
import type { BootstrapOptions } from './bootstrap';
import { checkConfidence, tailSample } from './calibrateScanRange';
import { checkLiquidity, dailyVolOver, liquidationTerms } from './liquidation';
import type { LiquidationTerms, LiquidityParameters } from './liquidation';
import { assetLossHistory, dateIndex } from './lossHistory';
import type { CloseSeries } from './lossHistory';
import { intervalRecord, requireAppVersion, toDecimalString } from './provenance';
import type { CalibrationProvenance } from './provenance';

export interface CollateralAssetInput {
  series: CloseSeries;
  /** Average daily traded value in USD (averageDailyVolumeUsd). */
  advUsd: number;
}

export interface HaircutOptions {
  confidence: number;
  lookbackDays: number;
  /** Close-out horizon before size effects (days). */
  horizonDays: number;
  at?: string;
  /** Reference amount of collateral to liquidate, USD. */
  liquidationAmountUsd: number;
  liquidity: LiquidityParameters;
  bootstrap: BootstrapOptions;
  appVersion: string;
}

export interface HaircutCalibration extends LiquidationTerms {
  asset: string;
  quantileH: number;
  dailyVol: number;
  advUsd: number;
  haircut: number;
  haircutDecimal: string;
  /** Haircut at the lower / upper end of the bootstrap interval of q_h. */
  haircutLower: number;
  haircutUpper: number;
  qualityScore: number;
  /** 1 = best collateral among the assets calibrated together. */
  qualityRank: number;
  provenance: CalibrationProvenance;
}

export interface CollateralCalibration {
  /** Shape of the contract's CollateralConfig `haircuts` (decimal strings in [0, 1]). */
  haircuts: Record<string, string>;
  assets: HaircutCalibration[];
}

function calibrateOne(input: CollateralAssetInput, options: HaircutOptions): Omit<HaircutCalibration, 'qualityRank'> {
  const { series, advUsd } = input;
  checkLiquidity(options.liquidity, advUsd);
  const history = assetLossHistory(series, options.horizonDays);
  const at = options.at ?? series.dates[series.dates.length - 1];
  const sample = tailSample(history, at, options.lookbackDays, 'loss');
  const q = Math.max(0, quantileOfUnsorted(sample.values, options.confidence));
  const ci = bootstrapQuantile(sample.values, options.confidence, options.bootstrap);
  const t = dateIndex(series.dates, at, series.asset);
  const dailyVol = dailyVolOver(history.dailyReturn, t, options.lookbackDays);
  const h = options.horizonDays;
  const terms = liquidationTerms(options.liquidationAmountUsd, q, h, dailyVol, advUsd, options.liquidity);
  const haircut = Math.min(1, terms.requirement);
  const bound = (qq: number) => Math.min(1, liquidationTerms(options.liquidationAmountUsd, Math.max(0, qq), h, dailyVol, advUsd, options.liquidity).requirement);
  return {
    ...terms,
    asset: series.asset,
    quantileH: q,
    dailyVol,
    advUsd,
    haircut,
    haircutDecimal: toDecimalString(haircut, 4, 'up'),
    haircutLower: bound(ci.lower),
    haircutUpper: bound(ci.upper),
    qualityScore: 1 - haircut,
    provenance: {
      asset: series.asset,
      dataFrom: sample.dataFrom,
      dataTo: sample.dataTo,
      observations: sample.values.length,
      confidence: options.confidence,
      lookbackDays: options.lookbackDays,
      horizonDays: h,
      method: `long-loss-quantile+liquidation-horizon+sqrt-impact(amountUsd=${options.liquidationAmountUsd},participation=${options.liquidity.participationRate},Y=${options.liquidity.impactCoefficient ?? 1})`,
      confidenceInterval: intervalRecord(ci),
      appVersion: options.appVersion,
    },
  };
}

export function calibrateHaircuts(inputs: readonly CollateralAssetInput[], options: HaircutOptions): CollateralCalibration {
  checkConfidence(options.confidence);
  requireAppVersion(options.appVersion);
  if (inputs.length === 0) throw new InputError('no collateral assets to calibrate');
  if (!(options.liquidationAmountUsd >= 0 && Number.isFinite(options.liquidationAmountUsd))) {
    throw new InputError(`liquidationAmountUsd must be a non-negative number, got ${options.liquidationAmountUsd}`);
  }
  const seen = new Set<string>();
  for (const i of inputs) {
    if (seen.has(i.series.asset)) throw new InputError(`collateral asset ${i.series.asset} is listed twice`);
    seen.add(i.series.asset);
  }
  const results = inputs.map((i) => calibrateOne(i, options));
  const order = results.map((r, i) => i).sort((a, b) => results[b].qualityScore - results[a].qualityScore || results[a].asset.localeCompare(results[b].asset));
  const rank = new Array<number>(results.length);
  order.forEach((idx, k) => {
    rank[idx] = k + 1;
  });
  const assets = results.map((r, i) => ({ ...r, qualityRank: rank[i] }));
  const haircuts: Record<string, string> = {};
  for (const a of assets) haircuts[a.asset] = a.haircutDecimal;
  return { haircuts, assets };
}
