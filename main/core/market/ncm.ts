/**
 * Nearest correlation matrix in the unweighted Frobenius norm (design.md, "Nearest correlation
 * matrix"): N. J. Higham, "Computing the nearest correlation matrix — a problem from finance",
 * IMA J. Numer. Anal. 22 (2002) 329–343, Algorithm 3.3 — alternating projections onto
 *   S = { X symmetric positive semidefinite }   P_S(R) = V·max(Λ, 0)·Vᵀ  (R = V Λ Vᵀ)
 *   U = { X symmetric with unit diagonal }       P_U(X) = X with its diagonal set to 1
 * with Dykstra's correction ΔS applied to the non-affine set S only (U is affine; Higham §3):
 *   R_k = Y_{k−1} − ΔS_{k−1};  X_k = P_S(R_k);  ΔS_k = X_k − R_k;  Y_k = P_U(X_k).
 * Stopping rule as in Higham's nearcorr.m: the largest of ‖X_k − X_{k−1}‖/‖X_k‖,
 * ‖Y_k − Y_{k−1}‖/‖Y_k‖ and ‖Y_k − X_k‖/‖Y_k‖ (Frobenius) is <= tol.
 *
 * At convergence X_k (PSD) and Y_k (unit diagonal) differ by about tol. We return
 * D^{−1/2} X_k D^{−1/2} with D = diag(X_k): a congruence of a PSD matrix is PSD and its diagonal is
 * exactly 1, so the result is a valid correlation matrix to rounding, and it differs from Y_k by
 * O(tol). Matrices are n×n row-major Float64Array; positions in messages are zero-based [row,col].
 */
import { InputError } from '../errors';
import { matrix, symmetricEigen } from '../numeric/linalg';

export interface NearestCorrelationOptions {
  /** Relative convergence tolerance of the alternating projections (default 1e-10). */
  tol?: number;
  /** Iteration cap (default 5000); reaching it without convergence is an InputError. */
  maxIterations?: number;
  /** Largest accepted asymmetry |a_ij − a_ji| and diagonal deviation |a_ii − 1| of the input (default 1e-12). */
  inputTolerance?: number;
  /** Off-diagonal entries whose change exceeds this are listed in `changedEntries` (default 1e-12). */
  reportThreshold?: number;
}

export interface ChangedEntry {
  /** Zero-based row, i < j (the matrix is symmetric; each pair is listed once). */
  i: number;
  j: number;
  before: number;
  after: number;
}

export interface NearestCorrelationResult {
  /** The repaired matrix: symmetric, unit diagonal, positive semidefinite (n×n row-major). */
  matrix: Float64Array;
  /** Alternating-projection iterations; 0 when the input already was a valid correlation matrix. */
  iterations: number;
  /** ‖result − input‖_F over all n² entries. */
  frobeniusChange: number;
  /** max_ij |result_ij − input_ij|. */
  maxChange: number;
  /** Eigenvalues of the (symmetrised) input, ascending; a negative one is why a repair was needed. */
  eigenvaluesBefore: Float64Array;
  /** Eigenvalues of the result, ascending (all >= 0 up to rounding). */
  eigenvaluesAfter: Float64Array;
  /** Pairs i < j that moved by more than the report threshold, in row-major order. */
  changedEntries: ChangedEntry[];
}

function positiveOption(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError(`nearestCorrelation: ${what} must be a finite number > 0, got ${value}`);
  return value;
}

/**
 * A flat n×n matrix from rows, refusing ragged input: "matrix is not square: row 2 has 3 entries"
 * (for n rows every row needs n entries).
 */
export function squareMatrixFromRows(rows: readonly (readonly number[])[], what = 'matrix'): { matrix: Float64Array; n: number } {
  const n = rows.length;
  if (n === 0) throw new InputError(`${what} is empty`);
  const out = new Float64Array(n * n);
  rows.forEach((row, i) => {
    if (row.length !== n) throw new InputError(`${what} is not square: row ${i} has ${row.length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) out[i * n + j] = row[j];
  });
  return { matrix: out, n };
}

/**
 * Checks that `a` is a square, finite, symmetric matrix with unit diagonal (each violation named
 * as such) and returns its exactly symmetric copy with an exact unit diagonal.
 */
export function requireCorrelationShape(a: ArrayLike<number>, n: number, tolerance: number, what: string): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${what}: n must be an integer >= 1, got ${n}`);
  if (a.length !== n * n) {
    throw new InputError(`${what}: matrix is not square: ${a.length} entries for n = ${n} (need ${n * n})`);
  }
  for (let k = 0; k < a.length; k++) {
    if (!Number.isFinite(a[k])) throw new InputError(`${what}: entry [${Math.floor(k / n)},${k % n}] is ${a[k]}`);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i];
    if (Math.abs(d - 1) > tolerance) throw new InputError(`${what}: diagonal entry [${i},${i}] is ${d}, not 1`);
    out[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const x = a[i * n + j];
      const y = a[j * n + i];
      if (Math.abs(x - y) > tolerance) {
        throw new InputError(`${what}: matrix is not symmetric: entry [${i},${j}] is ${x} but [${j},${i}] is ${y}`);
      }
      out[i * n + j] = out[j * n + i] = (x + y) / 2;
    }
  }
  return out;
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return Math.sqrt(s);
}

function frobeniusDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
  return Math.sqrt(s);
}

