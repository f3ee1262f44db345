/**
 * Historical-simulation VaR / ES margin of one account (docs/methodology margin-grid-var, "Historical
 * simulation"): the account's PnL in each historical scenario (historicalScenarios.ts) by full revaluation
 * (options by Black-76 at today's implied vol: the vol is held fixed, only prices move; time to expiry is
 * not shortened over the horizon), losses = −PnL, then tailRisk.ts. Money in Dec; the loss vector and its
 * quantile are float, converted once at `fromFloat`. historicalVarBook.ts is the whole-book path.
 */
import type { Account } from '../book/types';
import { InputError } from '../errors';
import { ONE, ZERO, fromFloat, maxDec, type Dec } from '../money/decimal';
import type { MarketSnapshot } from '../market/types';
import { expectedShortfallWithVar } from '../numeric/quantile';
import { shocksOf, type HistoricalScenarioSet, type HistoricalScenarios } from './historicalScenarios';
import type { HistoricalVarModel } from './portfolioConfig';
import { portfolioScenarioPnl, portfolioValuation, type PortfolioValuation } from './portfolioValuation';
import type { InstrumentLookup } from './tiered';

export interface HistoricalScenarioLoss {
  /** Index in the lookback window. */
  index: number;
  /** End date of the h-day return. */
  date: string;
  lossUsd: number;
  /** Relative shock per asset the account holds (filtered for FHS). */
  shocks: Record<string, number>;
}

export interface HistoricalVarAccountMargin {
  accountId: string;
  model: string;
  valuation: PortfolioValuation;
  asOf: string;
  /** Assets whose prices move (underlyings and collateral held). */
  assets: string[];
  lossesUsd: Float64Array;
  scenarioDates: string[];
  valueAtRiskUsd: Dec;
  expectedShortfallUsd: Dec;
  tailCount: number;
  /** VaR interpolates between these two scenarios (ascending order statistics ⌊h⌋ and ⌊h⌋+1, h = (n−1)α). */
  quantile: { lower: HistoricalScenarioLoss; upper: HistoricalScenarioLoss; upperWeight: number };
  /** The five largest losses, worst first. */
  worst: HistoricalScenarioLoss[];
  /** max(0, VaR or ES) over the lookback. */
  baseMarginUsd: Dec;
  stressedMarginUsd: Dec | null;
  floorMarginUsd: Dec | null;
  bufferUsd: Dec;
  equityUsd: Dec;
  initialMarginUsd: Dec;
  maintenanceMarginUsd: Dec;
  marginRatio: Dec | null;
  freeMarginUsd: Dec;
  liquidatable: boolean;
}

/** Assets whose prices an account's margin reads: its positions' underlyings and its non-zero balances. */
export function accountAssets(v: PortfolioValuation): string[] {
  return [...new Set([...v.positions.map((p) => p.underlying), ...v.collateralExposure.map((c) => c.asset)])];
}

/** The account's loss (−PnL, USD) in every scenario of a set. */
export function scenarioLossesUsd(v: PortfolioValuation, set: HistoricalScenarioSet, assets: readonly string[]): Float64Array {
  const spot = new Map<string, number>();
  for (const p of v.positions) spot.set(p.underlying, p.markPrice.toNumber());
  for (const c of v.collateralExposure) spot.set(c.asset, c.price);
  const shocks = new Map(assets.map((a) => [a, shocksOf(set, a)]));
  const out = new Float64Array(set.dates.length);
  for (let j = 0; j < out.length; j++) {
    out[j] = -portfolioScenarioPnl(v, (a) => spot.get(a)! * (1 + shocks.get(a)![j]), (p) => p.vol);
  }
  return out;
}

function measure(losses: Float64Array, model: HistoricalVarModel, what: string): Dec {
  const r = expectedShortfallWithVar(losses, model.confidence);
  return fromFloat(Math.max(0, model.measure === 'es' ? r.expectedShortfall : r.valueAtRisk), what);
}

