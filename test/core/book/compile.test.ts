import { describe, expect, it } from 'vitest';
import {
  KIND_FUTURE, KIND_OPTION, KIND_PERPETUAL, MODE_CROSS, MODE_ISOLATED, SETTLEMENT_INVERSE, SETTLEMENT_LINEAR, compileBook,
} from '../../../main/core/book/compile';
import type { Book } from '../../../main/core/book/types';
import { InputError } from '../../../main/core/errors';
import { Dec } from '../../../main/core/money/decimal';

const book: Book = {
  id: 'b1',
  name: 'test',
  synthetic: true,
  instruments: [
    { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
    { id: 'ETH-USD-20260327-INV', kind: 'future', underlying: 'ETH', settlement: 'inverse', contractSizeUsd: new Dec(10), expiry: '2026-03-27' },
    { id: 'BTC-20260102-90000-P', kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry: '2026-01-02', strike: new Dec(90_000), optionType: 'put' },
  ],
  accounts: [
    {
      id: 'a', marginMode: 'cross',
      collateral: [{ asset: 'USDT', balance: new Dec('1000.5') }, { asset: 'BTC', balance: new Dec('0.25') }],
      positions: [{ instrumentId: 'BTC-PERP', quantity: new Dec('-0.5'), entryPrice: new Dec('87000') }],
    },
    { id: 'empty', marginMode: 'cross', collateral: [], positions: [] },
    {
      id: 'b', marginMode: 'isolated',
      collateral: [{ asset: 'USDC', balance: new Dec('2500') }],
      positions: [
        { instrumentId: 'ETH-USD-20260327-INV', quantity: new Dec(300), entryPrice: new Dec('2950.5'), isolatedMargin: new Dec('0.1'), leverage: new Dec(10) },
        { instrumentId: 'BTC-20260102-90000-P', quantity: new Dec('-2'), entryPrice: new Dec('0.012') },
      ],
    },
  ],
};
const market = { date: '2025-12-31', spot: { BTC: 87_500, ETH: 2_950, USDT: 0.999 }, vol: { BTC: 0.5 }, rate: 0.04 };

describe('compileBook', () => {
  const c = compileBook(book, market);

  it('indexes assets: underlyings first, then collateral in order of appearance', () => {
    expect(c.assets).toEqual(['BTC', 'ETH', 'USDT', 'USDC']);
    expect(Array.from(c.spot)).toEqual([87_500, 2_950, 0.999, NaN]);
    expect(Array.from(c.vol)).toEqual([0.5, NaN, NaN, NaN]);
  });

  it('flattens instruments with kind, settlement, contract size, strike, days to expiry and option type', () => {
    const i = c.instruments;
    expect(Array.from(i.kind)).toEqual([KIND_PERPETUAL, KIND_FUTURE, KIND_OPTION]);
    expect(Array.from(i.settlement)).toEqual([SETTLEMENT_LINEAR, SETTLEMENT_INVERSE, SETTLEMENT_INVERSE]);
    expect(Array.from(i.underlying)).toEqual([0, 1, 0]);
    expect(Array.from(i.contractSizeUsd)).toEqual([0, 10, 0]);
    expect(Array.from(i.strike)).toEqual([NaN, NaN, 90_000]);
    // 2025-12-31 → 2026-03-27 is 86 calendar days; → 2026-01-02 is 2.
    expect(Array.from(i.daysToExpiry)).toEqual([NaN, 86, 2]);
    expect(Array.from(i.optionType)).toEqual([0, 0, -1]);
  });

  it('stores positions grouped by account (CSR) and collateral as an accounts × assets matrix', () => {
    expect(Array.from(c.accounts.positionStart)).toEqual([0, 1, 1, 3]);
    expect(Array.from(c.accounts.marginMode)).toEqual([MODE_CROSS, MODE_CROSS, MODE_ISOLATED]);
    expect(Array.from(c.positions.account)).toEqual([0, 2, 2]);
    expect(Array.from(c.positions.instrument)).toEqual([0, 1, 2]);
    expect(Array.from(c.positions.quantity)).toEqual([-0.5, 300, -2]);
    expect(Array.from(c.positions.entryPrice)).toEqual([87_000, 2_950.5, 0.012]);
    expect(Array.from(c.positions.isolatedMargin)).toEqual([NaN, 0.1, NaN]);
    expect(Array.from(c.positions.leverage)).toEqual([NaN, 10, NaN]);
    expect(Array.from(c.accounts.collateral)).toEqual([0.25, 0, 1000.5, 0, 0, 0, 0, 0, 0, 0, 0, 2500]);
  });

  it('refuses unknown instruments and inverse contracts without a size, naming them', () => {
    const bad: Book = { ...book, accounts: [{ ...book.accounts[0], positions: [{ instrumentId: 'NOPE', quantity: new Dec(1), entryPrice: new Dec(1) }] }] };
    expect(() => compileBook(bad, market)).toThrow(InputError);
    expect(() => compileBook(bad, market)).toThrow(/account a positions\[0\]\.instrumentId: unknown instrument "NOPE"/);
    const noSize: Book = { ...book, instruments: [{ id: 'X-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse' }], accounts: [] };
    expect(() => compileBook(noSize, market)).toThrow(/instrument X-INV: an inverse contract needs contractSizeUsd > 0/);
  });
});
