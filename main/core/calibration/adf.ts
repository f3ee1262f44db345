/**
 * Augmented Dickey–Fuller unit-root test with a constant (Dickey & Fuller 1979; Said & Dickey 1984),
 * following statsmodels.tsa.stattools.adfuller(x, regression='c', autolag='AIC' | None) exactly:
 *
 *   Δx_t = c + γ x_{t−1} + Σ_{j=1..p} φ_j Δx_{t−j} + e_t,      τ = γ̂ / se(γ̂)   (OLS)
 *
 * H0: γ = 0 (unit root); small τ rejects. With n levels there are n − 1 differences and the
 * regression with p lags uses the n − 1 − p equations t = p+1 … n−1 (nobs).
 * Lag choice by AIC: maxLags defaults to min(⌈12 (n/100)^{1/4}⌉, ⌊n/2⌋ − 2) (Schwert 1989), every
 * p = 0 … maxLags is fitted on the COMMON sample of the n − 1 − maxLags last equations, the p
 * with the smallest AIC = −2 ln L + 2k is kept (k = p + 2 regressors, ln L the Gaussian OLS
 * log-likelihood −(N/2)(ln 2π + ln(RSS/N) + 1)), and the regression is re-run with that p on all
 * n − 1 − p equations available to it. `icBest` is the smallest AIC of the search.
 * p-value: MacKinnon (1994); critical values: MacKinnon (2010) at T = nobs (./mackinnon.ts).
 */
import { InputError } from '../errors';
import { leastSquares, matrix } from '../numeric/linalg';
import type { LeastSquaresFit } from '../numeric/linalg';
import type { AdfCriticalValues } from './mackinnon';
import { mackinnonCriticalValues, mackinnonPValue } from './mackinnon';

export interface AdfOptions {
  /** Fixed number of lagged differences p (no search). Exclusive with `autolag`. */
  lags?: number;
  /** Choose p by AIC (the default when `lags` is not given). */
  autolag?: 'aic';
  /** Largest p searched by AIC (default min(⌈12 (n/100)^{1/4}⌉, ⌊n/2⌋ − 2)). */
  maxLags?: number;
}

export interface AdfResult {
  /** τ: t-statistic of the lagged level. */
  statistic: number;
  /** MacKinnon (1994) approximate p-value. */
  pValue: number;
  /** Lagged differences used (p). */
  lags: number;
  /** Equations in the final regression (n − 1 − p). */
  nobs: number;
  /** MacKinnon (2010) finite-sample critical values at T = nobs. */
  criticalValues: AdfCriticalValues;
  /** Smallest AIC of the lag search (AIC selection only). */
  icBest?: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * OLS of Δx_t on [1, x_{t−1}, Δx_{t−1}, …, Δx_{t−p}] over the equations whose dependent variable is
 * diff[first] … diff[n−2] (diff[i] = x[i+1] − x[i]). Needs first >= p.
 */
function adfRegression(x: Float64Array, diff: Float64Array, p: number, first: number): LeastSquaresFit {
  const rows = diff.length - first;
  const cols = p + 2;
  const design = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = first + r;
    y[r] = diff[t];
    design[r * cols] = 1;
    design[r * cols + 1] = x[t];
    for (let j = 1; j <= p; j++) design[r * cols + 1 + j] = diff[t - j];
  }
  try {
    const fit = leastSquares(matrix(rows, cols, design), y);
    requireResiduals(fit, y);
    return fit;
  } catch (e) {
    if (e instanceof InputError && !e.message.startsWith('adfTest')) {
      throw new InputError(`adfTest: regression with ${p} lag(s) failed: ${e.message}`);
    }
    throw e;
  }
}

/**
 * A deterministic series (constant, or a straight line) is fitted exactly up to rounding: RSS is
 * then ~1e-30 of Σy² and τ is rounding noise, which statsmodels would report as a number. Refuse
 * it instead; genuine data never has 1 − R² (uncentred) below 1e-24.
 */
