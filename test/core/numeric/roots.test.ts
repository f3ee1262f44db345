import { describe, expect, it } from 'vitest';
import { brentRoot, newtonRoot } from '../../../main/core/numeric/roots';
import { InputError } from '../../../main/core/errors';
import { expectClose } from './close';

// Reference roots (mpmath 1.3.0 findroot at 30 digits, rounded to double): the Dottie number
// cos(x) = x, 0.73908513321516064166; Wallis's cubic x³ − 2x − 5 (the example in Brent 1973 and
// Numerical Recipes), 2.0945514815423265915. scipy.optimize.brentq(xtol=1e-15) agrees within 1 ulp.
const DOTTIE = 0.7390851332151607;
const WALLIS = 2.0945514815423265;
const EXACT = { absTolerance: 0 };
const TOL_ROOT = 4e-16;

describe('brentRoot', () => {
  it('finds reference roots to machine precision', () => {
    expectClose(brentRoot((x) => Math.cos(x) - x, 0, 1, EXACT).root, DOTTIE, TOL_ROOT);
    expectClose(brentRoot((x) => x * x * x - 2 * x - 5, 2, 3, EXACT).root, WALLIS, TOL_ROOT);
    // default absolute tolerance 1e-14
    expectClose(brentRoot((x) => Math.cos(x) - x, 0, 1).root, DOTTIE, 0, 1e-14);
  });

  it('converges in few evaluations on smooth functions and handles endpoint roots', () => {
    const r = brentRoot((x) => Math.exp(x) - 2, -10, 10, EXACT);
    expectClose(r.root, Math.LN2, TOL_ROOT);
    expect(r.iterations).toBeLessThan(20);
    expect(brentRoot((x) => x - 1, 1, 2).root).toBe(1);
  });

  it('survives a discontinuous sign change (bisection fallback)', () => {
    const r = brentRoot((x) => (x < 0.3 ? -1 : 1), 0, 1, { absTolerance: 1e-12 });
    expect(Math.abs(r.root - 0.3)).toBeLessThan(1e-12);
  });

  it('rejects a bracket without a sign change, naming both values', () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(InputError);
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(/no sign change on \[-1, 1\] \(f\(lower\) = 2, f\(upper\) = 2\)/);
    expect(() => brentRoot((x) => x, 1, -1)).toThrow(/lower < upper/);
  });

  it('reports exhaustion of maxIterations and NaN from f', () => {
    expect(() => brentRoot((x) => Math.cos(x) - x, 0, 1, { maxIterations: 2 })).toThrow(/maxIterations = 2/);
    expect(() => brentRoot((x) => (x > 0.5 ? NaN : -1), 0, 1)).toThrow(/returned NaN/);
  });
});

describe('newtonRoot (rtsafe)', () => {
  it('finds reference roots', () => {
    expectClose(newtonRoot((x) => Math.cos(x) - x, (x) => -Math.sin(x) - 1, 0, 1, EXACT).root, DOTTIE, TOL_ROOT);
    expectClose(newtonRoot((x) => x * x * x - 2 * x - 5, (x) => 3 * x * x - 2, 2, 3, EXACT).root, WALLIS, TOL_ROOT);
  });

  it('falls back to bisection where Newton would leave the bracket', () => {
    // atan has a flat derivative far out: pure Newton from x0 = 5 diverges; rtsafe does not.
    const r = newtonRoot(Math.atan, (x) => 1 / (1 + x * x), -3, 10, { initial: 5 });
    expect(Math.abs(r.root)).toBeLessThan(1e-14);
  });

  it('rejects a bracket without a sign change', () => {
    expect(() => newtonRoot((x) => x * x + 1, (x) => 2 * x, -1, 1)).toThrow(/no sign change/);
  });
});
