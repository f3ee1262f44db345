import { describe, expect, it } from 'vitest';
import type { Black76Input } from '../../../main/core/instruments/black76';
import { black76Greeks, black76Value, discountFactor } from '../../../main/core/instruments/black76';
import { InputError } from '../../../main/core/errors';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from '../numeric/close';

// Named tolerances (relative unless stated).
const TOL_PV = 1e-12; // vs QuantLib
const TOL_GREEK_QL = 1e-11; // analytic greeks vs QuantLib
const TOL_FD_DELTA = 1e-7; // central differences, O(h²) truncation with h = 1e-4·F
const TOL_FD_GAMMA = 2e-5;
const TOL_FD_VEGA = 1e-7;
const TOL_FD_THETA = 1e-6;
const TOL_PARITY = 1e-12; // relative to the forward

type Row = [Black76Input['optionType'], number, number, number, number, number, number, number, number, number];

// QuantLib 1.29 (Debian quantlib-python): BlackCalculator(PlainVanillaPayoff(type, K), F, σ√T, e^{−rT})
// with T = days/365: value(), deltaForward(), gammaForward(), vega(T).
// Columns: type, F, K, expiryDays, vol, rate, value, delta, gamma, vega.
// Row 1 is Hull's Black-model example (Options, Futures, and Other Derivatives, "Black's model" for
// futures options: crude-oil put, F = K = 20, r = 9%, σ = 25%, 4 months; Hull quotes 1.12).
// The deep OTM put (K = F/2, 7 days) holds mpmath 1.3.0 values at 50 digits instead: QuantLib's
// value there is 1.4079219888600574e-7, 3.6e-6 low (its normal CDF loses relative precision in the
// tail, where K·N(−d2) and F·N(−d1) nearly cancel); its delta is 2e-8 off.
const QUANTLIB: Row[] = [
  ['put', 20, 20, 365 / 3, 0.25, 0.09, 1.1166414565589438, -0.4573067303602806, 0.13376450266134562, 4.458816755378188],
  ['call', 20, 20, 365 / 3, 0.25, 0.09, 1.1166414565589438, 0.5131388031882276, 0.13376450266134562, 4.458816755378188],
  ['call', 60000, 65000, 30, 0.65, 0.04, 2551.3400568924258, 0.36709230791868636, 3.360751489151102e-5, 6463.691905161849],
  ['put', 60000, 30000, 7, 0.8, 0.05, 1.4079270369773915e-7, -1.3767000034034814e-10, 1.3385843074897205e-13, 7.393386202463771e-6],
  ['call', 60000, 20000, 90, 0.5, 0.03, 39705.20976286267, 0.9926273569315298, 8.532629398629263e-10, 0.3787084828980675],
  ['put', 3000, 3500, 200, 0.7, 0.045, 919.8936025804585, -0.5027695625971854, 0.00025020337533060297, 863.7157614152321],
  ['call', 100, 100, 730, 1.2, 0.0, 60.385609084792605, 0.801928045423963, 0.0016400904827380985, 39.362171585714364],
];

function input(row: Row): Black76Input {
  return { optionType: row[0], forward: row[1], strike: row[2], expiryDays: row[3], vol: row[4], rate: row[5] };
}

describe('Black-76 value and greeks vs QuantLib', () => {
  it.each(QUANTLIB)('%s F=%d K=%d days=%d vol=%d r=%d', (...row) => {
    const opt = input(row);
    const g = black76Greeks(opt);
    expectClose(black76Value(opt), row[6], TOL_PV, 0, 'value');
    expectClose(g.value, row[6], TOL_PV, 0, 'greeks.value');
    expectClose(g.delta, row[7], TOL_GREEK_QL, 0, 'delta');
    expectClose(g.gamma, row[8], TOL_GREEK_QL, 0, 'gamma');
    expectClose(g.vega, row[9], TOL_GREEK_QL, 0, 'vega');
  });

  it("Hull's crude-oil put rounds to the textbook 1.12", () => {
    expect(black76Value(input(QUANTLIB[0])).toFixed(2)).toBe('1.12');
  });
});

