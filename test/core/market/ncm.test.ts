import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { nearestCorrelation, squareMatrixFromRows } from '../../../main/core/market/ncm';
import { matrix, symmetricEigen } from '../../../main/core/numeric/linalg';

/**
 * Reference nearest correlation matrices computed independently with numpy 2.4.6 / scipy 1.17.1 (script
 * kept out of the repository, per the house rules):
 *   (1) Higham (2002) Alg. 3.3 with numpy.linalg.eigh, run to a relative change of 1e-15;
 *   (2) the dual method (Malick 2004; Qi & Sun 2006): minimise ½‖(A + diag y)₊‖²_F − Σy with
 *       scipy L-BFGS-B/BFGS then semismooth Newton steps, X = (A + diag y*)₊.
 * (1) and (2) agree to 1.4e-15 on both matrices; (1) is listed (symmetrised by averaging).
 * A10 is numpy.random.default_rng(20260501).uniform(-1, 1, (10, 10)) rounded to 4 decimals,
 * upper triangle mirrored, unit diagonal.
 */
export const A5_INPUT = [
  [1.0, 0.9, 0.7, 0.8, -0.5],
  [0.9, 1.0, 0.95, 0.95, 0.6],
  [0.7, 0.95, 1.0, 0.2, 0.9],
  [0.8, 0.95, 0.2, 1.0, 0.3],
  [-0.5, 0.6, 0.9, 0.3, 1.0],
];
export const A5_NEAREST = [
  [1.0, 0.7512344753894165, 0.4835327546591637, 0.7016785764904733, -0.19203133528342634],
  [0.7512344753894165, 1.0, 0.838896137349642, 0.818736145669839, 0.49360758528453824],
  [0.4835327546591637, 0.838896137349642, 1.0, 0.3799412818989911, 0.6884404966737094],
  [0.7016785764904733, 0.818736145669839, 0.3799412818989911, 1.0, 0.19676706014511475],
  [-0.19203133528342634, 0.49360758528453824, 0.6884404966737094, 0.19676706014511475, 1.0],
];
export const A5_FROBENIUS_CHANGE = 0.7774162235186355;
export const A5_EIGENVALUES_BEFORE = [-0.576040634080256, -0.20744721130795044, 0.6591009914345336, 1.6536070494066075, 3.470779804547064];

