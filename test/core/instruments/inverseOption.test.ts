import { describe, expect, it } from 'vitest';
import { inverseOptionGreeks, inverseOptionValueCoin } from '../../../main/core/instruments/inverseOption';
import type { Black76Input } from '../../../main/core/instruments/black76';
import { black76Greeks } from '../../../main/core/instruments/black76';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from '../numeric/close';

const TOL_FD_DELTA = 1e-7;
const TOL_FD_GAMMA = 2e-5;
const TOL_FD_VEGA = 1e-7;
const TOL_FD_THETA = 1e-6;

describe('inverse (coin-settled) options', () => {
  it('value in coin is the Black-76 USD value / F (QuantLib value / F)', () => {
    // QuantLib 1.29 BlackCalculator value 2551.3400568924258 USD for the call F = 60000, K = 65000,
    // 30 days, σ = 65%, r = 4% → 2551.3400568924258 / 60000 = 0.04252233428154043 BTC
    const opt: Black76Input = { optionType: 'call', forward: 60000, strike: 65000, expiryDays: 30, vol: 0.65, rate: 0.04 };
    expectClose(inverseOptionValueCoin(opt), 2551.3400568924258 / 60000, 1e-12);
    const g = inverseOptionGreeks(opt);
    expectClose(g.valueCoin, 0.04252233428154043, 1e-12);
    // premium-adjusted delta = Δ − V/F (QuantLib deltaForward 0.36709230791868636)
    expectClose(g.deltaAdjusted, 0.36709230791868636 - 0.04252233428154043, 1e-11);
    expectClose(g.deltaAdjusted, 60000 * g.deltaCoin, 1e-12);
  });

  it('a deep ITM call is worth (F − K)/F coin discounted, premium-adjusted delta ≈ K/F', () => {
    // hand check, σ = 0: V = DF·(F − K), V/F = DF·(1 − K/F); Δ − V/F = DF − DF(1 − K/F) = DF·K/F
    const opt: Black76Input = { optionType: 'call', forward: 50000, strike: 40000, expiryDays: 10, vol: 0, rate: 0.05 };
    const df = Math.exp((-0.05 * 10) / 365);
    const g = inverseOptionGreeks(opt);
    expectClose(g.valueCoin, df * 0.2, 1e-15);
    expectClose(g.deltaAdjusted, df * 0.8, 1e-15);
  });

  const rng = createRng(2024);
  const cases: Black76Input[] = [];
  for (let i = 0; i < 30; i++) {
    const forward = 30000 * Math.exp(0.5 * rng.normal());
    cases.push({
      optionType: rng.uniform() < 0.5 ? 'call' : 'put',
      forward,
      strike: forward * Math.exp(0.3 * rng.normal()),
      expiryDays: 2 + 300 * rng.uniform(),
      vol: 0.2 + rng.uniform(),
      rate: 0.05 * rng.uniform(),
    });
  }
  it.each(cases)('coin greeks vs finite differences of V/F: %o', (opt) => {
    const g = inverseOptionGreeks(opt);
    const v = (o: Partial<Black76Input>) => inverseOptionValueCoin({ ...opt, ...o });
    const usd = black76Greeks(opt);
    const scale = Math.max(Math.abs(g.valueCoin), 1e-8);
    const stdDev = opt.vol * Math.sqrt(opt.expiryDays / 365);
    const natural = (opt.forward * stdDev) / (1 + Math.abs(Math.log(opt.forward / opt.strike) / stdDev));
    const hF = 1e-4 * natural;
    expectClose(g.deltaCoin, (v({ forward: opt.forward + hF }) - v({ forward: opt.forward - hF })) / (2 * hF), TOL_FD_DELTA, (TOL_FD_DELTA * scale) / opt.forward, 'deltaCoin');
    const hG = 1e-3 * natural;
    const fdGamma = (v({ forward: opt.forward + hG }) - 2 * g.valueCoin + v({ forward: opt.forward - hG })) / (hG * hG);
    expectClose(g.gammaCoin, fdGamma, TOL_FD_GAMMA, (TOL_FD_GAMMA * scale) / (opt.forward * opt.forward), 'gammaCoin');
    expectClose(g.vegaCoin, (v({ vol: opt.vol + 1e-5 }) - v({ vol: opt.vol - 1e-5 })) / 2e-5, TOL_FD_VEGA, TOL_FD_VEGA * scale, 'vegaCoin');
    expectClose(g.thetaCoin, (v({ expiryDays: opt.expiryDays - 1e-3 }) - v({ expiryDays: opt.expiryDays + 1e-3 })) / 2e-3, TOL_FD_THETA, TOL_FD_THETA * scale, 'thetaCoin');
    // the closed forms of the derivation
    const f = opt.forward;
    expectClose(g.deltaCoin, usd.delta / f - usd.value / (f * f), 1e-14, 1e-20);
    expectClose(g.gammaCoin, usd.gamma / f - (2 * usd.delta) / (f * f) + (2 * usd.value) / (f * f * f), 1e-12, 1e-24);
  });

  it('expired inverse option: intrinsic / F, no NaN', () => {
    const g = inverseOptionGreeks({ optionType: 'put', forward: 20000, strike: 25000, expiryDays: 0, vol: 0.5, rate: 0.05 });
    expect(g.valueCoin).toBe(0.25);
    for (const v of Object.values(g)) expect(Number.isFinite(v)).toBe(true);
  });
});
