/**
 * Reverse stress: bisection against the closed form and a brute-force grid on the hand-worked book, the
 * price bound from findPriceViolation, and detection of non-monotone curves.
 */
import { describe, expect, it } from 'vitest';
import { bookRun } from '../../../main/core/stress/bookRun';
import { prepareStressBook } from '../../../main/core/stress/bookValuation';
import { penaltySweep } from '../../../main/core/stress/penaltySweep';
import { reverseStressSearch, reverseStressTest, runOutcome } from '../../../main/core/stress/reverseStress';
import { applyShock } from '../../../main/core/stress/shocks';
import { Dec } from '../../../main/core/money/decimal';
import { BTC_PERP, FLAT_TIERED, SMALL_MARKET, perpAccount, perpBook } from './bookFixtures';
import { near, scenario } from './helpers';

// A 10,000 USDT long 2 @ 50,000; B 11,000 long 1; C 5,000 short 3. Scenario: BTC −10 % × k.
const book = perpBook([perpAccount('A', 10000, [2, 50000]), perpAccount('B', 11000, [1, 50000]), perpAccount('C', 5000, [-3, 50000])]);
const prepared = prepareStressBook(book, SMALL_MARKET, FLAT_TIERED);
const down10 = scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -10 }]);
const RUN = { penaltyRate: 0.01, insuranceFundUsd: 1000 };

describe('reverse stress on the hand-worked book (fund 1,000)', () => {
  // A's equity at k: 10,000 + 2·50,000·(−0.1k) = 10,000(1 − k); bad debt 10,000(k − 1) for k > 1, and no penalty then.
  // B is liquidated only from k = 8,500/4,750 = 1.789 on (E = 11,000 − 5,000k ≤ MM = 2,500 − 250k).
  // Fund exhausted ⇔ 10,000(k − 1) > 1,000 ⇔ k > 1.1. Bad debt > 5,000 ⇔ k > 1.5.
  it('finds k* = 1.1 for "fund exhausted", within the tolerance, and agrees with a brute-force grid', () => {
    const r = reverseStressTest(prepared, down10, RUN, { criterion: { kind: 'fundExhausted' }, severityMax: 12, gridPoints: 25, tolerance: 1e-4 });
    expect(r.severity).not.toBeNull();
    expect(r.severity!).toBeGreaterThan(1.1);
    expect(r.severity! - 1.1).toBeLessThanOrEqual(1e-4);
    expect(r.bracket!.above - r.bracket!.below).toBeLessThanOrEqual(1e-4);
    // Brute force: 2,001 equally spaced severities on [0, 4]; the first that exhausts the fund.
    let first = NaN;
    for (let i = 0; i <= 2000; i++) {
      const k = (4 * i) / 2000;
      const o = runOutcome(bookRun(prepared, applyShock(SMALL_MARKET, down10, { severity: k }), RUN));
      if (o.deficitUsd > 0) { first = k; break; }
    }
    expect(first).toBeGreaterThanOrEqual(r.severity!);
    expect(first - r.severity!).toBeLessThanOrEqual(4 / 2000);
    // The price bound: −10 %·k reaches 0 at k = 10.
    near(r.severityBound, 10, 1e-7);
    expect(r.priceViolation?.asset).toBe('BTC');
    expect(r.nonMonotone).toEqual([]);
    // The curve: bad debt 10,000(k − 1) on the grid points past 1 (before B's liquidation at 1.789).
    for (const p of r.curve) if (p.severity > 1 && p.severity < 1.78) near(p.badDebtUsd, 10000 * (p.severity - 1), 1e-6);
  });

  it('finds k* = 1.5 for "bad debt above 5,000"', () => {
    const r = reverseStressTest(prepared, down10, RUN, { criterion: { kind: 'badDebtAbove', thresholdUsd: 5000 }, severityMax: 4, tolerance: 1e-5 });
    expect(r.severity! - 1.5).toBeGreaterThan(0);
    expect(r.severity! - 1.5).toBeLessThanOrEqual(1e-5);
    expect(r.priceViolation).toBeNull();
    expect(r.severityBound).toBe(4);
  });

  it('reports no severity when the criterion is never met', () => {
    const r = reverseStressTest(prepared, down10, RUN, { criterion: { kind: 'badDebtAbove', thresholdUsd: 1e9 }, severityMax: 3 });
    expect(r.severity).toBeNull();
    expect(r.bracket).toBeNull();
  });
});

