import { describe, expect, it } from 'vitest';
import {
  excessKurtosis,
  jarqueBera,
  mean,
  populationVariance,
  sampleStdev,
  sampleVariance,
  skewness,
} from '../../../main/core/numeric/moments';
import { InputError } from '../../../main/core/errors';
import { expectClose } from './close';

const TOL_MOMENT = 1e-13;

const SMALL = Float64Array.from([
  3.2, -1.5, 0.0, 7.25, 2.5, -4.75, 10.0, 1.125, -0.5, 6.0, 3.2, -2.25, 4.5, 0.75, -8.0, 5.5, 2.0, -3.0, 9.75,
  1.5, -6.5, 0.25, 8.125,
]);

describe('moments against numpy 2.4.6 / scipy 1.17.1', () => {
  it('mean, variance, stdev', () => {
    // SMALL.mean(), SMALL.var(ddof=1), SMALL.std(ddof=1), SMALL.var()
    expectClose(mean(SMALL), 1.702173913043478, TOL_MOMENT);
    expectClose(sampleVariance(SMALL), 23.35209733201581, TOL_MOMENT);
    expectClose(sampleStdev(SMALL), 4.832400783463206, TOL_MOMENT);
    expectClose(populationVariance(SMALL), 22.33678875236295, TOL_MOMENT);
  });

  it('skewness and excess kurtosis use population moments (scipy bias=True)', () => {
    // scipy.stats.skew(SMALL) and scipy.stats.kurtosis(SMALL) with their defaults
    expectClose(skewness(SMALL), -0.10723165649505643, 1e-12);
    expectClose(excessKurtosis(SMALL), -0.5424876949738269, 1e-12);
  });

  it('two-pass sums survive a 1e5 offset (price levels)', () => {
    // numpy/scipy on 1e5 + SMALL: var(ddof=1) = 23.352097332015013, skew = -0.10723165649491774,
    // kurtosis = -0.5424876949736888 (the exact values equal those of SMALL; both sides round)
    const shifted = SMALL.map((v) => v + 1e5);
    expectClose(sampleVariance(shifted), 23.35209733201581, 1e-10);
    expectClose(skewness(shifted), -0.10723165649505643, 1e-9);
    expectClose(excessKurtosis(shifted), -0.5424876949738269, 1e-10);
  });

  it('Jarque–Bera statistic and χ²(2) p-value', () => {
    // scipy.stats.jarque_bera(SMALL) = (0.3261087696576814, 0.849544984799623)
    const jb = jarqueBera(SMALL);
    expectClose(jb.statistic, 0.3261087696576814, 1e-12);
    expectClose(jb.pValue, 0.849544984799623, 1e-12);
    expect(jb.observations).toBe(23);
    // 10,007-value uniform-like sample (recipe in quantile.test.ts): scipy.stats.jarque_bera gives
    // (600.4075165161462, 4.19917855554216e-131); excess kurtosis -1.1999875251763836 (≈ −6/5, uniform)
    const big = new Float64Array(10007);
    for (let i = 0; i < big.length; i++) big[i] = ((i * 7919) % 10007) / 37.0 - 100.0 + ((i * 104729) % 101) / 1000.0;
    const jbBig = jarqueBera(big);
    expectClose(jbBig.statistic, 600.4075165161462, 1e-11);
    expectClose(jbBig.pValue, 4.19917855554216e-131, 1e-9);
    expectClose(jbBig.excessKurtosis, -1.1999875251763836, 1e-12);
  });

  it('rejects NaN, too few values and constant samples', () => {
    expect(() => mean([1, NaN])).toThrow(/index 1 is NaN/);
    expect(() => sampleVariance([1, -Infinity, 3])).toThrow(/index 1 is -Infinity, not a finite number/);
    expect(() => sampleVariance([1])).toThrow(/at least 2 observation/);
    expect(() => skewness([2, 2, 2])).toThrow(InputError);
    expect(() => jarqueBera([5, 5, 5, 5])).toThrow(/constant/);
  });
});
