import { describe, expect, it } from 'vitest';
import { carryFactor, futureFairPrice, futureFairPriceVector, impliedBasisAnnual } from '../../../main/core/instruments/futures';
import { expectClose } from '../numeric/close';

describe('dated futures: F = S·e^{(r + b)T}', () => {
  it('fair price (hand formula evaluated in Python: 60000·exp(0.10·90/365))', () => {
    // 60000 * math.exp((0.04 + 0.06) * 90 / 365) = 61497.84271969367
    expectClose(futureFairPrice({ indexPrice: 60000, expiryDays: 90, rate: 0.04, basisAnnual: 0.06 }), 61497.84271969367, 1e-15);
    // backwardation: 3000 * math.exp((0.05 - 0.2) * 10 / 365) = 2987.696531292613
    expectClose(futureFairPrice({ indexPrice: 3000, expiryDays: 10, rate: 0.05, basisAnnual: -0.2 }), 2987.696531292613, 1e-15);
    // a perpetual / expiring future is the index
    expect(futureFairPrice({ indexPrice: 123.45, expiryDays: 0, rate: 0.05, basisAnnual: 0.3 })).toBe(123.45);
  });

  it('implied basis inverts the fair price', () => {
    // math.log(61500/60000)/(45/365) - 0.04 = 0.16028452434412369
    expectClose(impliedBasisAnnual(61500, 60000, 45, 0.04), 0.16028452434412369, 1e-14);
    const b = impliedBasisAnnual(61500, 60000, 45, 0.04);
    expectClose(futureFairPrice({ indexPrice: 60000, expiryDays: 45, rate: 0.04, basisAnnual: b }), 61500, 1e-15);
  });

  it('vector form applies one carry factor to every scenario', () => {
    const s = Float64Array.from([50000, 60000, 70000]);
    const f = futureFairPriceVector(s, 30, 0.04, 0.1);
    const k = carryFactor(30, 0.04, 0.1);
    s.forEach((v, i) => expect(f[i]).toBe(v * k));
  });

  it('rejects bad inputs naming the field', () => {
    expect(() => futureFairPrice({ indexPrice: 0, expiryDays: 1, rate: 0, basisAnnual: 0 })).toThrow(/indexPrice must be a positive/);
    expect(() => futureFairPrice({ indexPrice: 1, expiryDays: -1, rate: 0, basisAnnual: 0 })).toThrow(/expiryDays must be a finite number >= 0/);
    expect(() => futureFairPrice({ indexPrice: 1, expiryDays: 1, rate: 0, basisAnnual: NaN })).toThrow(/basisAnnual must be a finite number/);
    expect(() => impliedBasisAnnual(100, 100, 0, 0)).toThrow(/expiryDays must be > 0 to imply a basis/);
    expect(() => futureFairPriceVector(Float64Array.from([1, -1]), 1, 0, 0)).toThrow(/indexPrices\[1\] = -1/);
  });
});
