import { describe, expect, it } from 'vitest';
import { black76Delta, black76Premium, ewmaVolAnnual, smileVol } from '../../../main/core/sample/pricing';

// References: QuantLib 1.29 (Debian quantlib-python) blackFormula(type, K, F, σ√T, e^{−rT}) and
// BlackCalculator(PlainVanillaPayoff(type, K), F, σ√T, e^{−rT}).deltaForward(), T = days/365; they agree
// with a 50-digit mpmath evaluation of the same formulas to 1e-15. The deep out-of-the-money row uses the
// mpmath values: there QuantLib's normal CDF is off by 2.3e-7 (premium) and 6e-8 (delta) relative.
const QUANTLIB: [type: 'call' | 'put', forward: number, strike: number, days: number, vol: number, rate: number, premium: number, delta: number][] = [
  ['call', 88000, 90000, 30, 0.55, 0.04, 4634.098252523746, 0.4730540019474835],
  ['put', 88000, 70000, 86, 0.62, 0.04, 2994.6528243671905, -0.17948182577262176],
  ['call', 2970, 4000, 2, 0.7, 0.04, 1.344777940285613e-7, 5.324693564387292e-9], // mpmath (dps = 50) rounded to double
  ['put', 2970, 3100, 177, 0.6, 0.04, 558.8911320628292, -0.4488493792180922],
];
const REL_TOL = 1e-10;

describe('Black-76 premia the sample positions are entered around', () => {
  for (const [type, f, k, days, vol, rate, premium, delta] of QUANTLIB) {
    it(`${type} F=${f} K=${k} ${days}d σ=${vol}: matches QuantLib`, () => {
      const t = days / 365;
      expect(Math.abs(black76Premium(type, f, k, t, vol, rate) / premium - 1)).toBeLessThan(REL_TOL);
      expect(Math.abs(black76Delta(type, f, k, t, vol, rate) / delta - 1)).toBeLessThan(REL_TOL);
    });
  }

  it('satisfies put–call parity C − P = e^{−rT}(F − K)', () => {
    const [f, k, t, vol, r] = [88000, 95000, 0.3, 0.6, 0.04];
    const parity = Math.exp(-r * t) * (f - k);
    expect(black76Premium('call', f, k, t, vol, r) - black76Premium('put', f, k, t, vol, r)).toBeCloseTo(parity, 8);
  });

  it('pays intrinsic value at zero time', () => {
    expect(black76Premium('call', 100, 90, 0, 0.5, 0.04)).toBe(10);
    expect(black76Premium('put', 100, 90, 0, 0.5, 0.04)).toBe(0);
  });

  it('smile: puts below the forward are dearer than symmetric calls with a negative skew', () => {
    expect(smileVol(0.5, 100, 100, -0.15, 0.6)).toBe(0.5);
    expect(smileVol(0.5, 100, 80, -0.15, 0.6)).toBeGreaterThan(smileVol(0.5, 100, 125, -0.15, 0.6));
  });
});

describe('EWMA vol behind the ATM level', () => {
  it('matches the numpy recursion (λ = 0.94, seeded with the mean of the first 30 squared returns, ×√365)', () => {
    // numpy: r = diff(log(closes)); v = mean(r[:30]**2); for x in r: v = .94 v + .06 x²; sqrt(365 v)
    const closes = Float64Array.from([100, 102, 99, 101, 105, 103, 104, 100, 98, 99, 101, 97, 95, 96, 99]);
    expect(ewmaVolAnnual(closes, 90)).toBeCloseTo(0.4899250431668718, 12);
  });
});
