/**
 * Fair levels the SYNTHETIC positions are entered around: futures at S·e^{basis·T}, options at their
 * Black-76 premium on a smile. Only the generator uses these; valuation and greeks of real books live
 * in main/core/instruments. Conventions of design.md: Black (1976) on the forward, discount e^{−rT},
 * T = days/365, inverse (coin-settled) premia = USD premium / F.
 */
import type { OptionType } from '../book/types';
import { normalCdf } from '../numeric/distributions';

/** Black-76 undiscounted-forward price of a European option, in USD per coin. */
export function black76Premium(
  type: OptionType, forward: number, strike: number, yearsToExpiry: number, vol: number, rate: number,
): number {
  const df = Math.exp(-rate * yearsToExpiry);
  const sd = vol * Math.sqrt(yearsToExpiry);
  if (!(sd > 0)) return df * Math.max(type === 'call' ? forward - strike : strike - forward, 0);
  const d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  return type === 'call'
    ? df * (forward * normalCdf(d1) - strike * normalCdf(d2))
    : df * (strike * normalCdf(-d2) - forward * normalCdf(-d1));
}

/** Black-76 delta ∂V/∂F per coin: e^{−rT}Φ(d1) for a call, −e^{−rT}Φ(−d1) for a put. */
export function black76Delta(
  type: OptionType, forward: number, strike: number, yearsToExpiry: number, vol: number, rate: number,
): number {
  const df = Math.exp(-rate * yearsToExpiry);
  const sd = vol * Math.sqrt(yearsToExpiry);
  if (!(sd > 0)) {
    const itm = type === 'call' ? forward > strike : forward < strike;
    return itm ? (type === 'call' ? df : -df) : 0;
  }
  const d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
  return type === 'call' ? df * normalCdf(d1) : -df * normalCdf(-d1);
}

/**
 * A simple quadratic smile in log-moneyness k = ln(K/F): σ(k) = σ_atm·(1 + skew·k + curvature·k²),
 * floored at half the ATM vol. A negative skew makes puts dearer than calls, as on crypto option venues
 * in sell-offs.
 */
export function smileVol(atmVol: number, forward: number, strike: number, skew: number, curvature: number): number {
  const k = Math.log(strike / forward);
  return Math.max(0.5 * atmVol, atmVol * (1 + skew * k + curvature * k * k));
}

/**
 * Annualised EWMA volatility of the last `window` daily log returns (λ = 0.94, seeded with the mean of
 * the first 30 squared returns, annualised with √365 — design.md methodology conventions).
 */
export function ewmaVolAnnual(closes: Float64Array, window: number, lambda = 0.94): number {
  const n = closes.length;
  const start = Math.max(1, n - window);
  const returns: number[] = [];
  for (let t = start; t < n; t++) returns.push(Math.log(closes[t] / closes[t - 1]));
  if (returns.length === 0) return 0;
  const seedCount = Math.min(30, returns.length);
  let variance = 0;
  for (let i = 0; i < seedCount; i++) variance += returns[i] * returns[i];
  variance /= seedCount;
  for (const r of returns) variance = lambda * variance + (1 - lambda) * r * r;
  return Math.sqrt(variance * 365);
}