export const A10_INPUT = [
  [1.0, 0.4042, 0.9447, -0.1707, -0.5408, 0.1753, 0.6671, -0.2323, 0.374, -0.8665],
  [0.4042, 1.0, 0.3035, -0.4348, 0.5202, 0.6486, 0.1108, 0.5792, 0.7738, 0.7706],
  [0.9447, 0.3035, 1.0, -0.1402, 0.1624, 0.1853, -0.5401, -0.6977, -0.2294, 0.3115],
  [-0.1707, -0.4348, -0.1402, 1.0, -0.1206, 0.7884, 0.3039, -0.5674, 0.1033, -0.2561],
  [-0.5408, 0.5202, 0.1624, -0.1206, 1.0, -0.0226, -0.9586, 0.4132, -0.4157, 0.8155],
  [0.1753, 0.6486, 0.1853, 0.7884, -0.0226, 1.0, 0.6826, 0.4439, 0.9658, 0.7662],
  [0.6671, 0.1108, -0.5401, 0.3039, -0.9586, 0.6826, 1.0, -0.1687, -0.4208, 0.0454],
  [-0.2323, 0.5792, -0.6977, -0.5674, 0.4132, 0.4439, -0.1687, 1.0, -0.6723, -0.3645],
  [0.374, 0.7738, -0.2294, 0.1033, -0.4157, 0.9658, -0.4208, -0.6723, 1.0, -0.6901],
  [-0.8665, 0.7706, 0.3115, -0.2561, 0.8155, 0.7662, 0.0454, -0.3645, -0.6901, 1.0],
];
export const A10_NEAREST = [
  [1.0, 0.2274519605350993, 0.5496041589392379, -0.10667403498366682, -0.5648047218594052, 0.1533497469283085, 0.3735537571631461, -0.221008710258761, 0.36638157989318665, -0.4448614893903403],
  [0.2274519605350993, 1.0, 0.25869314702069257, -0.3252759679614506, 0.3697779242181679, 0.6546279297237362, -0.005673553488191018, 0.3537798084681759, 0.40966927345747517, 0.45990252790603553],
  [0.5496041589392379, 0.25869314702069257, 1.0, -0.13062061471540012, 0.17979933983565757, 0.009356284246426733, -0.21133349820381506, -0.488366227295446, 0.043700890266960404, 0.21739213030177643],
  [-0.10667403498366682, -0.3252759679614506, -0.13062061471540012, 1.0, -0.2440858847965175, 0.4646786495326234, 0.29539615231605787, -0.4157795344365043, 0.21736702525108365, -0.03879587947439623],
  [-0.5648047218594052, 0.3697779242181679, 0.17979933983565757, -0.2440858847965175, 1.0, 0.005315244195998582, -0.6825028119691107, 0.336365813130444, -0.28122810777609164, 0.6739687846044875],
  [0.1533497469283085, 0.6546279297237362, 0.009356284246426733, 0.4646786495326234, 0.005315244195998582, 1.0, 0.4319389193546554, 0.06265191066885477, 0.502595912007008, 0.3707058114331664],
  [0.3735537571631461, -0.005673553488191018, -0.21133349820381506, 0.29539615231605787, -0.6825028119691107, 0.4319389193546554, 1.0, -0.01385784334277406, -0.046331180453448306, -0.058930522810732466],
  [-0.221008710258761, 0.3537798084681759, -0.488366227295446, -0.4157795344365043, 0.336365813130444, 0.06265191066885477, -0.01385784334277406, 1.0, -0.23770244153171782, 0.027202566368628153],
  [0.36638157989318665, 0.40966927345747517, 0.043700890266960404, 0.21736702525108365, -0.28122810777609164, 0.502595912007008, -0.046331180453448306, -0.23770244153171782, 1.0, -0.3015625843245595],
  [-0.4448614893903403, 0.45990252790603553, 0.21739213030177643, -0.03879587947439623, 0.6739687846044875, 0.3707058114331664, -0.058930522810732466, 0.027202566368628153, -0.3015625843245595, 1.0],
];
export const A10_FROBENIUS_CHANGE = 2.291451761080668;
export const A10_EIGENVALUES_BEFORE = [-1.6326280484114413, -0.944119032960339, -0.3792991896099997, 0.047592318428613695, 0.8038452648931198, 1.6625525928699636, 1.9194835885098374, 2.2235391225558248, 2.9624109617949026, 3.336622421929519];

/** Tolerances: the default tol 1e-10 is a relative step size; the iterate sits within ~1e-9 of the limit. */
const TOL_REFERENCE = 1e-9;
const TOL_PSD = 1e-10;
const TOL_UNCHANGED = 1e-12;

const flat = (rows: number[][]): Float64Array => squareMatrixFromRows(rows).matrix;
const minEigenvalue = (m: Float64Array, n: number): number => symmetricEigen(matrix(n, n, m)).values[0];
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

