/**
 * Explain output of the portfolio models as JSON-like data (money as decimal strings, statistics as finite
 * numbers, no class instances), so it can cross IPC, be stored and be shown component by component:
 * collateral and haircuts, positions at the mark, and per model what drove the requirement
 * (scenario grid: the worst scenario of each risk unit and every component; HS VaR: the historical dates
 * at the VaR quantile and the worst ones; parametric: deltas, vols and Euler contributions).
 */
import type { Dec } from '../money/decimal';
import type { HistoricalScenarioLoss, HistoricalVarAccountMargin } from './historicalVar';
import type { ParametricVarAccountMargin } from './parametricVar';
import type { PortfolioValuation } from './portfolioValuation';
import type { ScenarioGridAccountMargin } from './scenarioGrid';

type Text = string;
const s = (d: Dec): Text => d.toString();
const sOrNull = (d: Dec | null): Text | null => (d === null ? null : d.toString());
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface PortfolioValuationExplain {
  collateral: { asset: string; balance: Text; priceUsd: Text; haircut: Text; valueUsd: Text }[];
  positions: {
    instrumentId: string; underlying: string; kind: string; settlement: string; quantity: Text; entryPrice: Text;
    markPrice: Text; optionValueUsd: number | null; vol: number | null; expiryDays: number | null; unrealisedPnlUsd: Text;
  }[];
  collateralValueUsd: Text;
  unrealisedPnlUsd: Text;
}

export interface AccountFiguresExplain {
  accountId: string;
  model: string;
  /** The portfolio models pool an isolated account's positions into one portfolio. */
  marginMode: 'cross' | 'isolated';
  equityUsd: Text;
  initialMarginUsd: Text;
  maintenanceMarginUsd: Text;
  marginRatio: Text | null;
  freeMarginUsd: Text;
  liquidatable: boolean;
}

export function valuationExplain(v: PortfolioValuation): PortfolioValuationExplain {
  return {
    collateral: v.collateral.items.map((c) => ({ asset: c.asset, balance: s(c.balance), priceUsd: s(c.priceUsd), haircut: s(c.haircut), valueUsd: s(c.valueUsd) })),
    positions: v.positions.map((p) => ({
      instrumentId: p.instrumentId, underlying: p.underlying, kind: p.kind, settlement: p.settlement, quantity: s(p.quantity), entryPrice: s(p.entryPrice),
      markPrice: s(p.markPrice), optionValueUsd: finiteOrNull(p.markValueUsd), vol: finiteOrNull(p.vol), expiryDays: finiteOrNull(p.expiryDays),
      unrealisedPnlUsd: s(p.unrealisedPnlUsd),
    })),
    collateralValueUsd: s(v.collateral.valueUsd),
    unrealisedPnlUsd: s(v.unrealisedPnlUsd),
  };
}

type Figures = Pick<ScenarioGridAccountMargin, 'accountId' | 'model' | 'equityUsd' | 'initialMarginUsd' | 'maintenanceMarginUsd' | 'marginRatio' | 'freeMarginUsd' | 'liquidatable' | 'valuation'>;

function figures(m: Figures): AccountFiguresExplain {
  return {
    accountId: m.accountId, model: m.model, marginMode: m.valuation.marginMode, equityUsd: s(m.equityUsd), initialMarginUsd: s(m.initialMarginUsd),
    maintenanceMarginUsd: s(m.maintenanceMarginUsd), marginRatio: sOrNull(m.marginRatio), freeMarginUsd: s(m.freeMarginUsd), liquidatable: m.liquidatable,
  };
}

export interface ScenarioGridExplain extends AccountFiguresExplain {
  kind: 'scenarioGrid';
  aggregation: string;
  valuation: PortfolioValuationExplain;
  scenarios: { index: number; kind: string; label: string; priceShock: number; volDirection: number; weight: number }[];
  riskUnits: {
    underlying: string; priceUsd: Text;
    worstScenario: { index: number; label: string; pnlUsd: number; weightedLossUsd: number };
    scanRiskUsd: Text; coreScanRiskUsd: Text; extremeContributionUsd: Text;
    netShortOptions: Text; shortOptionContingencyUsd: Text; offsetNotionalUsd: Text; offsettingFuturesContingencyUsd: Text;
    shortOptionsForMinimum: Text; shortOptionMinimumUsd: Text; maintenanceMarginUsd: Text; binding: string;
    scenarioPnlUsd: number[];
  }[];
}

