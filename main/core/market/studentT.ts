/**
 * Location-scale Student-t fit by maximum likelihood (the tail model of a return or loss sample).
 * Density of x with location μ, scale σ > 0 and ν degrees of freedom (scipy.stats.t(ν, μ, σ)):
 *   f(x) = Γ((ν+1)/2) / (Γ(ν/2) √(νπ) σ) · (1 + z²/ν)^{−(ν+1)/2},   z = (x − μ)/σ
 * σ is a scale, not a standard deviation: Var = σ² ν/(ν − 2).
 * ν is restricted to [2.05, 200]: below 2 the variance is infinite (no margin model can use it),
 * above 200 the fit is indistinguishable from the normal.
 * Optimiser: Nelder–Mead on θ with μ = m₀ + s₀θ₀, σ = s₀e^{θ₁}, ν = 2.05 + 197.95·logistic(θ₂),
 * m₀ the median and s₀ the sample standard deviation (so the simplex is scale-free), from several
 * starting ν, each restarted until it stops improving.
 */
import { InputError } from '../errors';
import { logGammaRatio } from '../numeric/special';
import { requireFiniteValues } from './checks';
import { nelderMeadMultiStart } from './nelderMead';
import { T_DOF_MAX, T_DOF_MIN } from './garch';

export const STUDENT_T_MIN_OBSERVATIONS = 10;

export interface StudentTFit {
  mu: number;
  sigma: number;
  nu: number;
  logLikelihood: number;
  /** True when the best Nelder–Mead run met its tolerances. */
  converged: boolean;
}

/** Σ ln f(x_i; μ, σ, ν); −∞ for σ <= 0 or ν <= 0. */
export function studentTLogLikelihood(values: Float64Array, mu: number, sigma: number, nu: number): number {
  if (!(sigma > 0) || !(nu > 0)) return -Infinity;
  const n = values.length;
  const constant = logGammaRatio(nu / 2, 0.5) - 0.5 * Math.log(nu * Math.PI) - Math.log(sigma);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const z = (values[i] - mu) / sigma;
    s += Math.log1p((z * z) / nu);
  }
  return n * constant - ((nu + 1) / 2) * s;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const dofFromTheta = (x: number): number => T_DOF_MIN + (T_DOF_MAX - T_DOF_MIN) * logistic(x);
const thetaFromDof = (nu: number): number => {
  const u = (nu - T_DOF_MIN) / (T_DOF_MAX - T_DOF_MIN);
  return Math.log(u / (1 - u));
};

/** Maximum-likelihood location-scale Student-t fit with ν in [2.05, 200]. */
export function fitStudentT(values: Float64Array): StudentTFit {
  if (values.length < STUDENT_T_MIN_OBSERVATIONS) {
    throw new InputError(`fitStudentT: needs at least ${STUDENT_T_MIN_OBSERVATIONS} values, got ${values.length}`);
  }
  requireFiniteValues(values, 'fitStudentT');
  const n = values.length;
  // All-equal values: test exactly, since a rounded mean can leave a spurious tiny variance.
  if (values.every((v) => v === values[0])) throw new InputError('fitStudentT: values have zero variance (all equal)');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  const s0 = Math.sqrt(ss / (n - 1));
  const m0 = median(values);

  const objective = (theta: Float64Array): number =>
    -studentTLogLikelihood(values, m0 + s0 * theta[0], s0 * Math.exp(theta[1]), dofFromTheta(theta[2]));
  // Start σ at s₀√((ν−2)/ν), the scale whose t variance matches the sample variance.
  const starts = [3, 6, 20, 100].map((nu) => [0, 0.5 * Math.log((nu - 2) / nu), thetaFromDof(nu)]);
  const best = nelderMeadMultiStart(objective, starts, { step: 0.2, xTolerance: 1e-10, fTolerance: 1e-11, maxIterations: 3000 });
  if (!Number.isFinite(best.value)) throw new InputError('fitStudentT: no start point gave a finite likelihood');
  return {
    mu: m0 + s0 * best.x[0],
    sigma: s0 * Math.exp(best.x[1]),
    nu: dofFromTheta(best.x[2]),
    logLikelihood: -best.value,
    converged: best.converged,
  };
}
