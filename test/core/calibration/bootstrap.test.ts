import { describe, expect, it } from 'vitest';
import { blockBootstrap, blockResampleIndices, bootstrapQuantile, bootstrapVarEs, defaultBlockLength } from '../../../main/core/calibration/bootstrap';
import { createRng } from '../../../main/core/numeric/rng';
import { expectedShortfallWithVar } from '../../../main/core/numeric/quantile';

function sampleLosses(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  // Volatility regimes so that blocks matter.
  return Float64Array.from({ length: n }, (_, i) => (i % 200 < 100 ? 0.01 : 0.04) * rng.studentT(4));
}

describe('block bootstrap', () => {
  it('is deterministic by seed and changes with the seed', () => {
    const losses = sampleLosses(500, 1);
    const a = bootstrapVarEs(losses, 0.99, { seed: 7, resamples: 300 });
    const b = bootstrapVarEs(losses, 0.99, { seed: 7, resamples: 300 });
    const c = bootstrapVarEs(losses, 0.99, { seed: 8, resamples: 300 });
    expect(a).toEqual(b);
    expect(a.valueAtRisk.lower).not.toBe(c.valueAtRisk.lower);
    const direct = expectedShortfallWithVar(losses, 0.99);
    expect(a.valueAtRisk.estimate).toBe(direct.valueAtRisk);
    expect(a.expectedShortfall.estimate).toBe(direct.expectedShortfall);
    expect(a.valueAtRisk.lower).toBeLessThan(a.valueAtRisk.estimate);
    expect(a.valueAtRisk.upper).toBeGreaterThan(a.valueAtRisk.estimate);
    expect(a.valueAtRisk).toMatchObject({ blockLength: 8, scheme: 'stationary', level: 0.9, resamples: 300, seed: 7 });
  });

  it('default block length is round(n^(1/3))', () => {
    expect([defaultBlockLength(1), defaultBlockLength(500), defaultBlockLength(1000), defaultBlockLength(3000)]).toEqual([1, 8, 10, 14]);
  });

  it('moving blocks are runs of b consecutive indices starting in [0, n − b]', () => {
    const idx = new Int32Array(103);
    blockResampleIndices(103, 10, 'moving', createRng(3), idx);
    for (let start = 0; start < 103; start += 10) {
      expect(idx[start]).toBeGreaterThanOrEqual(0);
      expect(idx[start]).toBeLessThanOrEqual(93);
      for (let k = 1; k < 10 && start + k < 103; k++) expect(idx[start + k]).toBe(idx[start] + k);
    }
  });

  it('stationary blocks have geometric lengths with mean b (Politis & Romano 1994)', () => {
    const n = 200_000;
    const idx = new Int32Array(n);
    blockResampleIndices(n, 12, 'stationary', createRng(5), idx);
    let breaks = 0;
    for (let i = 1; i < n; i++) if (idx[i] !== (idx[i - 1] + 1) % n) breaks++;
    // A new block starts with probability 1/12 per step (minus the rare chance of drawing the next index).
    expect((n - 1) / (breaks + 1)).toBeGreaterThan(11.5);
    expect((n - 1) / (breaks + 1)).toBeLessThan(12.5);
  });

  it('with b = 1 the standard error of a mean of i.i.d. data is s/√n (Efron 1979)', () => {
    const rng = createRng(11);
    const x = Float64Array.from({ length: 2000 }, () => rng.normal());
    const mean = (v: Float64Array) => [v.reduce((a, b) => a + b, 0) / v.length];
    const [r] = blockBootstrap(x, mean, { seed: 1, resamples: 2000, blockLength: 1, scheme: 'moving' });
    const m = mean(x)[0];
    const s = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    expect(r.standardError / (s / Math.sqrt(x.length))).toBeGreaterThan(0.93);
    expect(r.standardError / (s / Math.sqrt(x.length))).toBeLessThan(1.07);
  });

  it('rejects bad options and samples', () => {
    const x = sampleLosses(50, 2);
    expect(() => bootstrapQuantile(x, 0.99, { seed: 1, blockLength: 51 })).toThrow(/blockLength/);
    expect(() => bootstrapQuantile(x, 0.99, { seed: 1, resamples: 1 })).toThrow(/resamples/);
    expect(() => bootstrapQuantile(x, 0.99, { seed: 1, level: 1 })).toThrow(/level/);
    expect(() => bootstrapQuantile(Float64Array.from([1, NaN]), 0.99, { seed: 1 })).toThrow(/at 1/);
  });
});
