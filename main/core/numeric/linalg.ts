/**
 * Small dense linear algebra on row-major Float64Array matrices (correlation matrices of a few
 * dozen assets, ADF regressions with a handful of regressors). Every function returns new
 * matrices; inputs are never modified. Element (i, j) of an r×c matrix is data[i·c + j]. Entries
 * built through `matrix` are checked finite.
 */
import { InputError } from '../errors';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows×cols matrix over `data` (copied), or zeros. Rejects NaN and size mismatches. */
export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new InputError(`matrix: dimensions must be positive integers, got ${rows}×${cols}`);
  }
  const out = new Float64Array(rows * cols);
  if (data !== undefined) {
    if (data.length !== rows * cols) {
      throw new InputError(`matrix: ${rows}×${cols} needs ${rows * cols} values, got ${data.length}`);
    }
    for (let i = 0; i < out.length; i++) {
      const v = data[i];
      if (!Number.isFinite(v)) throw new InputError(`matrix: entry (${Math.floor(i / cols)}, ${i % cols}) is ${v}, not a finite number`);
      out[i] = v;
    }
  }
  return { rows, cols, data: out };
}

/** Matrix from an array of equal-length rows. */
export function matrixFromRows(rowValues: ArrayLike<number>[]): Matrix {
  const rows = rowValues.length;
  const cols = rows > 0 ? rowValues[0].length : 0;
  const flat = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    if (rowValues[i].length !== cols) {
      throw new InputError(`matrixFromRows: row ${i} has ${rowValues[i].length} values, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) flat[i * cols + j] = rowValues[i][j];
  }
  return matrix(rows, cols, flat);
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/** Product A·B (i-k-j loop order: contiguous access to rows of B). */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new InputError(`matMul: inner dimensions differ (${a.rows}×${a.cols} · ${b.rows}×${b.cols})`);
  const out = matrix(a.rows, b.cols);
  const n = b.cols;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out.data[i * n + j] += aik * b.data[k * n + j];
    }
  }
  return out;
}

/** Product A·x. */
export function matVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (x.length !== a.cols) throw new InputError(`matVec: vector length ${x.length} does not match ${a.cols} columns`);
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j] * x[j];
    out[i] = s;
  }
  return out;
}

function requireSymmetric(a: Matrix, what: string): void {
  if (a.rows !== a.cols) throw new InputError(`${what}: matrix must be square, got ${a.rows}×${a.cols}`);
  const n = a.rows;
  let scale = 0;
  for (let i = 0; i < a.data.length; i++) scale = Math.max(scale, Math.abs(a.data[i]));
  const tolerance = 1e-12 * scale;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a.data[i * n + j] - a.data[j * n + i]) > tolerance) {
        throw new InputError(`${what}: matrix is not symmetric at (${i}, ${j}): ${a.data[i * n + j]} vs ${a.data[j * n + i]}`);
      }
    }
  }
}

/**
 * Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive definite matrix,
 * Cholesky–Banachiewicz order (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 4.2.1).
 * A non-positive pivot throws an InputError naming its index and value.
 */
export function choleskyLower(a: Matrix): Matrix {
  requireSymmetric(a, 'choleskyLower');
  const n = a.rows;
  const l = matrix(n, n);
  const L = l.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a.data[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new InputError(`choleskyLower: matrix is not positive definite (pivot ${i} = ${s})`);
        }
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  return l;
}

/** Solve (L·Lᵀ)·x = b given the Cholesky factor L: forward then back substitution. */
export function solveCholesky(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  if (b.length !== n) throw new InputError(`solveCholesky: right-hand side has ${b.length} values, expected ${n}`);
  const L = l.data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Solve A·x = b for symmetric positive definite A (via Cholesky). */
export function solveSpd(a: Matrix, b: ArrayLike<number>): Float64Array {
  return solveCholesky(choleskyLower(a), b);
}

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Column j is the unit eigenvector of values[j]; its largest-magnitude entry is made positive. */
  vectors: Matrix;
  /** Jacobi sweeps used. */
  sweeps: number;
}

/**
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method (Jacobi 1846; Golub &
 * Van Loan, 4th ed., Alg. 8.5.3 with the stable rotation of Alg. 8.5.1). Each rotation zeroes one
 * off-diagonal pair; sweeps repeat until off(A) <= 1e-15·‖A‖_F. Accurate to working precision
 * for small eigenvalues too, which matters when checking that a repaired correlation matrix is PSD.
 */
export function symmetricEigen(a: Matrix, maxSweeps = 100): SymmetricEigen {
  requireSymmetric(a, 'symmetricEigen');
  const n = a.rows;
  const A = Float64Array.from(a.data);
  const V = identity(n).data;
  let frob = 0;
  for (let i = 0; i < A.length; i++) frob += A[i] * A[i];
  const target = 1e-15 * Math.sqrt(frob);
  let sweeps = 0;
  for (;;) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * A[p * n + q] * A[p * n + q];
    if (Math.sqrt(off) <= target) break;
    if (sweeps >= maxSweeps) throw new InputError(`symmetricEigen: no convergence within ${maxSweeps} sweeps`);
    sweeps++;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const tau = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = tau >= 0 ? 1 / (tau + Math.sqrt(1 + tau * tau)) : -1 / (-tau + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        A[p * n + q] = 0;
        A[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i] - A[j * n + j]);
  const values = new Float64Array(n);
  const vectors = matrix(n, n);
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src];
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(V[k * n + src]) > Math.abs(big)) big = V[k * n + src];
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = sign * V[k * n + src];
  });
  return { values, vectors, sweeps };
}

export interface LeastSquaresFit {
  /** β minimising ‖y − Xβ‖². */
  coefficients: Float64Array;
  /** y − Xβ. */
  residuals: Float64Array;
  residualSumOfSquares: number;
  /** n − p. */
  degreesOfFreedom: number;
  /** RSS / (n − p); NaN-free: 0 when n = p (exact fit, no error estimate). */
  residualVariance: number;
  /** σ²·(XᵀX)⁻¹ = σ²·R⁻¹R⁻ᵀ. */
  covariance: Matrix;
  /** √diag(covariance): the OLS standard errors (t-statistics for ADF). */
  standardErrors: Float64Array;
}

/**
 * Ordinary least squares by Householder QR of X (Golub & Van Loan, 4th ed., Alg. 5.2.1 and §5.3),
 * which avoids squaring the condition number as the normal equations would. X is n×p, n >= p.
 * A column whose R pivot falls below 1e-12 × the largest column norm is reported as collinear.
 */
export function leastSquares(x: Matrix, y: ArrayLike<number>): LeastSquaresFit {
  const n = x.rows;
  const p = x.cols;
  if (y.length !== n) throw new InputError(`leastSquares: y has ${y.length} values, X has ${n} rows`);
  if (n < p) throw new InputError(`leastSquares: fewer observations (${n}) than regressors (${p})`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) throw new InputError(`leastSquares: y[${i}] is ${y[i]}, not a finite number`);
  const R = Float64Array.from(x.data); // overwritten by R (upper part) and Householder vectors
  const qty = Float64Array.from(y);
  const v = new Float64Array(n);
  let maxColumnNorm = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[i * p + j] * R[i * p + j];
    maxColumnNorm = Math.max(maxColumnNorm, Math.sqrt(s));
  }
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let i = j; i < n; i++) norm += R[i * p + j] * R[i * p + j];
    norm = Math.sqrt(norm);
    if (norm <= 1e-12 * maxColumnNorm) {
      throw new InputError(`leastSquares: design matrix is rank-deficient (column ${j} is collinear with earlier columns)`);
    }
    const alpha = R[j * p + j] > 0 ? -norm : norm;
    for (let i = j; i < n; i++) v[i] = R[i * p + j];
    v[j] -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += v[i] * v[i];
    for (let k = j; k < p; k++) {
      let dot = 0;
      for (let i = j; i < n; i++) dot += v[i] * R[i * p + k];
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) R[i * p + k] -= f * v[i];
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += v[i] * qty[i];
    const f = (2 * dot) / vv;
    for (let i = j; i < n; i++) qty[i] -= f * v[i];
  }
  const beta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = qty[i];
    for (let k = i + 1; k < p; k++) s -= R[i * p + k] * beta[k];
    beta[i] = s / R[i * p + i];
  }
  const fitted = matVec(x, beta);
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    residuals[i] = y[i] - fitted[i];
    rss += residuals[i] * residuals[i];
  }
  const dof = n - p;
  const sigma2 = dof > 0 ? rss / dof : 0;
  // R⁻¹ (upper triangular) by back substitution, then covariance σ²·R⁻¹R⁻ᵀ.
  const rInv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    rInv[j * p + j] = 1 / R[j * p + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += R[i * p + k] * rInv[k * p + j];
      rInv[i * p + j] = -s / R[i * p + i];
    }
  }
  const covariance = matrix(p, p);
  const standardErrors = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < p; k++) s += rInv[i * p + k] * rInv[j * p + k];
      covariance.data[i * p + j] = sigma2 * s;
    }
    standardErrors[i] = Math.sqrt(covariance.data[i * p + i]);
  }
  return { coefficients: beta, residuals, residualSumOfSquares: rss, degreesOfFreedom: dof, residualVariance: sigma2, covariance, standardErrors };
}
