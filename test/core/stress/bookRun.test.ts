/**
 * Book runs against hand-worked arithmetic (each figure derived in the comment next to it), the BitMEX
 * ADL queue order, and agreement with the margin module (bookMargin on the compiled shocked book, and the
 * Dec single-account path) on the SYNTHETIC sample book.
 */
import { describe, expect, it } from 'vitest';
import { compileBook } from '../../../main/core/book/compile';
import type { InstrumentSpec } from '../../../main/core/book/types';
import { accountMargin, bookMargin, marginModelFromWire } from '../../../main/core/margin/modelDispatch';
import { instrumentLookup } from '../../../main/core/margin/tiered';
import { Dec } from '../../../main/core/money/decimal';
import { bookRun } from '../../../main/core/stress/bookRun';
import { prepareStressBook } from '../../../main/core/stress/bookValuation';
import { applyShock } from '../../../main/core/stress/shocks';
import { DERIBIT_PRESET, sampleMarginInputs } from '../margin/portfolioFixtures';
import { BTC_PERP, FLAT_TIERED, SMALL_MARKET, perpAccount, perpBook } from './bookFixtures';
import { near, scenario } from './helpers';

const TOL_USD = 1e-8;
const btcMove = (shockPct: number) => scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct }]);

describe('hand-worked 3-account example (BTC 50,000 → 40,000, MMR 5 %, penalty 1 %, fund 5,000)', () => {
  // A: 10,000 USDT, long 2 BTC @ 50,000.  E = 10,000 + 2·(40,000 − 50,000) = −10,000; MM = 2·40,000·5 % = 4,000
  //    → liquidated; notional 80,000; penalty = min(800, max(0, −10,000)) = 0; bad debt 10,000.
  // B: 11,000 USDT, long 1 BTC @ 50,000.  E = 11,000 − 10,000 = 1,000 ≤ MM 2,000 → liquidated; notional 40,000;
  //    penalty = min(400, 1,000) = 400; returned 600; bad debt 0.
  // C:  5,000 USDT, short 3 BTC @ 50,000. E = 5,000 + 30,000 = 35,000 > MM 6,000.
  // Fund: 5,000 + 400 (penalty in first) = 5,400 pays 5,400 of the 10,000 → fund 0, deficit 4,600 → ADL.
  // ADL queue (bankrupt long → shorts): C, ranking = (30,000 / 5,000) × (3·40,000 / 35,000) = 6 × 3.428571… = 20.571428…;
  //    C gives min(4,600, 30,000, 35,000) = 4,600 → final equity 30,400.
  // Conservation: 10,000 = 400 + (5,000 − 0) + 4,600 + 0; ledger −10,000 + 1,000 − 0 − 400 − 600 + 10,000 = 0.
  const book = perpBook([perpAccount('A', 10000, [2, 50000]), perpAccount('B', 11000, [1, 50000]), perpAccount('C', 5000, [-3, 50000])]);
  const prepared = prepareStressBook(book, SMALL_MARKET, FLAT_TIERED);
  const r = bookRun(prepared, applyShock(SMALL_MARKET, btcMove(-20)), { penaltyRate: 0.01, insuranceFundUsd: 5000 });
  const a = r.accounts;

  it('values, margins and liquidates each account', () => {
    expect([...a.preShockEquityUsd]).toEqual([10000, 11000, 5000]);
    [-20000, -10000, 30000].forEach((x, k) => near(a.scenarioPnlUsd[k], x, TOL_USD));
    [-10000, 1000, 35000].forEach((x, k) => near(a.postShockEquityUsd[k], x, TOL_USD));
    [4000, 2000, 6000].forEach((x, k) => near(a.maintenanceMarginUsd[k], x, TOL_USD));
    [8000, 4000, 12000].forEach((x, k) => near(a.initialMarginUsd[k], x, TOL_USD)); // IMR 1/10
    expect([...a.liquidated]).toEqual([1, 1, 0]);
    expect([...a.liquidationRound]).toEqual([1, 1, 0]);
    [80000, 40000, 0].forEach((x, k) => near(a.liquidatedNotionalUsd[k], x, TOL_USD));
    [0, 400, 0].forEach((x, k) => near(a.penaltyUsd[k], x, TOL_USD));
    [10000, 0, 0].forEach((x, k) => near(a.badDebtUsd[k], x, TOL_USD));
    [0, 600, 0].forEach((x, k) => near(a.returnedEquityUsd[k], x, TOL_USD));
    [0, 600, 30400].forEach((x, k) => near(a.finalEquityUsd[k], x, TOL_USD));
    expect(Number.isNaN(a.marginRatio[0])).toBe(true); // equity ≤ 0
    near(a.marginRatio[1], 2, 1e-12); // 2,000 / 1,000
  });

  it('totals, insurance fund and ADL', () => {
    const t = r.totals;
    expect(t.accountsLiquidated).toBe(2);
    near(t.notionalLiquidatedUsd, 120000, TOL_USD);
    near(t.badDebtUsd, 10000, TOL_USD);
    near(t.penaltiesUsd, 400, TOL_USD);
    expect(t.insuranceFund).toEqual({ initialUsd: 5000, finalUsd: 0, drawdownUsd: 5000, exhausted: true, exhaustedInRound: 1 });
    expect(t.adl.triggered).toBe(true);
    near(t.adl.socialisedLossUsd, 4600, TOL_USD);
    expect(t.adl.residualBadDebtUsd).toBe(0);
    expect(t.adl.counterparties).toHaveLength(1);
    const hit = t.adl.counterparties[0];
    expect(hit).toMatchObject({ rank: 1, accountId: 'C', asset: 'BTC', side: 'short' });
    near(hit.rankingScore, 6 * (120000 / 35000), 1e-12);
    near(hit.amountUsd, 4600, TOL_USD);
    expect(r.rounds).toHaveLength(1);
    expect(r.rounds[0].fund).toEqual({ fundBeforeUsd: 5000, penaltiesUsd: 400, badDebtUsd: 10000, paidUsd: 5400, fundAfterUsd: 0, deficitUsd: 4600 });
    expect([...r.rounds[0].netOrderCoin]).toEqual([-3, 0]); // A and B sell 2 + 1 BTC
  });

  it('conservation holds exactly on the hand-worked terms', () => {
    const c = r.conservation;
    expect(c.holds).toBe(true);
    expect(c.losses).toMatchObject({ accountLossesUsd: 10000, penaltiesUsd: 400, fundDrawdownUsd: 5000, adlUsd: 4600, residualBadDebtUsd: 0 });
    near(c.losses.residualUsd, 0, 1e-9);
    expect(c.ledger).toMatchObject({ equityAtLiquidationUsd: -9000, impactCostUsd: 0, penaltiesUsd: 400, returnedEquityUsd: 600, badDebtUsd: 10000 });
    near(c.ledger.residualUsd, 0, 1e-9);
  });
});

