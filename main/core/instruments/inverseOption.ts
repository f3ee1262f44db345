/**
 * Inverse (coin-settled) options, Deribit style: the payoff max(F_T − K, 0) USD is paid in coin at
 * the settlement price, i.e. max(F_T − K, 0)/F_T coin. Its coin value today is the Black-76 USD
 * value divided by the forward (design.md):  V_coin = V_usd / F.
 *
 * Greeks in coin, by differentiating V_usd/F (Δ, Γ, vega, θ the Black-76 USD greeks):
 *   deltaCoin = ∂(V/F)/∂F   = Δ/F − V/F²                 (coin per USD of forward move)
 *   gammaCoin = ∂²(V/F)/∂F² = Γ/F − 2Δ/F² + 2V/F³
 *   vegaCoin  = ∂(V/F)/∂σ   = vega/F                     (per 1.00 of vol)
 *   thetaCoin = θ/F                                       (per calendar day, F held)
 * The premium-adjusted delta F·deltaCoin = Δ − V_coin is the coin-equivalent exposure that
 * coin-settled venues display as an inverse option's delta (e.g. a deep ITM call shows 1 − V_coin).
 */
import type { Black76Input } from './black76';
import { black76Greeks, black76Value } from './black76';

export interface InverseOptionGreeks {
  /** Option value in coin per coin of underlying notional. */
  valueCoin: number;
  /** ∂valueCoin/∂F, coin per USD. */
  deltaCoin: number;
  /** ∂²valueCoin/∂F², coin per USD². */
  gammaCoin: number;
  /** ∂valueCoin/∂σ per 1.00 of vol, coin. */
  vegaCoin: number;
  /** Change of valueCoin over one calendar day, coin. */
  thetaCoin: number;
  /** Δ − valueCoin = F·deltaCoin: coin-equivalent exposure ("premium-adjusted delta"). */
  deltaAdjusted: number;
}

/** Value in coin of an inverse option: Black-76 USD value / F. */
export function inverseOptionValueCoin(input: Black76Input): number {
  return black76Value(input) / input.forward;
}

/** Coin value and coin greeks of an inverse option (derivation in the file header). */
export function inverseOptionGreeks(input: Black76Input): InverseOptionGreeks {
  const g = black76Greeks(input);
  const f = input.forward;
  const valueCoin = g.value / f;
  const deltaCoin = g.delta / f - g.value / (f * f);
  const gammaCoin = g.gamma / f - (2 * g.delta) / (f * f) + (2 * g.value) / (f * f * f);
  return {
    valueCoin,
    deltaCoin,
    gammaCoin,
    vegaCoin: g.vega / f,
    thetaCoin: g.theta / f,
    deltaAdjusted: g.delta - valueCoin,
  };
}
