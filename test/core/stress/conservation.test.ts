/**
 * Conservation holds on every run: fast-check over random books (linear and inverse perpetuals, linear
 * and inverse options, USDT and BTC collateral), random shocks (price, vol, basis, funding, haircut,
 * liquidity), with and without the cascade, under the tiered and the scenario-grid models. Plus the
 * invariants the identity rests on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, Book, InstrumentSpec } from '../../../main/core/book/types';
import { marginModelFromWire } from '../../../main/core/margin/modelDispatch';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import { bookRun } from '../../../main/core/stress/bookRun';
import { prepareStressBook } from '../../../main/core/stress/bookValuation';
import { applyShock } from '../../../main/core/stress/shocks';
import { DERIBIT_PRESET } from '../margin/portfolioFixtures';
import { FLAT_TIERED } from './bookFixtures';
import { scenario } from './helpers';

const MARKET: MarketSnapshot = { date: '2026-01-05', spot: { BTC: 50000, ETH: 3000, USDT: 1 }, vol: { BTC: 0.6, ETH: 0.8 }, rate: 0.03 };
const INSTRUMENTS: InstrumentSpec[] = [
  { id: 'BTC-PERP', underlying: 'BTC', settlement: 'linear', kind: 'perpetual' },
  { id: 'ETH-PERP', underlying: 'ETH', settlement: 'linear', kind: 'perpetual' },
  { id: 'BTC-INV', underlying: 'BTC', settlement: 'inverse', kind: 'perpetual', contractSizeUsd: new Dec(100) },
  { id: 'BTC-C', underlying: 'BTC', settlement: 'linear', kind: 'option', expiry: '2026-02-04', strike: new Dec(55000), optionType: 'call' },
  { id: 'BTC-P-INV', underlying: 'BTC', settlement: 'inverse', kind: 'option', expiry: '2026-02-04', strike: new Dec(45000), optionType: 'put' },
];
/** Quantity unit and entry price level per instrument (options: premium in USD, inverse option in coin). */
const SIZE = [1, 10, 1000, 1, 1];
const ENTRY = [50000, 3000, 50000, 1500, 0.02];

const position = fc.record({ instrument: fc.integer({ min: 0, max: 4 }), size: fc.double({ min: -5, max: 5, noNaN: true }), entry: fc.double({ min: 0.8, max: 1.2, noNaN: true }) })
  .filter((p) => Math.abs(p.size) > 1e-3);
const account = fc.record({
  usdt: fc.double({ min: 0, max: 60000, noNaN: true }),
  btc: fc.double({ min: 0, max: 1, noNaN: true }),
  positions: fc.array(position, { minLength: 0, maxLength: 3 }),
});
const shock = fc.record({
  btcPct: fc.double({ min: -40, max: 40, noNaN: true }),
  ethPct: fc.double({ min: -40, max: 40, noNaN: true }),
  volPoints: fc.double({ min: -20, max: 50, noNaN: true }),
  basisPct: fc.double({ min: -2, max: 2, noNaN: true }),
  fundingRate: fc.double({ min: -0.001, max: 0.001, noNaN: true }),
  haircutAddOn: fc.double({ min: 0, max: 0.3, noNaN: true }),
  depthMultiplier: fc.double({ min: 0.2, max: 1, noNaN: true }),
});
const run = fc.record({
  accounts: fc.array(account, { minLength: 1, maxLength: 10 }),
  shock,
  cascade: fc.boolean(),
  depthUsd: fc.double({ min: 1e3, max: 1e6, noNaN: true }),
  impactCoefficient: fc.double({ min: 0, max: 1, noNaN: true }),
  impactExponent: fc.double({ min: 0.3, max: 1, noNaN: true }),
  penaltyRate: fc.double({ min: 0, max: 0.05, noNaN: true }),
  fundUsd: fc.double({ min: 0, max: 50000, noNaN: true }),
  gridModel: fc.boolean(),
});

function bookOf(accounts: { usdt: number; btc: number; positions: { instrument: number; size: number; entry: number }[] }[]): Book {
  const list: Account[] = accounts.map((a, k) => ({
    id: `acc-${k}`, marginMode: 'cross',
    collateral: [{ asset: 'USDT', balance: new Dec(a.usdt.toFixed(2)) }, { asset: 'BTC', balance: new Dec(a.btc.toFixed(6)) }],
    positions: a.positions.map((p) => ({
      instrumentId: INSTRUMENTS[p.instrument].id,
      quantity: new Dec((p.size * SIZE[p.instrument]).toFixed(p.instrument === 2 ? 0 : 4)),
      entryPrice: new Dec((p.entry * ENTRY[p.instrument]).toPrecision(8)),
    })).filter((p) => !p.quantity.isZero()),
  }));
  return { id: 'random', name: 'random book', synthetic: true, instruments: INSTRUMENTS, accounts: list };
}