describe('ADL queue', () => {
  it('ranks by PnL% × effective leverage, not by PnL, and stops when the deficit is covered', () => {
    // A: 10,000 USDT long 5 @ 50,000 → E = 10,000 − 50,000 = −40,000 at 40,000: bad debt 40,000; fund 0 → deficit 40,000.
    // C: 5,000 USDT short 3:      uPnL 30,000, E 35,000,        score (30,000/5,000)·(120,000/35,000)    = 20.5714…
    // D: 20,000 USDT short 1:     uPnL 10,000, E 30,000,        score (10,000/20,000)·(40,000/30,000)    = 0.6667
    // E: 1,000,000 USDT short 10: uPnL 100,000, E 1,100,000,    score (100,000/1e6)·(400,000/1.1e6)      = 0.03636
    // Queue C, D, E: C gives 30,000 (its whole uPnL), D the remaining 10,000, E nothing.
    const book = perpBook([
      perpAccount('A', 10000, [5, 50000]), perpAccount('C', 5000, [-3, 50000]), perpAccount('D', 20000, [-1, 50000]), perpAccount('E', 1_000_000, [-10, 50000]),
    ]);
    const r = bookRun(prepareStressBook(book, SMALL_MARKET, FLAT_TIERED), applyShock(SMALL_MARKET, btcMove(-20)), { penaltyRate: 0.01, insuranceFundUsd: 0 });
    const hits = r.totals.adl.counterparties;
    expect(hits.map((h) => [h.rank, h.accountId])).toEqual([[1, 'C'], [2, 'D']]);
    near(hits[0].rankingScore, 6 * (120000 / 35000), 1e-12);
    near(hits[1].rankingScore, 0.5 * (40000 / 30000), 1e-12);
    near(hits[0].amountUsd, 30000, TOL_USD);
    near(hits[1].amountUsd, 10000, TOL_USD);
    expect([...r.accounts.adlUsd]).toEqual([0, hits[0].amountUsd, hits[1].amountUsd, 0]);
    near(r.totals.adl.residualBadDebtUsd, 0, TOL_USD);
    expect(r.conservation.holds).toBe(true);
  });

  it('a bankrupt short is deleveraged against profitable longs; what they cannot absorb is residual', () => {
    // BTC +20 % → 60,000. S: 10,000 USDT short 2 @ 50,000 → E = 10,000 − 20,000 = −10,000: bad debt 10,000, fund 1,000 → deficit 9,000.
    // L: 1,000 USDT long 0.1 @ 50,000 → uPnL 1,000, E 2,000: gives 1,000. Residual 8,000.
    // Conservation: 10,000 = 0 + 1,000 + 1,000 + 8,000.
    const book = perpBook([perpAccount('S', 10000, [-2, 50000]), perpAccount('L', 1000, [0.1, 50000])]);
    const r = bookRun(prepareStressBook(book, SMALL_MARKET, FLAT_TIERED), applyShock(SMALL_MARKET, btcMove(20)), { penaltyRate: 0.01, insuranceFundUsd: 1000 });
    expect(r.totals.adl.counterparties.map((h) => [h.accountId, h.side])).toEqual([['L', 'long']]);
    near(r.totals.adl.socialisedLossUsd, 1000, 1e-9);
    near(r.totals.adl.residualBadDebtUsd, 8000, 1e-9);
    expect(r.conservation.holds).toBe(true);
    near(r.conservation.losses.residualUsd, 0, 1e-9);
  });
});

