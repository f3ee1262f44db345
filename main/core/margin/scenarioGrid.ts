/**
 * The scenario-grid model (SPAN / portfolio-margin style) on one account: money in Dec, scenario PnL in
 * float converted once per risk unit (docs/methodology margin-grid-var, "Scenario grid"). scenarioGridBook.ts
 * is the same rule over a compiled book; a test holds them together.
 *
 * Per risk unit u (an underlying of the book's instruments; its positions and the account's balance of u):
 *   PnL_u(s)   = Σ_{p on u} [PnL_p(S'_u, σ'_p) − PnL_p(S_u, σ_u)] + weightedBalance_u · (S'_u − S_u)
 *   scan risk  = max(0, max_s weight_s · (−PnL_u(s)))                      full revaluation, Black-76
 *   SOC        = shortOptionContingencyFraction · S_u · Σ_series max(0, −Σ q)  options netted per series
 *                (expiry, strike, settlement), calls and puts together
 *   OFC        = offsettingFuturesContingencyFraction · min(long, short) USD notional of u's perpetuals and
 *                futures (linear |q|·S, inverse |q|·CS): the offset (spread) part of the delta-one book
 *   SOM        = shortOptionMinimumFraction · S_u · max(Σ short calls |q|, Σ short puts |q|)
 *                (CME SPAN short option minimum: the larger of short calls and short puts)
 *   MM_u       = max(scan risk + SOC + OFC, SOM)
 * MM = Σ_u MM_u: no offsets across risk units (SPAN's combined commodities before inter-commodity
 * credits, none configured here). IM = initialMarginFactor × MM. Stablecoins and other assets that are no
 * instrument's underlying do not move in the grid.
 */
import type { Account } from '../book/types';
import { ZERO, fromFloat, maxDec, minDec, type Dec } from '../money/decimal';
import type { MarketSnapshot } from '../market/types';
import type { ScenarioGridModel } from './portfolioConfig';
import { portfolioScenarioPnl, portfolioValuation, type PortfolioPosition, type PortfolioValuation } from './portfolioValuation';
import { scenarioGridScenarios, scenarioVol, type GridScenario } from './scenarioGridScenarios';
import type { InstrumentLookup } from './tiered';

export interface RiskUnitMargin {
  underlying: string;
  priceUsd: Dec;
  /** Unweighted PnL per scenario, USD. */
  scenarioPnlUsd: Float64Array;
  /** weight × loss per scenario, USD. */
  weightedLossUsd: Float64Array;
  /** Scenario with the largest weighted loss (the one that drove scan risk when it is > 0). */
  worstScenario: number;
  scanRiskUsd: Dec;
  /** max(0, largest weighted loss over the weight-1 scan scenarios). */
  coreScanRiskUsd: Dec;
  /** scanRisk − coreScanRisk: what the extreme / extended scenarios added. */
  extremeContributionUsd: Dec;
  netShortOptions: Dec;
  shortOptionContingencyUsd: Dec;
  offsetNotionalUsd: Dec;
  offsettingFuturesContingencyUsd: Dec;
  shortOptionsForMinimum: Dec;
  shortOptionMinimumUsd: Dec;
  maintenanceMarginUsd: Dec;
  binding: 'scanRisk' | 'shortOptionMinimum';
}

export interface ScenarioGridAccountMargin {
  accountId: string;
  model: string;
  valuation: PortfolioValuation;
  scenarios: GridScenario[];
  riskUnits: RiskUnitMargin[];
  equityUsd: Dec;
  initialMarginUsd: Dec;
  maintenanceMarginUsd: Dec;
  marginRatio: Dec | null;
  freeMarginUsd: Dec;
  liquidatable: boolean;
}

/** Underlyings of the instruments, in instrument order (the risk units; compile.ts orders assets the same way). */
export function riskUnitsOf(instruments: InstrumentLookup): string[] {
  return [...new Set([...instruments.values()].map((i) => i.underlying))];
}

