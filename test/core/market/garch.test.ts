import { describe, expect, it } from 'vitest';
import { fitGarch, garchConditionalVariance, garchLogLikelihood } from '../../../main/core/market/garch';
import { GARCH_T_TRUE_NU, GARCH_TRUE, checksum, garchNormalSeries, garchTSeries } from './fixtures';

/** Tolerances: log-likelihood (absolute) and parameters (relative) against the scipy reference fit. */
const TOL_LOGLIK = 1e-4;
const TOL_PARAM_REL = 1e-5;

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/*
 * References: the same zero-mean GARCH(1,1) log-likelihood (h_0 = mean r²) maximised independently
 * in Python with scipy 1.17.1 / numpy 2.4.6: scipy.optimize.minimize(method='L-BFGS-B',
 * options={'ftol': 1e-15, 'gtol': 1e-9}) on the RAW parameters (ω·1e5, α, β[, ν]) with box
 * bounds (ν in [2.05, 200]) and a penalty for α + β >= 1, best of 9 starts (persistence 0.8/0.9/0.97
 * × α 0.05/0.1/0.15; ν from 6). The series are exactly `garchNormalSeries()` / `garchTSeries()`,
 * exported to JSON.
 */
const REF_NORMAL = { logLikelihood: 4411.072153918806, omega: 1.645675667298807e-5, alpha: 0.09312564714744531, beta: 0.8877039059523082 };
const REF_T = {
  logLikelihood: 4353.1294244432065, omega: 1.4619742094141862e-5, alpha: 0.08064239278050382,
  beta: 0.906175152450081, nu: 6.2513954139983845,
};

const normalSeries = garchNormalSeries();
const tSeries = garchTSeries();

describe('GARCH fixtures', () => {
  it('are the series the references were computed on (seeded RNG unchanged)', () => {
    expect(rel(checksum(normalSeries)[0], -0.0838950339767565)).toBeLessThan(1e-12);
    expect(rel(checksum(normalSeries)[1], 21.551472732795794)).toBeLessThan(1e-12);
    expect(rel(checksum(tSeries)[0], 2.506589660249505)).toBeLessThan(1e-12);
  });
});

describe('fitGarch, normal innovations', () => {
  const fit = fitGarch(normalSeries, { dist: 'normal' });

  it('reaches the scipy L-BFGS-B maximum likelihood', () => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.logLikelihood - REF_NORMAL.logLikelihood)).toBeLessThan(TOL_LOGLIK);
    expect(rel(fit.omega, REF_NORMAL.omega)).toBeLessThan(TOL_PARAM_REL);
    expect(rel(fit.alpha, REF_NORMAL.alpha)).toBeLessThan(TOL_PARAM_REL);
    expect(rel(fit.beta, REF_NORMAL.beta)).toBeLessThan(TOL_PARAM_REL);
    expect(fit.nu).toBeUndefined();
  });

  it('recovers the simulated parameters within sampling error (n = 2000: se(α) ≈ 0.015)', () => {
    expect(Math.abs(fit.alpha - GARCH_TRUE.alpha)).toBeLessThan(0.03);
    expect(Math.abs(fit.beta - GARCH_TRUE.beta)).toBeLessThan(0.03);
    expect(Math.abs(fit.persistence - (GARCH_TRUE.alpha + GARCH_TRUE.beta))).toBeLessThan(0.02);
  });

  it('reports consistent derived quantities', () => {
    expect(fit.persistence).toBe(fit.alpha + fit.beta);
    expect(fit.longRunVariance).toBeCloseTo(fit.omega / (1 - fit.alpha - fit.beta), 15);
    const h = garchConditionalVariance(normalSeries, fit.omega, fit.alpha, fit.beta);
    expect(Array.from(fit.conditionalVariance)).toEqual(Array.from(h));
    let ms = 0;
    for (const r of normalSeries) ms += r * r;
    expect(rel(h[0], ms / normalSeries.length)).toBeLessThan(1e-14);
    const last = normalSeries.length - 1;
    expect(fit.forecastVariance).toBeCloseTo(fit.omega + fit.alpha * normalSeries[last] ** 2 + fit.beta * h[last], 18);
    expect(garchLogLikelihood(normalSeries, fit, 'normal')).toBe(fit.logLikelihood);
    // the maximum is not beaten by the reference or the true parameters
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(garchLogLikelihood(normalSeries, REF_NORMAL, 'normal') - 1e-9);
    expect(fit.logLikelihood).toBeGreaterThan(garchLogLikelihood(normalSeries, GARCH_TRUE, 'normal'));
  });
});

describe('fitGarch, Student-t innovations', () => {
  const fit = fitGarch(tSeries, { dist: 't' });

  it('reaches the scipy L-BFGS-B maximum likelihood', () => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.logLikelihood - REF_T.logLikelihood)).toBeLessThan(TOL_LOGLIK);
    expect(rel(fit.omega, REF_T.omega)).toBeLessThan(TOL_PARAM_REL);
    expect(rel(fit.alpha, REF_T.alpha)).toBeLessThan(TOL_PARAM_REL);
    expect(rel(fit.beta, REF_T.beta)).toBeLessThan(TOL_PARAM_REL);
    expect(rel(fit.nu!, REF_T.nu)).toBeLessThan(TOL_PARAM_REL);
  });

  it('recovers the simulated parameters approximately', () => {
    expect(Math.abs(fit.alpha - GARCH_TRUE.alpha)).toBeLessThan(0.03);
    expect(Math.abs(fit.beta - GARCH_TRUE.beta)).toBeLessThan(0.03);
    expect(Math.abs(fit.nu! - GARCH_T_TRUE_NU)).toBeLessThan(2);
  });

  it('beats the normal GARCH on t data (likelihoods are comparable: same h_t recursion)', () => {
    expect(fit.logLikelihood).toBeGreaterThan(fitGarch(tSeries, { dist: 'normal' }).logLikelihood);
  });
});

describe('fitGarch input checks', () => {
  it('rejects short, constant, non-finite input and unknown distributions', () => {
    expect(() => fitGarch(normalSeries.subarray(0, 49), { dist: 'normal' })).toThrow(/at least 50 returns, got 49/);
    expect(() => fitGarch(new Float64Array(100), { dist: 'normal' })).toThrow(/zero variance/);
    const bad = Float64Array.from(normalSeries);
    bad[7] = NaN;
    expect(() => fitGarch(bad, { dist: 't' })).toThrow(/index 7/);
    expect(() => fitGarch(normalSeries, { dist: 'laplace' as never })).toThrow(/dist must be/);
  });

  it('gives −∞ likelihood outside the stationary, positive parameter set', () => {
    expect(garchLogLikelihood(normalSeries, { omega: 1e-5, alpha: 0.5, beta: 0.5 }, 'normal')).toBe(-Infinity);
    expect(garchLogLikelihood(normalSeries, { omega: 0, alpha: 0.1, beta: 0.8 }, 'normal')).toBe(-Infinity);
    expect(garchLogLikelihood(normalSeries, { omega: 1e-5, alpha: 0.1, beta: 0.8, nu: 2 }, 't')).toBe(-Infinity);
  });
});
