/**
 * The price stage of applyShock: relative, absolute and level price shocks and stablecoin de-pegs,
 * in scenario order, scaled by the severity k along their direction:
 *   relative  P' = P·(1 + k·shockPct/100)
 *   absolute  P' = P + k·changeUsd
 *   level     P' = P + k·Δ, Δ = newPriceUsd − P₁   (k = 1: the new price itself)
 *   de-peg    P' = P + k·Δ, Δ = priceUsd − P₁      (P₁: the coin's price before this shock in the
 *             scenario as written, k = 1; the snapshot's price, or the peg 1 if the snapshot has none)
 * A price that would be zero or negative is REJECTED, never floored: a −100 % move is not a stress
 * level anyone can margin against, and a silent floor would hide that the scenario is infeasible.
 * `findPriceViolation` reports the first such price without throwing (the reverse stress test
 * searches k with it); `shockedSpot` throws an InputError naming the asset, the shock and k.
 */
import { InputError } from '../errors';
import type { MarketSnapshot } from '../market/types';
import type { AssetTarget, Shock } from './scenario';
import type { PriceMove } from './shockedMarket';

export interface PriceViolation {
  /** Index of the offending shock in scenario.shocks. */
  shockIndex: number;
  asset: string;
  before: number;
  after: number;
  /** The shock in words, e.g. "price relative -60% at severity 2". */
  shock: string;
}

export interface ShockedSpot {
  spot: Record<string, number>;
  priceMoves: PriceMove[];
  notes: string[];
}

/** Peg a stablecoin absent from the snapshot is assumed to sit at before its de-peg. */
export const STABLECOIN_PEG_USD = 1;

/** Assets a target names: listed ones must be in `universe`; 'all' is the universe minus `except`. */
export function resolveTarget(target: AssetTarget, universe: Record<string, number>, path: string, what: string): string[] {
  if (target.kind === 'all') return Object.keys(universe).filter((a) => !target.except.includes(a));
  target.assets.forEach((a, i) => {
    if (universe[a] === undefined) {
      throw new InputError(`${path}.assets[${i}]: ${a} has no ${what} in the market snapshot (it has ${Object.keys(universe).join(', ') || 'none'})`);
    }
  });
  return target.assets;
}

function describe(shock: Shock, k: number): string {
  const at = ` at severity ${k}`;
  switch (shock.type) {
    case 'price':
      if (shock.shift === 'relative') return `price relative ${shock.shockPct}%${at}`;
      if (shock.shift === 'absolute') return `price absolute change ${shock.changeUsd} USD${at}`;
      return `price level ${shock.newPriceUsd} USD${at}`;
    case 'depeg':
      return `de-peg to ${shock.priceUsd} USD${at}`;
    default:
      return `${shock.type}${at}`;
  }
}

type Stage = { ok: true; value: ShockedSpot } | { ok: false; violation: PriceViolation };

/**
 * The USD move of each level / de-peg shock in the scenario as written (k = 1): Δ = target − P, with P
 * the price the earlier shocks leave at k = 1. Severity then scales that frozen move, P + k·Δ, so a
 * level shock keeps its direction at any k and a scenario whose every move is down stays monotone
 * in k (a level re-targeted at each k would overshoot and turn back for k > 1).
 */
function levelMoves(market: MarketSnapshot, shocks: readonly Shock[]): Map<string, number> {
  const spot: Record<string, number> = { ...market.spot };
  const moves = new Map<string, number>();
  shocks.forEach((shock, index) => {
    if (shock.type === 'price' && shock.shift === 'relative') {
      for (const a of resolveTarget(shock.target, spot, `shocks[${index}]`, 'price')) spot[a] *= 1 + shock.shockPct / 100;
    } else if (shock.type === 'price' && shock.shift === 'absolute') {
      if (spot[shock.asset] !== undefined) spot[shock.asset] += shock.changeUsd;
    } else if ((shock.type === 'price' && shock.shift === 'level') || shock.type === 'depeg') {
      const target = shock.type === 'depeg' ? shock.priceUsd : shock.newPriceUsd;
      const p = spot[shock.asset] ?? (shock.type === 'depeg' ? STABLECOIN_PEG_USD : undefined);
      if (p === undefined) return; // reported by run()
      moves.set(`${index}`, target - p);
      spot[shock.asset] = target;
    }
  });
  return moves;
}

function run(market: MarketSnapshot, shocks: readonly Shock[], k: number): Stage {
  const frozen = levelMoves(market, shocks);
  const spot: Record<string, number> = { ...market.spot };
  const firstBefore = new Map<string, number>();
  const order: string[] = [];
  const notes: string[] = [];
  const set = (asset: string, before: number, after: number): void => {
    if (!firstBefore.has(asset)) {
      firstBefore.set(asset, before);
      order.push(asset);
    }
    spot[asset] = after;
  };
  for (let index = 0; index < shocks.length; index++) {
    const shock = shocks[index];
    const path = `shocks[${index}]`;
    const moves: [string, number, number][] = [];
    if (shock.type === 'price' && shock.shift === 'relative') {
      for (const a of resolveTarget(shock.target, spot, path, 'price')) moves.push([a, spot[a], spot[a] * (1 + (k * shock.shockPct) / 100)]);
    } else if (shock.type === 'price') {
      const p = spot[shock.asset];
      if (p === undefined) throw new InputError(`${path}.asset: ${shock.asset} has no price in the market snapshot`);
      moves.push([shock.asset, p, p + k * (shock.shift === 'absolute' ? shock.changeUsd : frozen.get(`${index}`)!)]);
    } else if (shock.type === 'depeg') {
      let p = spot[shock.asset];
      if (p === undefined) {
        p = STABLECOIN_PEG_USD;
        notes.push(`${path}: ${shock.asset} has no price in the snapshot; its de-peg starts from the peg ${STABLECOIN_PEG_USD} USD`);
      }
      moves.push([shock.asset, p, p + k * frozen.get(`${index}`)!]);
    }
    for (const [asset, before, after] of moves) {
      if (!(after > 0) || !Number.isFinite(after)) {
        return { ok: false, violation: { shockIndex: index, asset, before, after, shock: describe(shock, k) } };
      }
      set(asset, before, after);
    }
  }
  const priceMoves = order
    .map((asset) => {
      const before = firstBefore.get(asset)!;
      const after = spot[asset];
      return { asset, before, after, returnPct: ((after - before) / before) * 100 };
    })
    .filter((m) => m.after !== m.before);
  return { ok: true, value: { spot, priceMoves, notes } };
}

/** The first price a scenario at severity k would push to zero or below, or null if none. */
export function findPriceViolation(market: MarketSnapshot, scenario: { shocks: readonly Shock[] }, severity: number): PriceViolation | null {
  const stage = run(market, scenario.shocks, severity);
  return stage.ok ? null : stage.violation;
}

/** Shocked spot prices; a zero or negative price is an InputError naming the asset, the shock and k. */
export function shockedSpot(market: MarketSnapshot, shocks: readonly Shock[], severity: number): ShockedSpot {
  const stage = run(market, shocks, severity);
  if (!stage.ok) {
    const v = stage.violation;
    throw new InputError(
      `shocks[${v.shockIndex}] (${v.shock}): ${v.asset} would be priced at ${v.after} USD (from ${v.before}); a shocked price must stay > 0`,
    );
  }
  return stage.value;
}
