/**
 * Bracket (tiered) maintenance margin rates from liquidation-horizon tail moves that grow with
 * position size (docs/methodology, "Bracket MMRs"). For bracket k with upper notional cap c_k:
 *
 *   MMR_k = tail(c_k) + impact(c_k)            liquidation.ts, evaluated at the cap (every position
 *                                              in the bracket is at most c_k, so this covers all)
 *   q_h   = Q7_α{ |r_e| } over the lookback    (both directions: brackets apply to longs and shorts)
 *   IMR_k ≥ imrMultiple · MMR_k, maxLeverage_k = ⌊1 / (imrMultiple · MMR_k)⌋ ∈ [1, 1000],
 *   IMR_k = 1 / maxLeverage_k (the contract's default)
 *   maintenanceAmount_k = maintenanceAmount_{k−1} + c_{k−1} · (MMR_k − MMR_{k−1}), 0 for k = 1
 *     (Binance's "maintenance amount": keeps MM = N·MMR_k − cum_k continuous at the caps),
 *     computed in Decimal from the rounded rates.
 *
 * MMR rises with c_k, so the table's rates are non-decreasing and leverages non-increasing. The
 * bootstrap interval of q_h is propagated to each MMR through the same formula.
 */
import { InputError } from '../errors';
import { Dec } from '../money/decimal';
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

/** Shape of one bracket in the contract's BracketTableConfig (decimals as strings). */
export interface BracketConfigValue {
  notionalCap: string;
  maxLeverage: string;
  maintenanceMarginRate: string;
  maintenanceAmount: string;
}

/** Shape of the contract's BracketTableConfig for a linear USD table. */
export interface BracketTableConfigValue {
  name: string;
  underlyings: string[];
  settlement: 'linear';
  notionalUnit: 'usd';
  brackets: BracketConfigValue[];
}

export interface BracketOptions {
  confidence: number;
  lookbackDays: number;
  /** Close-out horizon h before any size effect (days). */
  horizonDays: number;
  at?: string;
  /** Upper notional caps in USD, strictly increasing. */
  notionalCapsUsd: readonly number[];
  /** Average daily traded value (USD), e.g. from averageDailyVolumeUsd. */
  advUsd: number;
  liquidity: LiquidityParameters;
  /** IMR ≥ imrMultiple × MMR (default 2). */
  imrMultiple?: number;
  bootstrap: BootstrapOptions;
  appVersion: string;
}

export interface BracketDiagnostics extends LiquidationTerms {
  maintenanceMarginRate: number;
  /** MMR at the lower / upper end of the bootstrap interval of q_h. */
  mmrLower: number;
  mmrUpper: number;
}

export interface BracketCalibration {
  asset: string;
  table: BracketTableConfigValue;
  quantileH: number;
  dailyVol: number;
  advUsd: number;
  brackets: BracketDiagnostics[];
  provenance: CalibrationProvenance;
}

const MAX_LEVERAGE = 1000;

export function calibrateBrackets(series: CloseSeries, options: BracketOptions): BracketCalibration {
  checkConfidence(options.confidence);
  requireAppVersion(options.appVersion);
  checkLiquidity(options.liquidity, options.advUsd);
  const caps = options.notionalCapsUsd;
  if (caps.length === 0) throw new InputError('notionalCapsUsd is empty');
  caps.forEach((c, i) => {
    if (!(c > 0 && Number.isFinite(c))) throw new InputError(`notionalCapsUsd[${i}] must be a positive number, got ${c}`);
    if (i > 0 && !(c > caps[i - 1])) throw new InputError(`notionalCapsUsd must increase: ${c} follows ${caps[i - 1]}`);
  });
  const imrMultiple = options.imrMultiple ?? 2;
  if (!(imrMultiple > 1)) throw new InputError(`imrMultiple must be > 1 (IMR above MMR), got ${imrMultiple}`);
  const history = assetLossHistory(series, options.horizonDays);
  const at = options.at ?? series.dates[series.dates.length - 1];
  const sample = tailSample(history, at, options.lookbackDays, 'abs');
  const q = quantileOfUnsorted(sample.values, options.confidence);
  const ci = bootstrapQuantile(sample.values, options.confidence, options.bootstrap);
  const t = dateIndex(series.dates, at, series.asset);
  const dailyVol = dailyVolOver(history.dailyReturn, t, options.lookbackDays);
  const h = options.horizonDays;
  const diagnostics: BracketDiagnostics[] = caps.map((cap) => {
    const terms = liquidationTerms(cap, q, h, dailyVol, options.advUsd, options.liquidity);
    if (!(terms.requirement < 1)) {
      throw new InputError(`${series.asset}: a ${cap} USD position needs ${terms.requirement.toFixed(4)} of notional (≥ 1): lower the cap or raise participationRate`);
    }
    return {
      ...terms,
      maintenanceMarginRate: terms.requirement,
      mmrLower: liquidationTerms(cap, ci.lower, h, dailyVol, options.advUsd, options.liquidity).requirement,
      mmrUpper: liquidationTerms(cap, ci.upper, h, dailyVol, options.advUsd, options.liquidity).requirement,
    };
  });
  const brackets: BracketConfigValue[] = [];
  let cum = new Dec(0);
  let prevRate = new Dec(0);
  diagnostics.forEach((d, k) => {
    const rate = new Dec(toDecimalString(d.maintenanceMarginRate, 4, 'up'));
    if (k > 0) cum = cum.plus(new Dec(String(caps[k - 1])).times(rate.minus(prevRate)));
    const leverage = Math.min(MAX_LEVERAGE, Math.max(1, Math.floor(1 / (imrMultiple * rate.toNumber()))));
    if (!rate.lt(new Dec(1).div(leverage))) throw new InputError(`${series.asset}: MMR ${rate.toFixed()} of bracket ${k + 1} leaves no room for an IMR ≤ 1`);
    brackets.push({
      notionalCap: new Dec(String(caps[k])).toFixed(),
      maxLeverage: String(leverage),
      maintenanceMarginRate: rate.toFixed(),
      maintenanceAmount: cum.toFixed(),
    });
    prevRate = rate;
  });
  return {
    asset: series.asset,
    table: { name: `${series.asset} calibrated brackets`, underlyings: [series.asset], settlement: 'linear', notionalUnit: 'usd', brackets },
    quantileH: q,
    dailyVol,
    advUsd: options.advUsd,
    brackets: diagnostics,
    provenance: {
      asset: series.asset,
      dataFrom: sample.dataFrom,
      dataTo: sample.dataTo,
      observations: sample.values.length,
      confidence: options.confidence,
      lookbackDays: options.lookbackDays,
      horizonDays: h,
      method: `liquidation-horizon-sqrt-time+sqrt-impact(participation=${options.liquidity.participationRate},Y=${options.liquidity.impactCoefficient ?? 1},imrMultiple=${imrMultiple})`,
      confidenceInterval: intervalRecord(ci),
      appVersion: options.appVersion,
    },
  };
}
