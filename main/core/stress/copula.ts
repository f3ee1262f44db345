/**
 * Correlated standardised draws for Monte Carlo (docs/methodology stress-book-runs, "Monte Carlo"):
 * a Gaussian or Student-t copula on a correlation matrix R, with normal or Student-t marginals scaled
 * to unit variance. Per scenario s (in this order, from one seeded stream):
 *
 *   z ~ N(0, I_n) (n draws of rng.normal), y = B z with B Bᵀ = R
 *   Student-t copula with ν: w ~ χ²_ν (one rng.chiSquare), y ← y · √(ν / w)        (multivariate t_ν)
 *   u_i = Φ(y_i) (Gaussian) or T_ν(y_i) (t), x_i = F⁻¹(u_i) with F the marginal:
 *     normal marginal   x = Φ⁻¹(u)
 *     t marginal ν_m    x = T_ν_m⁻¹(u) · √((ν_m − 2)/ν_m)       (unit variance, ν_m > 2)
 *   A marginal of the copula's own family is the identity on y (no round trip); for y > 0 the
 *   transform is taken as −F⁻¹(G(−y)) so upper tails keep their precision.
 *
 * B is the Cholesky factor of R; a positive semidefinite but singular R (a repaired matrix can have a
 * zero eigenvalue) uses B = V·√max(Λ, 0) from the symmetric eigen-decomposition instead. A matrix with an
 * eigenvalue below −1e-8 is refused: repair it first (nearestCorrelation).
 */
import { InputError } from '../errors';
import { requireCorrelationShape } from '../market/ncm';
import { normalCdf, normalInv, studentTCdf, studentTInv } from '../numeric/distributions';
import { choleskyLower, matrix, symmetricEigen } from '../numeric/linalg';
import { createRng } from '../numeric/rng';

export type CopulaSpec = { kind: 'gaussian' } | { kind: 'studentT'; dof: number };
export type MarginalSpec = { kind: 'normal' } | { kind: 'studentT'; dof: number };

/** Eigenvalues below this are an error rather than rounding of a PSD matrix. */
export const PSD_TOLERANCE = 1e-8;

export interface CorrelationFactor {
  n: number;
  /** B (n × n, row-major) with B Bᵀ = R. */
  factor: Float64Array;
  method: 'cholesky' | 'eigen';
  minEigenvalue: number | null;
}

export function correlationFactor(correlation: ArrayLike<number>, n: number, what = 'correlation'): CorrelationFactor {
  const r = requireCorrelationShape(correlation, n, 1e-9, what);
  try {
    return { n, factor: choleskyLower(matrix(n, n, r)).data, method: 'cholesky', minEigenvalue: null };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
  const eig = symmetricEigen(matrix(n, n, r));
  const min = eig.values[0];
  if (min < -PSD_TOLERANCE) {
    throw new InputError(`${what}: not positive semidefinite (smallest eigenvalue ${min}); repair it with the nearest correlation matrix first`);
  }
  const factor = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const s = Math.sqrt(Math.max(eig.values[j], 0));
    for (let i = 0; i < n; i++) factor[i * n + j] = eig.vectors.data[i * n + j] * s;
  }
  return { n, factor, method: 'eigen', minEigenvalue: min };
}

function requireSpecs(copula: CopulaSpec, marginal: MarginalSpec): void {
  if (copula.kind === 'studentT' && !(copula.dof > 0 && Number.isFinite(copula.dof))) {
    throw new InputError(`copula.dof: must be a finite number > 0, got ${copula.dof}`);
  }
  if (marginal.kind === 'studentT' && !(marginal.dof > 2 && Number.isFinite(marginal.dof))) {
    throw new InputError(`marginal.dof: must be a finite number > 2 (unit variance), got ${marginal.dof}`);
  }
  if (copula.kind !== 'gaussian' && copula.kind !== 'studentT') throw new InputError(`copula.kind: expected "gaussian" or "studentT", got "${String((copula as { kind: unknown }).kind)}"`);
  if (marginal.kind !== 'normal' && marginal.kind !== 'studentT') throw new InputError(`marginal.kind: expected "normal" or "studentT", got "${String((marginal as { kind: unknown }).kind)}"`);
}

/** x = F⁻¹(G(y)), G the copula's univariate CDF, F the marginal's (file header). */
function marginalTransform(copula: CopulaSpec, marginal: MarginalSpec): (y: number) => number {
  const cdf = copula.kind === 'gaussian' ? normalCdf : (y: number) => studentTCdf(y, copula.dof);
  const scale = marginal.kind === 'studentT' ? Math.sqrt((marginal.dof - 2) / marginal.dof) : 1;
  const sameFamily = (copula.kind === 'gaussian' && marginal.kind === 'normal')
    || (copula.kind === 'studentT' && marginal.kind === 'studentT' && copula.dof === marginal.dof);
  if (sameFamily) return (y) => y * scale;
  const inv = marginal.kind === 'normal' ? normalInv : (p: number) => studentTInv(p, marginal.dof);
  return (y) => {
    if (y > 0) return -inv(cdf(-y)) * scale;
    return inv(cdf(y)) * scale;
  };
}

export interface StandardDraws {
  /** x at [i·S + s]: asset-major, one row of S scenarios per asset. */
  draws: Float64Array;
  n: number;
  scenarios: number;
  factor: CorrelationFactor;
}

/** S scenarios of n unit-variance draws with the copula's dependence (file header), from `seed`. */
export function correlatedStandardDraws(
  correlation: ArrayLike<number>, n: number, scenarios: number, seed: number,
  copula: CopulaSpec = { kind: 'gaussian' }, marginal: MarginalSpec = { kind: 'normal' },
): StandardDraws {
  if (!Number.isInteger(scenarios) || scenarios < 2) throw new InputError(`scenarios: must be an integer >= 2, got ${scenarios}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InputError(`seed: must be an integer in [0, 2^32), got ${seed}`);
  requireSpecs(copula, marginal);
  const f = correlationFactor(correlation, n);
  const rng = createRng(seed);
  const transform = marginalTransform(copula, marginal);
  const identity = copula.kind === 'gaussian' && marginal.kind === 'normal';
  const B = f.factor;
  const z = new Float64Array(n);
  const draws = new Float64Array(n * scenarios);
  for (let s = 0; s < scenarios; s++) {
    for (let i = 0; i < n; i++) z[i] = rng.normal();
    const mix = copula.kind === 'studentT' ? Math.sqrt(copula.dof / rng.chiSquare(copula.dof)) : 1;
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let j = 0; j < n; j++) y += B[i * n + j] * z[j];
      y *= mix;
      draws[i * scenarios + s] = identity ? y : transform(y);
    }
  }
  return { draws, n, scenarios, factor: f };
}
