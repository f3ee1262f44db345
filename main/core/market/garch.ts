/**
 * GARCH(1,1) by maximum likelihood (Bollerslev 1986; Student-t innovations: Bollerslev 1987).
 *
 * Model (ZERO MEAN, as the EWMA estimator: r_t = ε_t):
 *   h_0 = (1/n) Σ r_t²              (the zero-mean sample variance: no look-back before day 0)
 *   h_t = ω + α r_{t−1}² + β h_{t−1},   ω > 0, α >= 0, β >= 0, α + β < 1
 * Log-likelihoods over t = 0 … n − 1:
 *   normal:  ℓ = −½ Σ [ln 2π + ln h_t + r_t²/h_t]
 *   t(ν):    ℓ = Σ [lnΓ((ν+1)/2) − lnΓ(ν/2) − ½ ln(π(ν−2)) − ½ ln h_t − (ν+1)/2 · ln(1 + r_t²/((ν−2) h_t))]
 *            (standardised t with unit variance, ν in [2.05, 200]).
 *
 * Optimiser: Nelder–Mead on unconstrained parameters θ that map onto the feasible set exactly:
 *   v_L = e^{θ0} (long-run variance ω/(1−α−β)),  p = logistic(θ1) = α + β,  s = logistic(θ2) = α/(α+β),
 *   ν = 2.05 + 197.95·logistic(θ3);   α = p·s, β = p·(1 − s), ω = v_L·(1 − p).
 * Parametrising by the long-run variance decouples ω from the persistence (they are strongly
 * correlated in the raw parameters). Several starts, each restarted until it stops improving.
 */
import { InputError } from '../errors';
import { logGammaRatio } from '../numeric/special';
import { requireFiniteValues } from './checks';
import { nelderMeadMultiStart } from './nelderMead';

export type InnovationDistribution = 'normal' | 't';

export const GARCH_MIN_OBSERVATIONS = 50;
export const T_DOF_MIN = 2.05;
export const T_DOF_MAX = 200;

export interface GarchParameters {
  omega: number;
  alpha: number;
  beta: number;
  /** Student-t degrees of freedom (t innovations only). */
  nu?: number;
}

export interface GarchFit extends GarchParameters {
  logLikelihood: number;
  /** α + β. */
  persistence: number;
  /** ω / (1 − α − β): the unconditional daily variance. */
  longRunVariance: number;
  /** h_t for t = 0 … n − 1 (variance of r_t given returns before t). */
  conditionalVariance: Float64Array;
  /** h_n = ω + α r_{n−1}² + β h_{n−1}: the variance forecast for the day after the sample. */
  forecastVariance: number;
  /** Nelder–Mead iterations summed over all starts and restarts. */
  iterations: number;
  converged: boolean;
}

const LOG_2PI = Math.log(2 * Math.PI);

function meanSquare(returns: Float64Array): number {
  let s = 0;
  for (let i = 0; i < returns.length; i++) s += returns[i] * returns[i];
  return s / returns.length;
}

/** h_t for t = 0 … n − 1 from h_0 = mean(r²), the recursion above. */
export function garchConditionalVariance(returns: Float64Array, omega: number, alpha: number, beta: number): Float64Array {
  const h = new Float64Array(returns.length);
  h[0] = meanSquare(returns);
  for (let t = 1; t < returns.length; t++) h[t] = omega + alpha * returns[t - 1] * returns[t - 1] + beta * h[t - 1];
  return h;
}

/** Log-likelihood of GARCH(1,1) parameters (NaN-free: −∞ outside the feasible set). */
export function garchLogLikelihood(returns: Float64Array, params: GarchParameters, dist: InnovationDistribution): number {
  const { omega, alpha, beta, nu } = params;
  if (!(omega > 0) || !(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)) return -Infinity;
  if (dist === 't' && !(nu !== undefined && nu > 2)) return -Infinity;
  const n = returns.length;
  let h = meanSquare(returns);
  let ll = 0;
  if (dist === 'normal') {
    for (let t = 0; t < n; t++) {
      if (t > 0) h = omega + alpha * returns[t - 1] * returns[t - 1] + beta * h;
      ll += Math.log(h) + (returns[t] * returns[t]) / h;
    }
    return -0.5 * (n * LOG_2PI + ll);
  }
  const v = nu!;
  const constant = logGammaRatio(v / 2, 0.5) - 0.5 * Math.log(Math.PI * (v - 2));
  for (let t = 0; t < n; t++) {
    if (t > 0) h = omega + alpha * returns[t - 1] * returns[t - 1] + beta * h;
    ll += 0.5 * Math.log(h) + ((v + 1) / 2) * Math.log1p((returns[t] * returns[t]) / ((v - 2) * h));
  }
  return n * constant - ll;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

function fromTheta(theta: Float64Array, dist: InnovationDistribution): GarchParameters {
  const longRun = Math.exp(theta[0]);
  const p = logistic(theta[1]);
  const s = logistic(theta[2]);
  const params: GarchParameters = { omega: longRun * (1 - p), alpha: p * s, beta: p * (1 - s) };
  if (dist === 't') params.nu = T_DOF_MIN + (T_DOF_MAX - T_DOF_MIN) * logistic(theta[3]);
  return params;
}

function startPoints(variance: number, dist: InnovationDistribution): number[][] {
  const starts: number[][] = [];
  for (const persistence of [0.95, 0.8, 0.99]) {
    for (const alphaShare of [0.08, 0.2]) {
      const base = [Math.log(variance), logit(persistence), logit(alphaShare)];
      if (dist === 'normal') starts.push(base);
      else for (const nu of [5, 12]) starts.push([...base, logit((nu - T_DOF_MIN) / (T_DOF_MAX - T_DOF_MIN))]);
    }
  }
  return starts;
}

/** Fit GARCH(1,1) with zero mean by maximum likelihood. */
export function fitGarch(returns: Float64Array, options: { dist: InnovationDistribution }): GarchFit {
  const dist = options.dist;
  if (dist !== 'normal' && dist !== 't') throw new InputError(`fitGarch: dist must be 'normal' or 't', got ${String(dist)}`);
  if (returns.length < GARCH_MIN_OBSERVATIONS) {
    throw new InputError(`fitGarch: needs at least ${GARCH_MIN_OBSERVATIONS} returns, got ${returns.length}`);
  }
  requireFiniteValues(returns, 'fitGarch');
  const variance = meanSquare(returns);
  if (!(variance > 0)) throw new InputError('fitGarch: returns have zero variance (all returns are 0)');

  const objective = (theta: Float64Array): number => -garchLogLikelihood(returns, fromTheta(theta, dist), dist);
  const best = nelderMeadMultiStart(objective, startPoints(variance, dist), {
    step: 0.3,
    xTolerance: 1e-9,
    fTolerance: 1e-10,
    maxIterations: 4000,
  });
  if (!Number.isFinite(best.value)) throw new InputError('fitGarch: no start point gave a finite likelihood');
  const params = fromTheta(best.x, dist);
  const { omega, alpha, beta } = params;
  const conditionalVariance = garchConditionalVariance(returns, omega, alpha, beta);
  const last = returns.length - 1;
  return {
    ...params,
    logLikelihood: -best.value,
    persistence: alpha + beta,
    longRunVariance: omega / (1 - alpha - beta),
    conditionalVariance,
    forecastVariance: omega + alpha * returns[last] * returns[last] + beta * conditionalVariance[last],
    iterations: best.iterations,
    converged: best.converged,
  };
}
