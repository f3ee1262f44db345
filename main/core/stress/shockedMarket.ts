/**
 * The shocked state `applyShock` returns, and the pure readers a book run uses on it
 * (docs/methodology stress-scenarios, "The shocked state"). It extends MarketSnapshot, so
 * `compileBook(book, shocked)` reads the shocked spot and reference vol directly; what a snapshot
 * cannot hold (term-scaled vol, basis, funding, haircuts, depth, correlation) is read through the
 * helpers below. Every record is keyed by asset symbol; an asset a shock did not touch is absent
 * (helpers return the neutral value: no shift, multiplier 1).
 */
import { InputError } from '../errors';
import type { MarketSnapshot } from '../market/types';
import type { CorrelationShockResult } from './correlationShock';
import { VOL_REFERENCE_DAYS } from './scenario';

/** Lowest volatility a vol-DOWN shock can produce (annualised, 1 vol point); a base below it is kept. */
export const VOL_FLOOR = 0.01;
/** Days to expiry below this are treated as this in the (30/DTE)^p term scaling (avoids 1/0 at expiry). */
export const MIN_SCALING_DAYS = 1;

/** A vol shift already multiplied by the severity: volPoints/100 × (30/DTE)^p (p null: no scaling). */
export interface VolShift {
  volPoints: number;
  termScalingPower: number | null;
}

/** A spot price the scenario changed (audit trail, in shock order of first change). */
export interface PriceMove {
  asset: string;
  before: number;
  after: number;
  /** (after − before) / before × 100. */
  returnPct: number;
}

export interface ShockedMarket extends MarketSnapshot {
  /** The unshocked input (the same object: it is never mutated). */
  base: MarketSnapshot;
  scenarioName: string;
  /** The severity multiplier k the shocks were scaled by. */
  severity: number;
  /** Index prices after price shocks and de-pegs (USD). */
  spot: Record<string, number>;
  /** Vol at the 30-day reference (term-scaling factor 1), floored; options read `shockedVolAt`. */
  vol: Record<string, number>;
  volShifts: Record<string, VolShift[]>;
  /** Added basis in % of the index, by instrument kind. */
  basisShockPct: { future: Record<string, number>; perpetual: Record<string, number> };
  /** Mark price deviation from the index, % (mark = index × (1 + d/100)). */
  markDeviationPct: Record<string, number>;
  /** Σ rate × periods (× k): funding paid per unit of long notional, as a fraction. */
  fundingRateTotal: Record<string, number>;
  /** Σ haircut add-ons (× k), absolute. */
  haircutAddOn: Record<string, number>;
  /** Π multiplier^k on market depth. */
  depthMultiplier: Record<string, number>;
  /** The shocked and repaired correlation matrix, or null when the scenario has no correlation shock. */
  correlation: CorrelationShockResult | null;
  priceMoves: PriceMove[];
  /** Assumptions and floors the shock had to apply, in words. */
  notes: string[];
}

/** base + shift, where a downward shift stops at VOL_FLOOR (or at the base if that is lower already). */
export function flooredVol(baseVol: number, shift: number): number {
  if (shift >= 0) return baseVol + shift;
  return Math.max(baseVol + shift, Math.min(baseVol, VOL_FLOOR));
}

/** Sum of an asset's vol shifts (as a fraction) at `daysToExpiry`. */
export function volShiftAt(shifts: readonly VolShift[], daysToExpiry: number): number {
  const scaleBase = VOL_REFERENCE_DAYS / Math.max(daysToExpiry, MIN_SCALING_DAYS);
  let total = 0;
  for (const s of shifts) total += (s.volPoints / 100) * (s.termScalingPower === null ? 1 : scaleBase ** s.termScalingPower);
  return total;
}

/** The shocked implied vol of an option on `asset` with `daysToExpiry` days left. */
export function shockedVolAt(state: ShockedMarket, asset: string, daysToExpiry: number): number {
  const base = state.base.vol[asset];
  if (base === undefined) throw new InputError(`shockedVolAt: the market snapshot has no volatility for ${asset}`);
  if (!Number.isFinite(daysToExpiry)) throw new InputError(`shockedVolAt: daysToExpiry must be finite, got ${daysToExpiry}`);
  return flooredVol(base, volShiftAt(state.volShifts[asset] ?? [], daysToExpiry));
}

function spotOf(state: ShockedMarket, asset: string, what: string): number {
  const s = state.spot[asset];
  if (s === undefined) throw new InputError(`${what}: the shocked market has no price for ${asset}`);
  return s;
}

/** Mark price = index × (1 + markDeviationPct/100). */
export function markPriceUnderShock(state: ShockedMarket, asset: string): number {
  return spotOf(state, asset, 'markPriceUnderShock') * (1 + (state.markDeviationPct[asset] ?? 0) / 100);
}

/** Perpetual's traded price = index × (1 + perpetual basis shock/100). */
export function perpetualPriceUnderShock(state: ShockedMarket, asset: string): number {
  return spotOf(state, asset, 'perpetualPriceUnderShock') * (1 + (state.basisShockPct.perpetual[asset] ?? 0) / 100);
}

/**
 * A future's price = its fair price on the shocked index (the caller's carry model) + index × future
 * basis shock/100. A non-positive result is an InputError naming the asset.
 */
export function futurePriceUnderShock(state: ShockedMarket, asset: string, fairFuturePrice: number): number {
  const price = fairFuturePrice + spotOf(state, asset, 'futurePriceUnderShock') * (state.basisShockPct.future[asset] ?? 0) / 100;
  if (!(price > 0) || !Number.isFinite(price)) {
    throw new InputError(`futurePriceUnderShock: ${asset} future would be priced at ${price} (fair ${fairFuturePrice}, basis shock ${state.basisShockPct.future[asset] ?? 0}%)`);
  }
  return price;
}

/**
 * Funding PnL of a perpetual position over the scenario's funding periods:
 * PnL = −signedNotionalUsd × Σ rate × periods. Convention (Binance, Bybit, Deribit): a positive
 * rate means longs pay shorts, so a long (notional > 0) loses and a short gains.
 */
export function fundingPnlUnderShock(state: ShockedMarket, asset: string, signedNotionalUsd: number): number {
  return -signedNotionalUsd * (state.fundingRateTotal[asset] ?? 0);
}

/** Collateral haircut after the add-on, kept inside [0, 1]. */
export function haircutUnderShock(state: ShockedMarket, asset: string, baseHaircut: number): number {
  return Math.min(1, Math.max(0, baseHaircut + (state.haircutAddOn[asset] ?? 0)));
}

/** Multiplier on market depth (1 = unchanged; 0.5 = half the depth), read by the cascade's price impact. */
export function depthMultiplierUnderShock(state: ShockedMarket, asset: string): number {
  return state.depthMultiplier[asset] ?? 1;
}

/** Shocked spot prices in the order of `assets` (NaN where the shocked market has none), e.g. CompiledBook.assets. */
export function spotVector(state: ShockedMarket, assets: readonly string[]): Float64Array {
  return Float64Array.from(assets, (a) => state.spot[a] ?? NaN);
}
