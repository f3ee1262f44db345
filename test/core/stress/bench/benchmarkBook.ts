/**
 * SYNTHETIC book for the stress benchmarks (issue "Stress lab", performance target): 10,000 accounts with
 * 50,000 positions over 10 underlyings, each underlying with a linear perpetual, an inverse perpetual,
 * two linear futures and 20 option series (5 strikes × call/put × 2 expiries; 200 series in all), plus a
 * correlation matrix and vols for the Monte Carlo. Deterministic from its seed (createRng). Prices are
 * round 2025-style levels, not market data.
 *
 * Composition: every account holds `positions / accounts` positions (5 by default), 40 % of them options;
 * a position's notional is log-normal around 50,000 USD; collateral (USDT, plus BTC for one account in
 * four) is set from a target leverage drawn in [2, 25], so the book has a spread of margin ratios.
 * Option entry prices are Black-76 values at the snapshot's vol (perp/future entries within ±5 % of spot).
 */
import type { Account, Book, InstrumentSpec, Position } from '../../../../main/core/book/types';
import { black76Value } from '../../../../main/core/instruments/black76';
import type { MarketSnapshot } from '../../../../main/core/market/types';
import { Dec } from '../../../../main/core/money/decimal';
import { createRng } from '../../../../main/core/numeric/rng';

export const BENCH_UNDERLYINGS: { asset: string; priceUsd: number; vol: number }[] = [
  { asset: 'BTC', priceUsd: 60000, vol: 0.55 },
  { asset: 'ETH', priceUsd: 3000, vol: 0.7 },
  { asset: 'SOL', priceUsd: 150, vol: 0.9 },
  { asset: 'BNB', priceUsd: 600, vol: 0.6 },
  { asset: 'XRP', priceUsd: 0.6, vol: 0.85 },
  { asset: 'ADA', priceUsd: 0.5, vol: 0.9 },
  { asset: 'DOGE', priceUsd: 0.12, vol: 1.0 },
  { asset: 'AVAX', priceUsd: 30, vol: 0.95 },
  { asset: 'LINK', priceUsd: 15, vol: 0.9 },
  { asset: 'LTC', priceUsd: 80, vol: 0.75 },
];

export interface BenchmarkBook {
  book: Book;
  market: MarketSnapshot;
  /** The 10 underlyings, their correlation (one factor, loading 0.75: ρ = 0.5625 off the diagonal) and vols. */
  assets: string[];
  correlation: Float64Array;
  annualVol: Float64Array;
  optionSeries: number;
}

const DATE = '2026-01-05';
const EXPIRIES = ['2026-01-30', '2026-03-27'];
const MONEYNESS = [0.8, 0.9, 1, 1.1, 1.2];

function instrumentsOf(asset: string, price: number): InstrumentSpec[] {
  const out: InstrumentSpec[] = [
    { id: `${asset}-PERP`, underlying: asset, settlement: 'linear', kind: 'perpetual' },
    { id: `${asset}-USD-PERP-INV`, underlying: asset, settlement: 'inverse', kind: 'perpetual', contractSizeUsd: new Dec(asset === 'BTC' ? 100 : 10) },
    ...EXPIRIES.map((expiry): InstrumentSpec => ({ id: `${asset}-${expiry}-F`, underlying: asset, settlement: 'linear', kind: 'future', expiry })),
  ];
  for (const expiry of EXPIRIES) {
    for (const m of MONEYNESS) {
      const strike = Number((price * m).toPrecision(3));
      for (const optionType of ['call', 'put'] as const) {
        out.push({ id: `${asset}-${expiry}-${strike}-${optionType === 'call' ? 'C' : 'P'}`, underlying: asset, settlement: 'linear', kind: 'option', expiry, strike: new Dec(strike), optionType });
      }
    }
  }
  return out;
}

function dec(x: number, digits = 8): Dec {
  return new Dec(x.toPrecision(digits));
}

export function benchmarkBook(accounts = 10_000, positions = 50_000, seed = 20260105): BenchmarkBook {
  if (positions % accounts !== 0) throw new RangeError(`benchmarkBook: positions (${positions}) must be a multiple of accounts (${accounts})`);
  const perAccount = positions / accounts;
  const rng = createRng(seed);
  const market: MarketSnapshot = {
    date: DATE,
    spot: { ...Object.fromEntries(BENCH_UNDERLYINGS.map((u) => [u.asset, u.priceUsd])), USDT: 1 },
    vol: Object.fromEntries(BENCH_UNDERLYINGS.map((u) => [u.asset, u.vol])),
    rate: 0.04,
  };
  const byAsset = BENCH_UNDERLYINGS.map((u) => instrumentsOf(u.asset, u.priceUsd));
  const instruments = byAsset.flat();
  const accountsOut: Account[] = [];
  for (let k = 0; k < accounts; k++) {
    const list: Position[] = [];
    let grossUsd = 0;
    for (let j = 0; j < perAccount; j++) {
      const u = rng.int(BENCH_UNDERLYINGS.length);
      const { priceUsd, vol } = BENCH_UNDERLYINGS[u];
      const option = rng.uniform() < 0.4;
      const pool = byAsset[u];
      const spec = option ? pool[4 + rng.int(pool.length - 4)] : pool[rng.int(4)];
      const notional = 50_000 * Math.exp(1.2 * rng.normal());
      const side = rng.uniform() < 0.55 ? 1 : -1;
      grossUsd += notional;
      if (spec.kind === 'option') {
        const expiryDays = (Date.parse(`${spec.expiry}T00:00:00Z`) - Date.parse(`${DATE}T00:00:00Z`)) / 86_400_000;
        const premium = black76Value({ optionType: spec.optionType, forward: priceUsd, strike: spec.strike.toNumber(), expiryDays, vol, rate: market.rate });
        list.push({ instrumentId: spec.id, quantity: dec((side * notional) / priceUsd, 6), entryPrice: dec(Math.max(premium, 1e-8)) });
      } else if (spec.settlement === 'inverse') {
        const contracts = Math.max(1, Math.round(notional / spec.contractSizeUsd!.toNumber()));
        list.push({ instrumentId: spec.id, quantity: new Dec(side * contracts), entryPrice: dec(priceUsd * (1 + 0.05 * (2 * rng.uniform() - 1))) });
      } else {
        list.push({ instrumentId: spec.id, quantity: dec((side * notional) / priceUsd, 6), entryPrice: dec(priceUsd * (1 + 0.05 * (2 * rng.uniform() - 1))) });
      }
    }
    const leverage = 2 + 23 * rng.uniform();
    const collateralUsd = grossUsd / leverage;
    const collateral = k % 4 === 0
      ? [{ asset: 'USDT', balance: dec(collateralUsd / 2, 10) }, { asset: 'BTC', balance: dec(collateralUsd / 2 / 60000, 8) }]
      : [{ asset: 'USDT', balance: dec(collateralUsd, 10) }];
    accountsOut.push({ id: `bench-${k}`, marginMode: 'cross', collateral, positions: list });
  }
  const n = BENCH_UNDERLYINGS.length;
  const correlation = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) correlation[i * n + j] = i === j ? 1 : 0.75 * 0.75;
  return {
    book: { id: 'stress-bench', name: 'SYNTHETIC stress benchmark book', synthetic: true, instruments, accounts: accountsOut },
    market,
    assets: BENCH_UNDERLYINGS.map((u) => u.asset),
    correlation,
    annualVol: Float64Array.from(BENCH_UNDERLYINGS, (u) => u.vol),
    optionSeries: instruments.filter((i) => i.kind === 'option').length,
  };
}
