import { describe, expect, it } from 'vitest';
import type { Account, Book, InstrumentSpec } from '../../../main/core/book/types';
import { Dec } from '../../../main/core/money/decimal';
import {
  DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SPEC, generateSampleBook, generateSampleMarket,
} from '../../../main/core/sample';
import { quantile7 } from './stats';

const market = generateSampleMarket(DEFAULT_SAMPLE_SPEC, DEFAULT_SAMPLE_SEED);
const book: Book = generateSampleBook(DEFAULT_SAMPLE_SPEC, market, DEFAULT_SAMPLE_SEED);
const valuationDate = market.series.BTC[market.series.BTC.length - 1].date;
const spot: Record<string, number> = Object.fromEntries(
  market.assets.map((a) => [a, Number(market.series[a][market.series[a].length - 1].close)]),
);
const instruments = new Map(book.instruments.map((i) => [i.id, i]));
const positions = book.accounts.flatMap((a) => a.positions.map((p) => ({ account: a, p, i: instruments.get(p.instrumentId)! })));

/** USD notional of a position: |q|·spot for linear and options, |contracts|·contractSizeUsd for inverse delta-one. */
function notionalUsd(i: InstrumentSpec, quantity: Dec): number {
  const q = Math.abs(quantity.toNumber());
  return i.settlement === 'inverse' && i.kind !== 'option' ? q * i.contractSizeUsd!.toNumber() : q * spot[i.underlying];
}

/** Effective leverage: gross notional over the USD value of the collateral (stablecoins at their own close). */
function effectiveLeverage(a: Account): number {
  const gross = a.positions.reduce((s, p) => s + notionalUsd(instruments.get(p.instrumentId)!, p.quantity), 0);
  const collateral = a.collateral.reduce((s, c) => s + c.balance.toNumber() * spot[c.asset], 0);
  return gross / collateral;
}

describe('sample book: identity and determinism', () => {
  it('is labelled SYNTHETIC and carries the seed in its id', () => {
    expect(book.name).toBe('Sample book (SYNTHETIC)');
    expect(book.synthetic).toBe(true);
    expect(book.id).toBe(`sample-book-${DEFAULT_SAMPLE_SEED}`);
  });

  it('is bit-identical for the same seed and differs for another', () => {
    const again = generateSampleBook(DEFAULT_SAMPLE_SPEC, market, DEFAULT_SAMPLE_SEED);
    expect(JSON.stringify(again)).toBe(JSON.stringify(book));
    const other = generateSampleBook(DEFAULT_SAMPLE_SPEC, market, DEFAULT_SAMPLE_SEED + 1);
    expect(JSON.stringify(other.accounts)).not.toBe(JSON.stringify(book.accounts));
  });
});

describe('sample book: composition', () => {
  it('has at least 2,000 accounts with unique ids: whales, market makers and retail', () => {
    expect(book.accounts.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(book.accounts.map((a) => a.id)).size).toBe(book.accounts.length);
    expect(book.accounts.filter((a) => a.id.startsWith('whale-')).length).toBe(8);
    expect(book.accounts.filter((a) => a.id.startsWith('mm-')).length).toBe(12);
  });

  it('holds every kind in both settlements: perpetuals, dated futures and options, linear and inverse', () => {
    const held = new Set(positions.map(({ i }) => `${i.kind}:${i.settlement}`));
    for (const kind of ['perpetual', 'future', 'option']) {
      for (const settlement of ['linear', 'inverse']) expect(held.has(`${kind}:${settlement}`), `${kind} ${settlement}`).toBe(true);
    }
  });

  it('every position refers to a listed instrument, once per account, with a non-zero Dec quantity and positive entry', () => {
    const problems: string[] = [];
    for (const a of book.accounts) {
      if (a.positions.length === 0) problems.push(`${a.id}: no positions`);
      if (new Set(a.positions.map((p) => p.instrumentId)).size !== a.positions.length) problems.push(`${a.id}: instrument held twice`);
      for (const p of a.positions) {
        if (!instruments.has(p.instrumentId)) problems.push(`${a.id} ${p.instrumentId}: not listed`);
        if (!(p.quantity instanceof Dec) || p.quantity.isZero()) problems.push(`${a.id} ${p.instrumentId}: quantity ${p.quantity}`);
        if (!(p.entryPrice instanceof Dec) || !p.entryPrice.gt(0)) problems.push(`${a.id} ${p.instrumentId}: entry ${p.entryPrice}`);
      }
    }
    // Inverse perpetuals and futures trade in whole USD-face contracts and carry their size.
    for (const { i, p } of positions.filter(({ i }) => i.settlement === 'inverse' && i.kind !== 'option')) {
      if (!p.quantity.isInteger() || !i.contractSizeUsd?.gt(0)) problems.push(`${i.id}: ${p.quantity} contracts of ${i.contractSizeUsd}`);
    }
    expect(problems).toEqual([]);
  });

  it('lists option chains around the money over several expiries after the valuation date', () => {
    const options = book.instruments.filter((i) => i.kind === 'option');
    for (const u of ['BTC', 'ETH']) {
      const chain = options.filter((o) => o.underlying === u);
      expect(new Set(chain.map((o) => o.kind === 'option' && o.expiry)).size, u).toBeGreaterThanOrEqual(4);
      expect(new Set(chain.map((o) => o.kind === 'option' && o.strike.toString())).size, u).toBeGreaterThanOrEqual(5);
      expect(new Set(chain.map((o) => o.kind === 'option' && o.optionType)).size, u).toBe(2);
    }
    const problems: string[] = [];
    for (const o of options) {
      if (o.kind !== 'option') continue;
      const moneyness = o.strike.toNumber() / spot[o.underlying];
      if (!(o.expiry > valuationDate) || !(moneyness > 0.65 && moneyness < 1.35)) problems.push(`${o.id}: moneyness ${moneyness}`);
    }
    for (const f of book.instruments) {
      if (f.kind === 'future' && !(f.expiry > valuationDate)) problems.push(`${f.id}: expired`);
    }
    expect(problems).toEqual([]);
  });

  it('holds multi-asset collateral: USDT, USDC, BTC and ETH balances, some accounts with several', () => {
    const assets = new Set(book.accounts.flatMap((a) => a.collateral.map((c) => c.asset)));
    for (const asset of ['USDT', 'USDC', 'BTC', 'ETH']) expect(assets.has(asset), asset).toBe(true);
    expect(book.accounts.filter((a) => a.collateral.length >= 2).length).toBeGreaterThan(200);
    const empty = book.accounts.filter((a) => a.collateral.length === 0 || a.collateral.some((c) => !c.balance.gt(0)));
    expect(empty.map((a) => a.id)).toEqual([]);
  });
});

