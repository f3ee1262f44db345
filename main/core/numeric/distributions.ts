/**
 * Probability distributions used by the margin models and statistical tests: standard normal,
 * chi-square, Student-t, binomial. Lower and upper tails are computed directly (never as 1 − the
 * other tail), so p-values of 1e-300 keep their relative precision. NaN in → InputError out.
 */
import { InputError } from '../errors';
import { erf, erfcx, expNegSquareScaled, logGammaRatio } from './special';
import { regularizedGammaP, regularizedGammaQ } from './incompleteGamma';
import { logBetaPowerTerms, regularizedBetaPair } from './incompleteBeta';
import { brentRoot, newtonRoot } from './roots';

export { lgamma } from './special';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
const SQRT_2PI = 2.5066282746310002;
/** Beyond |x| = 40 the normal tail is below the smallest subnormal double (Φ(−38.5) ≈ 1e-324). */
const NORMAL_TAIL_CUTOFF = 40;

function requireNumber(x: number, what: string): void {
  if (Number.isNaN(x)) throw new InputError(`${what}: argument is NaN`);
}

function requireProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new InputError(`${what}: probability must lie in [0, 1], got ${p}`);
}

function requireDof(dof: number, what: string): void {
  if (!(dof > 0)) throw new InputError(`${what}: degrees of freedom must be > 0, got ${dof}`);
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π), exponent split for tail precision. */
export function normalPdf(x: number): number {
  requireNumber(x, 'normalPdf');
  if (Math.abs(x) > NORMAL_TAIL_CUTOFF) return 0;
  return INV_SQRT_2PI * expNegSquareScaled(x, 0.5);
}

/**
 * Lower tail Φ(−|x|) = ½ erfc(|x|/√2) = ½ erfcx(|x|/√2) · e^{−x²/2}. The exponential is taken of
 * x itself (split as in Cody 1969), not of the rounded |x|/√2, which keeps relative error near
 * 1e-15 even at Φ(−37).
 */
function normalLowerTail(absX: number): number {
  if (absX > NORMAL_TAIL_CUTOFF) return 0;
  return 0.5 * erfcx(absX * SQRT1_2) * expNegSquareScaled(absX, 0.5);
}

/** Standard normal CDF Φ(x) (Cody 1969 rational approximations of erf/erfc). */
export function normalCdf(x: number): number {
  requireNumber(x, 'normalCdf');
  const y = Math.abs(x) * SQRT1_2;
  if (y <= 0.46875) return 0.5 + 0.5 * erf(x * SQRT1_2);
  const tail = normalLowerTail(Math.abs(x));
  return x < 0 ? tail : 1 - tail;
}

/** Standard normal survival function 1 − Φ(x) = Φ(−x), accurate in the upper tail. */
export function normalSf(x: number): number {
  requireNumber(x, 'normalSf');
  return normalCdf(-x);
}

// P. J. Acklam (2003), "An algorithm for computing the inverse normal cumulative distribution
// function": rational approximations with relative error below 1.15e-9, then one Halley step.
const ACKLAM_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const ACKLAM_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const ACKLAM_P_LOW = 0.02425;

