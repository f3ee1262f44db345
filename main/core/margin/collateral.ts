/**
 * Collateral valuation with haircuts and the market prices the margin rules read.
 *
 * Prices (docs/methodology margin-tiered, "Prices"): the mark price of every perpetual and future is the
 * index (spot) price of its underlying in the MarketSnapshot, `snapshot.spot[underlying]`; collateral
 * assets (stablecoins included, so a de-peg shows) are valued at `snapshot.spot[asset]`. Futures basis is
 * ignored by this model. The float prices of the snapshot enter Dec through `new Dec(number)`, which is
 * exact for a float64, so the Dec and vectorised paths start from identical numbers.
 */
import type { CollateralBalance } from '../book/types';
import { InputError } from '../errors';
import { Dec, ONE, ZERO } from '../money/decimal';
import type { MarketSnapshot } from '../market/types';
import type { CollateralRules } from './types';

/** USD price of an asset from the snapshot as Dec; InputError naming the asset if missing or not > 0. */
export function priceUsd(market: MarketSnapshot, asset: string): Dec {
  const p = market.spot[asset];
  if (p === undefined) throw new InputError(`market snapshot ${market.date}: no price for ${asset}`);
  if (!Number.isFinite(p) || !(p > 0)) throw new InputError(`market snapshot ${market.date}: price of ${asset} must be a positive number, got ${p}`);
  return new Dec(p);
}

export function haircutOf(rules: CollateralRules, asset: string): Dec {
  const h = rules.haircuts[asset] ?? rules.defaultHaircut;
  if (h === null) throw new InputError(`collateral: no haircut for ${asset} and the model has no defaultHaircut`);
  return h;
}

export interface CollateralItem {
  asset: string;
  balance: Dec;
  priceUsd: Dec;
  haircut: Dec;
  /** balance × price × (1 − haircut) for a positive balance; a negative balance (a debt) counts in full. */
  valueUsd: Dec;
}

export interface CollateralValuation {
  items: CollateralItem[];
  valueUsd: Dec;
}

/** Haircut weight of a balance: (1 − h) when positive, 1 when negative (debts are not haircut). */
export function collateralWeight(balance: Dec, haircut: Dec): Dec {
  return balance.gt(0) ? ONE.sub(haircut) : ONE;
}

export function collateralValue(balances: readonly CollateralBalance[], market: MarketSnapshot, rules: CollateralRules): CollateralValuation {
  let total = ZERO;
  const items = balances.map((c) => {
    const price = priceUsd(market, c.asset);
    // A zero balance is worth nothing whatever its haircut; only held assets must be eligible.
    const haircut = c.balance.isZero() ? (rules.haircuts[c.asset] ?? rules.defaultHaircut ?? ZERO) : haircutOf(rules, c.asset);
    const valueUsd = c.balance.mul(price).mul(collateralWeight(c.balance, haircut));
    total = total.add(valueUsd);
    return { asset: c.asset, balance: c.balance, priceUsd: price, haircut, valueUsd };
  });
  return { items, valueUsd: total };
}
