/**
 * A seeded random book for the Dec-vs-float agreement test and the timing: every branch of the tiered rules
 * (linear / inverse with coin and usd tables, perpetuals and futures, options to exclude, cross and
 * isolated, leverage or isolatedMargin or neither, notionals across many brackets, multi-asset collateral
 * with an occasional debt).
 */
import type { Account, Book, InstrumentSpec, Position } from '../../../main/core/book/types';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import { createRng } from '../../../main/core/numeric/rng';

export const GENERATED_SPOT: Record<string, number> = { BTC: 87_431.25, ETH: 2_934.17, SOL: 123.456, USDT: 0.9991, USDC: 1.0002 };

const INSTRUMENTS: InstrumentSpec[] = [
  { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
  { id: 'ETH-PERP', kind: 'perpetual', underlying: 'ETH', settlement: 'linear' },
  { id: 'SOL-PERP', kind: 'perpetual', underlying: 'SOL', settlement: 'linear' },
  { id: 'BTC-20260327', kind: 'future', underlying: 'BTC', settlement: 'linear', expiry: '2026-03-27' },
  { id: 'BTC-USD-PERP-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec(100) },
  { id: 'ETH-USD-PERP-INV', kind: 'perpetual', underlying: 'ETH', settlement: 'inverse', contractSizeUsd: new Dec(10) },
  { id: 'BTC-USD-20260626-INV', kind: 'future', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec(100), expiry: '2026-06-26' },
  { id: 'BTC-20260327-90000-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-03-27', strike: new Dec(90_000), optionType: 'call' },
  { id: 'ETH-20260327-2500-P', kind: 'option', underlying: 'ETH', settlement: 'inverse', expiry: '2026-03-27', strike: new Dec(2_500), optionType: 'put' },
];

export function generatedBook(accounts: number, seed: number): { book: Book; market: MarketSnapshot } {
  const rng = createRng(seed);
  const out: Account[] = [];
  for (let k = 0; k < accounts; k++) {
    const isolated = rng.uniform() < 0.3;
    const n = 1 + rng.int(4);
    const positions: Position[] = [];
    let grossUsd = 0;
    for (let j = 0; j < n; j++) {
      const inst = INSTRUMENTS[rng.int(INSTRUMENTS.length)];
      const side = rng.uniform() < 0.55 ? 1 : -1;
      // Log-uniform notional 100 USD … 300 M USD: reaches every bracket of the preset tables.
      const notionalUsd = Math.exp(Math.log(100) + rng.uniform() * Math.log(3e6));
      const spot = GENERATED_SPOT[inst.underlying];
      const entry = new Dec(spot * Math.exp(0.08 * rng.normal())).toDecimalPlaces(2);
      const quantity = inst.settlement === 'inverse' && inst.kind !== 'option'
        ? new Dec(side * Math.max(1, Math.round(notionalUsd / inst.contractSizeUsd!.toNumber())))
        : new Dec(side * notionalUsd / spot).toDecimalPlaces(4).add(side * 0.0001);
      const p: Position = { instrumentId: inst.id, quantity, entryPrice: inst.kind === 'option' ? new Dec(1234.5) : entry };
      const leverage = 1 + rng.int(60);
      if (isolated && rng.uniform() < 0.5) p.leverage = new Dec(leverage);
      if (isolated && rng.uniform() < 0.4) {
        const marginUsd = (notionalUsd / leverage) * (0.5 + rng.uniform());
        p.isolatedMargin = inst.settlement === 'inverse' ? new Dec(marginUsd / spot).toDecimalPlaces(8) : new Dec(marginUsd).toDecimalPlaces(2);
      }
      positions.push(p);
      grossUsd += notionalUsd;
    }
    const wallet = grossUsd / (2 + rng.int(30));
    const collateral = [
      { asset: 'USDT', balance: new Dec(rng.uniform() < 0.05 ? -wallet * 0.2 : wallet * 0.6).toDecimalPlaces(2) },
      { asset: 'USDC', balance: new Dec(wallet * 0.2).toDecimalPlaces(2) },
      { asset: 'BTC', balance: new Dec((wallet * 0.15) / GENERATED_SPOT.BTC).toDecimalPlaces(8) },
      { asset: 'ETH', balance: new Dec((wallet * 0.05) / GENERATED_SPOT.ETH).toDecimalPlaces(8) },
    ];
    out.push({ id: `acct-${k}`, marginMode: isolated ? 'isolated' : 'cross', collateral, positions });
  }
  return {
    book: { id: `generated-${seed}`, name: 'generated (test)', synthetic: true, instruments: INSTRUMENTS, accounts: out },
    market: { date: '2025-12-31', spot: { ...GENERATED_SPOT }, vol: { BTC: 0.55, ETH: 0.7, SOL: 0.9 }, rate: 0.04 },
  };
}