describe('nearestCorrelation: references', () => {
  it("reproduces Higham's example (Higham 2002, IMA J. Numer. Anal. 22, §4) to 4 decimals", () => {
    // A = [[1,1,0],[1,1,1],[0,1,1]] → [[1, .7607, .1573], [.7607, 1, .7607], [.1573, .7607, 1]] (Higham 2002, §4).
    const r = nearestCorrelation(flat([[1, 1, 0], [1, 1, 1], [0, 1, 1]]), 3);
    const expected = [1, 0.7607, 0.1573, 0.7607, 1, 0.7607, 0.1573, 0.7607, 1];
    expected.forEach((x, k) => expect(r.matrix[k].toFixed(4)).toBe(x.toFixed(4)));
    // Eigenvalues of A are 1 − √2, 1, 1 + √2 (characteristic polynomial (1−λ)((1−λ)² − 2)).
    expect(r.eigenvaluesBefore[0]).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(r.eigenvaluesBefore[2]).toBeCloseTo(1 + Math.SQRT2, 14);
    // numpy reference (as A5/A10 above): ‖X − A‖_F = 0.5277904635818285; the smallest eigenvalue becomes 0.
    expect(Math.abs(r.frobeniusChange - 0.5277904635818285)).toBeLessThan(TOL_REFERENCE);
    expect(Math.abs(r.eigenvaluesAfter[0])).toBeLessThan(TOL_PSD);
    expect(r.iterations).toBeGreaterThan(1);
  });

  for (const [name, input, nearest, frobenius, eigBefore] of [
    ['5×5 stressed crypto matrix', A5_INPUT, A5_NEAREST, A5_FROBENIUS_CHANGE, A5_EIGENVALUES_BEFORE],
    ['10×10 random symmetric matrix', A10_INPUT, A10_NEAREST, A10_FROBENIUS_CHANGE, A10_EIGENVALUES_BEFORE],
  ] as const) {
    it(`matches the independent numpy/scipy solutions on the ${name}`, () => {
      const n = input.length;
      const r = nearestCorrelation(flat(input as unknown as number[][]), n);
      expect(maxAbsDiff(r.matrix, flat(nearest as unknown as number[][]))).toBeLessThan(TOL_REFERENCE);
      expect(Math.abs(r.frobeniusChange - frobenius)).toBeLessThan(TOL_REFERENCE);
      expect(maxAbsDiff(r.eigenvaluesBefore, eigBefore)).toBeLessThan(1e-12);
      expect(r.eigenvaluesAfter[0]).toBeGreaterThanOrEqual(-TOL_PSD);
    });
  }

  it('reports every moved pair once with its before/after values, and the Frobenius and max change', () => {
    const r = nearestCorrelation(flat(A5_INPUT), 5);
    expect(r.changedEntries).toHaveLength(10); // all 5·4/2 pairs move on this matrix
    let sumSq = 0;
    let max = 0;
    for (const e of r.changedEntries) {
      expect(e.i).toBeLessThan(e.j);
      expect(e.before).toBe(A5_INPUT[e.i][e.j]);
      expect(e.after).toBe(r.matrix[e.i * 5 + e.j]);
      sumSq += 2 * (e.after - e.before) ** 2; // both triangles; the diagonal never changes
      max = Math.max(max, Math.abs(e.after - e.before));
    }
    expect(Math.sqrt(sumSq)).toBeCloseTo(r.frobeniusChange, 14);
    expect(max).toBe(r.maxChange);
    // numpy reference: max |X − A| = 0.3079686647165737 (entry [0,4]: −0.5 → −0.19203…).
    expect(Math.abs(r.maxChange - 0.3079686647165737)).toBeLessThan(TOL_REFERENCE);
  });

  it('returns a valid correlation matrix unchanged, with zero iterations', () => {
    const valid = flat([[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]]);
    const r = nearestCorrelation(valid, 3);
    expect(r.iterations).toBe(0);
    expect([...r.matrix]).toEqual([...valid]);
    expect(r.changedEntries).toEqual([]);
    expect(r.frobeniusChange).toBe(0);
  });

  it('never mutates its input', () => {
    const a = flat(A5_INPUT);
    const copy = Float64Array.from(a);
    nearestCorrelation(a, 5);
    expect([...a]).toEqual([...copy]);
  });
});

describe('nearestCorrelation: input validation names the violation', () => {
  const bad = (fn: () => unknown, message: RegExp): void => {
    expect(fn).toThrow(InputError);
    expect(fn).toThrow(message);
  };
  it('rejects non-square input', () => {
    bad(() => squareMatrixFromRows([[1, 0, 0], [0, 1, 0], [0, 0, 1, 0]]), /matrix is not square: row 2 has 4 entries/);
    bad(() => nearestCorrelation(new Float64Array(8), 3), /matrix is not square: 8 entries for n = 3/);
  });
  it('names a NaN or infinite entry by position', () => {
    bad(() => nearestCorrelation(flat([[1, 0.2, 0], [0.2, 1, NaN], [0, NaN, 1]]), 3), /entry \[1,2\] is NaN/);
    bad(() => nearestCorrelation(flat([[1, Infinity], [Infinity, 1]]), 2), /entry \[0,1\] is Infinity/);
  });
  it('rejects an asymmetric matrix', () => {
    bad(() => nearestCorrelation(flat([[1, 0.2, 0], [0.2, 1, 0.5], [0, 0.4, 1]]), 3), /not symmetric: entry \[1,2\] is 0.5 but \[2,1\] is 0.4/);
  });
  it('rejects a diagonal that is not 1', () => {
    bad(() => nearestCorrelation(flat([[1, 0, 0], [0, 1, 0], [0, 0, 0.9]]), 3), /diagonal entry \[2,2\] is 0.9, not 1/);
  });
  it('rejects bad options and reports non-convergence', () => {
    bad(() => nearestCorrelation(flat(A5_INPUT), 5, { tol: -1 }), /tol must be a finite number > 0/);
    bad(() => nearestCorrelation(flat(A5_INPUT), 5, { maxIterations: 3 }), /no convergence within maxIterations = 3/);
  });
});

