/**
 * Dated futures valued off the index. Fair forward by cost of carry plus a basis:
 *
 *   F = S · e^{(r + b)·T},  T = expiryDays / 365,
 *
 * S the index (spot) price, r the continuously compounded USD rate, b the annualised basis
 * (continuously compounded, may be negative): the premium crypto futures trade at over pure carry,
 * calibrated from a quoted future by impliedBasisAnnual. A perpetual is the T = 0 case: F = S.
 * Stress scenarios shock S and keep b (a relative shock moves spot and future alike), unless a
 * scenario shocks the basis itself.
 */
import { InputError } from '../errors';
import { yearFraction } from './black76';

export interface FutureFairPriceInput {
  /** Index (spot) price, USD per coin; > 0. */
  indexPrice: number;
  /** Calendar days to expiry, >= 0. */
  expiryDays: number;
  /** Continuously compounded USD rate. */
  rate: number;
  /** Annualised continuously compounded basis over carry (0.08 = 8% p.a. contango). */
  basisAnnual: number;
}

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new InputError(`${what} must be a finite number, got ${value}`);
}

function checkCarry(expiryDays: number, rate: number, basisAnnual: number): void {
  if (!(expiryDays >= 0) || !Number.isFinite(expiryDays)) throw new InputError(`expiryDays must be a finite number >= 0, got ${expiryDays}`);
  requireFinite(rate, 'rate');
  requireFinite(basisAnnual, 'basisAnnual');
}

/** Growth factor F/S = e^{(r + b)T}. */
export function carryFactor(expiryDays: number, rate: number, basisAnnual: number): number {
  checkCarry(expiryDays, rate, basisAnnual);
  return Math.exp((rate + basisAnnual) * yearFraction(expiryDays));
}

/** Fair future price F = S·e^{(r + b)T}, USD per coin. */
export function futureFairPrice(input: FutureFairPriceInput): number {
  const { indexPrice, expiryDays, rate, basisAnnual } = input;
  if (!(indexPrice > 0) || !Number.isFinite(indexPrice)) throw new InputError(`indexPrice must be a positive finite price, got ${indexPrice}`);
  return indexPrice * carryFactor(expiryDays, rate, basisAnnual);
}

/** Basis implied by a quoted future: b = ln(F/S)/T − r (needs expiryDays > 0). */
export function impliedBasisAnnual(futurePrice: number, indexPrice: number, expiryDays: number, rate: number): number {
  if (!(futurePrice > 0) || !Number.isFinite(futurePrice)) throw new InputError(`futurePrice must be a positive finite price, got ${futurePrice}`);
  if (!(indexPrice > 0) || !Number.isFinite(indexPrice)) throw new InputError(`indexPrice must be a positive finite price, got ${indexPrice}`);
  if (!(expiryDays > 0) || !Number.isFinite(expiryDays)) throw new InputError(`expiryDays must be > 0 to imply a basis, got ${expiryDays}`);
  requireFinite(rate, 'rate');
  return Math.log(futurePrice / indexPrice) / yearFraction(expiryDays) - rate;
}

/** Fair future prices for many index scenarios: out[i] = S[i]·e^{(r + b)T}. */
export function futureFairPriceVector(
  indexPrices: Float64Array,
  expiryDays: number,
  rate: number,
  basisAnnual: number,
  out?: Float64Array,
): Float64Array {
  const factor = carryFactor(expiryDays, rate, basisAnnual);
  const result = out ?? new Float64Array(indexPrices.length);
  if (result.length !== indexPrices.length) {
    throw new InputError(`futureFairPriceVector: out has length ${result.length}, expected ${indexPrices.length}`);
  }
  for (let i = 0; i < indexPrices.length; i++) {
    const s = indexPrices[i];
    if (!(s > 0) || s === Infinity) throw new InputError(`futureFairPriceVector: indexPrices[${i}] = ${s} is not a positive finite price`);
    result[i] = s * factor;
  }
  return result;
}
