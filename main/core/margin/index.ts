/** Margin models as pure functions (design.md): the tiered-bracket model, its explain output and its whole-book path. */
export type { Bracket, BracketTable, CollateralRules, MarginConvention, NotionalUnit, TieredModel } from './types';
export { tieredModelFromWire, type TieredModelWire, type BracketTableWire, type BracketWire, type CollateralRulesWire } from './config';
export { maintenanceAmounts, bracketFor, bracketMaintenanceMargin, tableFor, type BracketChoice } from './brackets';
export { collateralValue, collateralWeight, haircutOf, priceUsd, type CollateralItem, type CollateralValuation } from './collateral';
export {
  deltaOneTerms, positionMargin, unrealisedPnl, tableNotional, isolatedWalletBalance, effectiveInitialMarginRate,
  type DeltaOneTerms, type PositionMargin,
} from './position';
export {
  liquidationPrice, bankruptcyPrice, isolatedLiquidation, maintenanceCoefficients, solvePrice,
  type IsolatedLiquidation, type MaintenanceCoefficients, type PriceWithBracket,
} from './liquidation';
export { crossLiquidation, type CrossLiquidation, type CrossInput } from './crossLiquidation';
export {
  tieredAccountMargin, instrumentLookup, type AccountMargin, type ExcludedPosition, type InstrumentLookup, type IsolatedPositionLiquidation,
} from './tiered';
export { accountMarginExplain, explainTieredAccountMargin, type AccountMarginExplain, type PositionExplain, type BracketExplain } from './explain';
export { compileTieredModel, type CompiledTieredModel } from './tieredBookModel';
export { tieredBookMargin, type TieredBookMargin, type TieredBookAccounts, type TieredBookPositions } from './tieredBook';