/** Random symmetric matrices with unit diagonal and off-diagonal entries in [−1, 1]. */
const symmetricUnitDiagonal = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
    const m = new Float64Array(n * n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      m[i * n + i] = 1;
      for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = upper[k++];
    }
    return { n, m };
  }));

/** Valid correlation matrices: Gram matrices of random unit vectors (PSD by construction). */
const gramCorrelation = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((raw) => {
    const v = Float64Array.from(raw, (x, k) => x + (k % (n + 1) === 0 ? 2 : 0)); // keep rows away from zero
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += v[i * n + j] ** 2;
      for (let j = 0; j < n; j++) v[i * n + j] /= Math.sqrt(s);
    }
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      m[i * n + i] = 1;
      for (let j = i + 1; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += v[i * n + k] * v[j * n + k];
        m[i * n + j] = m[j * n + i] = s;
      }
    }
    return { n, m };
  }));

describe('nearestCorrelation: properties (fast-check, fixed seed)', () => {
  it('repairs any symmetric unit-diagonal matrix to a PSD, symmetric, unit-diagonal matrix with |ρ| <= 1', () => {
    fc.assert(fc.property(symmetricUnitDiagonal, ({ n, m }) => {
      const r = nearestCorrelation(m, n);
      expect(minEigenvalue(r.matrix, n)).toBeGreaterThanOrEqual(-TOL_PSD);
      for (let i = 0; i < n; i++) {
        expect(r.matrix[i * n + i]).toBe(1);
        for (let j = 0; j < n; j++) {
          expect(r.matrix[i * n + j]).toBe(r.matrix[j * n + i]);
          expect(Math.abs(r.matrix[i * n + j])).toBeLessThanOrEqual(1);
        }
      }
    }), { seed: 20260501, numRuns: 200 });
  });

  it('is at least as near to A as simple eigenvalue clipping (nearness, not just validity)', () => {
    fc.assert(fc.property(symmetricUnitDiagonal, ({ n, m }) => {
      const r = nearestCorrelation(m, n);
      // Competitor: clip negative eigenvalues, rescale to unit diagonal (Rebonato & Jäckel 1999 style).
      const { values, vectors } = symmetricEigen(matrix(n, n, m));
      const clipped = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += vectors.data[i * n + k] * Math.max(values[k], 1e-12) * vectors.data[j * n + k];
        clipped[i * n + j] = s;
      }
      let distance = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        const c = clipped[i * n + j] / Math.sqrt(clipped[i * n + i] * clipped[j * n + j]);
        distance += (c - m[i * n + j]) ** 2;
      }
      expect(r.frobeniusChange).toBeLessThanOrEqual(Math.sqrt(distance) + 1e-8);
    }), { seed: 7, numRuns: 100 });
  });

  it('returns a valid correlation matrix unchanged (changes < 1e-12)', () => {
    fc.assert(fc.property(gramCorrelation, ({ n, m }) => {
      const r = nearestCorrelation(m, n);
      expect(r.maxChange).toBeLessThan(TOL_UNCHANGED);
      expect(maxAbsDiff(r.matrix, m)).toBeLessThan(TOL_UNCHANGED);
    }), { seed: 11, numRuns: 200 });
  });

  it('is idempotent: repairing a repaired matrix changes it by < 1e-12', () => {
    fc.assert(fc.property(symmetricUnitDiagonal, ({ n, m }) => {
      const once = nearestCorrelation(m, n);
      expect(nearestCorrelation(once.matrix, n).maxChange).toBeLessThan(TOL_UNCHANGED);
    }), { seed: 13, numRuns: 100 });
  });
});
