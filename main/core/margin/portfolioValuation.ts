/**
 * One account valued as a portfolio, the single-account path shared by the scenario grid, HS VaR and
 * parametric VaR (docs/methodology margin-grid-var, "Valuation"). Money (collateral, unrealised PnL,
 * equity) is Dec; the scenario revaluation functions below are float (statistics, design.md) and are
 * converted to Dec by the models at one named boundary (`fromFloat`).
 *
 * Prices: every instrument is marked at the index (spot) price of its underlying in the snapshot;
 * options are Black-76 on F = spot (the snapshot has no futures curve, basis ignored as in the tiered
 * model), at the snapshot's vol of the underlying (one ATM vol per asset), rate = snapshot.rate,
 * T = calendar days from the snapshot date to expiry / 365.
 *
 * Unrealised PnL in USD (premia are not deducted from the wallet, as in the sample book):
 *   linear perp/future   q (S − entry)
 *   inverse perp/future  q·CS·(1/entry − 1/S) coin, × S
 *   linear option        q (V − entry)                       V = Black-76 USD value per coin
 *   inverse option       q (V/S − entry_coin) coin, × S  =  q (V − entry_coin·S)
 * Collateral: balance × price × (1 − haircut) (collateral.ts; debts are not haircut).
 */
import type { Account, InstrumentSpec, OptionType, Settlement } from '../book/types';
import { InputError } from '../errors';
import { black76Value } from '../instruments/black76';
import { inversePnlCoin, inversePnlCoinFloat, linearPnl, linearPnlFloat } from '../instruments/pnl';
import { ZERO, fromFloat, type Dec } from '../money/decimal';
import type { MarketSnapshot } from '../market/types';
import { collateralValue, collateralWeight, priceUsd, type CollateralValuation } from './collateral';
import type { InstrumentLookup } from './tiered';
import type { CollateralRules } from './types';

const DAY_MS = 86_400_000;

export interface PortfolioPosition {
  instrumentId: string;
  underlying: string;
  kind: InstrumentSpec['kind'];
  settlement: Settlement;
  quantity: Dec;
  entryPrice: Dec;
  /** USD per inverse perp/future contract; null otherwise. */
  contractSizeUsd: Dec | null;
  optionType: OptionType | null;
  /** Options only (else NaN / null). */
  strike: number;
  expiry: string | null;
  expiryDays: number;
  /** Float copies for the scenario revaluation. */
  q: number;
  entry: number;
  cs: number;
  markPrice: Dec;
  /** Snapshot vol of the underlying (options; NaN otherwise). */
  vol: number;
  /** Black-76 USD value per coin at the mark (options; NaN otherwise). */
  markValueUsd: number;
  unrealisedPnlUsd: Dec;
  /** The same in float, from positionPnlUsdAt (the base every scenario is differenced against). */
  markPnlUsd: number;
}

export interface CollateralExposure {
  asset: string;
  /** balance × (1 − haircut) for a positive balance, the balance for a debt: coin units that move with the price. */
  weightedBalance: number;
  price: number;
}

export interface PortfolioValuation {
  accountId: string;
  marginMode: Account['marginMode'];
  date: string;
  rate: number;
  collateral: CollateralValuation;
  collateralExposure: CollateralExposure[];
  positions: PortfolioPosition[];
  unrealisedPnlUsd: Dec;
  equityUsd: Dec;
}

/** Calendar days from the snapshot date to an instrument's expiry (compile.ts rounds the same way). */
export function expiryDaysFrom(date: string, expiry: string, where: string): number {
  const a = Date.parse(`${date}T00:00:00Z`);
  const b = Date.parse(`${expiry}T00:00:00Z`);
  if (!Number.isFinite(a)) throw new InputError(`market snapshot date: "${date}" is not a date`);
  if (!Number.isFinite(b)) throw new InputError(`${where}.expiry: "${expiry}" is not a date`);
  return Math.round((b - a) / DAY_MS);
}

/** The snapshot's vol of an underlying, checked (options need one). */
export function optionVol(market: MarketSnapshot, underlying: string, where: string): number {
  const v = market.vol[underlying];
  if (v === undefined || !Number.isFinite(v) || v < 0) {
    throw new InputError(`${where}: market snapshot ${market.date} has no vol for ${underlying} (got ${String(v)}); options need one`);
  }
  return v;
}

/**
 * Unrealised PnL in USD of one position at underlying price `price` and option vol `vol` (float; the
 * table in the file header). Scenario PnL = positionPnlUsdAt(scenario) − markPnlUsd.
 */
export function positionPnlUsdAt(p: PortfolioPosition, price: number, vol: number, rate: number): number {
  if (p.kind !== 'option') {
    return p.settlement === 'linear' ? linearPnlFloat(p.q, p.entry, price) : inversePnlCoinFloat(p.q, p.cs, p.entry, price) * price;
  }
  const v = black76Value({ optionType: p.optionType!, forward: price, strike: p.strike, expiryDays: p.expiryDays, vol, rate });
  return p.settlement === 'linear' ? p.q * (v - p.entry) : p.q * (v - p.entry * price);
}

