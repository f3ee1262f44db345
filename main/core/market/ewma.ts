/**
 * Variance and covariance estimators on daily returns (design.md, "EWMA variance"; RiskMetrics
 * Technical Document, J.P. Morgan/Reuters 1996, §5.2). Matrices are k×k row-major Float64Array:
 * element (i, j) is at i·k + j.
 *
 * EWMA with seeding and no look-ahead: with m = seedCount,
 *   σ²_t = (1/(t+1)) Σ_{s<=t} r_s²          for t <= m − 1 (expanding mean; t = m − 1 is the seed)
 *   σ²_t = λ σ²_{t−1} + (1 − λ) r_t²        for t >= m
 * Zero mean (RiskMetrics): daily means are small against daily volatility and noisy to estimate.
 * σ²_t uses returns up to and including t, so a margin set on day t never sees day t + 1.
 */
import { InputError } from '../errors';
import { requireFiniteValues, requireInteger } from './checks';

/** Trading every calendar day: annualise daily volatility with √365 (design.md). */
export const DAYS_PER_YEAR = 365;

export function annualiseVol(dailyVol: number): number {
  if (!Number.isFinite(dailyVol) || dailyVol < 0) {
    throw new InputError(`annualiseVol: dailyVol must be a finite number >= 0, got ${dailyVol}`);
  }
  return dailyVol * Math.sqrt(DAYS_PER_YEAR);
}

function checkLambda(lambda: number, what: string): void {
  if (!(lambda > 0 && lambda < 1)) throw new InputError(`${what}: lambda must lie in (0, 1), got ${lambda}`);
}

/** Per-day EWMA variance σ²_t for t = 0 … n − 1 (same length as `returns`). */
export function ewmaVariance(returns: Float64Array, lambda = 0.94, seedCount = 30): Float64Array {
  checkLambda(lambda, 'ewmaVariance');
  requireInteger(seedCount, 1, 'ewmaVariance: seedCount');
  if (returns.length === 0) throw new InputError('ewmaVariance: no returns');
  requireFiniteValues(returns, 'ewmaVariance');
  const n = returns.length;
  const out = new Float64Array(n);
  let sum = 0;
  const seedEnd = Math.min(seedCount, n);
  for (let t = 0; t < seedEnd; t++) {
    sum += returns[t] * returns[t];
    out[t] = sum / (t + 1);
  }
  for (let t = seedCount; t < n; t++) out[t] = lambda * out[t - 1] + (1 - lambda) * returns[t] * returns[t];
  return out;
}

/** Common checks of a returns panel: k >= 1 assets, equal lengths >= 2, finite values. */
function checkPanel(returnsByAsset: readonly Float64Array[], what: string): { k: number; n: number } {
  const k = returnsByAsset.length;
  if (k === 0) throw new InputError(`${what}: no assets given`);
  const n = returnsByAsset[0].length;
  for (let a = 0; a < k; a++) {
    if (returnsByAsset[a].length !== n) {
      throw new InputError(`${what}: asset ${a} has ${returnsByAsset[a].length} returns, asset 0 has ${n}`);
    }
    requireFiniteValues(returnsByAsset[a], `${what}: asset ${a}`);
  }
  if (n < 2) throw new InputError(`${what}: needs at least 2 observations per asset, got ${n}`);
  return { k, n };
}

function requirePositiveDiagonal(matrix: Float64Array, k: number, what: string): void {
  for (let a = 0; a < k; a++) {
    if (!(matrix[a * k + a] > 0)) {
      throw new InputError(`${what}: asset ${a} has zero volatility (variance ${matrix[a * k + a]})`);
    }
  }
}

/**
 * Final EWMA covariance matrix: the same seeding and recursion as `ewmaVariance`, applied to each
 * cross-product r_{i,t}·r_{j,t} (zero mean). Its diagonal equals the last `ewmaVariance` value.
 */
export function ewmaCovariance(returnsByAsset: Float64Array[], lambda = 0.94, seedCount = 30): Float64Array {
  checkLambda(lambda, 'ewmaCovariance');
  requireInteger(seedCount, 1, 'ewmaCovariance: seedCount');
  const { k, n } = checkPanel(returnsByAsset, 'ewmaCovariance');
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const ri = returnsByAsset[i];
      const rj = returnsByAsset[j];
      let s = 0;
      const seedEnd = Math.min(seedCount, n);
      for (let t = 0; t < seedEnd; t++) s += ri[t] * rj[t];
      s /= seedEnd;
      for (let t = seedCount; t < n; t++) s = lambda * s + (1 - lambda) * ri[t] * rj[t];
      out[i * k + j] = s;
      out[j * k + i] = s;
    }
  }
  requirePositiveDiagonal(out, k, 'ewmaCovariance');
  return out;
}

/**
 * Sample covariance matrix with the n − 1 denominator around each asset's sample mean (numpy.cov
 * default, rowvar with one row per asset). Two-pass: means first, then centred cross-products.
 */
export function sampleCovariance(returnsByAsset: Float64Array[]): Float64Array {
  const { k, n } = checkPanel(returnsByAsset, 'sampleCovariance');
  // A constant series has zero variance around its mean, but a rounded mean can leave a spurious
  // 1e-36: test equality exactly.
  returnsByAsset.forEach((r, a) => {
    if (r.every((v) => v === r[0])) throw new InputError(`sampleCovariance: asset ${a} has zero volatility (constant returns)`);
  });
  const means = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let t = 0; t < n; t++) s += returnsByAsset[a][t];
    means[a] = s / n;
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += (returnsByAsset[i][t] - means[i]) * (returnsByAsset[j][t] - means[j]);
      out[i * k + j] = s / (n - 1);
      out[j * k + i] = out[i * k + j];
    }
  }
  requirePositiveDiagonal(out, k, 'sampleCovariance');
  return out;
}

/**
 * Correlation ρ_ij = Σ_ij / √(Σ_ii Σ_jj) of a k×k covariance matrix (row-major). The diagonal is
 * exactly 1; off-diagonal values are clipped to [−1, 1] against last-bit rounding. An asset with
 * zero variance has no correlation: InputError naming its index.
 */
export function correlationFromCovariance(covariance: Float64Array): Float64Array {
  const k = Math.round(Math.sqrt(covariance.length));
  if (k === 0 || k * k !== covariance.length) {
    throw new InputError(`correlationFromCovariance: ${covariance.length} values do not form a square matrix`);
  }
  requireFiniteValues(covariance, 'correlationFromCovariance');
  requirePositiveDiagonal(covariance, k, 'correlationFromCovariance');
  const sd = new Float64Array(k);
  for (let a = 0; a < k; a++) sd[a] = Math.sqrt(covariance[a * k + a]);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (Math.abs(covariance[i * k + j] - covariance[j * k + i]) > 1e-12 * sd[i] * sd[j]) {
        throw new InputError(`correlationFromCovariance: matrix is not symmetric at (${i}, ${j})`);
      }
      out[i * k + j] = i === j ? 1 : Math.min(1, Math.max(-1, covariance[i * k + j] / (sd[i] * sd[j])));
    }
  }
  return out;
}
