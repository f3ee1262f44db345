import { describe, expect, it } from 'vitest';
import {
  inverseExposureCoin,
  inverseExposureCoinFloat,
  inverseExposureUsd,
  inverseNotionalUsd,
  inversePnlCoin,
  inversePnlCoinFloat,
  inversePnlCoinVector,
  linearExposureUsd,
  linearNotionalUsd,
  linearPnl,
  linearPnlFloat,
  linearPnlVector,
} from '../../../main/core/instruments/pnl';
import { Dec } from '../../../main/core/money/decimal';
import { InputError } from '../../../main/core/errors';
import { createRng } from '../../../main/core/numeric/rng';
import { expectClose } from '../numeric/close';

const TOL_DEC_FLOAT = 1e-14; // float rule vs exact decimal rule, relative to the gross amount

describe('hand-worked examples', () => {
  it('inverse: 1,000 contracts × $100 long from 20,000 to 25,000 earn exactly 1 BTC', () => {
    // face = 1,000 × 100 = 100,000 USD; PnL = 100,000 × (1/20,000 − 1/25,000)
    //      = 100,000 × (0.00005 − 0.00004) = 100,000 × 0.00001 = 1.0 BTC
    expect(inversePnlCoin(new Dec(1000), new Dec(100), new Dec(20000), new Dec(25000)).toString()).toBe('1');
    expect(inversePnlCoinFloat(1000, 100, 20000, 25000)).toBe(1);
    // the short side loses the same coin amount
    expect(inversePnlCoin(new Dec(-1000), new Dec(100), new Dec(20000), new Dec(25000)).toString()).toBe('-1');
  });

  it('inverse asymmetry: a 5,000 fall from 20,000 costs the long 1.6667 BTC, more than the rise earns', () => {
    // long entered at 25,000, exit 20,000: 100,000 × (1/25,000 − 1/20,000) = 100,000 × (0.00004 − 0.00005) = −1 BTC
    // long entered at 20,000, exit 15,000: 100,000 × (1/20,000 − 1/15,000) = 100,000 × (−0.0000166…) = −1.6666… BTC
    expect(inversePnlCoin(new Dec(1000), new Dec(100), new Dec(25000), new Dec(20000)).toString()).toBe('-1');
    expect(inversePnlCoin(new Dec(1000), new Dec(100), new Dec(20000), new Dec(15000)).toFixed(12)).toBe('-1.666666666667');
  });

  it('linear: 2.5 BTC long from 20,000 to 25,000 earns 12,500 USD; exposures', () => {
    expect(linearPnl(new Dec('2.5'), new Dec(20000), new Dec(25000)).toString()).toBe('12500');
    expect(linearPnl(new Dec('-2.5'), new Dec(20000), new Dec(25000)).toString()).toBe('-12500');
    expect(linearExposureUsd(new Dec('-2.5'), new Dec(30000)).toString()).toBe('-75000');
    expect(linearNotionalUsd(new Dec('-2.5'), new Dec(30000)).toString()).toBe('75000');
    // inverse: 1,000 × $100 = $100,000 face; at 25,000 that is 4 BTC of exposure
    expect(inverseExposureUsd(new Dec(-1000), new Dec(100)).toString()).toBe('-100000');
    expect(inverseNotionalUsd(new Dec(-1000), new Dec(100)).toString()).toBe('100000');
    expect(inverseExposureCoin(new Dec(1000), new Dec(100), new Dec(25000)).toString()).toBe('4');
    expect(inverseExposureCoinFloat(1000, 100, 25000)).toBe(4);
  });
});

describe('Dec (settlement) and float (vectorised) rules agree', () => {
  it('on 2,000 random positions', () => {
    const rng = createRng(99);
    for (let i = 0; i < 2000; i++) {
      const q = Math.round(1e6 * 50 * rng.normal()) / 1e6;
      const contracts = Math.round(1e5 * rng.normal());
      const size = [1, 10, 100][rng.int(3)];
      const entry = Math.round(100 * 30000 * Math.exp(0.5 * rng.normal())) / 100;
      const exit = Math.round(100 * entry * Math.exp(0.3 * rng.normal())) / 100;
      const lin = linearPnl(new Dec(q), new Dec(entry), new Dec(exit)).toNumber();
      expectClose(linearPnlFloat(q, entry, exit), lin, 0, TOL_DEC_FLOAT * Math.abs(q) * Math.max(entry, exit) + 1e-300);
      const inv = inversePnlCoin(new Dec(contracts), new Dec(size), new Dec(entry), new Dec(exit)).toNumber();
      expectClose(inversePnlCoinFloat(contracts, size, entry, exit), inv, 0, (TOL_DEC_FLOAT * Math.abs(contracts) * size) / Math.min(entry, exit) + 1e-300);
      const expo = inverseExposureCoin(new Dec(contracts), new Dec(size), new Dec(exit)).toNumber();
      expectClose(inverseExposureCoinFloat(contracts, size, exit), expo, TOL_DEC_FLOAT, 1e-300);
    }
  });

  it('vector forms equal the scalar float forms element by element', () => {
    const exits = Float64Array.from([15000, 20000, 25000, 31234.5, 1e-3]);
    const lin = linearPnlVector(-3.25, 20000, exits);
    const inv = inversePnlCoinVector(1500, 100, 20000, exits);
    exits.forEach((p, i) => {
      expect(lin[i]).toBe(linearPnlFloat(-3.25, 20000, p));
      expect(inv[i]).toBe(inversePnlCoinFloat(1500, 100, 20000, p));
    });
    const out = new Float64Array(5);
    expect(linearPnlVector(1, 1, exits, out)).toBe(out);
  });
});

describe('bad input', () => {
  it('names the field or the scenario index', () => {
    expect(() => inversePnlCoin(new Dec(1), new Dec(100), new Dec(0), new Dec(1))).toThrow(/entryPrice must be a positive price, got 0/);
    expect(() => linearPnl(new Dec(1), new Dec(1), new Dec(-5))).toThrow(/exitPrice must be a positive price/);
    expect(() => inversePnlCoin(new Dec(1), new Dec(0), new Dec(1), new Dec(1))).toThrow(/contractSizeUsd/);
    expect(() => inversePnlCoinFloat(NaN, 100, 1, 1)).toThrow(/contracts must be a finite number/);
    expect(() => linearPnlVector(1, 100, Float64Array.from([1, NaN]))).toThrow(/exitPrices\[1\] = NaN/);
    expect(() => inversePnlCoinVector(1, 100, 100, Float64Array.from([0]))).toThrow(InputError);
    expect(() => linearPnlVector(1, 100, new Float64Array(2), new Float64Array(3))).toThrow(/out has length 3, expected 2/);
  });
});
