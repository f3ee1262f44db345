/**
 * Volatility inputs of the SYNTHETIC option premia: the ATM level from recent realised volatility and a
 * simple smile around it. Premia themselves are Black-76 (main/core/instruments/black76.ts).
 */

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
