/** Public API of the scenario layer (docs/methodology stress-scenarios). */
export * from './scenario';
export { parseScenario, composeScenarios, scenarioCorrelationBase } from './parseScenario';
export { applyShock, type ApplyShockOptions } from './shocks';
export { findPriceViolation, shockedSpot, STABLECOIN_PEG_USD, type PriceViolation, type ShockedSpot } from './priceShocks';
export * from './shockedMarket';
export * from './correlationShock';
export * from './returnsPanel';
export * from './episodes';
export * from './replay';
export * from './stressedPeriod';
// Book runs: valuation under a shock, liquidation, insurance fund, ADL, conservation, cascade, Monte Carlo,
// reverse stress and the penalty sweep (docs/methodology stress-book-runs).
export * from './bookValuation';
export * from './liquidation';
export * from './insuranceFund';
export * from './adl';
export * from './conservation';
export * from './depth';
export * from './cascade';
export * from './bookRun';
export * from './copula';
export * from './lossQuantiles';
export * from './scenarioMaintenance';
export * from './monteCarloAccounts';
export {
  prepareMonteCarlo, combineMonteCarlo, runMonteCarlo, DEFAULT_MONTE_CARLO_SCENARIOS, DEFAULT_QUANTILE_LEVELS,
  type MonteCarloOptions, type PreparedMonteCarlo, type MonteCarloResult, type DistributionSummary,
} from './monteCarlo';
export * from './resultHash';
export * from './reverseStress';
export * from './penaltySweep';
