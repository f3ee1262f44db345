import { describe, expect, it } from 'vitest';
import {
  choleskyLower,
  identity,
  leastSquares,
  matMul,
  matrix,
  matrixFromRows,
  matVec,
  solveSpd,
  symmetricEigen,
  transpose,
} from '../../../main/core/numeric/linalg';
import { InputError } from '../../../main/core/errors';
import { expectClose } from './close';

const TOL_LINALG = 1e-13;

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], 0, atol, `[${i}]`);
}

// The classic Cholesky example (e.g. Wikipedia "Cholesky decomposition"): L = [[2,0,0],[6,1,0],[-8,5,3]];
// numpy.linalg.cholesky gives the same.
const SPD = matrixFromRows([
  [4, 12, -16],
  [12, 37, -43],
  [-16, -43, 98],
]);

// A 4×4 "correlation" matrix that is not PSD (leading minors 1, 0.19, 0.068, −0.0123).
const NOT_PSD = matrixFromRows([
  [1, 0.9, 0.7, 0.2],
  [0.9, 1, 0.8, -0.1],
  [0.7, 0.8, 1, 0.4],
  [0.2, -0.1, 0.4, 1],
]);

describe('basic operations', () => {
  it('matMul, transpose, matVec, identity', () => {
    const a = matrixFromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const at = transpose(a);
    expect(at.rows).toBe(3);
    expect(Array.from(at.data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(matMul(a, at).data)).toEqual([14, 32, 32, 77]);
    expect(Array.from(matVec(a, [1, 0, -1]))).toEqual([-2, -2]);
    expect(Array.from(matMul(identity(2), a).data)).toEqual(Array.from(a.data));
    expect(() => matMul(a, a)).toThrow(/inner dimensions differ/);
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow(/needs 4 values/);
    expect(() => matrix(1, 2, [1, NaN])).toThrow(/entry \(0, 1\) is NaN/);
    expect(() => matrix(1, 2, [Infinity, 1])).toThrow(/entry \(0, 0\) is Infinity/);
  });
});

describe('Cholesky', () => {
  it('factors the textbook example exactly and solves', () => {
    const l = choleskyLower(SPD);
    expect(Array.from(l.data)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    // numpy.linalg.solve(A, [1, 2, 3]) = [28.58333333333338, -7.666666666666679, 1.3333333333333353]
    expectAllClose(solveSpd(SPD, [1, 2, 3]), [28.58333333333338, -7.666666666666679, 1.3333333333333353], 1e-12);
  });

  it('names the failing pivot when the matrix is not positive definite', () => {
    // pivot 3 = det4/det3 = −0.0123/0.068 ≈ −0.1809
    expect(() => choleskyLower(NOT_PSD)).toThrow(InputError);
    expect(() => choleskyLower(NOT_PSD)).toThrow(/not positive definite \(pivot 3 = -0\.180882/);
    expect(() => choleskyLower(matrixFromRows([[1, 2], [0, 1]]))).toThrow(/not symmetric at \(0, 1\)/);
  });
});

describe('symmetric eigen-decomposition (cyclic Jacobi)', () => {
  it('matches numpy.linalg.eigh, ascending, with unit eigenvectors', () => {
    // numpy.linalg.eigh(NOT_PSD): eigenvalues, and eigenvectors (columns) sign-normalised so the
    // largest-magnitude entry is positive
    const ref = [-0.015737289867515485, 0.2690258028568797, 1.0960353553589262, 2.6506761316517085];
    const refVectors = [
      -0.4370030718617432, -0.6880285046962894, -0.09500922748362063, 0.5715053268358516, 0.7374627215434231,
      0.05658181456377098, -0.3522673794464894, 0.5734587395552895, -0.40494233759956294, 0.6990169853176404,
      0.17881424352851683, 0.5616248069380159, 0.31811751403619504, -0.18652219498895123, 0.9137321305405609,
      0.17059985831688643,
    ];
    const { values, vectors } = symmetricEigen(NOT_PSD);
    expectAllClose(values, ref, TOL_LINALG);
    expectAllClose(vectors.data, refVectors, 1e-12);
    // A·V = V·Λ
    const av = matMul(NOT_PSD, vectors);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expectClose(av.data[i * 4 + j], vectors.data[i * 4 + j] * values[j], 0, 1e-13);
  });

  it('3×3 with a repeated structure; diagonal input needs no sweep', () => {
    // numpy.linalg.eigvalsh([[1,.95,.95],[.95,1,.2],[.95,.2,1]]) = [-0.2472193585307479, 0.8, 2.447219358530748]
    const { values } = symmetricEigen(matrixFromRows([[1, 0.95, 0.95], [0.95, 1, 0.2], [0.95, 0.2, 1]]));
    expectAllClose(values, [-0.2472193585307479, 0.7999999999999998, 2.447219358530748], TOL_LINALG);
    const diag = symmetricEigen(matrixFromRows([[3, 0], [0, 1]]));
    expect(Array.from(diag.values)).toEqual([1, 3]);
    expect(diag.sweeps).toBe(0);
  });
});

describe('least squares (Householder QR)', () => {
  it('reproduces an ADF-style regression: coefficients, RSS and OLS standard errors', () => {
    // y_i = ((i·37) mod 17)/4 + 0.1·i, i = 0..39; regress Δy_t on [1, y_{t−1}, Δy_{t−1}] (38 rows).
    // numpy.linalg.lstsq; se = sqrt(diag(RSS/(n−p)·inv(XᵀX))) — what statsmodels OLS reports.
    const y = Array.from({ length: 40 }, (_, i) => ((i * 37) % 17) / 4 + 0.1 * i);
    const dy = y.slice(1).map((v, i) => v - y[i]);
    const rows: number[][] = [];
    const target: number[] = [];
    for (let t = 1; t < dy.length; t++) {
      rows.push([1, y[t], dy[t - 1]]);
      target.push(dy[t]);
    }
    const fit = leastSquares(matrixFromRows(rows), target);
    expectAllClose(fit.coefficients, [1.943038922155689, -0.44910179640718567, 0.02208083832335337], 1e-12);
    expectClose(fit.residualSumOfSquares, 71.83088510479044, 1e-12);
    expectAllClose(fit.standardErrors, [0.658457334222794, 0.1597313105728628, 0.1674641424068918], 1e-12);
    expectClose(fit.covariance.data[1], -0.09831429954462313, 1e-11);
    expect(fit.degreesOfFreedom).toBe(35);
  });

  it('reports collinear columns and too few rows', () => {
    const x = matrixFromRows([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(() => leastSquares(x, [1, 2, 3])).toThrow(/rank-deficient \(column 1/);
    expect(() => leastSquares(matrixFromRows([[1, 2]]), [1])).toThrow(/fewer observations/);
  });
});
