/**
 * Vectorised Black-76 revaluation for Monte Carlo and stress scenarios: one option, many
 * (forward, vol) scenarios, no allocation inside the loop. Same formulas and degenerate-case
 * rules as black76.ts; inverse settlement divides by the scenario forward (value in coin).
 *
 * Speed: the normal CDF is Cody's rational approximation (unrolled) with one plain e^{−d1²/2} per
 * scenario, shared by N(d1) and N(d2); the scalar normalCdf splits the exponent for 1e-16 tail
 * precision instead. The relative error this adds is below d²·2^-53 (≈ 4e-15 at |d| = 6, beyond
 * which premia are negligible against the forward); test/core/instruments checks kernel values
 * against black76Value.
 */
import { InputError } from '../errors';
import type { OptionType, Settlement } from '../book/types';
import { erfcxLarge, erfSmall } from '../numeric/special';
import { checkBlack76Input, discountFactor, yearFraction } from './black76';

export interface OptionScenarioSpec {
  optionType: OptionType;
  /** Strike, USD per coin. */
  strike: number;
  /** Calendar days to expiry at the scenario date, >= 0. */
  expiryDays: number;
  /** Continuously compounded discount rate. */
  rate: number;
  /** 'linear': value in USD per coin; 'inverse': value in coin per coin (USD value / F). */
  settlement: Settlement;
}

/**
 * Φ(x) without argument checks, given e^{−x²/2} from the caller (Cody's rational part times the
 * supplied exponential; Φ = ½ + ½ erf(x/√2) near 0 where no exponential is needed).
 */
function normalCdfKernel(x: number, expHalfSquare: number): number {
  const y = Math.abs(x) * Math.SQRT1_2;
  if (y <= 0.46875) return 0.5 + 0.5 * erfSmall(x * Math.SQRT1_2);
  const tail = 0.5 * erfcxLarge(y) * expHalfSquare;
  return x < 0 ? tail : 1 - tail;
}

function checkSpec(spec: OptionScenarioSpec): void {
  checkBlack76Input({ optionType: spec.optionType, forward: 1, strike: spec.strike, expiryDays: spec.expiryDays, vol: 0, rate: spec.rate });
  if (spec.settlement !== 'linear' && spec.settlement !== 'inverse') {
    throw new InputError(`settlement must be 'linear' or 'inverse', got ${String(spec.settlement)}`);
  }
}

function prepareOutput(length: number, vols: Float64Array | number, out: Float64Array | undefined, what: string): Float64Array {
  if (typeof vols !== 'number' && vols.length !== length) {
    throw new InputError(`${what}: vols has length ${vols.length}, expected ${length} (one per scenario)`);
  }
  if (typeof vols === 'number' && (!(vols >= 0) || !Number.isFinite(vols))) {
    throw new InputError(`${what}: vol must be a finite number >= 0, got ${vols}`);
  }
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) throw new InputError(`${what}: out has length ${out.length}, expected ${length}`);
  return out;
}

/**
 * One scenario's value. `sign` is +1 for calls, −1 for puts: V = DF·sign·[F·N(sign·d1) − K·N(sign·d2)].
 * One exponential serves both tails: d2² = d1² − 2 ln(F/K), so e^{−d2²/2} = e^{−d1²/2}·F/K.
 */
function valueAt(sign: number, forward: number, strike: number, stdDev: number, df: number): number {
  if (stdDev === 0) return df * Math.max(sign * (forward - strike), 0);
  const moneyness = forward / strike;
  const d1 = Math.log(moneyness) / stdDev + 0.5 * stdDev;
  const d2 = d1 - stdDev;
  const e1 = Math.exp(-0.5 * d1 * d1);
  const e2 = e1 > 1e-290 ? e1 * moneyness : Math.exp(-0.5 * d2 * d2);
  return df * sign * (forward * normalCdfKernel(sign * d1, e1) - strike * normalCdfKernel(sign * d2, e2));
}

function badForward(i: number, f: number, what: string): never {
  throw new InputError(`${what}: forward of scenario ${i} = ${f} is not a positive finite price`);
}

function badVol(i: number, v: number, what: string): never {
  throw new InputError(`${what}: vols[${i}] = ${v} is not a finite number >= 0`);
}

/**
 * The one hot loop behind both entry points, monomorphic on purpose: forward i is
 * scale × factors[i] (scale 1 for explicit forwards) and vol i is vols[i × volStride] (stride 0
 * for one vol shared by all scenarios), so V8 sees the same argument types on every call.
 */
function fillValues(
  spec: OptionScenarioSpec,
  scale: number,
  factors: Float64Array,
  vols: Float64Array,
  volStride: number,
  out: Float64Array,
  what: string,
): Float64Array {
  const sign = spec.optionType === 'call' ? 1 : -1;
  const df = discountFactor(spec.rate, spec.expiryDays);
  const sqrtT = Math.sqrt(yearFraction(spec.expiryDays));
  const inverse = spec.settlement === 'inverse';
  const strike = spec.strike;
  for (let i = 0; i < factors.length; i++) {
    const f = scale * factors[i];
    if (!(f > 0) || f === Infinity) badForward(i, f, what);
    const vol = vols[i * volStride];
    if (!(vol >= 0) || vol === Infinity) badVol(i, vol, what);
    const v = valueAt(sign, f, strike, vol * sqrtT, df);
    out[i] = inverse ? v / f : v;
  }
  return out;
}

/**
 * Black-76 values for scenarios i = 0..n−1 with forward forwards[i] and vol vols[i] (or one vol
 * for all). Writes into `out` when given (length n) and returns it.
 */
export function black76ValueVector(
  spec: OptionScenarioSpec,
  forwards: Float64Array,
  vols: Float64Array | number,
  out?: Float64Array,
): Float64Array {
  const what = 'black76ValueVector';
  checkSpec(spec);
  const result = prepareOutput(forwards.length, vols, out, what);
  const volArray = typeof vols === 'number' ? Float64Array.of(vols) : vols;
  return fillValues(spec, 1, forwards, volArray, typeof vols === 'number' ? 0 : 1, result, what);
}

/**
 * Black-76 values for scenarios whose forward is baseForward × forwardMultipliers[i] (a relative
 * shock of shockPct is multiplier 1 + shockPct/100), vol vols[i] or one vol for all.
 */
export function black76ValueShockedVector(
  spec: OptionScenarioSpec,
  baseForward: number,
  forwardMultipliers: Float64Array,
  vols: Float64Array | number,
  out?: Float64Array,
): Float64Array {
  const what = 'black76ValueShockedVector';
  checkSpec(spec);
  if (!(baseForward > 0) || !Number.isFinite(baseForward)) {
    throw new InputError(`${what}: baseForward must be a positive finite price, got ${baseForward}`);
  }
  const result = prepareOutput(forwardMultipliers.length, vols, out, what);
  const volArray = typeof vols === 'number' ? Float64Array.of(vols) : vols;
  return fillValues(spec, baseForward, forwardMultipliers, volArray, typeof vols === 'number' ? 0 : 1, result, what);
}