describe('every greek vs central finite differences', () => {
  const rng = createRng(76);
  const cases: Black76Input[] = [...QUANTLIB.map(input)];
  for (let i = 0; i < 40; i++) {
    const forward = 1000 * Math.exp(rng.normal());
    cases.push({
      optionType: rng.uniform() < 0.5 ? 'call' : 'put',
      forward,
      strike: forward * Math.exp(0.4 * rng.normal()),
      expiryDays: 1 + 400 * rng.uniform(),
      vol: 0.1 + 1.2 * rng.uniform(),
      rate: 0.1 * rng.uniform() - 0.02,
    });
  }
  it.each(cases)('%o', (opt) => {
    const g = black76Greeks(opt);
    const v = (o: Partial<Black76Input>) => black76Value({ ...opt, ...o });
    const scale = Math.max(Math.abs(g.value), 1e-8 * opt.forward); // absolute floor for tiny premia
    // Steps on the option's natural scale F·σ√T/(1 + |d1|): deep out of the money the value is
    // steep in F and a fixed relative step would leave O(h²) truncation far above the tolerance.
    const stdDev = opt.vol * Math.sqrt(opt.expiryDays / 365);
    const d1 = Math.log(opt.forward / opt.strike) / stdDev + stdDev / 2;
    const natural = (opt.forward * stdDev) / (1 + Math.abs(d1));
    const hF = 1e-4 * natural;
    const fdDelta = (v({ forward: opt.forward + hF }) - v({ forward: opt.forward - hF })) / (2 * hF);
    expectClose(g.delta, fdDelta, TOL_FD_DELTA, (TOL_FD_DELTA * scale) / opt.forward, 'delta');
    const hG = 1e-3 * natural;
    const fdGamma = (v({ forward: opt.forward + hG }) - 2 * g.value + v({ forward: opt.forward - hG })) / (hG * hG);
    expectClose(g.gamma, fdGamma, TOL_FD_GAMMA, (TOL_FD_GAMMA * scale) / (opt.forward * opt.forward), 'gamma');
    const hV = 1e-5;
    const fdVega = (v({ vol: opt.vol + hV }) - v({ vol: opt.vol - hV })) / (2 * hV);
    expectClose(g.vega, fdVega, TOL_FD_VEGA, TOL_FD_VEGA * scale, 'vega');
    // theta = value change per calendar day passed = −∂V/∂(expiryDays) (expiry comes 1 day closer)
    const hT = Math.min(1e-3, opt.expiryDays / 10);
    const fdTheta = (v({ expiryDays: opt.expiryDays - hT }) - v({ expiryDays: opt.expiryDays + hT })) / (2 * hT);
    expectClose(g.theta, fdTheta, TOL_FD_THETA, TOL_FD_THETA * scale, 'theta');
  });
});

