/**
 * Turning a drawn exposure (instrument, side, USD notional) into a Position with exchange-rounded
 * quantity and entry price, and funding it with collateral. Quantities follow the conventions of
 * main/core/book/types.ts: linear contracts and options in coin, inverse perpetuals/futures in contracts
 * of contractSizeUsd. Entry prices scatter log-normally around the fair level (positions were opened
 * over recent weeks).
 */
import type { CollateralBalance, Position } from '../book/types';
import { Dec } from '../money/decimal';
import { InputError } from '../errors';
import type { Rng } from '../numeric/rng';
import type { ListedInstrument, ValuationContext } from './instruments';

export interface BookContext extends ValuationContext {
  /** Stablecoin linear contracts settle in. */
  linearSettlementAsset: string;
  stablecoins: string[];
  /** Log sd of entry prices around fair, for delta-one and for option premia. */
  entryDispersion: number;
  optionEntryDispersion: number;
}

export interface BuiltPosition {
  position: Position;
  kind: ListedInstrument['spec']['kind'];
  /** |quantity| × spot (linear, options) or |contracts| × contractSizeUsd (inverse). */
  notionalUsd: number;
  /** Unrealised PnL at the fair level, USD. */
  unrealisedPnlUsd: number;
  /** Where its margin sits: the underlying coin for inverse contracts, 'USD' (stablecoins) otherwise. */
  bucket: string;
}

const USD_BUCKET = 'USD';
const STABLE_DECIMALS = 2;
const COIN_DECIMALS = 8;

/** At least one step; rounds notional / stepValue to the nearest whole number of steps. */
function steps(notionalUsd: number, stepValueUsd: number): number {
  return Math.max(1, Math.round(notionalUsd / stepValueUsd));
}

function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

/**
 * `count` whole steps as an exact Dec. Built from the decimal text (k·step printed at the step's
 * decimals) rather than by Decimal division: same value, a fraction of the cost over 10⁴ positions.
 */
function stepMultiple(count: number, step: string): Dec {
  return new Dec((count * Number(step)).toFixed(decimalsOf(step)));
}

/** The entry price: fair·e^{dispersion·N(0,1)} on the tick grid, at least one tick. */
function entryAround(fair: number, dispersion: number, tick: string, rng: Rng): Dec {
  const price = fair * Math.exp(dispersion * rng.normal());
  if (!Number.isFinite(price)) throw new InputError(`entry price: ${price} is not finite (fair level ${fair})`);
  return stepMultiple(Math.max(1, Math.round(price / Number(tick))), tick);
}

export function buildPosition(item: ListedInstrument, side: 1 | -1, notionalUsd: number, ctx: BookContext, rng: Rng): BuiltPosition {
  const { spec, underlying: u } = item;
  const spot = ctx.spotUsd[spec.underlying];
  if (spec.kind === 'option') {
    const lot = Number(u.optionLotCoin);
    const quantity = stepMultiple(side * steps(notionalUsd, spot * lot), u.optionLotCoin);
    const q = quantity.toNumber();
    if (spec.settlement === 'inverse') {
      const fairCoin = item.fairUsd / item.forwardUsd;
      const entryPrice = entryAround(fairCoin, ctx.optionEntryDispersion, u.inversePremiumTickCoin, rng);
      return {
        position: { instrumentId: spec.id, quantity, entryPrice },
        kind: spec.kind,
        notionalUsd: Math.abs(q) * spot,
        unrealisedPnlUsd: q * (fairCoin - entryPrice.toNumber()) * spot,
        bucket: spec.underlying,
      };
    }
    const entryPrice = entryAround(item.fairUsd, ctx.optionEntryDispersion, u.priceTick, rng);
    return {
      position: { instrumentId: spec.id, quantity, entryPrice },
      kind: spec.kind,
      notionalUsd: Math.abs(q) * spot,
      unrealisedPnlUsd: q * (item.fairUsd - entryPrice.toNumber()),
      bucket: USD_BUCKET,
    };
  }
  const entryPrice = entryAround(item.fairUsd, ctx.entryDispersion, u.priceTick, rng);
  const entry = entryPrice.toNumber();
  if (spec.settlement === 'inverse') {
    const size = Number(u.inverseContractSizeUsd);
    const contracts = side * steps(notionalUsd, size);
    // Inverse PnL in coin = contracts × size × (1/entry − 1/mark) (design.md), valued at spot.
    const pnlCoin = contracts * size * (1 / entry - 1 / item.fairUsd);
    return {
      position: { instrumentId: spec.id, quantity: new Dec(contracts), entryPrice },
      kind: spec.kind,
      notionalUsd: Math.abs(contracts) * size,
      unrealisedPnlUsd: pnlCoin * spot,
      bucket: spec.underlying,
    };
  }
  const lot = Number(u.lotCoin);
  const quantity = stepMultiple(side * steps(notionalUsd, spot * lot), u.lotCoin);
  const q = quantity.toNumber();
  return {
    position: { instrumentId: spec.id, quantity, entryPrice },
    kind: spec.kind,
    notionalUsd: Math.abs(q) * spot,
    unrealisedPnlUsd: q * (item.fairUsd - entry),
    bucket: USD_BUCKET,
  };
}

