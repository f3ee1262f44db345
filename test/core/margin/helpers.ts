import type { Account, InstrumentSpec, Position } from '../../../main/core/book/types';
import { tieredModelFromWire, type BracketWire, type TieredModelWire } from '../../../main/core/margin/config';
import type { TieredModel } from '../../../main/core/margin/types';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import binanceJson from '../../../resources/presets/tiered-binance-btcusdt-mark.json';
import bybitJson from '../../../resources/presets/tiered-bybit-entry.json';

export const BINANCE_PRESET = binanceJson as TieredModelWire;
export const BYBIT_PRESET = bybitJson as TieredModelWire;

/** A model with one linear and/or one inverse table, no haircuts on USDT/BTC. */
export function model(
  convention: 'markPrice' | 'entryPrice',
  linear: BracketWire[] | null,
  inverse: { unit: 'usd' | 'coin'; brackets: BracketWire[] } | null = null,
): TieredModel {
  const tables: TieredModelWire['tables'] = [];
  if (linear) tables.push({ name: 'linear', underlyings: [], settlement: 'linear', notionalUnit: 'usd', brackets: linear });
  if (inverse) tables.push({ name: 'inverse', underlyings: [], settlement: 'inverse', notionalUnit: inverse.unit, brackets: inverse.brackets });
  return tieredModelFromWire({ kind: 'tiered', name: 'test', convention, tables, collateral: { haircuts: { USDT: '0', BTC: '0', ETH: '0' } } });
}

export const BTC_PERP: InstrumentSpec = { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' };
export const ETH_PERP: InstrumentSpec = { id: 'ETH-PERP', kind: 'perpetual', underlying: 'ETH', settlement: 'linear' };
export const BTC_INV: InstrumentSpec = { id: 'BTCUSD-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec(100) };

export function position(instrumentId: string, quantity: string, entryPrice: string, extra: Partial<Position> = {}): Position {
  return { instrumentId, quantity: new Dec(quantity), entryPrice: new Dec(entryPrice), ...extra };
}

export function account(id: string, marginMode: Account['marginMode'], collateral: Record<string, string>, positions: Position[]): Account {
  return { id, marginMode, collateral: Object.entries(collateral).map(([asset, balance]) => ({ asset, balance: new Dec(balance) })), positions };
}

export function snapshot(spot: Record<string, number>, date = '2025-12-31'): MarketSnapshot {
  return { date, spot, vol: {}, rate: 0 };
}
