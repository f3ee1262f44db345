import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  binomialPmf,
  binomialSf,
  chiSquareCdf,
  chiSquareInv,
  chiSquareSf,
  normalCdf,
  normalInv,
  normalPdf,
  normalSf,
  studentTCdf,
  studentTInv,
  studentTPdf,
  studentTSf,
} from '../../../main/core/numeric/distributions';
import { InputError } from '../../../main/core/errors';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from './close';

// Tolerances: relative, chosen a few times above the worst error seen against the references.
const TOL_NORMAL = 1e-15;
const TOL_NORMAL_INV = 1e-15;
const TOL_CHI2 = 1e-13;
const TOL_T = 1e-13;
const TOL_BINOM = 5e-13;

describe('standard normal', () => {
  // Φ(x) from mpmath 1.3.0, mp.ncdf(x) at 40 significant digits, rounded to double. In the lower
  // tail scipy 1.17.1 norm.cdf is less accurate than this: norm.cdf(-8) = 6.22096057427174e-16 and
  // norm.cdf(-30) = 4.906713927147908e-198 (7e-15 and 6e-14 low: it rounds x/√2 before erfc).
  const cdf: [number, number][] = [
    [-37.5, 4.605353009581955e-308],
    [-30, 4.906713927148187e-198],
    [-20, 2.7536241186062337e-89],
    [-12, 1.776482112077679e-33],
    [-8, 6.220960574271784e-16],
    [-5, 2.866515718791939e-7],
    [-3, 0.0013498980316300946],
    [-1.5, 0.06680720126885807],
    [-0.3, 0.3820885778110474],
    [0, 0.5],
    [0.2, 0.579259709439103],
    [1, 0.8413447460685429],
    [2, 0.9772498680518208],
    [4, 0.9999683287581669],
    [6, 0.9999999990134123],
  ];
  it.each(cdf)('normalCdf(%d)', (x, ref) => {
    // 1 ulp of slack on values near 1 (absolute 2^-53).
    expectClose(normalCdf(x), ref, TOL_NORMAL, 1.2e-16);
  });

  it('normalSf is the upper tail with full relative precision', () => {
    // mp.ncdf(-8), mp.ncdf(-20), mp.ncdf(-37) (scipy.stats.norm.sf(37) = 5.7255712225239266e-300 is 1e-13 low)
    expectClose(normalSf(8), 6.220960574271784e-16, TOL_NORMAL);
    expectClose(normalSf(20), 2.7536241186062337e-89, TOL_NORMAL);
    expectClose(normalSf(37), 5.725571222524577e-300, TOL_NORMAL);
    expect(normalCdf(-45)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });

  it('normalPdf', () => {
    // mp.npdf(x) at 40 digits
    expectClose(normalPdf(-30), 1.4736461348785476e-196, TOL_NORMAL);
    expectClose(normalPdf(-8), 5.052271083536892e-15, TOL_NORMAL);
    expectClose(normalPdf(-1), 0.24197072451914334, TOL_NORMAL);
    expectClose(normalPdf(0), 0.3989422804014327, TOL_NORMAL);
    expectClose(normalPdf(0.5), 0.35206532676429947, TOL_NORMAL);
    expectClose(normalPdf(3), 0.0044318484119380075, TOL_NORMAL);
  });

  // [p, scipy.stats.norm.ppf(p)] (scipy 1.17.1; ndtri is accurate to ~1 ulp)
  const ppf: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-100, -21.273453560965322],
    [1e-20, -9.262340089798409],
    [1e-10, -6.361340902404056],
    [1e-5, -4.264890793922825],
    [0.001, -3.090232306167813],
    [0.01, -2.3263478740408408],
    [0.02425, -1.972961051311885],
    [0.025, -1.9599639845400545],
    [0.1, -1.2815515655446004],
    [0.3, -0.5244005127080409],
    [0.6, 0.2533471031357997],
    [0.9, 1.2815515655446004],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999999, 4.753424308817087],
  ];
  it.each(ppf)('normalInv(%d)', (p, ref) => {
    expectClose(normalInv(p), ref, TOL_NORMAL_INV, 1e-16);
  });

  it('normalInv inverts normalCdf across the range (round trip)', () => {
    const rng = createRng(20260101);
    for (let i = 0; i < 2000; i++) {
      const x = -37 + 45 * rng.uniform();
      const p = normalCdf(x);
      if (p === 1) continue;
      // Above ½, p itself carries only absolute precision 2^-53, i.e. ±2^-53/φ(x) in x.
      const conditioning = x > 0 ? 2 ** -53 / normalPdf(x) : 0;
      expectClose(normalInv(p), x, 1e-15, 1e-15 + 2 * conditioning, `x = ${x}`);
    }
  });

  it('normalInv edge values and bad input', () => {
    expect(normalInv(0)).toBe(-Infinity);
    expect(normalInv(1)).toBe(Infinity);
    expect(normalInv(0.5)).toBe(0);
    expect(() => normalInv(1.5)).toThrow(/probability must lie in \[0, 1\], got 1.5/);
    expect(() => normalCdf(NaN)).toThrow(InputError);
  });
});