/** Stablecoin balances to the cent, coin balances to 1e-8 (a satoshi). */
function balanceOf(asset: string, amountUsd: number, ctx: BookContext): Dec {
  const decimals = ctx.stablecoins.includes(asset) ? STABLE_DECIMALS : COIN_DECIMALS;
  const amount = amountUsd / ctx.spotUsd[asset];
  if (!Number.isFinite(amount)) throw new InputError(`${asset} balance: ${amount} is not finite`);
  return new Dec(amount.toFixed(decimals));
}

/** Merge per-asset USD amounts into balances, in market asset order, dropping zero balances. */
function toBalances(amountsUsd: Map<string, number>, ctx: BookContext): CollateralBalance[] {
  const order = Object.keys(ctx.spotUsd);
  return [...amountsUsd.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([asset, usd]) => ({ asset, balance: balanceOf(asset, usd, ctx) }))
    .filter((c) => c.balance.gt(0));
}

/**
 * Cross margin: the wallet in every margin bucket is grossNotional / leverage (pro rata) plus any
 * unrealised loss of that bucket (a losing trader tops up to keep the chosen leverage; profits stay
 * unrealised), so wallet and equity leverage are both at most `leverage`. USD-bucket margin is spread over `weights` (multi-asset collateral:
 * USDT, USDC, BTC, ETH); inverse margin is held in the contract's coin.
 */
export function crossCollateral(
  built: BuiltPosition[], leverage: number, weights: Record<string, number>, ctx: BookContext,
): CollateralBalance[] {
  const gross = built.reduce((s, b) => s + b.notionalUsd, 0);
  const buckets = new Map<string, { notional: number; pnl: number }>();
  for (const b of built) {
    const x = buckets.get(b.bucket) ?? { notional: 0, pnl: 0 };
    x.notional += b.notionalUsd;
    x.pnl += b.unrealisedPnlUsd;
    buckets.set(b.bucket, x);
  }
  const weightTotal = Object.values(weights).reduce((s, w) => s + w, 0);
  const amounts = new Map<string, number>();
  const addUsd = (asset: string, usd: number) => amounts.set(asset, (amounts.get(asset) ?? 0) + usd);
  for (const [bucket, x] of buckets) {
    const target = (gross / leverage) * (x.notional / gross);
    const wallet = target + Math.max(0, -x.pnl);
    if (bucket === USD_BUCKET) {
      for (const [asset, w] of Object.entries(weights)) if (w > 0) addUsd(asset, (wallet * w) / weightTotal);
    } else {
      addUsd(bucket, wallet);
    }
  }
  return toBalances(amounts, ctx);
}

/**
 * Isolated margin: each position gets notional / leverage (plus any unrealised loss, topped up by the
 * user) in its settlement asset; the wallet holds those margins plus `freeShare` of them unassigned.
 * `isolatedMargin` is part of the wallet balance of that asset, as on exchanges' wallet statements.
 */
export function isolateMargins(
  built: BuiltPosition[], leverages: number[], freeShare: number, ctx: BookContext,
): { positions: Position[]; collateral: CollateralBalance[] } {
  const amounts = new Map<string, number>();
  const positions = built.map((b, i) => {
    const marginUsd = b.notionalUsd / leverages[i] + Math.max(0, -b.unrealisedPnlUsd);
    const asset = b.bucket === USD_BUCKET ? ctx.linearSettlementAsset : b.bucket;
    amounts.set(asset, (amounts.get(asset) ?? 0) + marginUsd * (1 + freeShare));
    return { ...b.position, isolatedMargin: balanceOf(asset, marginUsd, ctx), leverage: new Dec(leverages[i]) };
  });
  return { positions, collateral: toBalances(amounts, ctx) };
}
