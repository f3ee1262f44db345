import { describe, expect, it } from 'vitest';
import type { OptionScenarioSpec } from '../../../main/core/instruments/black76Vector';
import { black76ValueShockedVector, black76ValueVector } from '../../../main/core/instruments/black76Vector';
import { black76Value } from '../../../main/core/instruments/black76';
import { inverseOptionValueCoin } from '../../../main/core/instruments/inverseOption';
import { InputError } from '../../../main/core/errors';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from '../numeric/close';

// The kernel shares e^{−d1²/2} between N(d1) and N(d2) and does not split the exponent: relative
// error below d²·2^-53 per CDF, i.e. a few 1e-15 where premia matter. Absolute floor 1e-13 of the
// forward for premia that are themselves negligible.
const TOL_KERNEL = 1e-13;
const ATOL_KERNEL_PER_FORWARD = 1e-13;

describe('vectorised Black-76 kernel agrees with black76Value', () => {
  const rng = createRng(10_000);
  const n = 5000;
  const forwards = new Float64Array(n);
  const multipliers = new Float64Array(n);
  const vols = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    multipliers[i] = Math.exp(0.4 * rng.normal());
    forwards[i] = 60000 * multipliers[i];
    vols[i] = i % 97 === 0 ? 0 : 0.05 + 1.5 * rng.uniform(); // some σ = 0 scenarios
  }
  const specs: OptionScenarioSpec[] = [
    { optionType: 'call', strike: 65000, expiryDays: 30, rate: 0.04, settlement: 'linear' },
    { optionType: 'put', strike: 50000, expiryDays: 7, rate: 0.05, settlement: 'linear' },
    { optionType: 'call', strike: 40000, expiryDays: 365, rate: 0.0, settlement: 'inverse' },
    { optionType: 'put', strike: 70000, expiryDays: 0, rate: 0.05, settlement: 'inverse' }, // expired
  ];

  it.each(specs)('%o', (spec) => {
    const a = black76ValueVector(spec, forwards, vols);
    const b = black76ValueShockedVector(spec, 60000, multipliers, vols);
    const scalarVol = black76ValueVector(spec, forwards, 0.6);
    for (let i = 0; i < n; i++) {
      const opt = { optionType: spec.optionType, forward: forwards[i], strike: spec.strike, expiryDays: spec.expiryDays, rate: spec.rate };
      const ref = spec.settlement === 'inverse' ? inverseOptionValueCoin({ ...opt, vol: vols[i] }) : black76Value({ ...opt, vol: vols[i] });
      const atol = spec.settlement === 'inverse' ? ATOL_KERNEL_PER_FORWARD : ATOL_KERNEL_PER_FORWARD * forwards[i];
      expectClose(a[i], ref, TOL_KERNEL, atol, `forwards[${i}]`);
      expectClose(b[i], a[i], 1e-15, atol, `multipliers[${i}]`); // forwards[i] was built as 60000·multipliers[i]
      const refScalar = spec.settlement === 'inverse' ? inverseOptionValueCoin({ ...opt, vol: 0.6 }) : black76Value({ ...opt, vol: 0.6 });
      expectClose(scalarVol[i], refScalar, TOL_KERNEL, atol, `scalar vol [${i}]`);
      expect(Number.isNaN(a[i])).toBe(false);
    }
  });

  it('writes into a caller-provided buffer without allocating a new one', () => {
    const out = new Float64Array(n);
    expect(black76ValueVector(specs[0], forwards, vols, out)).toBe(out);
    expect(black76ValueShockedVector(specs[0], 60000, multipliers, 0.5, out)).toBe(out);
  });

  it('rejects bad scenarios by index and mismatched lengths', () => {
    const f = Float64Array.from([60000, -1]);
    expect(() => black76ValueVector(specs[0], f, 0.5)).toThrow(InputError);
    expect(() => black76ValueVector(specs[0], f, 0.5)).toThrow(/forward of scenario 1 = -1/);
    expect(() => black76ValueVector(specs[0], Float64Array.from([1, 2]), Float64Array.from([0.5, NaN]))).toThrow(/vols\[1\] = NaN/);
    expect(() => black76ValueVector(specs[0], Float64Array.from([1, 2]), Float64Array.from([0.5]))).toThrow(/vols has length 1, expected 2/);
    expect(() => black76ValueShockedVector(specs[0], 0, multipliers, 0.5)).toThrow(/baseForward must be a positive/);
    expect(() => black76ValueVector({ ...specs[0], settlement: 'quanto' as never }, f, 0.5)).toThrow(/settlement must be 'linear' or 'inverse'/);
    expect(() => black76ValueVector({ ...specs[0], strike: 0 }, f, 0.5)).toThrow(/strike must be a positive/);
  });
});
