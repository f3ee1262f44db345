/**
 * Correlation breakout: each operation against hand-worked entries, severity on the weights, the repair
 * report, and the base matrix (sample / EWMA, whole history / stressed window) against numpy.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { baseCorrelation, shockCorrelation } from '../../../main/core/stress/correlationShock';
import type { ReturnsPanel } from '../../../main/core/stress/returnsPanel';
import type { CorrelationOperation } from '../../../main/core/stress/scenario';
import { addDays } from '../../../main/core/market/calendar';
import { near } from './helpers';

const ASSETS = ['BTC', 'ETH', 'SOL'];
// ρ(BTC,ETH) = 0.8, ρ(BTC,SOL) = 0.6, ρ(ETH,SOL) = 0.7: positive definite (leading minors 1, 0.36, 0.212).
const BASE = { assets: ASSETS, matrix: Float64Array.from([1, 0.8, 0.6, 0.8, 1, 0.7, 0.6, 0.7, 1]) };
const at = (m: Float64Array, i: number, j: number): number => m[i * 3 + j];

describe('correlation operations', () => {
  it('blend toward ones / zero over all pairs: (1 − w)ρ + w·c, PSD kept, no repair needed', () => {
    const ones = shockCorrelation(BASE, [{ op: 'blend', toward: 'ones', weight: 0.5, assets: null }]);
    near(at(ones.matrix, 0, 1), 0.9, 1e-15); // 0.5 × 0.8 + 0.5
    near(at(ones.matrix, 0, 2), 0.8, 1e-15);
    near(at(ones.matrix, 1, 2), 0.85, 1e-15);
    expect(ones.repair.iterations).toBe(0); // a convex blend of two correlation matrices is one
    const zero = shockCorrelation(BASE, [{ op: 'blend', toward: 'zero', weight: 0.25, assets: null }]);
    near(at(zero.matrix, 0, 1), 0.6, 1e-15); // 0.75 × 0.8
    expect(zero.repair.changedEntries).toEqual([]);
  });

  it('blend among listed assets only leaves the other pairs alone', () => {
    const r = shockCorrelation(BASE, [{ op: 'blend', toward: 'ones', weight: 1, assets: ['BTC', 'ETH'] }]);
    expect(at(r.shocked, 0, 1)).toBe(1);
    expect(at(r.shocked, 0, 2)).toBe(0.6);
    expect(at(r.shocked, 1, 2)).toBe(0.7);
  });

  it('override sets a pair (weight 1 by default) and the repair reports what it had to move', () => {
    const ops: CorrelationOperation[] = [{ op: 'override', pairs: [{ assets: ['SOL', 'BTC'], correlation: -0.9 }], weight: 1 }];
    const r = shockCorrelation(BASE, ops);
    expect(at(r.shocked, 0, 2)).toBe(-0.9);
    expect(at(r.shocked, 2, 0)).toBe(-0.9);
    // det of [[1,.8,−.9],[.8,1,.7],[−.9,.7,1]] = 1 − .49 − .8(.8 + .63) − .9(.56 + .9) < 0: indefinite.
    expect(r.repair.eigenvaluesBefore[0]).toBeLessThan(0);
    expect(r.repair.iterations).toBeGreaterThan(0);
    expect(r.repair.eigenvaluesAfter[0]).toBeGreaterThanOrEqual(-1e-10);
    expect(r.repair.changedEntries.length).toBeGreaterThan(0);
    expect(r.repair.changedEntries.every((e) => e.before === at(r.shocked, e.i, e.j))).toBe(true);
    const half = shockCorrelation(BASE, [{ ...ops[0], weight: 0.5 } as CorrelationOperation]);
    near(at(half.shocked, 0, 2), -0.15, 1e-15); // 0.5 × 0.6 + 0.5 × (−0.9)
  });

  it('blendTarget moves the pairs the target covers toward it', () => {
    const target = { assets: ['SOL', 'ETH'], matrix: Float64Array.from([1, 0.1, 0.1, 1]) };
    const r = shockCorrelation(BASE, [{ op: 'blendTarget', target, weight: 0.5 }]);
    near(at(r.shocked, 1, 2), 0.4, 1e-15); // 0.5 × 0.7 + 0.5 × 0.1
    expect(at(r.shocked, 0, 1)).toBe(0.8);
  });

  it('operations act in order; severity k scales each weight to min(1, k·w); k = 0 leaves the base', () => {
    const ops: CorrelationOperation[] = [
      { op: 'blend', toward: 'zero', weight: 0.4, assets: null },
      { op: 'flipSign', pairs: [['BTC', 'ETH']], weight: 1 },
    ];
    const r = shockCorrelation(BASE, ops, { severity: 2 });
    expect(r.effectiveWeights).toEqual([0.8, 1]);
    near(at(r.shocked, 0, 1), -0.16, 1e-15); // 0.8 → 0.2 × 0.8 = 0.16 → flipped
    const none = shockCorrelation(BASE, ops, { severity: 0 });
    expect([...none.matrix]).toEqual([...BASE.matrix]);
    expect(none.repair.iterations).toBe(0);
  });

  it('never mutates the base and names bad input', () => {
    const copy = Float64Array.from(BASE.matrix);
    shockCorrelation(BASE, [{ op: 'flipSign', pairs: [['BTC', 'SOL']], weight: 1 }]);
    expect([...BASE.matrix]).toEqual([...copy]);
    expect(() => shockCorrelation(BASE, [{ op: 'flipSign', pairs: [['BTC', 'DOGE']], weight: 1 }])).toThrow(/operations\[0\]\.pairs\[0\]: asset DOGE is not in the base/);
    expect(() => shockCorrelation(BASE, [], { severity: -1 })).toThrow(InputError);
    expect(() => shockCorrelation({ assets: ASSETS, matrix: Float64Array.from([1, 0.8, 0.6, 0.8, 0.9, 0.7, 0.6, 0.7, 1]) }, []))
      .toThrow(/diagonal entry \[1,1\] is 0.9, not 1/);
  });
});

describe('baseCorrelation', () => {
  // Deterministic panel, reproduced in the numpy script: r[a][t] = 0.01 sin(1.3t + a)
  // + 0.004 cos(0.7t(a + 1)) + 0.006 sin(0.11t²), t = 0…59, dated 2024-01-01 onwards.
  const T = 60;
  const panel: ReturnsPanel = {
    assets: ASSETS,
    dates: Array.from({ length: T }, (_, t) => addDays('2024-01-01', t)),
    returns: ASSETS.map((_, a) => Float64Array.from({ length: T }, (_, t) => 0.01 * Math.sin(1.3 * t + a) + 0.004 * Math.cos(0.7 * t * (a + 1)) + 0.006 * Math.sin(0.11 * t * t))),
  };
  const pairs = (m: Float64Array): number[] => [at(m, 0, 1), at(m, 0, 2), at(m, 1, 2)];
  const check = (actual: number[], expected: number[]): void => actual.forEach((x, k) => near(x, expected[k], 1e-12));

  it('sample correlation over the whole panel and over a stressed window (numpy 2.4.6 corrcoef)', () => {
    check(pairs(baseCorrelation(panel, { estimator: 'sample', lambda: 0.94, window: null }).matrix),
      [0.5604693607373264, -0.07465114849480106, 0.6134534395713935]); // np.corrcoef(r)
    const w = baseCorrelation(panel, { estimator: 'sample', lambda: 0.94, window: { from: '2024-01-11', to: '2024-01-30' } });
    expect([w.from, w.to, w.observations]).toEqual(['2024-01-11', '2024-01-30', 20]);
    check(pairs(w.matrix), [0.40497129048051095, -0.17205903462542604, 0.7430919030409402]); // np.corrcoef(r[:, 10:30])
  });

  it('EWMA correlation (zero mean, seeded with the first 30 cross-products; plain Python loop)', () => {
    check(pairs(baseCorrelation(panel, { estimator: 'ewma', lambda: 0.94, window: null }).matrix),
      [0.643053690118077, -0.03339690573715444, 0.5278814240544708]);
    const w = baseCorrelation(panel, { estimator: 'ewma', lambda: 0.97, window: { from: '2024-01-06', to: '2024-02-24' } });
    expect(w.observations).toBe(50);
    check(pairs(w.matrix), [0.6388788857743204, 0.02909295006762024, 0.6334731987070661]); // r[:, 5:55], λ = 0.97
  });

  it('selects assets by name and refuses an empty window or an unknown asset', () => {
    const two = baseCorrelation(panel, { estimator: 'sample', lambda: 0.94, window: null }, ['SOL', 'BTC']);
    expect(two.assets).toEqual(['SOL', 'BTC']);
    near(two.matrix[1], -0.07465114849480106, 1e-12);
    expect(() => baseCorrelation(panel, { estimator: 'sample', lambda: 0.94, window: { from: '2025-01-01', to: '2025-02-01' } }))
      .toThrow(/no returns in window 2025-01-01…2025-02-01/);
    expect(() => baseCorrelation(panel, { estimator: 'sample', lambda: 0.94, window: null }, ['BTC', 'XRP'])).toThrow(/asset XRP is not in the returns panel/);
  });
});