function positionOf(spec: InstrumentSpec, pos: Account['positions'][number], market: MarketSnapshot, where: string): PortfolioPosition {
  const mark = priceUsd(market, spec.underlying);
  const isOption = spec.kind === 'option';
  if (isOption ? !pos.entryPrice.gte(0) : !pos.entryPrice.gt(0)) {
    throw new InputError(`${where}.entryPrice: must be ${isOption ? '>= 0' : '> 0'}, got ${pos.entryPrice.toString()}`);
  }
  const inverseDeltaOne = spec.settlement === 'inverse' && !isOption;
  if (inverseDeltaOne && !(spec.contractSizeUsd && spec.contractSizeUsd.gt(0))) {
    throw new InputError(`instrument ${spec.id}: an inverse contract needs contractSizeUsd > 0`);
  }
  const base: PortfolioPosition = {
    instrumentId: spec.id,
    underlying: spec.underlying,
    kind: spec.kind,
    settlement: spec.settlement,
    quantity: pos.quantity,
    entryPrice: pos.entryPrice,
    contractSizeUsd: inverseDeltaOne ? spec.contractSizeUsd! : null,
    optionType: null,
    strike: NaN,
    expiry: spec.kind === 'perpetual' ? null : spec.expiry,
    expiryDays: NaN,
    q: pos.quantity.toNumber(),
    entry: pos.entryPrice.toNumber(),
    cs: inverseDeltaOne ? spec.contractSizeUsd!.toNumber() : 0,
    markPrice: mark,
    vol: NaN,
    markValueUsd: NaN,
    unrealisedPnlUsd: ZERO,
    markPnlUsd: 0,
  };
  if (spec.kind === 'option') {
    const expiryDays = expiryDaysFrom(market.date, spec.expiry, `instrument ${spec.id}`);
    if (expiryDays < 0) throw new InputError(`instrument ${spec.id}: expired on ${spec.expiry}, before the snapshot date ${market.date}`);
    base.optionType = spec.optionType;
    base.strike = spec.strike.toNumber();
    base.expiryDays = expiryDays;
    base.vol = optionVol(market, spec.underlying, where);
    base.markValueUsd = black76Value({ optionType: spec.optionType, forward: mark.toNumber(), strike: base.strike, expiryDays, vol: base.vol, rate: market.rate });
    // Settlement boundary: the float Black-76 value enters Dec here, once per position.
    const value = fromFloat(base.markValueUsd, `${where} option value`);
    base.unrealisedPnlUsd = spec.settlement === 'linear'
      ? pos.quantity.mul(value.sub(pos.entryPrice))
      : pos.quantity.mul(value.div(mark).sub(pos.entryPrice)).mul(mark);
  } else {
    base.unrealisedPnlUsd = spec.settlement === 'linear'
      ? linearPnl(pos.quantity, pos.entryPrice, mark)
      : inversePnlCoin(pos.quantity, spec.contractSizeUsd!, pos.entryPrice, mark).mul(mark);
  }
  base.markPnlUsd = positionPnlUsdAt(base, mark.toNumber(), base.vol, market.rate);
  return base;
}

export function portfolioValuation(account: Account, instruments: InstrumentLookup, market: MarketSnapshot, rules: CollateralRules): PortfolioValuation {
  if (!Number.isFinite(market.rate)) throw new InputError(`market snapshot ${market.date}: rate must be a finite number, got ${market.rate}`);
  const collateral = collateralValue(account.collateral, market, rules);
  const collateralExposure = collateral.items
    .filter((c) => !c.balance.isZero())
    .map((c) => ({ asset: c.asset, weightedBalance: c.balance.mul(collateralWeight(c.balance, c.haircut)).toNumber(), price: c.priceUsd.toNumber() }));
  const positions = account.positions.map((pos, k) => {
    const where = `account ${account.id} positions[${k}]`;
    const spec = instruments.get(pos.instrumentId);
    if (!spec) throw new InputError(`${where}.instrumentId: unknown instrument "${pos.instrumentId}"`);
    return positionOf(spec, pos, market, where);
  });
  const unrealisedPnlUsd = positions.reduce((s, p) => s.add(p.unrealisedPnlUsd), ZERO);
  return {
    accountId: account.id,
    marginMode: account.marginMode,
    date: market.date,
    rate: market.rate,
    collateral,
    collateralExposure,
    positions,
    unrealisedPnlUsd,
    equityUsd: collateral.valueUsd.add(unrealisedPnlUsd),
  };
}

/**
 * Account value change (USD, float) when each asset's price moves to priceOf(asset) and each option's
 * vol to volOf(position): Σ positions [PnL(scenario) − PnL(mark)] + Σ collateral weightedBalance × ΔP.
 * `only` restricts the sum to one underlying / collateral asset (the scenario grid's risk unit).
 */
export function portfolioScenarioPnl(
  v: PortfolioValuation,
  priceOf: (asset: string) => number,
  volOf: (p: PortfolioPosition) => number,
  only: string | null = null,
): number {
  let pnl = 0;
  for (const c of v.collateralExposure) {
    if (only !== null && c.asset !== only) continue;
    pnl += c.weightedBalance * (priceOf(c.asset) - c.price);
  }
  for (const p of v.positions) {
    if (only !== null && p.underlying !== only) continue;
    pnl += positionPnlUsdAt(p, priceOf(p.underlying), volOf(p), v.rate) - p.markPnlUsd;
  }
  return pnl;
}
