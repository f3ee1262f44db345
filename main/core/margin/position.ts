/**
 * One perpetual or future under the tiered model, in Dec: notional, bracket, IM, MM, unrealised PnL.
 *
 * Units (docs/methodology margin-tiered): amounts are in the position's settlement unit, USD (quote) for
 * linear contracts and coin for inverse ones, plus their USD value at the mark price.
 *   linear:  notional = |q| × P (USD);  PnL = q (mark − entry)
 *   inverse: face = |contracts| × contractSizeUsd; coin notional = face / P;
 *            PnL (coin) = contracts × contractSizeUsd × (1/entry − 1/mark)  (design.md), USD = coin × mark
 * P is the mark price (convention markPrice) or the entry price (convention entryPrice).
 * IM = notional × IMR_eff with IMR_eff = max(bracket IMR, 1/leverage) for an isolated position that names
 * its leverage (the user's leverage never exceeds the bracket's maximum), else the bracket IMR.
 * MM = notional × MMR − cum. A `usd` table on an inverse contract margins the face value, converted to
 * coin at the mark price.
 */
import type { InstrumentSpec, MarginMode, Position } from '../book/types';
import { InputError } from '../errors';
import { ONE, maxDec, type Dec } from '../money/decimal';
import { bracketFor, bracketMaintenanceMargin, tableFor, type BracketChoice } from './brackets';
import type { BracketTable, TieredModel } from './types';

/** Contract terms of a delta-one position, checked once. */
export interface DeltaOneTerms {
  instrument: InstrumentSpec;
  table: BracketTable;
  /** Signed quantity: coin for linear, contracts for inverse. */
  quantity: Dec;
  entryPrice: Dec;
  /** USD per inverse contract; ONE for linear (unused). */
  contractSizeUsd: Dec;
  /** Settlement unit of the amounts: 'USD' or the underlying coin. */
  settlementUnit: string;
}

export function deltaOneTerms(position: Position, instrument: InstrumentSpec, model: TieredModel, where: string): DeltaOneTerms {
  if (instrument.kind === 'option') throw new InputError(`${where}: the tiered model margins perpetuals and futures, not option ${instrument.id}`);
  if (position.quantity.isZero()) throw new InputError(`${where}.quantity: must not be zero`);
  if (!position.entryPrice.gt(0)) throw new InputError(`${where}.entryPrice: must be > 0, got ${position.entryPrice.toString()}`);
  const inverse = instrument.settlement === 'inverse';
  if (inverse && !(instrument.contractSizeUsd && instrument.contractSizeUsd.gt(0))) {
    throw new InputError(`instrument ${instrument.id}: an inverse contract needs contractSizeUsd > 0`);
  }
  return {
    instrument,
    table: tableFor(model, instrument.underlying, instrument.settlement),
    quantity: position.quantity,
    entryPrice: position.entryPrice,
    contractSizeUsd: inverse ? instrument.contractSizeUsd! : ONE,
    settlementUnit: inverse ? instrument.underlying : 'USD',
  };
}

/** Notional in the table's unit at price `price`. */
export function tableNotional(t: DeltaOneTerms, price: Dec): Dec {
  if (t.instrument.settlement === 'linear') return t.quantity.abs().mul(price);
  const face = t.quantity.abs().mul(t.contractSizeUsd);
  return t.table.notionalUnit === 'usd' ? face : face.div(price);
}

/**
 * Convert an amount in the table's unit to the settlement unit at the mark: only a `usd` table on an
 * inverse contract needs it (USD → coin).
 */
function toSettlement(t: DeltaOneTerms, amount: Dec, mark: Dec): Dec {
  return t.instrument.settlement === 'inverse' && t.table.notionalUnit === 'usd' ? amount.div(mark) : amount;
}

export function unrealisedPnl(t: DeltaOneTerms, mark: Dec): Dec {
  if (t.instrument.settlement === 'linear') return t.quantity.mul(mark.sub(t.entryPrice));
  return t.quantity.mul(t.contractSizeUsd).mul(ONE.div(t.entryPrice).sub(ONE.div(mark)));
}