describe('valuation of the shock terms a snapshot cannot carry', () => {
  it('basis, mark deviation, funding and a haircut add-on, by hand', () => {
    const instruments: InstrumentSpec[] = [
      BTC_PERP,
      { id: 'BTC-F', underlying: 'BTC', settlement: 'linear', kind: 'future', expiry: '2026-03-27' },
      { id: 'BTC-INV', underlying: 'BTC', settlement: 'inverse', kind: 'perpetual', contractSizeUsd: new Dec(100) },
    ];
    const book = perpBook([{
      id: 'X', marginMode: 'cross',
      collateral: [{ asset: 'USDT', balance: new Dec(10000) }, { asset: 'BTC', balance: new Dec('0.1') }],
      positions: [
        { instrumentId: 'BTC-PERP', quantity: new Dec(1), entryPrice: new Dec(50000) },
        { instrumentId: 'BTC-F', quantity: new Dec(-2), entryPrice: new Dec(50000) },
        { instrumentId: 'BTC-INV', quantity: new Dec(-1000), entryPrice: new Dec(50000) },
      ],
    }], instruments);
    const shocked = applyShock(SMALL_MARKET, scenario([
      { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -10 },
      { type: 'basis', instrument: 'perpetual', assets: ['BTC'], basisShockPct: -1 },
      { type: 'basis', instrument: 'future', assets: ['BTC'], basisShockPct: 2 },
      { type: 'markDeviation', assets: ['BTC'], deviationPct: 0.5 },
      { type: 'funding', assets: ['BTC'], ratePerPeriod: '0.0001', periods: 3 },
      { type: 'haircut', asset: 'BTC', haircutAddOn: '0.1' },
    ]));
    const r = bookRun(prepareStressBook(book, SMALL_MARKET, FLAT_TIERED), shocked, { penaltyRate: 0.01, insuranceFundUsd: 0 });
    // Before: 10,000 + 0.1·50,000·(1 − 0.1) = 14,500 (all entries at 50,000: no PnL).
    near(r.accounts.preShockEquityUsd[0], 14500, 1e-9);
    // After, index 45,000; perp mark 45,000·1.005·0.99 = 44,772.75; future mark 45,000·1.005·1.02 = 46,129.5.
    //   collateral 10,000 + 0.1·45,000·(1 − 0.2)                  = 13,600
    //   perp       1·(44,772.75 − 50,000)                         = −5,227.25
    //   future    −2·(46,129.5 − 50,000)                          = +7,741
    //   inverse   −1,000·100·(44,772.75 / 50,000 − 1)              = +10,454.5
    //   funding   −(1·44,772.75)·0.0003 − (−1,000·100)·0.0003     = −13.431825 + 30 = +16.568175
    //   total                                                     = 26,584.818175
    near(r.accounts.postShockEquityUsd[0], 26584.818175, 1e-7);
    // MM at the index 45,000: 45,000·5 % + 2·45,000·5 % + 100,000·5 % (inverse face) = 2,250 + 4,500 + 5,000.
    near(r.accounts.maintenanceMarginUsd[0], 11750, 1e-8);
    expect(r.accounts.liquidated[0]).toBe(0);
  });
});