/** SOC, OFC and SOM of one risk unit's positions (Dec; formulas in the file header). */
export function gridContingencies(positions: readonly PortfolioPosition[], price: Dec, model: ScenarioGridModel) {
  const series = new Map<string, Dec>();
  let shortCalls = ZERO;
  let shortPuts = ZERO;
  let longNotional = ZERO;
  let shortNotional = ZERO;
  for (const p of positions) {
    if (p.kind === 'option') {
      const key = `${p.expiry}|${p.strike}|${p.settlement}`;
      series.set(key, (series.get(key) ?? ZERO).add(p.quantity));
      if (p.quantity.lt(0)) {
        if (p.optionType === 'call') shortCalls = shortCalls.sub(p.quantity);
        else shortPuts = shortPuts.sub(p.quantity);
      }
      continue;
    }
    const notional = p.contractSizeUsd === null ? p.quantity.abs().mul(price) : p.quantity.abs().mul(p.contractSizeUsd);
    if (p.quantity.gt(0)) longNotional = longNotional.add(notional);
    else shortNotional = shortNotional.add(notional);
  }
  let netShortOptions = ZERO;
  for (const net of series.values()) if (net.lt(0)) netShortOptions = netShortOptions.sub(net);
  const offsetNotionalUsd = minDec(longNotional, shortNotional);
  const shortOptionsForMinimum = maxDec(shortCalls, shortPuts);
  return {
    netShortOptions,
    shortOptionContingencyUsd: netShortOptions.mul(price).mul(model.shortOptionContingencyFraction),
    offsetNotionalUsd,
    offsettingFuturesContingencyUsd: offsetNotionalUsd.mul(model.offsettingFuturesContingencyFraction),
    shortOptionsForMinimum,
    shortOptionMinimumUsd: shortOptionsForMinimum.mul(price).mul(model.shortOptionMinimumFraction),
  };
}

function riskUnitMargin(v: PortfolioValuation, u: string, scenarios: GridScenario[], model: ScenarioGridModel): RiskUnitMargin | null {
  const positions = v.positions.filter((p) => p.underlying === u);
  const balance = v.collateralExposure.find((c) => c.asset === u);
  if (positions.length === 0 && balance === undefined) return null;
  const price = positions.length > 0 ? positions[0].markPrice : fromFloat(balance!.price, `price of ${u}`);
  const s0 = price.toNumber();
  const S = scenarios.length;
  const scenarioPnlUsd = new Float64Array(S);
  const weightedLossUsd = new Float64Array(S);
  let worst = 0;
  let core = 0;
  for (const sc of scenarios) {
    const moved = s0 * (1 + sc.priceShock);
    const pnl = portfolioScenarioPnl(v, () => moved, (p) => (p.kind === 'option' ? scenarioVol(model, p.vol, p.expiryDays, sc.volDirection) : NaN), u);
    scenarioPnlUsd[sc.index] = pnl;
    weightedLossUsd[sc.index] = -sc.weight * pnl;
    if (weightedLossUsd[sc.index] > weightedLossUsd[worst]) worst = sc.index;
    if (sc.kind === 'scan' && weightedLossUsd[sc.index] > core) core = weightedLossUsd[sc.index];
  }
  // Settlement boundary: the float scan losses enter Dec here.
  const scanRiskUsd = fromFloat(Math.max(0, weightedLossUsd[worst]), `${v.accountId} ${u} scan risk`);
  const coreScanRiskUsd = fromFloat(core, `${v.accountId} ${u} core scan risk`);
  const c = gridContingencies(positions, price, model);
  const withContingencies = scanRiskUsd.add(c.shortOptionContingencyUsd).add(c.offsettingFuturesContingencyUsd);
  const binding = c.shortOptionMinimumUsd.gt(withContingencies) ? 'shortOptionMinimum' : 'scanRisk';
  return {
    underlying: u,
    priceUsd: price,
    scenarioPnlUsd,
    weightedLossUsd,
    worstScenario: worst,
    scanRiskUsd,
    coreScanRiskUsd,
    extremeContributionUsd: scanRiskUsd.sub(coreScanRiskUsd),
    ...c,
    maintenanceMarginUsd: maxDec(withContingencies, c.shortOptionMinimumUsd),
    binding,
  };
}

export function scenarioGridAccountMargin(account: Account, instruments: InstrumentLookup, market: MarketSnapshot, model: ScenarioGridModel): ScenarioGridAccountMargin {
  const valuation = portfolioValuation(account, instruments, market, model.collateral);
  const scenarios = scenarioGridScenarios(model);
  const riskUnits = riskUnitsOf(instruments)
    .map((u) => riskUnitMargin(valuation, u, scenarios, model))
    .filter((r): r is RiskUnitMargin => r !== null);
  const maintenanceMarginUsd = riskUnits.reduce((s, r) => s.add(r.maintenanceMarginUsd), ZERO);
  const initialMarginUsd = maintenanceMarginUsd.mul(model.initialMarginFactor);
  const equityUsd = valuation.equityUsd;
  return {
    accountId: account.id,
    model: model.name,
    valuation,
    scenarios,
    riskUnits,
    equityUsd,
    initialMarginUsd,
    maintenanceMarginUsd,
    marginRatio: equityUsd.gt(0) ? maintenanceMarginUsd.div(equityUsd) : null,
    freeMarginUsd: equityUsd.sub(initialMarginUsd),
    liquidatable: account.positions.length > 0 && equityUsd.lte(maintenanceMarginUsd),
  };
}