function acklamLowerHalf(p: number): number {
  if (p < ACKLAM_P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    const c = ACKLAM_C;
    const d = ACKLAM_D;
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  const a = ACKLAM_A;
  const b = ACKLAM_B;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Inverse standard normal CDF Φ⁻¹(p): Acklam's approximation refined by one Halley step
 * x ← x − u/(1 + x·u/2), u = (Φ(x) − p)·√(2π)·e^{x²/2}, which brings it to about 1e-15 relative.
 * Computed on the lower half only (p > ½ uses −Φ⁻¹(1 − p), where 1 − p is exact), so the
 * refinement compares against a tail probability with full relative precision.
 * Returns −∞ at p = 0 and +∞ at p = 1.
 */
export function normalInv(p: number): number {
  requireProbability(p, 'normalInv');
  if (p > 0.5) return -normalInv(1 - p);
  if (p === 0) return -Infinity;
  if (p === 0.5) return 0;
  const x = acklamLowerHalf(p);
  // u = (Φ(x) − p)/φ(x), written as (Φ(x)/p − 1)·p·√(2π)·e^{x²/2} with p·e^{x²/2} taken in logs,
  // so it neither overflows nor divides subnormals when p is near the smallest double.
  const u = (normalCdf(x) / p - 1) * SQRT_2PI * Math.exp(Math.log(p) + 0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/** Chi-square CDF P(X <= x) with `dof` degrees of freedom: P(dof/2, x/2) (regularised gamma). */
export function chiSquareCdf(x: number, dof: number): number {
  requireNumber(x, 'chiSquareCdf');
  requireDof(dof, 'chiSquareCdf');
  return regularizedGammaP(dof / 2, x / 2);
}

/** Chi-square survival P(X > x) = Q(dof/2, x/2): the p-value of a likelihood-ratio statistic. */
export function chiSquareSf(x: number, dof: number): number {
  requireNumber(x, 'chiSquareSf');
  requireDof(dof, 'chiSquareSf');
  return regularizedGammaQ(dof / 2, x / 2);
}

/** Chi-square quantile: the x with P(X <= x) = p (Brent on the CDF, bracket grown by doubling). */
export function chiSquareInv(p: number, dof: number): number {
  requireProbability(p, 'chiSquareInv');
  requireDof(dof, 'chiSquareInv');
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  let upper = Math.max(1, dof);
  while (chiSquareCdf(upper, dof) < p) upper *= 2;
  // Root of cdf − p for the lower half, of p_upper − sf for the upper half (keeps tail digits).
  const f = p <= 0.5 ? (x: number) => chiSquareCdf(x, dof) - p : (x: number) => (1 - p) - chiSquareSf(x, dof);
  return brentRoot(f, 0, upper, { absTolerance: 0, relTolerance: 1e-15, maxIterations: 500 }).root;
}

/**
 * Student-t lower tail P(T < −|t|) = ½ I_x(ν/2, ½), x = ν/(ν + t²), with 1 − x = t²/(ν + t²)
 * formed without cancellation (Abramowitz & Stegun 26.7.1 via 26.5.27).
 */
function studentTLowerTail(absT: number, dof: number): number {
  const t2 = absT * absT;
  let x: number;
  let y: number;
  if (t2 > dof) {
    const r = dof / t2;
    x = r / (1 + r);
    y = 1 / (1 + r);
  } else {
    const r = t2 / dof;
    x = 1 / (1 + r);
    y = r / (1 + r);
  }
  return 0.5 * regularizedBetaPair(dof / 2, 0.5, x, y);
}

/** Student-t CDF with `dof` > 0 degrees of freedom (dof = ∞ gives the normal). */
export function studentTCdf(t: number, dof: number): number {
  requireNumber(t, 'studentTCdf');
  requireDof(dof, 'studentTCdf');
  if (dof === Infinity) return normalCdf(t);
  if (t === 0) return 0.5;
  const tail = studentTLowerTail(Math.abs(t), dof);
  return t < 0 ? tail : 1 - tail;
}

/** Student-t survival P(T > t). */
export function studentTSf(t: number, dof: number): number {
  requireNumber(t, 'studentTSf');
  return studentTCdf(-t, dof);
}

/** Student-t density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^{−(ν+1)/2}. */
export function studentTPdf(t: number, dof: number): number {
  requireNumber(t, 'studentTPdf');
  requireDof(dof, 'studentTPdf');
  if (dof === Infinity) return normalPdf(t);
  if (!Number.isFinite(t)) return 0;
  const logNorm = logGammaRatio(dof / 2, 0.5) - 0.5 * Math.log(dof * Math.PI);
  return Math.exp(logNorm - ((dof + 1) / 2) * Math.log1p((t * t) / dof));
}

/**
 * Student-t quantile. Closed forms for ν = 1 (Cauchy) and ν = 2; otherwise safeguarded Newton on
 * the lower-tail CDF, bracketed between the normal quantile (the t tail is heavier, so
 * F_t(z_p) >= p) and a point found by doubling. Symmetric: Q(p) = −Q(1 − p).
 */
export function studentTInv(p: number, dof: number): number {
  requireProbability(p, 'studentTInv');
  requireDof(dof, 'studentTInv');
  if (dof === Infinity) return normalInv(p);
  if (p > 0.5) return -studentTInv(1 - p, dof);
  if (p === 0) return -Infinity;
  if (p === 0.5) return 0;
  if (dof === 1) return -1 / Math.tan(Math.PI * p);
  if (dof === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const upper = normalInv(p);
  let lower = 2 * upper;
  while (studentTCdf(lower, dof) > p) lower *= 2;
  return newtonRoot(
    (t) => studentTCdf(t, dof) - p,
    (t) => studentTPdf(t, dof),
    lower,
    upper,
    { absTolerance: 0, relTolerance: 1e-15, maxIterations: 500, initial: 0.5 * (lower + upper) },
  ).root;
}

function requireBinomial(k: number, n: number, p: number, what: string): void {
  requireNumber(k, what);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`${what}: trials n must be a non-negative integer, got ${n}`);
  requireProbability(p, what);
}

/** Binomial probability P(X = k), X ~ Bin(n, p); 0 for non-integer or out-of-range k. */
export function binomialPmf(k: number, n: number, p: number): number {
  requireBinomial(k, n, p, 'binomialPmf');
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  // C(n,k) p^k q^{n−k} = [p^{k+1} q^{n−k+1} / B(k+1, n−k+1)] / ((n+1)·p·q), the beta power terms
  // being formed without the lgamma cancellation that costs digits for n in the hundreds.
  return Math.exp(logBetaPowerTerms(k + 1, n - k + 1, p, 1 - p)) / ((n + 1) * p * (1 - p));
}

/**
 * Binomial CDF P(X <= k) = I_{1−p}(n − k, k + 1) (Abramowitz & Stegun 26.5.24); k is floored as
 * in scipy.stats.binom.cdf. Used for the Basel traffic-light zones.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  requireBinomial(k, n, p, 'binomialCdf');
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return regularizedBetaPair(n - kk, kk + 1, 1 - p, p);
}

/** Binomial survival P(X > k) = I_p(k + 1, n − k), computed directly for small upper tails. */
export function binomialSf(k: number, n: number, p: number): number {
  requireBinomial(k, n, p, 'binomialSf');
  const kk = Math.floor(k);
  if (kk < 0) return 1;
  if (kk >= n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return regularizedBetaPair(kk + 1, n - kk, p, 1 - p);
}
