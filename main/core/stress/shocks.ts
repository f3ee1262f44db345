/**
 * applyShock: a scenario applied to a market snapshot (Strata style: the input is never mutated; a
 * shocked copy comes back, and every shift is RELATIVE, ABSOLUTE or a LEVEL by its field name).
 * Shocks act in scenario order. The severity multiplier k scales every shock along its direction
 * (docs/methodology stress-scenarios, "Severity"):
 *   price   relative ×k, absolute ×k, level/de-peg: P + k·Δ with Δ its move as written (priceShocks.ts)
 *   vol     volPoints ×k, floored at VOL_FLOOR for downward shifts
 *   basis, mark deviation, funding rate, haircut add-on   ×k
 *   depth   multiplier^k (stays > 0 and is 1 at k = 0)
 *   correlation   each operation's weight → min(1, k·w)
 * so k = 0 returns the base state and k = 1 the scenario as written.
 */
import { InputError } from '../errors';
import { parseIsoDay } from '../market/calendar';
import type { NearestCorrelationOptions } from '../market/ncm';
import type { MarketSnapshot } from '../market/types';
import { requireSeverity, shockCorrelation, type CorrelationMatrix } from './correlationShock';
import { resolveTarget, shockedSpot } from './priceShocks';
import { VOL_REFERENCE_DAYS, type CorrelationOperation, type Scenario } from './scenario';
import { flooredVol, volShiftAt, type ShockedMarket, type VolShift } from './shockedMarket';

export interface ApplyShockOptions {
  /** Severity multiplier k >= 0 (default 1). */
  severity?: number;
  /**
   * The base correlation matrix (see baseCorrelation with the scenario's correlation base);
   * required when the scenario has a correlation shock.
   */
  baseCorrelation?: CorrelationMatrix;
  /** Options of the Higham nearest-correlation repair. */
  repair?: NearestCorrelationOptions;
}

function requireSnapshot(market: MarketSnapshot): void {
  if (parseIsoDay(market.date) === undefined) throw new InputError(`market snapshot date: "${market.date}" is not a calendar day`);
  for (const [asset, p] of Object.entries(market.spot)) {
    if (!(p > 0) || !Number.isFinite(p)) throw new InputError(`market snapshot spot.${asset}: must be a finite price > 0, got ${p}`);
  }
  for (const [asset, v] of Object.entries(market.vol)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new InputError(`market snapshot vol.${asset}: must be a finite volatility >= 0, got ${v}`);
  }
  if (!Number.isFinite(market.rate)) throw new InputError(`market snapshot rate: must be finite, got ${market.rate}`);
}

function add(record: Record<string, number>, asset: string, value: number): void {
  record[asset] = (record[asset] ?? 0) + value;
}

/** The scenario applied to `market` at severity k. Never mutates `market` or `scenario`. */
export function applyShock(market: MarketSnapshot, scenario: Scenario, options: ApplyShockOptions = {}): ShockedMarket {
  const k = requireSeverity(options.severity ?? 1, 'applyShock');
  requireSnapshot(market);
  const { spot, priceMoves, notes } = shockedSpot(market, scenario.shocks, k);

  const volShifts: Record<string, VolShift[]> = {};
  const basisShockPct = { future: {} as Record<string, number>, perpetual: {} as Record<string, number> };
  const markDeviationPct: Record<string, number> = {};
  const fundingRateTotal: Record<string, number> = {};
  const haircutAddOn: Record<string, number> = {};
  const depthMultiplier: Record<string, number> = {};
  const operations: CorrelationOperation[] = [];
  const operationPaths: string[] = [];

  scenario.shocks.forEach((shock, i) => {
    const path = `shocks[${i}]`;
    switch (shock.type) {
      case 'vol':
        for (const a of resolveTarget(shock.target, market.vol, path, 'volatility')) {
          (volShifts[a] ??= []).push({ volPoints: k * shock.volPoints, termScalingPower: shock.termScalingPower });
        }
        return;
      case 'basis':
        for (const a of resolveTarget(shock.target, spot, path, 'price')) add(basisShockPct[shock.instrument], a, k * shock.basisShockPct);
        return;
      case 'markDeviation':
        for (const a of resolveTarget(shock.target, spot, path, 'price')) add(markDeviationPct, a, k * shock.deviationPct);
        return;
      case 'funding':
        for (const a of resolveTarget(shock.target, spot, path, 'price')) add(fundingRateTotal, a, k * shock.ratePerPeriod * shock.periods);
        return;
      case 'haircut':
        add(haircutAddOn, shock.asset, k * shock.haircutAddOn);
        return;
      case 'liquidity':
        for (const a of resolveTarget(shock.target, spot, path, 'price')) depthMultiplier[a] = (depthMultiplier[a] ?? 1) * shock.depthMultiplier ** k;
        return;
      case 'correlation':
        shock.operations.forEach((op, j) => {
          operations.push(op);
          operationPaths.push(`${path}.operations[${j}]`);
        });
        return;
      default:
        return; // price and de-peg shocks were applied by shockedSpot
    }
  });

  // Prices derived from the index must stay positive too (same rule as the index itself).
  for (const [record, price] of [[markDeviationPct, 'mark price'], [basisShockPct.perpetual, 'perpetual price']] as const) {
    for (const [asset, pct] of Object.entries(record)) {
      if (!(pct > -100)) throw new InputError(`${asset} ${price}: the shocks add up to ${pct}% of the index at severity ${k}, so the price would not stay > 0`);
    }
  }

  const vol: Record<string, number> = { ...market.vol };
  for (const [asset, shifts] of Object.entries(volShifts)) {
    const shift = volShiftAt(shifts, VOL_REFERENCE_DAYS);
    vol[asset] = flooredVol(market.vol[asset], shift);
    if (market.vol[asset] + shift < vol[asset]) {
      notes.push(`vol of ${asset}: ${market.vol[asset]} + (${shift}) is below the floor; floored at ${vol[asset]} (30-day reference)`);
    }
  }

  let correlation: ShockedMarket['correlation'] = null;
  if (operations.length > 0) {
    if (options.baseCorrelation === undefined) {
      throw new InputError(`applyShock: scenario "${scenario.name}" has a correlation shock; options.baseCorrelation is required`);
    }
    correlation = shockCorrelation(options.baseCorrelation, operations, { severity: k, repair: options.repair, paths: operationPaths });
  }

  return {
    date: market.date,
    rate: market.rate,
    spot,
    vol,
    base: market,
    scenarioName: scenario.name,
    severity: k,
    volShifts,
    basisShockPct,
    markDeviationPct,
    fundingRateTotal,
    haircutAddOn,
    depthMultiplier,
    correlation,
    priceMoves,
    notes,
  };
}
