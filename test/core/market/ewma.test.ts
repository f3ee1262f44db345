import { describe, expect, it } from 'vitest';
import {
  annualiseVol, correlationFromCovariance, ewmaCovariance, ewmaVariance, sampleCovariance,
} from '../../../main/core/market/ewma';
import { checksum, correlatedPanel } from './fixtures';

const REL = 1e-12;
const close = (actual: number, expected: number, rel = REL): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

const panel = correlatedPanel();

describe('fixture', () => {
  it('is the panel the references were computed on (seeded RNG unchanged)', () => {
    // Fingerprints printed when the reference JSON was exported.
    close(checksum(panel[0])[0], -1.0062655233406461);
    close(checksum(panel[2])[1], 2.118561254540834);
  });
});

describe('ewmaVariance', () => {
  it('matches a plain Python loop (numpy 2.4.6; λ = 0.94, seed 30: expanding mean to index 29, then the recursion)', () => {
    const v = ewmaVariance(panel[0]);
    expect(v.length).toBe(250);
    const expected: [number, number][] = [
      [0, 0.0006559203714897081], [1, 0.0005342078889128121], [28, 0.0012070261876676507],
      [29, 0.001342563203591355], [30, 0.00141925163041894], [31, 0.0013343572250182512],
      [100, 0.001275297188255535], [249, 0.0007522994411977644],
    ];
    for (const [t, value] of expected) close(v[t], value);
  });

  it('equals the closed form λ^{t−m+1}·seed + (1−λ) Σ_{s=m..t} λ^{t−s} r_s² (RiskMetrics 1996, eq. 5.1 unrolled)', () => {
    const r = panel[1];
    const lambda = 0.97;
    const m = 20;
    const v = ewmaVariance(r, lambda, m);
    let seed = 0;
    for (let s = 0; s < m; s++) seed += r[s] * r[s];
    seed /= m;
    close(v[m - 1], seed);
    const t = 180;
    let sum = 0;
    for (let s = m; s <= t; s++) sum += Math.pow(lambda, t - s) * r[s] * r[s];
    close(v[t], Math.pow(lambda, t - m + 1) * seed + (1 - lambda) * sum, 1e-12);
  });

  it('never looks ahead: changing a later return leaves earlier variances unchanged', () => {
    const r = Float64Array.from(panel[0]);
    const before = ewmaVariance(r);
    r[10] *= 5; // inside the seed window
    const after = ewmaVariance(r);
    for (let t = 0; t < 10; t++) expect(after[t]).toBe(before[t]);
    expect(after[10]).not.toBe(before[10]);
  });

  it('with fewer returns than seedCount gives only expanding means', () => {
    const v = ewmaVariance(Float64Array.from([0.1, -0.2, 0.3]));
    close(v[2], (0.01 + 0.04 + 0.09) / 3);
  });

  it('rejects bad λ, seed counts, empty and non-finite input', () => {
    expect(() => ewmaVariance(new Float64Array(0))).toThrow(/no returns/);
    expect(() => ewmaVariance(panel[0], 1)).toThrow(/lambda must lie in \(0, 1\)/);
    expect(() => ewmaVariance(panel[0], 0.94, 0)).toThrow(/seedCount/);
    expect(() => ewmaVariance(Float64Array.from([0.1, NaN]))).toThrow(/index 1/);
  });
});

describe('covariance and correlation', () => {
  it('ewmaCovariance matches the same Python loop on cross-products; diagonal = last ewmaVariance', () => {
    const c = ewmaCovariance(panel);
    const expected = [
      0.0007522994411977644, 0.0008576145982958766, -3.2699633191229145e-05,
      0.0008576145982958765, 0.0017477172621154717, -0.00016964391740120435,
      -3.2699633191229165e-05, -0.00016964391740120435, 0.0005089033519770176,
    ];
    expected.forEach((e, i) => close(c[i], e, 1e-11));
    for (let a = 0; a < 3; a++) expect(c[a * 4]).toBe(ewmaVariance(panel[a])[249]);
    expect(c[1]).toBe(c[3]); // exactly symmetric
  });

  it('sampleCovariance and correlationFromCovariance match numpy.cov / numpy.corrcoef (numpy 2.4.6)', () => {
    const cov = sampleCovariance(panel);
    const expectedCov = [
      0.001039870188292114, 0.0007991170417097659, -0.0001785529341890297,
      0.0007991170417097659, 0.0015249214390878896, -0.00020333912082830084,
      -0.0001785529341890297, -0.00020333912082830084, 0.0004542506821443512,
    ];
    expectedCov.forEach((e, i) => close(cov[i], e));
    const corr = correlationFromCovariance(cov);
    const expectedCorr = [1, 0.6345956537895611, -0.2597943091172812, 0.634595653789561, 1, -0.24431459522017296, -0.2597943091172812, -0.24431459522017296, 1];
    expectedCorr.forEach((e, i) => close(corr[i], e));
    for (let a = 0; a < 3; a++) expect(corr[a * 4]).toBe(1);
  });

  it('names the zero-vol asset and rejects unequal or short panels', () => {
    const flat = new Float64Array(250);
    expect(() => sampleCovariance([panel[0], flat])).toThrow(/asset 1 has zero volatility/);
    expect(() => sampleCovariance([new Float64Array(250).fill(0.01), panel[0]])).toThrow(/asset 0 has zero volatility/);
    expect(() => ewmaCovariance([flat, panel[0]])).toThrow(/asset 0 has zero volatility/);
    expect(() => sampleCovariance([panel[0], panel[1].subarray(1)])).toThrow(/asset 1 has 249 returns, asset 0 has 250/);
    expect(() => sampleCovariance([Float64Array.from([0.1])])).toThrow(/at least 2 observations/);
    expect(() => ewmaCovariance([])).toThrow(/no assets/);
    expect(() => correlationFromCovariance(Float64Array.from([1, 0, 0]))).toThrow(/square/);
    expect(() => correlationFromCovariance(Float64Array.from([1, 0.5, 0.4, 1]))).toThrow(/not symmetric at \(0, 1\)/);
    expect(() => correlationFromCovariance(Float64Array.from([1, 0, 0, 0]))).toThrow(/asset 1 has zero volatility/);
  });

  it('annualises daily vol with √365', () => {
    close(annualiseVol(0.05), 0.95524865872714); // 0.05 · √365 (numpy 2.4.6: 0.05*np.sqrt(365))
    expect(() => annualiseVol(-0.1)).toThrow(/dailyVol/);
  });
});