function requireResiduals(fit: LeastSquaresFit, y: ArrayLike<number>): void {
  let sumSquares = 0;
  for (let i = 0; i < y.length; i++) sumSquares += y[i] * y[i];
  if (!(fit.residualSumOfSquares > 1e-24 * sumSquares)) {
    throw new InputError('adfTest: the regression fits exactly (zero residuals); the series is deterministic');
  }
}

function aic(fit: LeastSquaresFit): number {
  const nobs = fit.residuals.length;
  const logLikelihood = -(nobs / 2) * (LOG_2PI + Math.log(fit.residualSumOfSquares / nobs) + 1);
  return -2 * logLikelihood + 2 * fit.coefficients.length;
}

function lagLimit(n: number): number {
  // statsmodels: maxlag <= nobs // 2 − ntrend − 1 with ntrend = 1 for 'c'.
  return Math.floor(n / 2) - 2;
}

function chooseLags(x: Float64Array, diff: Float64Array, options: AdfOptions): { lags: number; icBest?: number } {
  const n = x.length;
  const limit = lagLimit(n);
  if (options.lags !== undefined) {
    if (options.autolag !== undefined || options.maxLags !== undefined) {
      throw new InputError('adfTest: give either a fixed `lags` or `autolag` (with optional `maxLags`), not both');
    }
    if (!Number.isInteger(options.lags) || options.lags < 0) {
      throw new InputError(`adfTest: lags must be an integer >= 0, got ${options.lags}`);
    }
    if (options.lags > limit) {
      throw new InputError(`adfTest: lags = ${options.lags} is too many for ${n} observations (at most ⌊n/2⌋ − 2 = ${limit})`);
    }
    return { lags: options.lags };
  }
  if (options.autolag !== undefined && options.autolag !== 'aic') {
    throw new InputError(`adfTest: autolag must be 'aic', got ${String(options.autolag)}`);
  }
  let maxLags: number;
  if (options.maxLags === undefined) {
    maxLags = Math.min(Math.ceil(12 * Math.pow(n / 100, 1 / 4)), limit);
    if (maxLags < 0) throw new InputError(`adfTest: ${n} observations are too few for the test`);
  } else {
    if (!Number.isInteger(options.maxLags) || options.maxLags < 0) {
      throw new InputError(`adfTest: maxLags must be an integer >= 0, got ${options.maxLags}`);
    }
    if (options.maxLags > limit) {
      throw new InputError(`adfTest: maxLags = ${options.maxLags} is too many for ${n} observations (at most ⌊n/2⌋ − 2 = ${limit})`);
    }
    maxLags = options.maxLags;
  }
  let best = { lags: 0, icBest: Infinity };
  for (let p = 0; p <= maxLags; p++) {
    const ic = aic(adfRegression(x, diff, p, maxLags));
    if (ic < best.icBest) best = { lags: p, icBest: ic };
  }
  return best;
}

/** ADF test with a constant on the series `x` (levels, oldest first). */
export function adfTest(x: Float64Array, options: AdfOptions = {}): AdfResult {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new InputError(`adfTest: value at index ${i} must be finite, got ${x[i]}`);
  }
  if (n < 6) throw new InputError(`adfTest: needs at least 6 observations, got ${n}`);
  const diff = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) diff[i] = x[i + 1] - x[i];
  const { lags, icBest } = chooseLags(x, diff, options);
  const fit = adfRegression(x, diff, lags, lags);
  const statistic = fit.coefficients[1] / fit.standardErrors[1];
  const nobs = n - 1 - lags;
  const result: AdfResult = {
    statistic,
    pValue: mackinnonPValue(statistic),
    lags,
    nobs,
    criticalValues: mackinnonCriticalValues(nobs),
  };
  if (icBest !== undefined) result.icBest = icBest;
  return result;
}