describe('chi-square', () => {
  // [x, dof, scipy.stats.chi2.cdf, scipy.stats.chi2.sf] (scipy 1.17.1)
  const cases: [number, number, number, number][] = [
    [0.5, 1, 0.5204998778130466, 0.47950012218695337],
    [3.841458820694124, 1, 0.9500000000000001, 0.04999999999999989],
    [10, 2, 0.9932620530009145, 0.006737946999085468],
    [5.991464547107979, 2, 0.95, 0.05000000000000007],
    [100, 3, 1.0, 1.5541594313896026e-21],
    [0.01, 20, 2.678939970347248e-30, 1.0],
    [30, 10, 0.9991433587892247, 0.000856641210775301],
    [1000, 50, 1.0, 7.188706215514871e-177],
    [150, 100, 0.9990960679576459, 0.0009039320423540184],
    [2.0, 7, 0.04015963126989843, 0.9598403687301016],
  ];
  it.each(cases)('x = %d, dof = %d', (x, dof, cdf, sf) => {
    expectClose(chiSquareCdf(x, dof), cdf, TOL_CHI2);
    expectClose(chiSquareSf(x, dof), sf, TOL_CHI2);
  });

  // [p, dof, scipy.stats.chi2.ppf(p, dof)]
  const ppf: [number, number, number][] = [
    [0.95, 1, 3.841458820694124],
    [0.99, 2, 9.21034037197618],
    [0.001, 5, 0.2102126026292192],
    [0.999999, 10, 46.86304684671568],
    [0.5, 30, 29.336031516661585],
  ];
  it.each(ppf)('chiSquareInv(%d, %d)', (p, dof, ref) => {
    expectClose(chiSquareInv(p, dof), ref, 1e-13);
  });

  it('rejects non-positive degrees of freedom', () => {
    expect(() => chiSquareSf(1, 0)).toThrow(/degrees of freedom must be > 0, got 0/);
    expect(chiSquareCdf(-1, 3)).toBe(0);
  });
});

