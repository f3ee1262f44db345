import { describe, expect, it } from 'vitest';
import { christoffersenTest, kupiecTest, trafficLight } from '../../../main/core/calibration/coverage';

const TOL = 1e-10;

// 500 days with exceptions on these indices (a cluster at 100..103).
const EXCEPTION_DAYS = [6, 32, 37, 100, 101, 102, 103, 114, 120, 424];
const series = new Float64Array(500);
for (const d of EXCEPTION_DAYS) series[d] = 1;

describe('Kupiec POF', () => {
  it('matches a numpy/scipy computation of the Kupiec (1995) likelihood ratio', () => {
    // Reference: numpy 2.4 log-likelihoods, scipy 1.17 chi2.sf(lr, 1); n=500, x=10, p=0.01.
    const r = kupiecTest(series, 0.01);
    expect(r.observations).toBe(500);
    expect(r.exceptions).toBe(10);
    expect(r.lr).toBeCloseTo(3.913619576461244, 10);
    expect(r.pValue).toBeCloseTo(0.04789633534988493, 10);
  });

  it('is zero when the observed rate equals p, and handles zero exceptions', () => {
    const exact = new Float64Array(100);
    exact[50] = 1;
    expect(kupiecTest(exact, 0.01).lr).toBeLessThan(TOL);
    // x = 0: LR = −2 n ln(1 − p) (Jorion 2007, eq. 6.3 with x = 0): 250 days at 99% → 5.025167...
    const none = kupiecTest(new Float64Array(250), 0.01);
    expect(none.lr).toBeCloseTo(-2 * 250 * Math.log(0.99), 12);
  });

  it('rejects empty series, bad indicators and bad probabilities', () => {
    expect(() => kupiecTest(new Float64Array(0), 0.01)).toThrow(/no observations/);
    expect(() => kupiecTest([0, 2], 0.01)).toThrow(/at 1 must be 0 or 1/);
    expect(() => kupiecTest([0, 1], 1)).toThrow(/\(0, 1\)/);
  });
});

describe('Christoffersen', () => {
  it('matches numpy/scipy for the transition counts, LR_ind and LR_cc', () => {
    // Reference: numpy 2.4 / scipy 1.17 (chi2.sf with 1 and 2 dof), same series as above.
    const r = christoffersenTest(series, 0.01);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([482, 7, 7, 3]);
    expect(r.lrInd).toBeCloseTo(12.43173427774029, 9);
    expect(r.pValueInd).toBeCloseTo(0.0004220997533429475, 12);
    expect(r.lrCc).toBeCloseTo(16.345353854201534, 9);
    expect(r.pValueCc).toBeCloseTo(0.00028226141098673104, 12);
  });

  it('finds no dependence when exceptions never follow each other', () => {
    const spread = new Float64Array(1000);
    for (let i = 5; i < 1000; i += 100) spread[i] = 1;
    const r = christoffersenTest(spread, 0.01);
    expect(r.n11).toBe(0);
    expect(r.pValueInd).toBeGreaterThan(0.5);
  });
});

describe('Basel traffic light', () => {
  it('gives green 0–4, yellow 5–9, red 10+ for 250 observations at 99% (BCBS 1996, Table 2)', () => {
    const zones = Array.from({ length: 13 }, (_, k) => trafficLight(k, 250, 0.01).zone);
    expect(zones).toEqual(['green', 'green', 'green', 'green', 'green', 'yellow', 'yellow', 'yellow', 'yellow', 'yellow', 'red', 'red', 'red']);
    const r = trafficLight(4, 250, 0.01);
    expect(r).toMatchObject({ greenMax: 4, yellowMax: 9 });
    // scipy.stats.binom.cdf(4, 250, 0.01) = 0.8921876269036251 (BCBS table: 89.22%)
    expect(r.cumulativeProbability).toBeCloseTo(0.8921876269036251, 12);
  });

  it('rejects impossible counts', () => {
    expect(() => trafficLight(11, 10, 0.01)).toThrow(/\[0, 10\]/);
    expect(() => trafficLight(1, 0, 0.01)).toThrow(/positive integer/);
  });
});
