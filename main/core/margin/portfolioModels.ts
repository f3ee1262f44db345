/**
 * Public API of the portfolio margin models (scenario grid, HS VaR/ES, parametric VaR) and of the dispatcher
 * over all four model kinds (docs/methodology margin-grid-var). index.ts is the tiered model's.
 */
export {
  accountMargin, bookMargin, marginModelFromWire,
  type AccountMarginResult, type BookMarginDetail, type BookMarginResult, type MarginContext, type MarginExplain, type MarginModel,
  type MarginModelKind, type MarginModelWire,
} from './modelDispatch';
export {
  collateralRulesFromWire, historicalVarModelFromWire, parametricVarModelFromWire, scenarioGridModelFromWire,
  type AntiProcyclicality, type AntiProcyclicalityWire, type ExtendedScenarioWire, type HistoricalVarModel, type HistoricalVarModelWire,
  type ParametricVarModel, type ParametricVarModelWire, type ScenarioGridModel, type ScenarioGridModelWire,
} from './portfolioConfig';
export { accountRange, type AccountRange, type BookAccountMargins } from './portfolioBookAccounts';
export { portfolioValuation, portfolioScenarioPnl, positionPnlUsdAt, type PortfolioPosition, type PortfolioValuation, type CollateralExposure } from './portfolioValuation';
export { compilePortfolioTerms, bookScenarioSet, addAccountScenarioPnl, type PortfolioBookTerms, type BookScenarioSet } from './portfolioBookTerms';
export { scenarioGridScenarios, scenarioVol, volShiftScale, type GridScenario, type GridScenarioKind } from './scenarioGridScenarios';
export { scenarioGridAccountMargin, gridContingencies, riskUnitsOf, type RiskUnitMargin, type ScenarioGridAccountMargin } from './scenarioGrid';
export { prepareScenarioGridBook, scenarioGridBookMargin, type PreparedScenarioGrid, type ScenarioGridBookMargin } from './scenarioGridBook';
export {
  historicalScenarios, closesOf, shocksOf,
  type HistoricalScenarioSet, type HistoricalScenarios, type HistoricalWindow, type HistoricalWindowKind, type PriceHistory,
} from './historicalScenarios';
export { lossTail, measureOf, historicalMarginFloat, type LossTail } from './tailRisk';
export { historicalVarAccountMargin, scenarioLossesUsd, accountAssets, type HistoricalScenarioLoss, type HistoricalVarAccountMargin } from './historicalVar';
export { prepareHistoricalVarBook, historicalVarBookMargin, type PreparedHistoricalVar, type HistoricalVarBookMargin } from './historicalVarBook';
export {
  ewmaCovarianceAsOf, deltaNormalVar, positionDeltaUsd, parametricVarAccountMargin, type EwmaCovarianceEstimate, type ParametricVarAccountMargin,
} from './parametricVar';
export { prepareParametricVarBook, parametricVarBookMargin, type PreparedParametricVar, type ParametricVarBookMargin } from './parametricVarBook';
export {
  scenarioGridExplain, historicalVarExplain, parametricVarExplain, valuationExplain,
  type ScenarioGridExplain, type HistoricalVarExplain, type ParametricVarExplain, type PortfolioValuationExplain,
} from './portfolioExplain';
