/**
 * Parametric delta-normal VaR of one account with an EWMA covariance matrix, for quick comparison
 * (docs/methodology margin-grid-var, "Parametric VaR"; RiskMetrics Technical Document, 1996, §6):
 *
 *   δ_a   = USD change of the account per unit relative move of asset a (first order):
 *           Σ_{p on a} S_a · q · (Δ_p + b_p)  +  weightedBalance_a · S_a
 *           Δ_p the Black-76 delta of an option (0 for perpetuals/futures), b_p the price coefficient of
 *           portfolioBookTerms.ts (1 linear, CS/entry inverse: its USD delta; 0 linear option, −entry_coin
 *           inverse option: the coin premium owed moves with the coin)
 *   Σ     = EWMA(λ) covariance of daily simple returns up to the as-of date (market/ewma.ts: zero mean,
 *           seeded with the mean of the first 30 cross-products)
 *   VaR   = z_α · √(δᵀ Σ δ) · √h,  z_α = Φ⁻¹(α);  IM = MM = VaR
 * Contribution of asset a (Euler allocation, sums to VaR): z_α √h · δ_a (Σδ)_a / √(δᵀΣδ).
 */
import type { Account } from '../book/types';
import { InputError } from '../errors';
import { EWMA_SEED_COUNT, dateIndex } from '../calibration/lossHistory';
import { black76Greeks } from '../instruments/black76';
import { ewmaCovariance, ewmaVariance } from '../market/ewma';
import { simpleReturns } from '../market/returns';
import type { MarketSnapshot } from '../market/types';
import { fromFloat, type Dec } from '../money/decimal';
import { normalInv } from '../numeric/distributions';
import { closesOf, type PriceHistory } from './historicalScenarios';
import type { ParametricVarModel } from './portfolioConfig';
import { portfolioValuation, type PortfolioPosition, type PortfolioValuation } from './portfolioValuation';
import type { InstrumentLookup } from './tiered';

export interface EwmaCovarianceEstimate {
  asOf: string;
  assets: string[];
  lambda: number;
  /** Daily returns behind the estimate. */
  observations: number;
  /** Daily covariance, k×k row-major. */
  covariance: Float64Array;
}

/** EWMA covariance of the assets' daily simple returns ending at `asOf` (nothing after it is read). */
export function ewmaCovarianceAsOf(history: PriceHistory, assets: readonly string[], asOf: string, lambda: number): EwmaCovarianceEstimate {
  const t0 = dateIndex(history.dates, asOf, 'history');
  if (t0 < EWMA_SEED_COUNT) throw new InputError(`history: ${t0} daily returns end on or before ${asOf}; the EWMA covariance needs at least ${EWMA_SEED_COUNT}`);
  const closes = assets.map((a) => closesOf(history, a));
  const withCloses = closes.flatMap((c, i) => (c === null ? [] : [i]));
  const allReturns = withCloses.map((i) => simpleReturns(closes[i]!.subarray(0, t0 + 1), 1));
  // An asset whose price did not move (EWMA variance exactly 0: every return in the estimate is 0)
  // has no correlation to estimate and adds no risk: like a constant asset it keeps zero rows and
  // columns, rather than failing the whole book (docs/methodology, "Parametric VaR").
  const live = withCloses.flatMap((i, r) => {
    const v = ewmaVariance(allReturns[r]!, lambda, EWMA_SEED_COUNT);
    return v[v.length - 1]! > 0 ? [r] : [];
  });
  const moving = live.map((r) => withCloses[r]!);
  const returns = live.map((r) => allReturns[r]!);
  const inner = moving.length === 0 ? new Float64Array(0) : ewmaCovariance(returns, lambda, EWMA_SEED_COUNT);
  // Constant assets (history.constant) and flat series keep zero rows and columns.
  const K = assets.length;
  const covariance = new Float64Array(K * K);
  moving.forEach((i, r) => moving.forEach((j, c) => { covariance[i * K + j] = inner[r * moving.length + c]; }));
  return { asOf, assets: [...assets], lambda, observations: t0, covariance };
}

/** z_α √h · √(δᵀΣδ), and Σδ for the contributions (written into `sigmaDelta` when given: no allocation). */
export function deltaNormalVar(
  delta: Float64Array, covariance: Float64Array, confidence: number, horizonDays: number, sigmaDelta = new Float64Array(delta.length),
): { valueAtRisk: number; sigmaDelta: Float64Array; stdDevUsd: number } {
  const k = delta.length;
  let variance = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += covariance[i * k + j] * delta[j];
    sigmaDelta[i] = s;
    variance += delta[i] * s;
  }
  const stdDevUsd = Math.sqrt(Math.max(0, variance));
  return { valueAtRisk: normalInv(confidence) * stdDevUsd * Math.sqrt(horizonDays), sigmaDelta, stdDevUsd };
}