describe('put–call parity and edge cases', () => {
  it('C − P = DF·(F − K) on random inputs', () => {
    const rng = createRng(1976);
    for (let i = 0; i < 500; i++) {
      const forward = 50000 * Math.exp(0.5 * rng.normal());
      const base = { forward, strike: 50000 * Math.exp(0.5 * rng.normal()), expiryDays: 365 * rng.uniform(), vol: 2 * rng.uniform(), rate: 0.08 * rng.uniform() };
      const c = black76Value({ ...base, optionType: 'call' });
      const p = black76Value({ ...base, optionType: 'put' });
      expectClose(c - p, discountFactor(base.rate, base.expiryDays) * (base.forward - base.strike), 0, TOL_PARITY * forward);
      const gc = black76Greeks({ ...base, optionType: 'call' });
      const gp = black76Greeks({ ...base, optionType: 'put' });
      expectClose(gc.delta - gp.delta, discountFactor(base.rate, base.expiryDays), 0, 1e-12);
      expectClose(gc.gamma, gp.gamma, 1e-12, 1e-300);
    }
  });

  it('T = 0: intrinsic, delta 1/0/½, no gamma, vega or theta', () => {
    const base = { expiryDays: 0, vol: 0.8, rate: 0.05 };
    expect(black76Greeks({ ...base, optionType: 'call', forward: 110, strike: 100 })).toEqual({ value: 10, delta: 1, gamma: 0, vega: 0, theta: 0 });
    expect(black76Greeks({ ...base, optionType: 'put', forward: 110, strike: 100 })).toEqual({ value: 0, delta: 0, gamma: 0, vega: 0, theta: 0 });
    expect(black76Greeks({ ...base, optionType: 'call', forward: 100, strike: 100 }).delta).toBe(0.5);
    expect(black76Greeks({ ...base, optionType: 'put', forward: 100, strike: 100 }).delta).toBe(-0.5);
    expect(black76Greeks({ ...base, optionType: 'put', forward: 90, strike: 100 }).delta).toBe(-1);
  });

  it('σ = 0: discounted intrinsic on the forward; ATM vega is the σ → 0 limit', () => {
    const df = discountFactor(0.05, 100);
    const itm = black76Greeks({ optionType: 'call', forward: 110, strike: 100, expiryDays: 100, vol: 0, rate: 0.05 });
    expectClose(itm.value, 10 * df, 1e-15);
    expectClose(itm.delta, df, 1e-15);
    expect(itm.gamma).toBe(0);
    expect(itm.vega).toBe(0);
    expectClose(itm.theta, (0.05 * 10 * df) / 365, 1e-15);
    const atm = black76Greeks({ optionType: 'put', forward: 100, strike: 100, expiryDays: 100, vol: 0, rate: 0.05 });
    expect(atm.value).toBe(0);
    expectClose(atm.delta, -0.5 * df, 1e-15);
    // limit of DF·F·φ(d1)·√T as σ → 0, and the same as a tiny positive vol gives
    const tiny = black76Greeks({ optionType: 'put', forward: 100, strike: 100, expiryDays: 100, vol: 1e-9, rate: 0.05 });
    expectClose(atm.vega, tiny.vega, 1e-9);
  });

  it('deep ITM / OTM and extreme inputs stay finite (no NaN)', () => {
    const extremes: Black76Input[] = [
      { optionType: 'call', forward: 1e6, strike: 1, expiryDays: 3650, vol: 5, rate: 0.1 },
      { optionType: 'put', forward: 1e6, strike: 1, expiryDays: 1e-6, vol: 0.01, rate: -0.01 },
      { optionType: 'call', forward: 1, strike: 1e6, expiryDays: 1, vol: 0.3, rate: 0 },
      { optionType: 'put', forward: 1, strike: 1e6, expiryDays: 36500, vol: 10, rate: 0.2 },
      { optionType: 'call', forward: 100, strike: 100, expiryDays: 1e-9, vol: 1e-9, rate: 0 },
    ];
    for (const o of extremes) {
      const g = black76Greeks(o);
      for (const [k, v] of Object.entries(g)) expect(Number.isFinite(v), `${k} of ${JSON.stringify(o)}`).toBe(true);
      expect(g.value).toBeGreaterThanOrEqual(0);
    }
    // deep OTM call keeps relative precision (no cancellation against the forward)
    expect(black76Value(extremes[2])).toBe(0);
    expect(black76Value({ optionType: 'call', forward: 100, strike: 300, expiryDays: 30, vol: 0.5, rate: 0 })).toBeGreaterThan(0);
  });

  it('rejects bad inputs naming the field', () => {
    const ok: Black76Input = { optionType: 'call', forward: 100, strike: 100, expiryDays: 30, vol: 0.5, rate: 0.01 };
    expect(() => black76Value({ ...ok, forward: 0 })).toThrow(/forward must be a positive finite price, got 0/);
    expect(() => black76Value({ ...ok, strike: -5 })).toThrow(/strike must be a positive/);
    expect(() => black76Value({ ...ok, vol: -0.1 })).toThrow(/vol must be a finite number >= 0/);
    expect(() => black76Greeks({ ...ok, expiryDays: -1 })).toThrow(/expiryDays must be a finite number >= 0/);
    expect(() => black76Greeks({ ...ok, rate: NaN })).toThrow(/rate must be a finite number/);
    expect(() => black76Value({ ...ok, forward: NaN })).toThrow(InputError);
    expect(() => black76Value({ ...ok, optionType: 'straddle' as never })).toThrow(/optionType must be 'call' or 'put'/);
  });
});