describe('conservation (fast-check)', () => {
  it('holds on every run, with every invariant it rests on', () => {
    const grid = marginModelFromWire(DERIBIT_PRESET);
    const seen = { badDebt: 0, adl: 0, residual: 0, fundGrew: 0 };
    fc.assert(fc.property(run, (x) => {
      const book = bookOf(x.accounts);
      const prepared = prepareStressBook(book, MARKET, x.gridModel ? grid : FLAT_TIERED);
      const shocked = applyShock(MARKET, scenario([
        { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: x.shock.btcPct },
        { type: 'price', shift: 'relative', assets: ['ETH'], shockPct: x.shock.ethPct },
        { type: 'vol', assets: 'all', volPoints: x.shock.volPoints },
        { type: 'basis', instrument: 'perpetual', assets: ['BTC', 'ETH'], basisShockPct: x.shock.basisPct },
        { type: 'funding', assets: ['BTC', 'ETH'], ratePerPeriod: x.shock.fundingRate.toFixed(6), periods: 3 },
        { type: 'haircut', asset: 'BTC', haircutAddOn: x.shock.haircutAddOn.toFixed(4) },
        { type: 'liquidity', assets: ['BTC', 'ETH'], depthMultiplier: x.shock.depthMultiplier },
      ]));
      const cascade = x.cascade
        ? { depth: Object.fromEntries(['BTC', 'ETH'].map((a) => [a, { depthUsd: x.depthUsd, impactCoefficient: x.impactCoefficient, impactExponent: x.impactExponent }])), maxRounds: 5 }
        : null;
      const r = bookRun(prepared, shocked, { penaltyRate: x.penaltyRate, insuranceFundUsd: x.fundUsd, cascade });
      const c = r.conservation;
      expect(c.holds, JSON.stringify(c)).toBe(true);
      expect(Math.abs(c.losses.residualUsd)).toBeLessThanOrEqual(c.losses.toleranceUsd);
      expect(Math.abs(c.ledger.residualUsd)).toBeLessThanOrEqual(c.ledger.toleranceUsd);
      // Invariants: the fund never goes negative; penalties are capped by what is left; ADL never takes more
      // than a counterparty's profit; deficits are placed or residual.
      for (const round of r.rounds) expect(round.fund.fundAfterUsd).toBeGreaterThanOrEqual(0);
      const a = r.accounts;
      for (let k = 0; k < a.liquidated.length; k++) {
        expect(a.penaltyUsd[k]).toBeGreaterThanOrEqual(0);
        expect(a.returnedEquityUsd[k]).toBeGreaterThanOrEqual(0);
        expect(a.badDebtUsd[k]).toBeGreaterThanOrEqual(0);
        if (!a.liquidated[k]) expect(a.penaltyUsd[k] + a.badDebtUsd[k]).toBe(0);
        expect(a.penaltyUsd[k]).toBeLessThanOrEqual(x.penaltyRate * a.liquidatedNotionalUsd[k] + 1e-9);
      }
      for (const h of r.totals.adl.counterparties) expect(h.amountUsd).toBeLessThanOrEqual(h.unrealisedPnlUsd + 1e-9);
      const deficit = r.rounds.reduce((s, q) => s + q.fund.deficitUsd, 0);
      expect(Math.abs(deficit - r.totals.adl.socialisedLossUsd - r.totals.adl.residualBadDebtUsd)).toBeLessThanOrEqual(1e-9 * (1 + deficit));
      if (!x.cascade) expect(r.totals.impactCostUsd).toBe(0);
      if (r.totals.badDebtUsd > 0) seen.badDebt++;
      if (r.totals.adl.socialisedLossUsd > 0) seen.adl++;
      if (r.totals.adl.residualBadDebtUsd > 0) seen.residual++;
      if (r.totals.insuranceFund.drawdownUsd < 0) seen.fundGrew++;
    }), { numRuns: 300, seed: 20260105 });
    // The generator reaches every branch of the accounting, so the property is not vacuous.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(5);
  });

  it('holds through multi-round cascades of a herd of leveraged longs, each round lowering the price', () => {
    const herd = fc.record({
      collateral: fc.array(fc.double({ min: 2000, max: 60000, noNaN: true }), { minLength: 3, maxLength: 12 }),
      shockPct: fc.double({ min: -25, max: -2, noNaN: true }),
      depthUsd: fc.double({ min: 2e5, max: 5e6, noNaN: true }),
      impactCoefficient: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      penaltyRate: fc.double({ min: 0, max: 0.05, noNaN: true }),
      fundUsd: fc.double({ min: 0, max: 20000, noNaN: true }),
    });
    let multiRound = 0;
    fc.assert(fc.property(herd, (x) => {
      const accounts: Account[] = x.collateral.map((c, k) => ({
        id: `long-${k}`, marginMode: 'cross', collateral: [{ asset: 'USDT', balance: new Dec(c.toFixed(2)) }],
        positions: [{ instrumentId: 'BTC-PERP', quantity: new Dec(2), entryPrice: new Dec(50000) }],
      }));
      accounts.push({ id: 'short', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: new Dec(100000) }], positions: [{ instrumentId: 'BTC-PERP', quantity: new Dec(-5), entryPrice: new Dec(50000) }] });
      const book: Book = { id: 'herd', name: 'herd', synthetic: true, instruments: INSTRUMENTS, accounts };
      const r = bookRun(prepareStressBook(book, MARKET, FLAT_TIERED), applyShock(MARKET, scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: x.shockPct }])), {
        penaltyRate: x.penaltyRate, insuranceFundUsd: x.fundUsd,
        cascade: { depth: { BTC: { depthUsd: x.depthUsd, impactCoefficient: x.impactCoefficient, impactExponent: 0.5 } }, maxRounds: 10 },
      });
      expect(r.conservation.holds, JSON.stringify(r.conservation)).toBe(true);
      for (const round of r.rounds) expect(round.pricesAfterUsd[0]).toBeLessThan(round.pricesBeforeUsd[0]);
      if (r.rounds.length > 1) multiRound++;
    }), { numRuns: 200, seed: 7 });
    expect(multiRound).toBeGreaterThan(20);
  });
});