export function scenarioGridExplain(m: ScenarioGridAccountMargin): ScenarioGridExplain {
  return {
    kind: 'scenarioGrid',
    ...figures(m),
    aggregation: 'MM = Σ over risk units of max(scan risk + contingencies, short option minimum), no offsets across risk units; IM = initialMarginFactor × MM',
    valuation: valuationExplain(m.valuation),
    scenarios: m.scenarios.map((x) => ({ index: x.index, kind: x.kind, label: x.label, priceShock: x.priceShock, volDirection: x.volDirection, weight: x.weight })),
    riskUnits: m.riskUnits.map((r) => ({
      underlying: r.underlying,
      priceUsd: s(r.priceUsd),
      worstScenario: { index: r.worstScenario, label: m.scenarios[r.worstScenario].label, pnlUsd: r.scenarioPnlUsd[r.worstScenario], weightedLossUsd: r.weightedLossUsd[r.worstScenario] },
      scanRiskUsd: s(r.scanRiskUsd), coreScanRiskUsd: s(r.coreScanRiskUsd), extremeContributionUsd: s(r.extremeContributionUsd),
      netShortOptions: s(r.netShortOptions), shortOptionContingencyUsd: s(r.shortOptionContingencyUsd), offsetNotionalUsd: s(r.offsetNotionalUsd),
      offsettingFuturesContingencyUsd: s(r.offsettingFuturesContingencyUsd), shortOptionsForMinimum: s(r.shortOptionsForMinimum),
      shortOptionMinimumUsd: s(r.shortOptionMinimumUsd), maintenanceMarginUsd: s(r.maintenanceMarginUsd), binding: r.binding,
      scenarioPnlUsd: Array.from(r.scenarioPnlUsd),
    })),
  };
}

export interface HistoricalScenarioExplain { index: number; date: string; lossUsd: number; shocks: Record<string, number> }

export interface HistoricalVarExplain extends AccountFiguresExplain {
  kind: 'historicalVar';
  valuation: PortfolioValuationExplain;
  asOf: string;
  scenarioCount: number;
  valueAtRiskUsd: Text;
  expectedShortfallUsd: Text;
  tailCount: number;
  /** VaR = lower + upperWeight × (upper − lower): the historical dates at the quantile. */
  quantile: { lower: HistoricalScenarioExplain; upper: HistoricalScenarioExplain; upperWeight: number };
  worst: HistoricalScenarioExplain[];
  components: { baseMarginUsd: Text; stressedMarginUsd: Text | null; floorMarginUsd: Text | null; bufferUsd: Text };
  lossesUsd: number[];
  scenarioDates: string[];
}

const scenarioExplain = (x: HistoricalScenarioLoss): HistoricalScenarioExplain => ({ index: x.index, date: x.date, lossUsd: x.lossUsd, shocks: { ...x.shocks } });

export function historicalVarExplain(m: HistoricalVarAccountMargin): HistoricalVarExplain {
  return {
    kind: 'historicalVar',
    ...figures(m),
    valuation: valuationExplain(m.valuation),
    asOf: m.asOf,
    scenarioCount: m.lossesUsd.length,
    valueAtRiskUsd: s(m.valueAtRiskUsd),
    expectedShortfallUsd: s(m.expectedShortfallUsd),
    tailCount: m.tailCount,
    quantile: { lower: scenarioExplain(m.quantile.lower), upper: scenarioExplain(m.quantile.upper), upperWeight: m.quantile.upperWeight },
    worst: m.worst.map(scenarioExplain),
    components: { baseMarginUsd: s(m.baseMarginUsd), stressedMarginUsd: sOrNull(m.stressedMarginUsd), floorMarginUsd: sOrNull(m.floorMarginUsd), bufferUsd: s(m.bufferUsd) },
    lossesUsd: Array.from(m.lossesUsd),
    scenarioDates: [...m.scenarioDates],
  };
}

export interface ParametricVarExplain extends AccountFiguresExplain {
  kind: 'parametricVar';
  valuation: PortfolioValuationExplain;
  asOf: string;
  zScore: number;
  stdDevUsd: number;
  valueAtRiskUsd: Text;
  assets: { asset: string; deltaUsd: number; dailyVol: number; contributionUsd: number }[];
}

export function parametricVarExplain(m: ParametricVarAccountMargin): ParametricVarExplain {
  return {
    kind: 'parametricVar',
    ...figures(m),
    valuation: valuationExplain(m.valuation),
    asOf: m.asOf,
    zScore: m.zScore,
    stdDevUsd: m.stdDevUsd,
    valueAtRiskUsd: s(m.valueAtRiskUsd),
    assets: m.assets.map((asset, i) => ({ asset, deltaUsd: m.deltaUsd[i], dailyVol: m.dailyVol[i], contributionUsd: m.contributionUsd[i] })),
  };
}
