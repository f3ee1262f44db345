import { InputError } from '../errors';
import { binomialCdf, chiSquareSf } from '../numeric/distributions';

/**
 * Coverage tests for a VaR / margin backtest (docs/methodology.md, "Backtest tests").
 * Input: the exception indicator series I_t ∈ {0,1} (1 = realised loss exceeded the margin) and the
 * model's exception probability p = 1 − confidence.
 */

/** x ln(y) with the convention 0 · ln(0) = 0 (likelihood terms of empty cells). */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

function checkInputs(exceptions: ArrayLike<number>, p: number): void {
  if (!(p > 0 && p < 1)) throw new InputError(`exception probability must be in (0, 1), got ${p}`);
  if (exceptions.length === 0) throw new InputError('backtest has no observations');
  for (let i = 0; i < exceptions.length; i++) {
    const v = exceptions[i]!;
    if (v !== 0 && v !== 1) throw new InputError(`exception indicator at ${i} must be 0 or 1, got ${v}`);
  }
}

export interface KupiecResult {
  observations: number;
  exceptions: number;
  /** Likelihood ratio −2 ln[L(p)/L(x/n)], χ²(1) under H0. */
  lr: number;
  pValue: number;
}

/** Kupiec (1995) proportion-of-failures test. */
export function kupiecTest(exceptions: ArrayLike<number>, p: number): KupiecResult {
  checkInputs(exceptions, p);
  const n = exceptions.length;
  let x = 0;
  for (let i = 0; i < n; i++) x += exceptions[i]!;
  const phat = x / n;
  const logL0 = xlogy(n - x, 1 - p) + xlogy(x, p);
  const logL1 = xlogy(n - x, 1 - phat) + xlogy(x, phat);
  const lr = Math.max(0, -2 * (logL0 - logL1));
  return { observations: n, exceptions: x, lr, pValue: chiSquareSf(lr, 1) };
}

export interface ChristoffersenResult {
  /** Transition counts n_ij: from state i (day t−1) to state j (day t). */
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  /** Independence LR (first-order Markov vs independent), χ²(1). */
  lrInd: number;
  pValueInd: number;
  /** Conditional coverage LR_cc = LR_pof + LR_ind, χ²(2). */
  lrCc: number;
  pValueCc: number;
}

/**
 * Christoffersen (1998) independence and conditional-coverage tests. LR_pof is Kupiec's statistic on
 * all n observations; LR_ind uses the n − 1 transitions (the usual convention, e.g. Jorion, "Value at
 * Risk", 3rd ed., §6.2; MATLAB's varbacktest uses the same).
 */
export function christoffersenTest(exceptions: ArrayLike<number>, p: number): ChristoffersenResult {
  checkInputs(exceptions, p);
  let n00 = 0, n01 = 0, n10 = 0, n11 = 0;
  for (let t = 1; t < exceptions.length; t++) {
    const a = exceptions[t - 1]!, b = exceptions[t]!;
    if (a === 0 && b === 0) n00++;
    else if (a === 0) n01++;
    else if (b === 0) n10++;
    else n11++;
  }
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / Math.max(1, n00 + n01 + n10 + n11);
  const logLRestricted = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const logLMarkov = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const lrInd = Math.max(0, -2 * (logLRestricted - logLMarkov));
  const lrCc = kupiecTest(exceptions, p).lr + lrInd;
  return { n00, n01, n10, n11, lrInd, pValueInd: chiSquareSf(lrInd, 1), lrCc, pValueCc: chiSquareSf(lrCc, 2) };
}

export type TrafficLightZone = 'green' | 'yellow' | 'red';

export interface TrafficLightResult {
  zone: TrafficLightZone;
  exceptions: number;
  observations: number;
  /** Cumulative binomial probability P(X ≤ exceptions). */
  cumulativeProbability: number;
  /** Largest exception count still green / still yellow for this n and p. */
  greenMax: number;
  yellowMax: number;
}

/**
 * Basel Committee (1996) traffic light: zones from the binomial CDF of the exception count, green
 * while P(X ≤ k) ≤ 0.95, yellow while ≤ 0.9999, red beyond (design.md). For n = 250 at 99% this gives
 * green 0–4, yellow 5–9, red ≥ 10 (BCBS, "Supervisory framework for the use of backtesting", Table 2).
 */
export function trafficLight(exceptions: number, observations: number, p: number): TrafficLightResult {
  if (!Number.isInteger(observations) || observations <= 0) throw new InputError(`observations must be a positive integer, got ${observations}`);
  if (!Number.isInteger(exceptions) || exceptions < 0 || exceptions > observations) {
    throw new InputError(`exceptions must be an integer in [0, ${observations}], got ${exceptions}`);
  }
  if (!(p > 0 && p < 1)) throw new InputError(`exception probability must be in (0, 1), got ${p}`);
  const zoneOf = (k: number): TrafficLightZone => {
    const c = binomialCdf(k, observations, p);
    return c <= 0.95 ? 'green' : c <= 0.9999 ? 'yellow' : 'red';
  };
  let greenMax = -1;
  while (greenMax + 1 <= observations && zoneOf(greenMax + 1) === 'green') greenMax++;
  let yellowMax = greenMax;
  while (yellowMax + 1 <= observations && zoneOf(yellowMax + 1) !== 'red') yellowMax++;
  return {
    zone: zoneOf(exceptions), exceptions, observations, cumulativeProbability: binomialCdf(exceptions, observations, p), greenMax, yellowMax,
  };
}
