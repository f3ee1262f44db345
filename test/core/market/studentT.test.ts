import { describe, expect, it } from 'vitest';
import { fitStudentT, studentTLogLikelihood } from '../../../main/core/market/studentT';
import { createRng } from '../../../main/core/numeric/rng';
import { checksum, studentTSample } from './fixtures';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const TOL_PARAM_REL = 1e-5;

const sample = studentTSample();

/*
 * References (scipy 1.17.1, numpy 2.4.6) on exactly `studentTSample()` exported to JSON:
 * - scipy.stats.t.fit(x) → (df, loc, scale) and its log-likelihood sum(t.logpdf(x, df, loc, scale));
 * - "tight": scipy.optimize.minimize(−Σ t.logpdf, start = t.fit result, method='Nelder-Mead',
 *   xatol = fatol = 1e-12): t.fit stops at fmin's default tolerances, slightly short of the maximum.
 */
const SCIPY_FIT = { nu: 4.209434273725906, mu: 0.0004596816959160073, sigma: 0.02036366591830553, logLikelihood: 4451.597426871862 };
const TIGHT = { nu: 4.209387629447193, mu: 0.0004596895176333135, sigma: 0.020363653844940946, logLikelihood: 4451.5974268812015 };

describe('fitStudentT', () => {
  it('fixture is the sample the references were computed on', () => {
    expect(rel(checksum(sample)[0], 1.1226689121765716)).toBeLessThan(1e-12);
  });

  const fit = fitStudentT(sample);

  it('matches the scipy maximum likelihood fit', () => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.logLikelihood - TIGHT.logLikelihood)).toBeLessThan(1e-6);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(SCIPY_FIT.logLikelihood);
    expect(rel(fit.nu, TIGHT.nu)).toBeLessThan(TOL_PARAM_REL);
    expect(rel(fit.mu, TIGHT.mu)).toBeLessThan(1e-4); // μ ≈ 4.6e-4 is small against σ: compare on σ's scale too
    expect(Math.abs(fit.mu - TIGHT.mu) / TIGHT.sigma).toBeLessThan(1e-6);
    expect(rel(fit.sigma, TIGHT.sigma)).toBeLessThan(TOL_PARAM_REL);
    // scipy.stats.t.fit itself, to its own (looser) convergence
    expect(rel(fit.nu, SCIPY_FIT.nu)).toBeLessThan(1e-4);
  });

  it('recovers the simulated ν = 4, σ = 0.02 approximately (n = 2000)', () => {
    expect(Math.abs(fit.nu - 4)).toBeLessThan(0.6);
    expect(Math.abs(fit.sigma - 0.02)).toBeLessThan(0.001);
    expect(Math.abs(fit.mu - 0.001)).toBeLessThan(0.0015);
  });

  it('log-likelihood agrees with scipy.stats.t.logpdf at a fixed point', () => {
    // scipy 1.17.1: np.sum(stats.t.logpdf(x, 4.209434273725906, 0.0004596816959160073, 0.02036366591830553))
    expect(Math.abs(studentTLogLikelihood(sample, SCIPY_FIT.mu, SCIPY_FIT.sigma, SCIPY_FIT.nu) - SCIPY_FIT.logLikelihood)).toBeLessThan(1e-8);
  });

  it('keeps ν inside [2.05, 200]: a Cauchy-like sample sits on the lower bound', () => {
    const rng = createRng(5);
    const cauchyLike = Float64Array.from({ length: 1000 }, () => rng.studentT(1.1));
    const heavy = fitStudentT(cauchyLike);
    expect(heavy.nu).toBeGreaterThanOrEqual(2.05);
    expect(heavy.nu).toBeLessThan(2.06);
    const gaussian = Float64Array.from({ length: 1000 }, () => rng.normal());
    const light = fitStudentT(gaussian);
    expect(light.nu).toBeLessThanOrEqual(200);
    expect(light.nu).toBeGreaterThan(10);
  });

  it('rejects short, constant and non-finite samples', () => {
    expect(() => fitStudentT(sample.subarray(0, 9))).toThrow(/at least 10 values, got 9/);
    expect(() => fitStudentT(new Float64Array(20).fill(0.01))).toThrow(/zero variance/);
    const bad = Float64Array.from(sample.subarray(0, 20));
    bad[3] = Infinity;
    expect(() => fitStudentT(bad)).toThrow(/index 3/);
  });
});
