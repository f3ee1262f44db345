import type { MarketSnapshot } from '../../../main/core/market/types';
import { parseScenario } from '../../../main/core/stress/parseScenario';
import type { Scenario, ShockWire } from '../../../main/core/stress/scenario';

/** A small snapshot used across the scenario tests (prices in USD, vols as fractions). */
export const MARKET: MarketSnapshot = {
  date: '2026-01-05',
  spot: { BTC: 60000, ETH: 3000, SOL: 150, USDT: 1 },
  vol: { BTC: 0.6, ETH: 0.75, SOL: 0.9 },
  rate: 0.04,
};

export function scenario(shocks: ShockWire[], name = 'test'): Scenario {
  return parseScenario({ schemaVersion: 1, name, shocks });
}

/** |a − b| <= tol, with both numbers in the message. */
export function near(actual: number, expected: number, tol = 1e-12): void {
  if (!(Math.abs(actual - expected) <= tol)) throw new Error(`expected ${expected}, got ${actual} (tolerance ${tol})`);
}