describe('reverse stress: infeasible states and configuration errors', () => {
  it('a future whose mark a basis shock drives to ≤ 0 ends the grid; a missing depth is an error, not infeasibility', () => {
    // Future basis −30 % × k: mark factor 1 − 0.3k ≤ 0 from k = 3.33, so the grid 0, 1, …, 5 stops after 3.
    const withFuture = perpBook([
      perpAccount('A', 10000, [2, 50000]),
      { id: 'F', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: new Dec(100000) }], positions: [{ instrumentId: 'BTC-F', quantity: new Dec(1), entryPrice: new Dec(50000) }] },
    ], [BTC_PERP, { id: 'BTC-F', underlying: 'BTC', settlement: 'linear', kind: 'future', expiry: '2026-03-27' }]);
    const basis = scenario([
      { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -10 },
      { type: 'basis', instrument: 'future', assets: ['BTC'], basisShockPct: -30 },
    ]);
    const p = prepareStressBook(withFuture, SMALL_MARKET, FLAT_TIERED);
    const r = reverseStressTest(p, basis, RUN, { criterion: { kind: 'badDebtAbove', thresholdUsd: 1e9 }, severityMax: 5, gridPoints: 6 });
    expect(r.curve.map((x) => x.severity)).toEqual([0, 1, 2, 3]);
    expect(r.notes.join(' ')).toMatch(/infeasible at severity 4/);
    expect(() => reverseStressTest(prepared, down10, { ...RUN, cascade: { depth: {} } }, { criterion: { kind: 'fundExhausted' }, severityMax: 3, gridPoints: 4 }))
      .toThrow(/no depth for BTC/);
  });
});

describe('reverse stress search on a non-monotone curve', () => {
  it('reports the falling segments, the first crossing and that the criterion is met and unmet again', () => {
    // Bad debt 1,000·sin(k) on [0, 4]: above 900 for k in (asin 0.9, π − asin 0.9) = (1.1197695149986342, 2.0218231385911590).
    const evaluate = (k: number) => ({ badDebtUsd: 1000 * Math.sin(k), deficitUsd: 0, accountsLiquidated: 0, fundFinalUsd: 0 });
    const r = reverseStressSearch(evaluate, 4, { criterion: { kind: 'badDebtAbove', thresholdUsd: 900 }, gridPoints: 41, tolerance: 1e-6 });
    expect(r.severity! - 1.1197695149986342).toBeGreaterThan(0);
    expect(r.severity! - 1.1197695149986342).toBeLessThanOrEqual(1e-6);
    // sin falls from π/2 on: grid segments [1.6, 1.7] … [3.9, 4.0].
    expect(r.nonMonotone[0].from).toBeCloseTo(1.6, 12);
    expect(r.nonMonotone).toHaveLength(24);
    expect(r.notes.join(' ')).toMatch(/met and then unmet/);
  });

  it('ends the grid where the run becomes infeasible', () => {
    const evaluate = (k: number) => (k > 2 ? null : { badDebtUsd: k, deficitUsd: 0, accountsLiquidated: 0, fundFinalUsd: 0 });
    const r = reverseStressSearch(evaluate, 4, { criterion: { kind: 'badDebtAbove', thresholdUsd: 10 }, gridPoints: 5 });
    expect(r.curve.map((p) => p.severity)).toEqual([0, 1, 2]);
    expect(r.notes[0]).toMatch(/infeasible at severity 3/);
  });
});

describe('penalty sweep (BTC −20 %, fund 9,500)', () => {
  it('trades the bounty against the loss the fund cannot absorb', () => {
    // A: bad debt 10,000 whatever the rate. B: E 1,000, notional 40,000 → penalty min(40,000·r, 1,000).
    // Uncovered = max(0, 10,000 − 9,500 − penalty_B) = max(0, 500 − min(40,000 r, 1,000)) → 0 from r = 1.25 %.
    const shocked = applyShock(SMALL_MARKET, scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -20 }]));
    const rates = [0, 0.005, 0.01, 0.0125, 0.02, 0.05];
    const r = penaltySweep(prepared, shocked, rates, { insuranceFundUsd: 9500 });
    const cost = [0, 200, 400, 500, 800, 1000];
    const uncovered = [500, 300, 100, 0, 0, 0];
    r.rows.forEach((row, i) => {
      near(row.costToLiquidatedUsersUsd, cost[i], 1e-9);
      near(row.uncoveredLossUsd, uncovered[i], 1e-9);
      near(row.badDebtUsd, 10000, 1e-9);
      expect(row.accountsLiquidated).toBe(2);
      expect(row.conservationHolds).toBe(true);
    });
    expect(r.minimalRate).toBe(0.0125);
    expect(() => penaltySweep(prepared, shocked, [0.01, 0.005], { insuranceFundUsd: 0 })).toThrow(/ascending/);
  });
});