describe('agreement with the margin module on the SYNTHETIC sample book (scenario grid, Deribit-style preset)', () => {
  const { book, market } = sampleMarginInputs();
  const model = marginModelFromWire(DERIBIT_PRESET);
  const prepared = prepareStressBook(book, market, model);
  const run = (shockPct: number) => {
    const shocked = applyShock(market, scenario([{ type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct }]));
    return { shocked, r: bookRun(prepared, shocked, { penaltyRate: 0.005, insuranceFundUsd: 1e6 }) };
  };

  it.each([0, -25])('post-shock equity, MM and liquidation equal bookMargin on the book compiled at the shocked market (%s %%)', (shockPct) => {
    const { shocked, r } = run(shockPct);
    const m = bookMargin(compileBook(book, shocked), model).accounts;
    let liquidatable = 0;
    for (let k = 0; k < book.accounts.length; k++) {
      near(r.accounts.postShockEquityUsd[k], m.equityUsd[k], 1e-9 * (1 + Math.abs(m.equityUsd[k])));
      near(r.accounts.maintenanceMarginUsd[k], m.maintenanceMarginUsd[k], 1e-9 * (1 + m.maintenanceMarginUsd[k]));
      expect(r.accounts.liquidated[k]).toBe(m.liquidatable[k]);
      liquidatable += m.liquidatable[k];
    }
    expect(r.totals.accountsLiquidated).toBe(liquidatable);
    expect(r.conservation.holds).toBe(true);
    if (shockPct < 0) expect(liquidatable).toBeGreaterThan(0);
  });

  it('and the Dec single-account path (accountMargin) for the first 20 accounts under the −25 % shock', () => {
    const { shocked, r } = run(-25);
    const lookup = instrumentLookup(book.instruments);
    for (let k = 0; k < 20; k++) {
      const m = accountMargin(book.accounts[k], lookup, shocked, model);
      const eq = m.equityUsd.toNumber();
      near(r.accounts.postShockEquityUsd[k], eq, 1e-8 * (1 + Math.abs(eq)));
      near(r.accounts.maintenanceMarginUsd[k], m.maintenanceMarginUsd.toNumber(), 1e-8 * (1 + m.maintenanceMarginUsd.toNumber()));
    }
  });
});
