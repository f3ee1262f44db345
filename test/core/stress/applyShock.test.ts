/**
 * applyShock: every shock kind against hand-worked numbers (each computed in the comment next to it),
 * severity scaling, rejection of non-positive prices, and fast-check properties (input unchanged;
 * k = 0 gives the base; monotone severity for a linear long book).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { findPriceViolation } from '../../../main/core/stress/priceShocks';
import type { ShockWire } from '../../../main/core/stress/scenario';
import {
  depthMultiplierUnderShock, fundingPnlUnderShock, futurePriceUnderShock, haircutUnderShock, markPriceUnderShock,
  perpetualPriceUnderShock, shockedVolAt, spotVector, VOL_FLOOR,
} from '../../../main/core/stress/shockedMarket';
import { applyShock } from '../../../main/core/stress/shocks';
import { MARKET, near, scenario } from './helpers';

describe('price shocks', () => {
  it('relative: one shock for all assets except the stablecoin', () => {
    const s = applyShock(MARKET, scenario([{ type: 'price', shift: 'relative', assets: 'all', except: ['USDT'], shockPct: -30 }]));
    // 60000 × 0.7 = 42000; 3000 × 0.7 = 2100; 150 × 0.7 = 105; USDT untouched.
    near(s.spot.BTC, 42000, 1e-9);
    near(s.spot.ETH, 2100, 1e-9);
    near(s.spot.SOL, 105, 1e-12);
    expect(s.spot.USDT).toBe(1);
    expect(s.priceMoves.map((m) => m.asset)).toEqual(['BTC', 'ETH', 'SOL']);
    near(s.priceMoves[0].returnPct, -30, 1e-12);
  });

  it('relative shocks compound in scenario order', () => {
    const s = applyShock(MARKET, scenario([
      { type: 'price', shift: 'relative', assets: 'all', except: ['USDT'], shockPct: -10 },
      { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -10 },
    ]));
    near(s.spot.BTC, 48600, 1e-9); // 60000 × 0.9 × 0.9
    near(s.priceMoves[0].returnPct, -19, 1e-12); // one move per asset, first before → last after
  });

  it('absolute change and level, each scaled by k along its direction', () => {
    const sc = scenario([
      { type: 'price', shift: 'absolute', asset: 'BTC', changeUsd: '-5000' },
      { type: 'price', shift: 'level', asset: 'ETH', newPriceUsd: '2500' },
    ]);
    const one = applyShock(MARKET, sc);
    expect(one.spot.BTC).toBe(55000);
    expect(one.spot.ETH).toBe(2500);
    const two = applyShock(MARKET, sc, { severity: 2 });
    expect(two.spot.BTC).toBe(50000); // 60000 + 2 × (−5000)
    expect(two.spot.ETH).toBe(2000); // 3000 + 2 × (2500 − 3000)
    const half = applyShock(MARKET, sc, { severity: 0.5 });
    expect(half.spot.ETH).toBe(2750);
  });

  it('a level after other shocks scales its move as written (k = 1), so it keeps its direction', () => {
    const sc = scenario([
      { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -10 },
      { type: 'price', shift: 'level', asset: 'BTC', newPriceUsd: '50000' },
    ]);
    expect(applyShock(MARKET, sc).spot.BTC).toBe(50000);
    // As written: 60000 → 54000 → 50000, so the level's move is Δ = −4000. At k = 2:
    // 60000 × (1 − 0.2) = 48000, then 48000 + 2 × (−4000) = 40000 (re-targeting would give 52000, up).
    near(applyShock(MARKET, sc, { severity: 2 }).spot.BTC, 40000, 1e-9);
  });

  it('de-peg sets the stablecoin price (from the peg 1 when the snapshot has none), scaled by k', () => {
    const sc = scenario([{ type: 'depeg', asset: 'USDT', priceUsd: '0.95' }, { type: 'depeg', asset: 'USDC', priceUsd: '0.88' }]);
    const s = applyShock(MARKET, sc);
    expect(s.spot.USDT).toBe(0.95);
    expect(s.spot.USDC).toBe(0.88);
    expect(s.notes.join(' ')).toMatch(/USDC has no price in the snapshot; its de-peg starts from the peg 1 USD/);
    near(applyShock(MARKET, sc, { severity: 2 }).spot.USDT, 0.9, 1e-15); // 1 + 2 × (0.95 − 1)
  });

  it('rejects a price pushed to zero or below, naming the shock, the asset and k', () => {
    const sc = scenario([{ type: 'price', shift: 'relative', assets: ['ETH', 'BTC'], shockPct: -60 }]);
    expect(() => applyShock(MARKET, sc)).not.toThrow();
    const run = (): unknown => applyShock(MARKET, sc, { severity: 2 });
    expect(run).toThrow(InputError);
    // 3000 × (1 − 2 × 0.6) = −600: ETH is checked first (list order).
    expect(run).toThrow(/shocks\[0\] \(price relative -60% at severity 2\): ETH would be priced at -(600|599\.99)\d* USD \(from 3000\)/);
    expect(findPriceViolation(MARKET, sc, 2)).toMatchObject({ shockIndex: 0, asset: 'ETH', before: 3000 });
    expect(findPriceViolation(MARKET, sc, 1)).toBeNull();
    const absolute = scenario([{ type: 'price', shift: 'absolute', asset: 'BTC', changeUsd: '-60000' }]);
    expect(() => applyShock(MARKET, absolute)).toThrow(/BTC would be priced at 0 USD/);
  });

  it('names a listed asset the snapshot does not price', () => {
    const sc = scenario([{ type: 'price', shift: 'relative', assets: ['BTC', 'XRP'], shockPct: -5 }]);
    expect(() => applyShock(MARKET, sc)).toThrow(/shocks\[0\]\.assets\[1\]: XRP has no price in the market snapshot/);
  });
});

describe('vol, basis, mark, funding, haircut and liquidity shocks', () => {
  it('vol points: flat shift, and term-scaled by (30/DTE)^p', () => {
    const s = applyShock(MARKET, scenario([
      { type: 'vol', assets: ['BTC'], volPoints: 20, termScalingPower: 0.5 },
      { type: 'vol', assets: ['ETH'], volPoints: 10 },
    ]));
    near(s.vol.BTC, 0.8, 1e-15); // 30-day reference: 0.6 + 0.20
    near(shockedVolAt(s, 'BTC', 7.5), 1.0, 1e-15); // 0.6 + 0.2 × (30/7.5)^0.5 = 0.6 + 0.4
    near(shockedVolAt(s, 'BTC', 120), 0.7, 1e-15); // 0.6 + 0.2 × (30/120)^0.5
    near(shockedVolAt(s, 'BTC', 0), 0.6 + 0.2 * Math.sqrt(30), 1e-14); // DTE below 1 day counts as 1
    near(shockedVolAt(s, 'ETH', 2), 0.85, 1e-15); // unscaled
    near(shockedVolAt(s, 'SOL', 30), 0.9, 0); // untouched
    near(applyShock(MARKET, scenario([{ type: 'vol', assets: ['BTC'], volPoints: 20, termScalingPower: 0.5 }]), { severity: 1.5 }).vol.BTC, 0.9, 1e-15);
  });

  it('a vol-down shock stops at the 1-point floor and says so', () => {
    const s = applyShock(MARKET, scenario([{ type: 'vol', assets: 'all', volPoints: -70 }]));
    expect(s.vol.BTC).toBe(VOL_FLOOR); // 0.6 − 0.7 < 0.01
    near(s.vol.ETH, 0.05, 1e-15); // 0.75 − 0.70
    expect(s.notes.some((n) => n.startsWith('vol of BTC'))).toBe(true);
  });

  it('basis (% or bp), mark deviation, funding, haircut and depth, each read through its helper', () => {
    const s = applyShock(MARKET, scenario([
      { type: 'basis', instrument: 'future', assets: ['BTC'], basisShockBp: 50 },
      { type: 'basis', instrument: 'perpetual', assets: ['BTC'], basisShockPct: -2 },
      { type: 'markDeviation', assets: ['ETH'], deviationPct: -5 },
      { type: 'funding', assets: ['BTC'], ratePerPeriod: '0.001', periods: 9 },
      { type: 'haircut', asset: 'USDT', haircutAddOn: '0.1' },
      { type: 'liquidity', assets: 'all', depthMultiplier: 0.5 },
    ]));
    near(futurePriceUnderShock(s, 'BTC', 61000), 61300, 1e-9); // 61000 + 60000 × 0.5 %
    near(perpetualPriceUnderShock(s, 'BTC'), 58800, 1e-9); // 60000 × 0.98
    near(markPriceUnderShock(s, 'ETH'), 2850, 1e-9); // 3000 × 0.95
    expect(markPriceUnderShock(s, 'BTC')).toBe(60000);
    // Longs pay positive funding: −(+1,000,000) × 0.001 × 9 = −9000; a short receives it.
    near(fundingPnlUnderShock(s, 'BTC', 1_000_000), -9000, 1e-9);
    near(fundingPnlUnderShock(s, 'BTC', -1_000_000), 9000, 1e-9);
    expect(fundingPnlUnderShock(s, 'ETH', 1_000_000)).toBe(-0);
    near(haircutUnderShock(s, 'USDT', 0.02), 0.12, 1e-15);
    expect(haircutUnderShock(s, 'USDT', 0.95)).toBe(1); // capped at 1
    expect(depthMultiplierUnderShock(s, 'SOL')).toBe(0.5);
    const k2 = applyShock(MARKET, scenario([{ type: 'liquidity', assets: ['BTC'], depthMultiplier: 0.5 }, { type: 'funding', assets: ['BTC'], ratePerPeriod: '0.001', periods: 9 }]), { severity: 2 });
    expect(depthMultiplierUnderShock(k2, 'BTC')).toBe(0.25); // 0.5²
    near(fundingPnlUnderShock(k2, 'BTC', 1_000_000), -18000, 1e-9);
    expect(() => applyShock(MARKET, scenario([{ type: 'markDeviation', assets: ['BTC'], deviationPct: -60 }]), { severity: 2 }))
      .toThrow(/BTC mark price: the shocks add up to -120% of the index at severity 2/);
  });

  it('spotVector lines shocked prices up with a compiled book\'s asset order', () => {
    const s = applyShock(MARKET, scenario([{ type: 'price', shift: 'relative', assets: ['SOL'], shockPct: 10 }]));
    const v = spotVector(s, ['SOL', 'BTC', 'DOGE']);
    near(v[0], 165, 1e-12);
    expect(v[1]).toBe(60000);
    expect(Number.isNaN(v[2])).toBe(true);
  });
});

describe('correlation shock inside applyShock', () => {
  const base = { assets: ['BTC', 'ETH', 'SOL'], matrix: Float64Array.from([1, 0.8, 0.8, 0.8, 1, 0.8, 0.8, 0.8, 1]) };
  const flip: ShockWire = { type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'flipSign', pairs: [['BTC', 'ETH']] }] };

  it('needs the base matrix, and names the operation whose asset is unknown', () => {
    expect(() => applyShock(MARKET, scenario([flip]))).toThrow(/has a correlation shock; options.baseCorrelation is required/);
    const bad: ShockWire = { type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.5 }, { op: 'flipSign', pairs: [['BTC', 'XRP']] }] };
    expect(() => applyShock(MARKET, scenario([flip, bad]), { baseCorrelation: base }))
      .toThrow(/shocks\[1\]\.operations\[1\]\.pairs\[0\]: asset XRP is not in the base correlation matrix/);
  });

  it('flips, repairs and reports; severity halves the flip weight', () => {
    const s = applyShock(MARKET, scenario([flip]), { baseCorrelation: base });
    // Shocked [[1,−.8,.8],[−.8,1,.8],[.8,.8,1]] has eigenvalues −0.6, 1.8, 1.8; its nearest correlation
    // matrix is [[1,−.5,.5],[−.5,1,.5],[.5,.5,1]] (numpy Higham AP to 1e-15, the script of ncm.test.ts).
    const c = s.correlation!;
    near(c.shocked[1], -0.8, 1e-15);
    near(c.repair.eigenvaluesBefore[0], -0.6, 1e-12);
    [1, -0.5, 0.5, -0.5, 1, 0.5, 0.5, 0.5, 1].forEach((x, k) => near(c.matrix[k], x, 1e-9));
    expect(c.repair.changedEntries.map((e) => [e.i, e.j])).toEqual([[0, 1], [0, 2], [1, 2]]);
    const half = applyShock(MARKET, scenario([flip]), { baseCorrelation: base, severity: 0.5 }).correlation!;
    expect(half.effectiveWeights).toEqual([0.5]);
    expect(half.shocked[1]).toBe(0); // (1 − 2 × 0.5) × 0.8
    // [[1,0,.8],[0,1,.8],[.8,.8,1]] has eigenvalues 1 and 1 ± 0.8·√2: still indefinite, still repaired.
    near(half.repair.eigenvaluesBefore[0], 1 - 0.8 * Math.SQRT2, 1e-12);
    expect(half.repair.iterations).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------- properties

const pct = fc.double({ min: -45, max: 40, noNaN: true });
const asset = fc.constantFrom('BTC', 'ETH', 'SOL');
const shockArb: fc.Arbitrary<ShockWire> = fc.oneof(
  fc.record({ type: fc.constant('price' as const), shift: fc.constant('relative' as const), assets: fc.constant('all' as const), except: fc.constant<string[]>(['USDT']), shockPct: pct }),
  fc.record({ type: fc.constant('price' as const), shift: fc.constant('relative' as const), assets: asset.map((a) => [a]), shockPct: pct }),
  fc.record({ type: fc.constant('vol' as const), assets: asset.map((a) => [a]), volPoints: fc.double({ min: -50, max: 50, noNaN: true }), termScalingPower: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constant('depeg' as const), asset: fc.constant('USDT'), priceUsd: fc.constantFrom('0.9', '0.97', '1.02') }),
  fc.record({ type: fc.constant('funding' as const), assets: asset.map((a) => [a]), ratePerPeriod: fc.constantFrom('0.0003', '-0.001'), periods: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ type: fc.constant('liquidity' as const), assets: asset.map((a) => [a]), depthMultiplier: fc.double({ min: 0.1, max: 2, noNaN: true }) }),
);

describe('applyShock properties (fast-check, fixed seeds)', () => {
  it('never mutates the market snapshot or the scenario', () => {
    fc.assert(fc.property(fc.array(shockArb, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (shocks, k) => {
      const market: MarketSnapshot = structuredClone(MARKET);
      const sc = scenario(shocks);
      const scCopy = structuredClone(sc);
      const s = applyShock(market, sc, { severity: k });
      expect(market).toEqual(MARKET);
      expect(sc).toEqual(scCopy);
      expect(s.base).toBe(market);
    }), { seed: 1, numRuns: 300 });
  });

  it('k = 0 gives the base state', () => {
    fc.assert(fc.property(fc.array(shockArb, { minLength: 1, maxLength: 6 }), (shocks) => {
      const s = applyShock(MARKET, scenario(shocks), { severity: 0 });
      for (const a of Object.keys(MARKET.spot)) expect(s.spot[a]).toBe(MARKET.spot[a]);
      for (const a of Object.keys(MARKET.vol)) {
        expect(s.vol[a]).toBe(MARKET.vol[a]);
        expect(shockedVolAt(s, a, 3)).toBe(MARKET.vol[a]);
      }
      for (const a of ['BTC', 'ETH', 'SOL']) {
        expect(fundingPnlUnderShock(s, a, 1e6) + 0).toBe(0);
        expect(depthMultiplierUnderShock(s, a)).toBe(1);
      }
      expect(s.priceMoves).toEqual([]);
    }), { seed: 2, numRuns: 300 });
  });

  it('a linear long book loses more as the severity of a down-only scenario grows', () => {
    const down = fc.oneof(
      fc.record({ type: fc.constant('price' as const), shift: fc.constant('relative' as const), assets: fc.constant('all' as const), except: fc.constant<string[]>(['USDT']), shockPct: fc.double({ min: -45, max: 0, noNaN: true }) }),
      fc.record({ type: fc.constant('price' as const), shift: fc.constant('relative' as const), assets: asset.map((a) => [a]), shockPct: fc.double({ min: -45, max: 0, noNaN: true }) }),
      fc.record({ type: fc.constant('depeg' as const), asset: fc.constant('USDT'), priceUsd: fc.constantFrom('0.9', '0.97') }),
    );
    const quantities = fc.record({ BTC: fc.double({ min: 0, max: 10, noNaN: true }), ETH: fc.double({ min: 0, max: 100, noNaN: true }), SOL: fc.double({ min: 0, max: 1e3, noNaN: true }), USDT: fc.double({ min: 0, max: 1e5, noNaN: true }) });
    // At most one de-peg: a second de-peg to a higher price would be an UP move in the scenario as written.
    const downOnly = fc.array(down, { minLength: 1, maxLength: 3 }).filter((list) => list.filter((x) => x.type === 'depeg').length <= 1);
    fc.assert(fc.property(downOnly, quantities, fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (shocks, q, k1, k2) => {
      const [lo, hi] = k1 <= k2 ? [k1, k2] : [k2, k1];
      const sc = scenario(shocks);
      const value = (k: number): number => {
        const s = applyShock(MARKET, sc, { severity: k });
        return Object.entries(q).reduce((v, [a, qty]) => v + qty * s.spot[a], 0);
      };
      expect(value(hi)).toBeLessThanOrEqual(value(lo) * (1 + 1e-12));
    }), { seed: 3, numRuns: 300 });
  });
});
