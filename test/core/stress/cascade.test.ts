/**
 * The liquidation cascade on a small book with hand-checkable impact (every number derived in the
 * comments; the decimals were evaluated with Python's math module), the depth model against numpy, and
 * the maxRounds stop.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { bookRun } from '../../../main/core/stress/bookRun';
import { prepareStressBook } from '../../../main/core/stress/bookValuation';
import { depthModelFromVolume, priceImpact, type DepthModel } from '../../../main/core/stress/depth';
import { applyShock } from '../../../main/core/stress/shocks';
import { FLAT_TIERED, SMALL_MARKET, perpAccount, perpBook } from './bookFixtures';
import { near, scenario } from './helpers';

const DEPTH: DepthModel = { BTC: { depthUsd: 1_000_000, impactCoefficient: 0.1, impactExponent: 0.5 } };
const TOL = 1e-7;

describe('cascade, BTC 50,000 → 40,000, depth 1,000,000 USD, k = 0.1, β = ½, penalty 1 %, fund 5,000', () => {
  // A 10,000 USDT long 2 @ 50,000; B 11,000 long 1 @ 50,000; C 5,000 short 3 @ 50,000; D 3,000 long 1 @ 40,000.
  const book = perpBook([
    perpAccount('A', 10000, [2, 50000]), perpAccount('B', 11000, [1, 50000]), perpAccount('C', 5000, [-3, 50000]), perpAccount('D', 3000, [1, 40000]),
  ]);
  const prepared = prepareStressBook(book, SMALL_MARKET, FLAT_TIERED);
  const shocked = applyShock(SMALL_MARKET, scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -20 }]));
  const r = bookRun(prepared, shocked, { penaltyRate: 0.01, insuranceFundUsd: 5000, cascade: { depth: DEPTH, maxRounds: 5 } });

  it('round 1: A and B sell 3 BTC, the price falls by k·√(V/D)', () => {
    // At 40,000: A E = −10,000 ≤ MM 4,000, B E = 1,000 ≤ 2,000, D E = 3,000 > 2,000, C E = 35,000 > 6,000.
    // V = 3·40,000 = 120,000 USD; I₁ = 0.1·√0.12 = 0.034641016…; S₁ = 40,000·e^(−I₁) = 38,638.08460928353.
    const r1 = r.rounds[0];
    expect(r1.accountsLiquidated).toBe(2);
    expect([...r1.netOrderCoin]).toEqual([-3, 0]);
    near(r1.netOrderUsd[0], 120000, 1e-9);
    near(r1.pricesAfterUsd[0], 38638.08460928353, TOL);
    near(r1.priceChangePct[0], (38638.08460928353 / 40000 - 1) * 100, 1e-9);
    // Fills at S₁: A closes at −10,000 + 2·(S₁ − 40,000) = −12,723.830781432946 (impact cost 2,723.8307814329455),
    // B at 1,000 + (S₁ − 40,000) = −361.91539071647276 (impact 1,361.9153907164728): both bankrupt, no penalty.
    near(r.accounts.equityAtLiquidationUsd[0], -10000, 1e-8);
    near(r.accounts.impactCostUsd[0], 2723.8307814329455, TOL);
    near(r.accounts.impactCostUsd[1], 1361.9153907164728, TOL);
    near(r.accounts.badDebtUsd[0], 12723.830781432946, TOL);
    near(r.accounts.badDebtUsd[1], 361.91539071647276, TOL);
    expect(r.accounts.penaltyUsd[0]).toBe(0);
    expect(r.accounts.penaltyUsd[1]).toBe(0);
    // Fund 5,000 + 0 pays 5,000 of 13,085.746172149418 → deficit 8,085.746172149418.
    near(r1.fund.deficitUsd, 8085.746172149418, TOL);
    expect(r1.fund.fundAfterUsd).toBe(0);
  });

  it('round 2: the fall liquidates D, whose sale moves the price again; round 3 finds nothing', () => {
    // At S₁: D E = 3,000 + S₁ − 40,000 = 1,638.0846 ≤ MM 5 %·S₁ = 1,931.9042 → liquidated in round 2.
    // V = S₁ USD; I₂ = 0.1·√(S₁/10⁶) = 0.019656572592719093; S₂ = S₁·e^(−I₂) = 37,886.008132751806.
    // D closes at 3,000 + S₂ − 40,000 = 886.0081327518055; penalty min(1 %·S₁, 886.008) = 386.38084609283527;
    // returned 499.62728665897026. Fund 0 + 386.38 − 0 = 386.38084609283527.
    expect(r.rounds).toHaveLength(2);
    const r2 = r.rounds[1];
    expect(r2.accountsLiquidated).toBe(1);
    expect([...r.accounts.liquidationRound]).toEqual([1, 1, 0, 2]);
    near(r2.pricesBeforeUsd[0], 38638.08460928353, TOL);
    near(r2.pricesAfterUsd[0], 37886.008132751806, TOL);
    near(r.accounts.equityAtLiquidationUsd[3], 1638.0846092835272, TOL);
    near(r.accounts.penaltyUsd[3], 386.38084609283527, TOL);
    near(r.accounts.returnedEquityUsd[3], 499.62728665897026, TOL);
    near(r.totals.insuranceFund.finalUsd, 386.38084609283527, TOL);
    expect(r.stoppedBy).toBe('noNewLiquidation');
    near(r.finalPricesUsd[0], 37886.008132751806, TOL);
  });

  it('the round-1 deficit is auto-deleveraged onto C at the final price; conservation holds', () => {
    // C at S₂: uPnL 3·(50,000 − S₂) = 36,341.97560174458, E = 41,341.97560174458, gives 8,085.746172149418.
    const [hit] = r.totals.adl.counterparties;
    expect(hit.accountId).toBe('C');
    near(hit.unrealisedPnlUsd, 36341.97560174458, TOL);
    near(hit.rankingScore, 19.98238879251617, 1e-9);
    near(hit.amountUsd, 8085.746172149418, TOL);
    near(r.accounts.finalEquityUsd[2], 33256.229429595165, TOL);
    // 13,085.746 = 386.381 + (5,000 − 386.381) + 8,085.746 + 0.
    expect(r.conservation.holds).toBe(true);
    near(r.conservation.losses.residualUsd, 0, 1e-9);
    near(r.conservation.ledger.residualUsd, 0, 1e-9);
  });

  it('stops at maxRounds and counts what is still liquidatable', () => {
    const one = bookRun(prepared, shocked, { penaltyRate: 0.01, insuranceFundUsd: 5000, cascade: { depth: DEPTH, maxRounds: 1 } });
    expect(one.rounds).toHaveLength(1);
    expect(one.stoppedBy).toBe('maxRounds');
    expect(one.unresolvedLiquidatable).toBe(1); // D at S₁
    expect(one.conservation.holds).toBe(true);
  });

  it('a liquidity shock halves the depth: the impact grows by √2', () => {
    const thin = applyShock(SMALL_MARKET, scenario([
      { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -20 },
      { type: 'liquidity', assets: ['BTC'], depthMultiplier: 0.5 },
    ]));
    const t = bookRun(prepared, thin, { penaltyRate: 0.01, insuranceFundUsd: 5000, cascade: { depth: DEPTH } });
    // I = 0.1·√(120,000 / 500,000) = 0.1·√0.24
    near(t.rounds[0].pricesAfterUsd[0], 40000 * Math.exp(-0.1 * Math.sqrt(0.24)), TOL);
  });

  it('refuses liquidation orders on an asset without depth', () => {
    expect(() => bookRun(prepared, shocked, { penaltyRate: 0.01, insuranceFundUsd: 0, cascade: { depth: {} } })).toThrow(InputError);
  });
});

describe('depth model from traded volume', () => {
  it('ADV, σ_d and k = Y·σ_d against numpy', () => {
    const n = 40;
    const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    const close = Float64Array.from({ length: n }, (_, i) => 100 * (1 + 0.01 * Math.sin(i)));
    const volume = Float64Array.from({ length: n }, (_, i) => 1000 + 10 * i);
    const d = depthModelFromVolume([{ asset: 'X', dates, close, volume }], dates[n - 1], { depthFraction: 0.5, impactCoefficient: 2 });
    // numpy: adv = mean(volume[10:40]·close[10:40]) = 124473.43518337312;
    //        σ_d = sqrt(mean(r[9:39]²)), r = close[1:]/close[:-1] − 1 → 0.0068663470001947
    near(d.X.depthUsd, 0.5 * 124473.43518337312, 1e-8);
    near(d.X.impactCoefficient, 2 * 0.0068663470001947, 1e-15);
    expect(d.X.impactExponent).toBe(0.5);
    // With depthFraction 1, β = ½: the calibration lab's square-root law Y·σ_d·√(V/ADV).
    near(priceImpact({ depthUsd: 124473.43518337312, impactCoefficient: 0.0068663470001947, impactExponent: 0.5 }, 50000), 0.0068663470001947 * Math.sqrt(50000 / 124473.43518337312), 1e-15);
  });
});
