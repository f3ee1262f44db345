/**
 * Small hand-checkable books for the book-run tests: a linear BTC perpetual, USDT collateral, a
 * one-bracket tiered model (MMR 5 % on linear notional and on inverse face value, max leverage 10, no
 * maintenance amount; haircuts USDT 0, BTC 0.1), BTC at 50,000.
 */
import type { Account, Book, InstrumentSpec } from '../../../main/core/book/types';
import { tieredModelFromWire } from '../../../main/core/margin/config';
import type { TieredModel } from '../../../main/core/margin/types';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';

export const SMALL_MARKET: MarketSnapshot = { date: '2026-01-05', spot: { BTC: 50000, USDT: 1 }, vol: { BTC: 0.6 }, rate: 0 };

export const BTC_PERP: InstrumentSpec = { id: 'BTC-PERP', underlying: 'BTC', settlement: 'linear', kind: 'perpetual' };

export const FLAT_TIERED: TieredModel = tieredModelFromWire({
  kind: 'tiered',
  name: 'flat 5 % MMR',
  convention: 'markPrice',
  tables: [
    { name: 'linear', underlyings: [], settlement: 'linear', notionalUnit: 'usd', brackets: [{ notionalCap: '1000000000', maxLeverage: '10', maintenanceMarginRate: '0.05' }] },
    { name: 'inverse face', underlyings: [], settlement: 'inverse', notionalUnit: 'usd', brackets: [{ notionalCap: '1000000000', maxLeverage: '10', maintenanceMarginRate: '0.05' }] },
  ],
  collateral: { haircuts: { USDT: '0', BTC: '0.1' } },
});

/** An account with USDT collateral and BTC-PERP positions given as [quantity, entry price]. */
export function perpAccount(id: string, usdt: number, ...positions: [number, number][]): Account {
  return {
    id,
    marginMode: 'cross',
    collateral: [{ asset: 'USDT', balance: new Dec(usdt) }],
    positions: positions.map(([q, entry]) => ({ instrumentId: 'BTC-PERP', quantity: new Dec(q), entryPrice: new Dec(entry) })),
  };
}

export function perpBook(accounts: Account[], instruments: InstrumentSpec[] = [BTC_PERP]): Book {
  return { id: 'small', name: 'small book', synthetic: true, instruments, accounts };
}