export function historicalVarAccountMargin(
  account: Account, instruments: InstrumentLookup, market: MarketSnapshot, model: HistoricalVarModel, scenarios: HistoricalScenarios,
): HistoricalVarAccountMargin {
  if (scenarios.asOf !== market.date) throw new InputError(`historical scenarios are as of ${scenarios.asOf}, the snapshot is ${market.date}`);
  const built = JSON.stringify([scenarios.horizonDays, scenarios.lookbackDays, scenarios.filterLambda, scenarios.antiProcyclicality]);
  if (built !== JSON.stringify([model.horizonDays, model.lookbackDays, model.filterLambda, model.antiProcyclicality])) {
    throw new InputError(`historical scenarios were built for another model (horizon, lookback, filter, anti-procyclicality: ${built}); build them with historicalScenarios(model, …)`);
  }
  const valuation = portfolioValuation(account, instruments, market, model.collateral);
  const assets = accountAssets(valuation);
  const set = scenarios.lookback;
  const lossesUsd = scenarioLossesUsd(valuation, set, assets);
  const tail = expectedShortfallWithVar(lossesUsd, model.confidence);
  const order = Array.from(lossesUsd.keys()).sort((a, b) => lossesUsd[a] - lossesUsd[b] || a - b);
  const scenario = (index: number): HistoricalScenarioLoss => ({
    index,
    date: set.dates[index],
    lossUsd: lossesUsd[index],
    shocks: Object.fromEntries(assets.map((a) => [a, set.shocks[a][index]])),
  });
  const h = (lossesUsd.length - 1) * model.confidence;
  const lo = Math.floor(h);
  const where = `account ${account.id}`;
  // Settlement boundary: the float tail measures enter Dec here.
  const baseMarginUsd = measure(lossesUsd, model, `${where} base margin`);
  const stressedMarginUsd = scenarios.stressed ? measure(scenarioLossesUsd(valuation, scenarios.stressed, assets), model, `${where} stressed margin`) : null;
  const floorMarginUsd = scenarios.floor ? measure(scenarioLossesUsd(valuation, scenarios.floor, assets), model, `${where} floor margin`) : null;
  const apc = model.antiProcyclicality;
  let maintenanceMarginUsd = baseMarginUsd;
  if (stressedMarginUsd && apc?.tool === 'stressedWeight') {
    const w = apc.stressedWeight;
    maintenanceMarginUsd = maxDec(ZERO, w.mul(stressedMarginUsd).add(ONE.sub(w).mul(baseMarginUsd)));
  }
  if (floorMarginUsd) maintenanceMarginUsd = maxDec(maintenanceMarginUsd, floorMarginUsd);
  const bufferUsd = apc?.tool === 'buffer' ? maintenanceMarginUsd.mul(apc.bufferFraction) : ZERO;
  const initialMarginUsd = maintenanceMarginUsd.add(bufferUsd);
  const equityUsd = valuation.equityUsd;
  return {
    accountId: account.id,
    model: model.name,
    valuation,
    asOf: scenarios.asOf,
    assets,
    lossesUsd,
    scenarioDates: set.dates,
    valueAtRiskUsd: fromFloat(tail.valueAtRisk, `${where} VaR`),
    expectedShortfallUsd: fromFloat(tail.expectedShortfall, `${where} ES`),
    tailCount: tail.tailCount,
    quantile: { lower: scenario(order[lo]), upper: scenario(order[Math.min(lo + 1, order.length - 1)]), upperWeight: h - lo },
    worst: order.slice(-5).reverse().map(scenario),
    baseMarginUsd,
    stressedMarginUsd,
    floorMarginUsd,
    bufferUsd,
    equityUsd,
    initialMarginUsd,
    maintenanceMarginUsd,
    marginRatio: equityUsd.gt(0) ? maintenanceMarginUsd.div(equityUsd) : null,
    freeMarginUsd: equityUsd.sub(initialMarginUsd),
    liquidatable: account.positions.length > 0 && equityUsd.lte(maintenanceMarginUsd),
  };
}