/** USD delta per unit relative move of the position's underlying (file header). */
export function positionDeltaUsd(p: PortfolioPosition, rate: number): number {
  const s = p.markPrice.toNumber();
  if (p.kind !== 'option') return s * p.q * (p.settlement === 'linear' ? 1 : p.cs / p.entry);
  const delta = black76Greeks({ optionType: p.optionType!, forward: s, strike: p.strike, expiryDays: p.expiryDays, vol: p.vol, rate }).delta;
  return s * p.q * (delta + (p.settlement === 'linear' ? 0 : -p.entry));
}

export interface ParametricVarAccountMargin {
  accountId: string;
  model: string;
  valuation: PortfolioValuation;
  asOf: string;
  assets: string[];
  deltaUsd: Float64Array;
  dailyVol: Float64Array;
  /** Euler contributions, USD; they sum to VaR. */
  contributionUsd: Float64Array;
  /** 1-day standard deviation of the account's PnL, USD. */
  stdDevUsd: number;
  zScore: number;
  valueAtRiskUsd: Dec;
  equityUsd: Dec;
  initialMarginUsd: Dec;
  maintenanceMarginUsd: Dec;
  marginRatio: Dec | null;
  freeMarginUsd: Dec;
  liquidatable: boolean;
}

/** `covariance` must cover the account's assets (build it once per book with ewmaCovarianceAsOf). */
export function parametricVarAccountMargin(
  account: Account, instruments: InstrumentLookup, market: MarketSnapshot, model: ParametricVarModel, covariance: EwmaCovarianceEstimate,
): ParametricVarAccountMargin {
  if (covariance.asOf !== market.date) throw new InputError(`covariance is as of ${covariance.asOf}, the snapshot is ${market.date}`);
  if (covariance.lambda !== model.lambda) throw new InputError(`covariance uses λ = ${covariance.lambda}, the model ${model.lambda}`);
  const valuation = portfolioValuation(account, instruments, market, model.collateral);
  const K = covariance.assets.length;
  const index = new Map(covariance.assets.map((a, i) => [a, i]));
  const at = (a: string): number => {
    const i = index.get(a);
    if (i === undefined) throw new InputError(`covariance: no estimate for ${a} (build it with every asset the book holds)`);
    return i;
  };
  const full = new Float64Array(K);
  for (const p of valuation.positions) full[at(p.underlying)] += positionDeltaUsd(p, market.rate);
  for (const c of valuation.collateralExposure) full[at(c.asset)] += c.weightedBalance * c.price;
  const assets = covariance.assets.filter((a) => valuation.positions.some((p) => p.underlying === a) || valuation.collateralExposure.some((c) => c.asset === a));
  const ids = assets.map(at);
  const deltaUsd = Float64Array.from(ids, (i) => full[i]);
  const cov = new Float64Array(ids.length * ids.length);
  ids.forEach((i, r) => ids.forEach((j, c) => { cov[r * ids.length + c] = covariance.covariance[i * K + j]; }));
  const v = deltaNormalVar(deltaUsd, cov, model.confidence, model.horizonDays);
  const zScore = normalInv(model.confidence);
  const scale = v.stdDevUsd > 0 ? (zScore * Math.sqrt(model.horizonDays)) / v.stdDevUsd : 0;
  // Settlement boundary: the float VaR enters Dec here.
  const valueAtRiskUsd = fromFloat(v.valueAtRisk, `account ${account.id} parametric VaR`);
  const equityUsd = valuation.equityUsd;
  return {
    accountId: account.id,
    model: model.name,
    valuation,
    asOf: covariance.asOf,
    assets,
    deltaUsd,
    dailyVol: Float64Array.from(ids, (i) => Math.sqrt(covariance.covariance[i * K + i])),
    contributionUsd: Float64Array.from(deltaUsd, (d, r) => scale * d * v.sigmaDelta[r]),
    stdDevUsd: v.stdDevUsd,
    zScore,
    valueAtRiskUsd,
    equityUsd,
    initialMarginUsd: valueAtRiskUsd,
    maintenanceMarginUsd: valueAtRiskUsd,
    marginRatio: equityUsd.gt(0) ? valueAtRiskUsd.div(equityUsd) : null,
    freeMarginUsd: equityUsd.sub(valueAtRiskUsd),
    liquidatable: account.positions.length > 0 && equityUsd.lte(valueAtRiskUsd),
  };
}
