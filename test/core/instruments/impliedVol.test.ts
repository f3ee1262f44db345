import { describe, expect, it } from 'vitest';
import { impliedVol } from '../../../main/core/instruments/impliedVol';
import { black76Value, discountFactor } from '../../../main/core/instruments/black76';
import { InputError } from '../../../main/core/errors';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from '../numeric/close';

const TOL_VOL_QL = 1e-9; // vs QuantLib's solver (its own tolerance and normal CDF)
const TOL_ROUND_TRIP = 1e-10; // absolute, in vol

describe('implied vol', () => {
  // QuantLib 1.29: blackFormulaImpliedStdDev(type, K, F, price, e^{−rT}, 0, guess=None, accuracy=1e-14,
  // maxIterations=1000) / √T, T = days/365. [type, F, K, days, rate, price, vol]
  const cases: ['call' | 'put', number, number, number, number, number, number][] = [
    ['call', 60000, 65000, 30, 0.04, 2551.34, 0.6499999911981535],
    ['put', 3000, 3500, 200, 0.045, 919.89, 0.6999958289742417],
    ['put', 20, 20, 365 / 3, 0.09, 1.12, 0.25075324239678454],
    ['call', 60000, 90000, 14, 0.03, 25.0, 0.8328462458326449],
  ];
  it.each(cases)('%s F=%d K=%d days=%d r=%d price=%d', (optionType, forward, strike, expiryDays, rate, price, vol) => {
    expectClose(impliedVol({ optionType, forward, strike, expiryDays, rate, price }), vol, TOL_VOL_QL);
  });

  it('round-trips black76Value across moneyness, maturity and vol', () => {
    const rng = createRng(11);
    for (let i = 0; i < 400; i++) {
      const forward = 40000 * Math.exp(0.3 * rng.normal());
      const opt = {
        optionType: rng.uniform() < 0.5 ? ('call' as const) : ('put' as const),
        forward,
        strike: forward * Math.exp(0.3 * rng.normal()),
        expiryDays: 1 + 364 * rng.uniform(),
        rate: 0.05 * rng.uniform(),
      };
      const vol = 0.05 + 2.5 * rng.uniform();
      const price = black76Value({ ...opt, vol });
      // Skip premia that carry no information about σ (below ~1e-10 of the forward).
      if (price < 1e-10 * forward) continue;
      const df = discountFactor(opt.rate, opt.expiryDays);
      const intrinsic = df * Math.max(opt.optionType === 'call' ? forward - opt.strike : opt.strike - forward, 0);
      if (price - intrinsic < 1e-9 * forward) continue; // time value lost in rounding: σ not identifiable
      expectClose(impliedVol({ ...opt, price }), vol, 0, TOL_ROUND_TRIP * Math.max(1, (1e-6 * forward) / (price - intrinsic)), `${JSON.stringify(opt)} vol ${vol}`);
    }
  });

  it('price at the discounted intrinsic value implies zero vol', () => {
    const df = discountFactor(0.05, 30);
    expect(impliedVol({ optionType: 'call', forward: 110, strike: 100, expiryDays: 30, rate: 0.05, price: 10 * df })).toBe(0);
  });

  it('rejects prices outside the no-arbitrage bounds, naming the bound', () => {
    const base = { optionType: 'call' as const, forward: 110, strike: 100, expiryDays: 30, rate: 0.05 };
    expect(() => impliedVol({ ...base, price: 9 })).toThrow(InputError);
    expect(() => impliedVol({ ...base, price: 9 })).toThrow(/below the discounted intrinsic value 9\.95\d* \(lower no-arbitrage bound DF·max\(F − K, 0\)\)/);
    expect(() => impliedVol({ ...base, price: 110 })).toThrow(/at or above the upper no-arbitrage bound 109\.5\d* \(DF·F\)/);
    expect(() => impliedVol({ ...base, optionType: 'put', price: 100 })).toThrow(/upper no-arbitrage bound 99\.5\d* \(DF·K\)/);
    expect(() => impliedVol({ ...base, expiryDays: 0, price: 10 })).toThrow(/expiryDays must be > 0/);
    expect(() => impliedVol({ ...base, price: NaN })).toThrow(/price must be a finite number/);
  });

  it('reports a vol above the 1000% search bracket', () => {
    // σ = 12 over a year prices this call at almost DF·F
    const opt = { optionType: 'call' as const, forward: 100, strike: 100, expiryDays: 365, rate: 0 };
    const price = black76Value({ ...opt, vol: 12 });
    expect(() => impliedVol({ ...opt, price })).toThrow(/volatility above 10 \(1000%\)/);
  });
});
