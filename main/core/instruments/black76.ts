/**
 * European options on a forward by Black (1976), in USD per 1 coin of underlying (design.md):
 *
 *   V_call = DF·[F·N(d1) − K·N(d2)],  V_put = DF·[K·N(−d2) − F·N(−d1)],
 *   d1 = [ln(F/K) + σ²T/2] / (σ√T),  d2 = d1 − σ√T,  DF = e^{−rT},  T = expiryDays / 365.
 *
 * Greeks (per 1 coin of underlying):
 *   delta = ∂V/∂F = DF·N(d1) (call), −DF·N(−d1) (put)
 *   gamma = ∂²V/∂F² = DF·φ(d1) / (F σ √T)
 *   vega  = ∂V/∂σ = DF·F·φ(d1)·√T, per 1.00 of vol (divide by 100 for one vol point)
 *   theta = value change when one calendar day passes, F, σ, r held: −(∂V/∂T)/365
 *         = [r·V − DF·F·φ(d1)·σ/(2√T)] / 365  (usually negative for a long option)
 *
 * Degenerate cases are limits, never NaN: at expiryDays = 0 the option is worth its intrinsic
 * value (DF = 1) with delta 1 / 0 / ½ (call; −1 / 0 / −½ put) for F above / below / at K and
 * gamma = vega = theta = 0. With σ = 0 and T > 0 it is worth the discounted intrinsic on the
 * forward with delta DF·(1 / 0 / ½), gamma 0 (the Dirac mass at F = K is not representable),
 * vega = DF·F·φ(0)·√T at F = K (the σ → 0 limit) and 0 elsewhere, theta = r·V/365.
 */
import { InputError } from '../errors';
import type { OptionType } from '../book/types';
import { normalCdf, normalPdf } from '../numeric/distributions';

export const DAYS_PER_YEAR = 365;

export interface Black76Input {
  optionType: OptionType;
  /** Forward (futures) price of the underlying, USD per coin; > 0. */
  forward: number;
  /** Strike, USD per coin; > 0. */
  strike: number;
  /** Calendar days to expiry, >= 0 (may be fractional). */
  expiryDays: number;
  /** Annualised Black volatility as a fraction (0.6 = 60%); >= 0. */
  vol: number;
  /** Continuously compounded annual discount rate (0.05 = 5%); any finite value. */
  rate: number;
}

export interface Black76Greeks {
  /** Present value, USD per coin of underlying. */
  value: number;
  /** ∂V/∂F, coin. */
  delta: number;
  /** ∂²V/∂F², per USD. */
  gamma: number;
  /** ∂V/∂σ per 1.00 of vol, USD. */
  vega: number;
  /** Value change over one calendar day, USD (−∂V/∂T / 365). */
  theta: number;
}

/** Validates the inputs, naming the offending field. */
export function checkBlack76Input(input: Black76Input): void {
  const { optionType, forward, strike, expiryDays, vol, rate } = input;
  if (optionType !== 'call' && optionType !== 'put') {
    throw new InputError(`optionType must be 'call' or 'put', got ${String(optionType)}`);
  }
  if (!(forward > 0) || !Number.isFinite(forward)) throw new InputError(`forward must be a positive finite price, got ${forward}`);
  if (!(strike > 0) || !Number.isFinite(strike)) throw new InputError(`strike must be a positive finite price, got ${strike}`);
  if (!(expiryDays >= 0) || !Number.isFinite(expiryDays)) {
    throw new InputError(`expiryDays must be a finite number >= 0, got ${expiryDays}`);
  }
  if (!(vol >= 0) || !Number.isFinite(vol)) throw new InputError(`vol must be a finite number >= 0, got ${vol}`);
  if (!Number.isFinite(rate)) throw new InputError(`rate must be a finite number, got ${rate}`);
}

/** Year fraction T = expiryDays / 365 (calendar days, ACT/365F). */
export function yearFraction(expiryDays: number): number {
  return expiryDays / DAYS_PER_YEAR;
}

/** Discount factor e^{−rT}. */
export function discountFactor(rate: number, expiryDays: number): number {
  return Math.exp(-rate * yearFraction(expiryDays));
}

/** Intrinsic value on the forward, undiscounted: max(F − K, 0) or max(K − F, 0). */
export function intrinsicValue(optionType: OptionType, forward: number, strike: number): number {
  return optionType === 'call' ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0);
}

/** Black-76 present value in USD per coin. */
export function black76Value(input: Black76Input): number {
  checkBlack76Input(input);
  const { optionType, forward, strike, expiryDays, vol, rate } = input;
  const df = discountFactor(rate, expiryDays);
  const stdDev = vol * Math.sqrt(yearFraction(expiryDays));
  if (stdDev === 0) return df * intrinsicValue(optionType, forward, strike);
  const d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
  const d2 = d1 - stdDev;
  // Each side evaluated with its own tail probabilities (no put–call parity), so deep
  // out-of-the-money values keep their relative precision.
  return optionType === 'call'
    ? df * (forward * normalCdf(d1) - strike * normalCdf(d2))
    : df * (strike * normalCdf(-d2) - forward * normalCdf(-d1));
}

/** Delta of a degenerate (zero total variance) option: 1 / 0 / ½ by moneyness, sign by type. */
function degenerateDelta(optionType: OptionType, forward: number, strike: number): number {
  const sign = optionType === 'call' ? 1 : -1;
  if (forward === strike) return 0.5 * sign;
  const inTheMoney = optionType === 'call' ? forward > strike : forward < strike;
  return inTheMoney ? sign : 0;
}

/** Black-76 value and the four greeks (see the file header for units and sign conventions). */
export function black76Greeks(input: Black76Input): Black76Greeks {
  checkBlack76Input(input);
  const { optionType, forward, strike, expiryDays, vol, rate } = input;
  const T = yearFraction(expiryDays);
  const df = Math.exp(-rate * T);
  const sqrtT = Math.sqrt(T);
  const stdDev = vol * sqrtT;
  if (expiryDays === 0) {
    return { value: intrinsicValue(optionType, forward, strike), delta: degenerateDelta(optionType, forward, strike), gamma: 0, vega: 0, theta: 0 };
  }
  if (stdDev === 0) {
    const value = df * intrinsicValue(optionType, forward, strike);
    const vega = forward === strike ? df * forward * normalPdf(0) * sqrtT : 0;
    return { value, delta: df * degenerateDelta(optionType, forward, strike), gamma: 0, vega, theta: (rate * value) / DAYS_PER_YEAR };
  }
  const d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
  const d2 = d1 - stdDev;
  const pdf = normalPdf(d1);
  const value =
    optionType === 'call'
      ? df * (forward * normalCdf(d1) - strike * normalCdf(d2))
      : df * (strike * normalCdf(-d2) - forward * normalCdf(-d1));
  const delta = optionType === 'call' ? df * normalCdf(d1) : -df * normalCdf(-d1);
  const gamma = (df * pdf) / (forward * stdDev);
  const vega = df * forward * pdf * sqrtT;
  // ∂V/∂T = −r·V + DF·F·φ(d1)·σ/(2√T); one calendar day passing is dT = −1/365.
  const dVdT = -rate * value + (df * forward * pdf * vol) / (2 * sqrtT);
  return { value, delta, gamma, vega, theta: -dVdT / DAYS_PER_YEAR };
}
