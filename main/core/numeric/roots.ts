/**
 * One-dimensional root finding on a bracket. Both methods require f(lower) and f(upper) of opposite
 * signs (or one of them zero) and throw InputError otherwise; neither ever leaves the bracket, so
 * a valid bracket always converges.
 */
import { InputError } from '../errors';

export interface RootOptions {
  /** Absolute tolerance on x (default 1e-14). */
  absTolerance?: number;
  /** Relative tolerance on x (default 4·2^-52, about 8.9e-16). */
  relTolerance?: number;
  /** Maximum number of function evaluations after the two end points (default 200). */
  maxIterations?: number;
}

export interface RootResult {
  root: number;
  /** Function evaluations spent after the bracket check. */
  iterations: number;
}

const MACHINE_EPS = 2 ** -52;

interface Settings {
  abs: number;
  rel: number;
  maxIterations: number;
}

function settings(options: RootOptions | undefined): Settings {
  const abs = options?.absTolerance ?? 1e-14;
  const rel = options?.relTolerance ?? 4 * MACHINE_EPS;
  const maxIterations = options?.maxIterations ?? 200;
  if (!(abs >= 0) || !(rel >= 0)) throw new InputError(`root finder: tolerances must be >= 0, got abs ${abs}, rel ${rel}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InputError(`root finder: maxIterations must be a positive integer, got ${maxIterations}`);
  }
  return { abs, rel, maxIterations };
}

function evaluate(f: (x: number) => number, x: number, what: string): number {
  const fx = f(x);
  if (Number.isNaN(fx)) throw new InputError(`${what}: function returned NaN at x = ${x}`);
  return fx;
}

function checkBracket(lower: number, upper: number, fLower: number, fUpper: number, what: string): void {
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || !(lower < upper)) {
    throw new InputError(`${what}: bracket must be finite with lower < upper, got [${lower}, ${upper}]`);
  }
  if (fLower !== 0 && fUpper !== 0 && fLower > 0 === fUpper > 0) {
    throw new InputError(
      `${what}: no sign change on [${lower}, ${upper}] (f(lower) = ${fLower}, f(upper) = ${fUpper})`,
    );
  }
}

/**
 * Brent's method (R. P. Brent, "Algorithms for Minimization without Derivatives", 1973, ch. 4;
 * the zeroin/zbrent form of Numerical Recipes §9.3): inverse quadratic interpolation or secant
 * steps, falling back to bisection whenever they would not shrink the bracket fast enough.
 * Stops when half the bracket is below 2·eps·|x| + absTolerance/2 + relTolerance·|x|.
 */
export function brentRoot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options?: RootOptions,
): RootResult {
  const s = settings(options);
  let a = lower;
  let b = upper;
  let fa = evaluate(f, a, 'brentRoot');
  let fb = evaluate(f, b, 'brentRoot');
  checkBracket(lower, upper, fa, fb, 'brentRoot');
  if (fa === 0) return { root: a, iterations: 0 };
  if (fb === 0) return { root: b, iterations: 0 };
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= s.maxIterations; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * MACHINE_EPS * Math.abs(b) + 0.5 * s.abs + s.rel * Math.abs(b);
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { root: b, iterations: iter - 1 };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const ratio = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * ratio; // secant
        q = 1 - ratio;
      } else {
        const qq = fa / fc; // inverse quadratic interpolation
        const r = fb / fc;
        p = ratio * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (ratio - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm >= 0 ? tol1 : -tol1;
    fb = evaluate(f, b, 'brentRoot');
  }
  throw new InputError(`brentRoot: no convergence within maxIterations = ${s.maxIterations} (last x = ${b})`);
}

/**
 * Newton's method safeguarded by bisection (Numerical Recipes §9.4, rtsafe): a Newton step is taken
 * only when it lands inside the current bracket and at least halves the step before it; otherwise
 * the bracket is bisected. `initial` defaults to the bracket midpoint.
 */
export function newtonRoot(
  f: (x: number) => number,
  derivative: (x: number) => number,
  lower: number,
  upper: number,
  options?: RootOptions & { initial?: number },
): RootResult {
  const s = settings(options);
  const fLower = evaluate(f, lower, 'newtonRoot');
  const fUpper = evaluate(f, upper, 'newtonRoot');
  checkBracket(lower, upper, fLower, fUpper, 'newtonRoot');
  if (fLower === 0) return { root: lower, iterations: 0 };
  if (fUpper === 0) return { root: upper, iterations: 0 };
  // Orient so that f(xl) < 0 < f(xh).
  let xl = fLower < 0 ? lower : upper;
  let xh = fLower < 0 ? upper : lower;
  const initial = options?.initial;
  let x = initial !== undefined && initial > lower && initial < upper ? initial : 0.5 * (lower + upper);
  let dxOld = upper - lower;
  let dx = dxOld;
  let fx = evaluate(f, x, 'newtonRoot');
  let dfx = evaluate(derivative, x, 'newtonRoot');
  for (let iter = 1; iter <= s.maxIterations; iter++) {
    const outside = ((x - xh) * dfx - fx) * ((x - xl) * dfx - fx) > 0;
    if (outside || Math.abs(2 * fx) > Math.abs(dxOld * dfx) || dfx === 0) {
      dxOld = dx;
      dx = 0.5 * (xh - xl);
      x = xl + dx;
      if (x === xl) return { root: x, iterations: iter };
    } else {
      dxOld = dx;
      dx = fx / dfx;
      const previous = x;
      x -= dx;
      if (previous === x) return { root: x, iterations: iter };
    }
    if (Math.abs(dx) <= s.abs + s.rel * Math.abs(x)) return { root: x, iterations: iter };
    fx = evaluate(f, x, 'newtonRoot');
    if (fx === 0) return { root: x, iterations: iter };
    dfx = evaluate(derivative, x, 'newtonRoot');
    if (fx < 0) xl = x;
    else xh = x;
  }
  throw new InputError(`newtonRoot: no convergence within maxIterations = ${s.maxIterations} (last x = ${x})`);
}