describe('sample book: margin modes and leverage', () => {
  it('is mostly cross margin with some isolated accounts whose margins fit in their wallets', () => {
    const isolated = book.accounts.filter((a) => a.marginMode === 'isolated');
    expect(isolated.length / book.accounts.length).toBeGreaterThan(0.05);
    expect(isolated.length / book.accounts.length).toBeLessThan(0.3);
    const problems: string[] = [];
    for (const a of isolated) {
      const assigned = new Map<string, Dec>();
      for (const p of a.positions) {
        if (!p.isolatedMargin?.gt(0) || !p.leverage?.gte(1)) problems.push(`${a.id} ${p.instrumentId}: margin ${p.isolatedMargin}, leverage ${p.leverage}`);
        const i = instruments.get(p.instrumentId)!;
        const asset = i.settlement === 'inverse' ? i.underlying : 'USDT';
        assigned.set(asset, (assigned.get(asset) ?? new Dec(0)).plus(p.isolatedMargin ?? 0));
      }
      for (const [asset, margin] of assigned) {
        const wallet = a.collateral.find((c) => c.asset === asset)?.balance ?? new Dec(0);
        if (wallet.lt(margin)) problems.push(`${a.id} ${asset}: wallet ${wallet} < isolated margins ${margin}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a skewed leverage distribution: median ≤ 5, 99th percentile ≥ 20, nobody above 100×', () => {
    const leverage = book.accounts.map(effectiveLeverage);
    const median = quantile7(leverage, 0.5);
    expect(median).toBeLessThanOrEqual(5);
    expect(median).toBeGreaterThanOrEqual(1.5);
    expect(quantile7(leverage, 0.99)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...leverage)).toBeLessThanOrEqual(100 * 1.001);
    const mean = leverage.reduce((s, x) => s + x, 0) / leverage.length;
    expect(mean).toBeGreaterThan(median);
    // Most accounts sit at 2–5×.
    expect(leverage.filter((x) => x >= 1.5 && x <= 5.5).length / leverage.length).toBeGreaterThan(0.5);
  });

  it('market makers hold many option positions, mostly short, delta-hedged with perpetuals', () => {
    for (const a of book.accounts.filter((x) => x.id.startsWith('mm-'))) {
      const options = a.positions.filter((p) => instruments.get(p.instrumentId)!.kind === 'option');
      expect(options.length, a.id).toBeGreaterThanOrEqual(40);
      expect(options.filter((p) => p.quantity.isNegative()).length, a.id).toBeGreaterThan(options.length / 2);
      expect(a.positions.some((p) => instruments.get(p.instrumentId)!.kind === 'perpetual'), a.id).toBe(true);
    }
  });

  it('whales are few and large; retail is small', () => {
    const gross = (a: Account) => a.positions.reduce((s, p) => s + notionalUsd(instruments.get(p.instrumentId)!, p.quantity), 0);
    const whales = book.accounts.filter((a) => a.id.startsWith('whale-')).map(gross);
    const retail = book.accounts.filter((a) => a.id.startsWith('retail-')).map(gross);
    expect(Math.min(...whales)).toBeGreaterThan(1e7);
    expect(quantile7(retail, 0.5)).toBeLessThan(1e5);
  });
});

describe('sample book: entry prices near the market at the valuation date', () => {
  it('delta-one entries scatter a few percent around spot or forward', () => {
    const deviations = positions
      .filter(({ i }) => i.kind !== 'option')
      .map(({ i, p }) => Math.abs(p.entryPrice.toNumber() / spot[i.underlying] - 1));
    expect(quantile7(deviations, 0.5)).toBeLessThan(0.05);
    expect(Math.max(...deviations)).toBeLessThan(0.3);
  });

  it('option premia are below the underlying price (USD for linear, coin for inverse)', () => {
    const bad = positions
      .filter(({ i }) => i.kind === 'option')
      .filter(({ i, p }) => !(p.entryPrice.toNumber() < (i.settlement === 'linear' ? spot[i.underlying] : 1)))
      .map(({ i, p }) => `${i.id} ${p.entryPrice}`);
    expect(bad).toEqual([]);
  });
});