/** Settlement-unit amount → USD at the mark. */
export function settlementToUsd(t: DeltaOneTerms, amount: Dec, mark: Dec): Dec {
  return t.instrument.settlement === 'inverse' ? amount.mul(mark) : amount;
}

export function effectiveInitialMarginRate(choice: BracketChoice, mode: MarginMode, leverage: Dec | undefined): Dec {
  const bracketRate = choice.bracket.initialMarginRate;
  if (mode !== 'isolated' || leverage === undefined) return bracketRate;
  if (!leverage.gt(0)) throw new InputError(`leverage: must be > 0, got ${leverage.toString()}`);
  return maxDec(bracketRate, ONE.div(leverage));
}

export interface PositionMargin {
  instrumentId: string;
  underlying: string;
  kind: 'perpetual' | 'future';
  settlement: 'linear' | 'inverse';
  quantity: Dec;
  entryPrice: Dec;
  markPrice: Dec;
  /** 'USD' or the coin: unit of unrealisedPnl, initialMargin and maintenanceMargin. */
  settlementUnit: string;
  table: string;
  notionalUnit: 'usd' | 'coin';
  /** Price the notional was evaluated at (mark or entry, per convention). */
  basisPrice: Dec;
  notional: Dec;
  notionalUsd: Dec;
  bracket: BracketChoice;
  initialMarginRate: Dec;
  initialMargin: Dec;
  maintenanceMargin: Dec;
  unrealisedPnl: Dec;
  initialMarginUsd: Dec;
  maintenanceMarginUsd: Dec;
  unrealisedPnlUsd: Dec;
}

export function positionMargin(
  terms: DeltaOneTerms, mark: Dec, model: TieredModel, mode: MarginMode, leverage: Dec | undefined,
): PositionMargin {
  const basisPrice = model.convention === 'markPrice' ? mark : terms.entryPrice;
  const notional = tableNotional(terms, basisPrice);
  const choice = bracketFor(terms.table, notional);
  const imr = effectiveInitialMarginRate(choice, mode, leverage);
  const im = toSettlement(terms, notional.mul(imr), mark);
  const mm = toSettlement(terms, bracketMaintenanceMargin(choice.bracket, notional), mark);
  const pnl = unrealisedPnl(terms, mark);
  const i = terms.instrument as InstrumentSpec & { kind: 'perpetual' | 'future' };
  const faceOrQty = i.settlement === 'linear' ? terms.quantity.abs().mul(mark) : terms.quantity.abs().mul(terms.contractSizeUsd);
  return {
    instrumentId: i.id,
    underlying: i.underlying,
    kind: i.kind,
    settlement: i.settlement,
    quantity: terms.quantity,
    entryPrice: terms.entryPrice,
    markPrice: mark,
    settlementUnit: terms.settlementUnit,
    table: terms.table.name,
    notionalUnit: terms.table.notionalUnit,
    basisPrice,
    notional,
    notionalUsd: faceOrQty,
    bracket: choice,
    initialMarginRate: imr,
    initialMargin: im,
    maintenanceMargin: mm,
    unrealisedPnl: pnl,
    initialMarginUsd: settlementToUsd(terms, im, mark),
    maintenanceMarginUsd: settlementToUsd(terms, mm, mark),
    unrealisedPnlUsd: settlementToUsd(terms, pnl, mark),
  };
}

/**
 * Margin an isolated position holds: its isolatedMargin if given, else the IM at entry (what the exchange
 * took when it was opened), in the settlement unit.
 */
export function isolatedWalletBalance(terms: DeltaOneTerms, position: Position): Dec {
  if (position.isolatedMargin !== undefined) return position.isolatedMargin;
  const notional = tableNotional(terms, terms.entryPrice);
  const choice = bracketFor(terms.table, notional);
  const imr = effectiveInitialMarginRate(choice, 'isolated', position.leverage);
  return toSettlement(terms, notional.mul(imr), terms.entryPrice);
}