describe('Student-t', () => {
  // [t, dof, scipy.stats.t.cdf, scipy.stats.t.pdf] (scipy 1.17.1). The dof = 1000 and 1e5 rows were
  // checked against mpmath 1.3.0 at 50 digits (betainc for the cdf, the gamma-function formula for
  // the pdf): scipy is off there by up to 4e-13, so those rows hold the mpmath values.
  const cases: [number, number, number, number][] = [
    [-3, 3, 0.02883444281121865, 0.02297203730924134],
    [-50, 4, 4.787226828484845e-7, 3.824682905007405e-8],
    [2.5, 10, 0.9842765778816955, 0.02693872762824447],
    [-1e6, 2.5, 7.193397190814237e-16, 1.798349297700065e-21],
    [0.3, 30, 0.6168769473578236, 0.37768275260924183],
    [-4, 1000, 3.400495960439079e-5, 0.0001414166888170186],
    [-2, 1e5, 0.022751481728753232, 0.05399191132737599],
    [1.5, 1, 0.8128329581890011, 0.09794150344116635],
    [-7, 2, 0.00990197059019657, 0.0027456472235843337],
    [0.8, 0.5, 0.6726296321674263, 0.14534217221807555],
  ];
  it.each(cases)('t = %d, dof = %d', (t, dof, cdf, pdf) => {
    expectClose(studentTCdf(t, dof), cdf, TOL_T);
    expectClose(studentTSf(-t, dof), cdf, TOL_T);
    expectClose(studentTPdf(t, dof), pdf, TOL_T);
  });

  // [p, dof, scipy.stats.t.ppf(p, dof)]
  const ppf: [number, number, number][] = [
    [0.01, 3, -4.5407028585681335],
    [1e-10, 4, -416.1751403296041],
    [0.975, 10, 2.228138851986274],
    [0.3, 5.5, -0.5561204847180871],
    [0.01, 1, -31.82051595377396],
    [0.01, 2, -6.964556734283274],
    [1e-8, 1000, -5.657912337679105],
    [0.995, 4, 4.604094871349992],
    [0.9, 2.5, 1.7302509288071766],
  ];
  it.each(ppf)('studentTInv(%d, %d)', (p, dof, ref) => {
    expectClose(studentTInv(p, dof), ref, 1e-13);
  });

  it('dof = ∞ is the normal; bad dof is rejected', () => {
    expect(studentTCdf(1.3, Infinity)).toBe(normalCdf(1.3));
    expect(studentTInv(0.2, Infinity)).toBe(normalInv(0.2));
    expect(() => studentTCdf(1, -2)).toThrow(InputError);
  });
});

describe('binomial', () => {
  // [k, n, p, scipy.stats.binom.cdf, .sf, .pmf] (scipy 1.17.1). The (4|9|12, 250, 0.01) rows are the
  // Basel traffic-light inputs: 250 days at 99% VaR (BCBS 1996, "Supervisory framework for the use
  // of backtesting", Table 1: cumulative probability 89.22% at 4 exceptions, 99.97% at 9).
  const cases: [number, number, number, number, number, number][] = [
    [4, 250, 0.01, 0.8921876269036251, 0.1078123730963749, 0.13407092913874208],
    [9, 250, 0.01, 0.9997498099312595, 0.00025019006874050777, 0.0008063424286163208],
    [0, 250, 0.01, 0.08105851616218143, 0.9189414838378186, 0.08105851616218142],
    [200, 1000, 0.3, 4.986258932157339e-13, 0.9999999999995014, 2.1054954139013294e-13],
    [5, 20, 0.5, 0.020694732666015625, 0.9793052673339844, 0.014785766601562497],
    [12, 250, 0.01, 0.9999980641362446, 1.9358637554504507e-6, 8.702943871541646e-6],
    [1, 5000, 0.001, 0.040360310958191856, 0.9596396890418082, 0.03363919899832639],
    [3, 10, 0.9, 9.121599999999986e-6, 0.9999908784, 8.747999999999991e-6],
  ];
  it.each(cases)('k = %d, n = %d, p = %d', (k, n, p, cdf, sf, pmf) => {
    expectClose(binomialCdf(k, n, p), cdf, TOL_BINOM);
    expectClose(binomialSf(k, n, p), sf, TOL_BINOM);
    expectClose(binomialPmf(k, n, p), pmf, TOL_BINOM);
  });

  it('cdf equals the sum of pmfs; edge cases', () => {
    let sum = 0;
    for (let k = 0; k <= 15; k++) {
      sum += binomialPmf(k, 250, 0.01);
      expectClose(binomialCdf(k, 250, 0.01), sum, 1e-13);
    }
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(2.7, 10, 0.3)).toBe(binomialCdf(2, 10, 0.3)); // floored like scipy
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(() => binomialCdf(1, 10.5, 0.3)).toThrow(/trials n must be a non-negative integer/);
    expect(() => binomialCdf(1, 10, 1.2)).toThrow(InputError);
  });
});
