/**
 * Regularised incomplete gamma functions P(a, x) and Q(a, x) (chi-square CDF and survival).
 * Series below x = a + 1, continued fraction above (Numerical Recipes 3rd ed. §6.2).
 */
import { InputError } from '../errors';
import { checkArg, lgamma, log1pmx, stirlingRemainder } from './special';

const EPS = 1e-16;
const FPMIN = 1e-300;
const MAX_ITER = 100_000;

export function notConverged(what: string, a: number, x: number): never {
  // Unreachable for finite a below ~1e9: series and fractions converge in O(√a) terms.
  throw new InputError(`${what}: no convergence for a = ${a}, x = ${x} (parameter too large)`);
}

/**
 * x^a e^{−x} / Γ(a), the common factor of the incomplete gamma series and fraction. For a >= 10 it
 * is formed as exp(a·(ln(1+d) − d) + ½ ln(a/2π) − δ(a)), d = (x − a)/a (Temme 1979; DiDonato &
 * Morris 1986), which avoids the cancellation between a·ln x and lgamma(a) that costs ~1e-12.
 */
export function gammaPrefactor(a: number, x: number): number {
  if (a < 10) return Math.exp(-x + a * Math.log(x) - lgamma(a));
  const d = (x - a) / a;
  // Far from the mode 1 + d loses digits; ln(x/a) − d is then free of cancellation.
  const core = Math.abs(d) <= 0.5 ? a * log1pmx(d) : a * Math.log(x / a) - (x - a);
  return Math.exp(core + 0.5 * Math.log(a / (2 * Math.PI)) - stirlingRemainder(a));
}


/** Series for P(a, x), valid for x < a + 1 (Numerical Recipes 3rd ed. §6.2, gser). */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITER; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) return sum * gammaPrefactor(a, x);
  }
  return notConverged('regularizedGammaP', a, x);
}

/** Continued fraction for Q(a, x), valid for x >= a + 1 (NR §6.2, gcf, modified Lentz). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return gammaPrefactor(a, x) * h;
  }
  return notConverged('regularizedGammaQ', a, x);
}

function checkGammaArgs(a: number, x: number, what: string): void {
  checkArg(x, what);
  if (!(a > 0) || !Number.isFinite(a)) throw new InputError(`${what}: shape a must be a positive finite number, got ${a}`);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a); 0 for x <= 0. */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArgs(a, x, 'regularizedGammaP');
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly in its tail. */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArgs(a, x, 'regularizedGammaQ');
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

