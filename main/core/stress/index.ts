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