/** P_S(R): clip the negative eigenvalues of symmetric R to zero; the result is exactly symmetric. */
function projectPsd(r: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix(n, n, r));
  const V = vectors.data;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) if (values[k] > 0) s += V[i * n + k] * values[k] * V[j * n + k];
      out[i * n + j] = out[j * n + i] = s;
    }
  }
  return out;
}

function eigenvalues(a: Float64Array, n: number): Float64Array {
  return symmetricEigen(matrix(n, n, a)).values;
}

function report(
  before: Float64Array, after: Float64Array, n: number, iterations: number, eigBefore: Float64Array, threshold: number,
): NearestCorrelationResult {
  let maxChange = 0;
  const changedEntries: ChangedEntry[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const delta = Math.abs(after[i * n + j] - before[i * n + j]);
      maxChange = Math.max(maxChange, delta);
      if (j > i && delta > threshold) changedEntries.push({ i, j, before: before[i * n + j], after: after[i * n + j] });
    }
  }
  return {
    matrix: after,
    iterations,
    frobeniusChange: frobeniusDistance(after, before),
    maxChange,
    eigenvaluesBefore: eigBefore,
    eigenvaluesAfter: iterations === 0 ? Float64Array.from(eigBefore) : eigenvalues(after, n),
    changedEntries,
  };
}

/** The nearest correlation matrix to `a` (n×n, row-major) and what the repair changed. Never mutates `a`. */
export function nearestCorrelation(a: ArrayLike<number>, n: number, options: NearestCorrelationOptions = {}): NearestCorrelationResult {
  const tol = positiveOption(options.tol, 1e-10, 'tol');
  const maxIterations = positiveOption(options.maxIterations, 5000, 'maxIterations');
  if (!Number.isInteger(maxIterations)) throw new InputError(`nearestCorrelation: maxIterations must be an integer, got ${maxIterations}`);
  const inputTolerance = positiveOption(options.inputTolerance, 1e-12, 'inputTolerance');
  const reportThreshold = positiveOption(options.reportThreshold, 1e-12, 'reportThreshold');
  const A = requireCorrelationShape(a, n, inputTolerance, 'nearestCorrelation');
  const eigBefore = eigenvalues(A, n);
  // Already PSD with unit diagonal: a valid correlation matrix is its own nearest one.
  if (eigBefore[0] >= 0) return report(A, Float64Array.from(A), n, 0, eigBefore, reportThreshold);

  let X: Float64Array = Float64Array.from(A);
  let Y: Float64Array = Float64Array.from(A);
  let dS: Float64Array = new Float64Array(n * n);
  let iterations = 0;
  let lastChange = Infinity;
  while (lastChange > tol) {
    if (iterations >= maxIterations) {
      throw new InputError(
        `nearestCorrelation: no convergence within maxIterations = ${maxIterations} (relative change ${lastChange.toExponential(2)} > tol ${tol})`,
      );
    }
    iterations++;
    const R = new Float64Array(n * n);
    for (let k = 0; k < R.length; k++) R[k] = Y[k] - dS[k];
    const Xn = projectPsd(R, n);
    const dSn = new Float64Array(n * n);
    for (let k = 0; k < R.length; k++) dSn[k] = Xn[k] - R[k];
    const Yn = Float64Array.from(Xn);
    for (let i = 0; i < n; i++) Yn[i * n + i] = 1;
    const normX = frobenius(Xn);
    const normY = frobenius(Yn);
    lastChange = Math.max(frobeniusDistance(Xn, X) / normX, frobeniusDistance(Yn, Y) / normY, frobeniusDistance(Yn, Xn) / normY);
    X = Xn;
    Y = Yn;
    dS = dSn;
  }
  // Rescale the PSD iterate to an exact unit diagonal (see the header): D^{-1/2} X D^{-1/2}.
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = X[i * n + i];
    if (!(d > 0)) throw new Error(`nearestCorrelation: diagonal [${i},${i}] of the PSD iterate collapsed to ${d}`);
    scale[i] = 1 / Math.sqrt(d);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    // |ρ| <= 1 holds for a PSD matrix up to the last bit; clip that bit.
    for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i] = Math.max(-1, Math.min(1, X[i * n + j] * scale[i] * scale[j]));
  }
  return report(A, out, n, iterations, eigBefore, reportThreshold);
}
