/**
 * Sample moments and the Jarque–Bera normality test. Two-pass algorithms (mean first, then
 * central sums) so large common offsets (prices ~1e5) do not cancel. Non-finite values are rejected
 * (every function starts with `mean`, which checks them).
 *
 * Conventions: `sampleVariance` divides by n − 1 (numpy var(ddof=1)); `skewness` and
 * `excessKurtosis` are the population-moment (biased) estimators g1 = m3/m2^{3/2} and
 * g2 = m4/m2² − 3 with m_k = (1/n) Σ (x − x̄)^k, as scipy.stats.skew / scipy.stats.kurtosis with
 * their defaults bias=True (and fisher=True for the kurtosis).
 */
import { InputError } from '../errors';
import { chiSquareSf } from './distributions';

function requireCount(values: ArrayLike<number>, minimum: number, what: string): void {
  if (values.length < minimum) {
    throw new InputError(`${what}: needs at least ${minimum} observation(s), got ${values.length}`);
  }
}

/** Arithmetic mean (rejects NaN and ±Infinity, naming the index). */
export function mean(values: ArrayLike<number>): number {
  requireCount(values, 1, 'mean');
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new InputError(`mean: value at index ${i} is ${v}, not a finite number`);
    sum += v;
  }
  const m = sum / values.length;
  // Second pass corrects the rounding of the first sum (Higham 2002, §1.9 "corrected two-pass").
  let correction = 0;
  for (let i = 0; i < values.length; i++) correction += values[i] - m;
  return m + correction / values.length;
}

/** Central moment sums Σ(x − x̄)^k for k = 2, 3, 4 around the given mean. */
function centralSums(values: ArrayLike<number>, m: number): { s2: number; s3: number; s4: number } {
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { s2, s3, s4 };
}

/** Unbiased sample variance Σ(x − x̄)²/(n − 1). */
export function sampleVariance(values: ArrayLike<number>): number {
  requireCount(values, 2, 'sampleVariance');
  const m = mean(values);
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    s1 += d;
    s2 += d * d;
  }
  // Corrected two-pass formula (Chan, Golub & LeVeque 1983): subtracts the residual first moment.
  const n = values.length;
  return (s2 - (s1 * s1) / n) / (n - 1);
}

/** Sample standard deviation √sampleVariance (n − 1 denominator). */
export function sampleStdev(values: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(values));
}

/** Population variance Σ(x − x̄)²/n (numpy var(ddof=0)). */
export function populationVariance(values: ArrayLike<number>): number {
  requireCount(values, 1, 'populationVariance');
  return centralSums(values, mean(values)).s2 / values.length;
}

/**
 * Skewness g1 = m3 / m2^{3/2} (population moments; scipy.stats.skew bias=True). A constant
 * sample has no defined skewness: InputError rather than NaN.
 */
export function skewness(values: ArrayLike<number>): number {
  requireCount(values, 2, 'skewness');
  const n = values.length;
  const { s2, s3 } = centralSums(values, mean(values));
  if (s2 === 0) throw new InputError('skewness: sample is constant (zero variance)');
  const m2 = s2 / n;
  return s3 / n / (m2 * Math.sqrt(m2));
}

/** Excess kurtosis g2 = m4 / m2² − 3 (scipy.stats.kurtosis fisher=True, bias=True). */
export function excessKurtosis(values: ArrayLike<number>): number {
  requireCount(values, 2, 'excessKurtosis');
  const n = values.length;
  const { s2, s4 } = centralSums(values, mean(values));
  if (s2 === 0) throw new InputError('excessKurtosis: sample is constant (zero variance)');
  const m2 = s2 / n;
  return s4 / n / (m2 * m2) - 3;
}

export interface JarqueBera {
  /** JB = n/6 · (S² + K²/4), S skewness and K excess kurtosis (population moments). */
  statistic: number;
  /** Asymptotic p-value P(χ²₂ > JB) = e^{−JB/2}. */
  pValue: number;
  skewness: number;
  excessKurtosis: number;
  observations: number;
}

/**
 * Jarque & Bera (1980, 1987) normality test, as scipy.stats.jarque_bera: JB = n/6 (S² + K²/4)
 * with the population-moment S and K, p-value from χ² with 2 degrees of freedom.
 */
export function jarqueBera(values: ArrayLike<number>): JarqueBera {
  requireCount(values, 2, 'jarqueBera');
  const n = values.length;
  const { s2, s3, s4 } = centralSums(values, mean(values));
  if (s2 === 0) throw new InputError('jarqueBera: sample is constant (zero variance)');
  const m2 = s2 / n;
  const s = s3 / n / (m2 * Math.sqrt(m2));
  const k = s4 / n / (m2 * m2) - 3;
  const statistic = (n / 6) * (s * s + (k * k) / 4);
  return { statistic, pValue: chiSquareSf(statistic, 2), skewness: s, excessKurtosis: k, observations: n };
}
