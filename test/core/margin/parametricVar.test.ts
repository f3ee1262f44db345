/**
 * Parametric delta-normal VaR against numpy/scipy: EWMA covariance (seeded with the mean of the first 30
 * cross-products, λ = 0.94), Black-76 delta, z_0.99 √(δᵀΣδ) √2; both paths; Euler contributions.
 */
import { describe, expect, it } from 'vitest';
import { compileBook } from '../../../main/core/book/compile';
import type { Book, InstrumentSpec } from '../../../main/core/book/types';
import { ewmaCovarianceAsOf, parametricVarAccountMargin } from '../../../main/core/margin/parametricVar';
import { parametricVarBookMargin, prepareParametricVarBook } from '../../../main/core/margin/parametricVarBook';
import { parametricVarModelFromWire, type ParametricVarModelWire } from '../../../main/core/margin/portfolioConfig';
import { parametricVarExplain } from '../../../main/core/margin/portfolioExplain';
import { instrumentLookup } from '../../../main/core/margin/tiered';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import { expectClose } from '../numeric/close';
import { account, position } from './helpers';
import { SMALL_HISTORY } from './smallHistory';

const RTOL = 1e-9;
const INSTRUMENTS: InstrumentSpec[] = [
  { id: 'ETH-PERP', kind: 'perpetual', underlying: 'ETH', settlement: 'linear' },
  { id: 'BTC-20260130-60000-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-01-30', strike: new Dec(60000), optionType: 'call' },
];
const MARKET: MarketSnapshot = { date: '2025-12-31', spot: { BTC: 61234.5, ETH: 3321.25, USDT: 1 }, vol: { BTC: 0.5 }, rate: 0.03 };
const WIRE: ParametricVarModelWire = { kind: 'parametricVar', name: 'test', confidence: '0.99', horizonDays: 2, lambda: '0.94', collateral: { haircuts: { ETH: '0.1', USDT: '0' } } };
const ACCOUNT = account('P', 'cross', { ETH: '5', USDT: '10000' }, [position('BTC-20260130-60000-C', '2', '1500'), position('ETH-PERP', '-20', '3000')]);

describe('parametric delta-normal VaR', () => {
  const model = parametricVarModelFromWire(WIRE);
  const book: Book = { id: 'b', name: 'b', synthetic: true, instruments: INSTRUMENTS, accounts: [ACCOUNT] };
  const prepared = prepareParametricVarBook(compileBook(book, MARKET), model, SMALL_HISTORY);
  const dec = parametricVarAccountMargin(ACCOUNT, instrumentLookup(INSTRUMENTS), MARKET, model, prepared.covariance);
  const flt = parametricVarBookMargin(prepared);

  it('EWMA covariance equals numpy\'s recursion', () => {
    const cov = ewmaCovarianceAsOf(SMALL_HISTORY, ['BTC', 'ETH'], '2025-12-31', 0.94).covariance;
    // numpy: s = mean(r_i r_j over the first 30 returns), then s = 0.94 s + 0.06 r_i r_j over the other 89.
    [0.0011950122932138354, 0.0012086161401673066, 0.0012086161401673066, 0.0018390530224291642].forEach((c, i) => expectClose(cov[i], c, 1e-12));
  });

  it('deltas (Black-76 delta of the call, USD exposure of perp and coin collateral) and VaR vs numpy/scipy', () => {
    // scipy: δ_BTC = S_B × 2 × e^{−rT} N(d1); δ_ETH = −20 S_E + 5 × 0.9 × S_E; VaR = norm.ppf(0.99) √(δᵀΣδ) √2.
    // Covariance assets in book order: the instruments' underlyings (ETH, BTC), then collateral (USDT).
    expect(dec.assets).toEqual(['ETH', 'BTC', 'USDT']);
    expectClose(dec.deltaUsd[1], 71422.61881062355, 1e-12);
    expectClose(dec.deltaUsd[0], -51479.375, 1e-12);
    expect(dec.deltaUsd[2]).toBe(10000); // a constant asset: exposure but zero variance
    expectClose(dec.valueAtRiskUsd.toNumber(), 4747.172492424987, RTOL);
    expectClose(dec.initialMarginUsd.toNumber(), 4747.172492424987, RTOL);
    expectClose(flt.valueAtRiskUsd[0], 4747.172492424987, RTOL);
    expectClose(flt.accounts.maintenanceMarginUsd[0], 4747.172492424987, RTOL);
  });

  it('Euler contributions add up to VaR; explain is JSON-safe', () => {
    const sum = dec.contributionUsd.reduce((s, c) => s + c, 0);
    expectClose(sum, 4747.172492424987, 1e-12);
    expect(dec.contributionUsd[2]).toBe(0);
    const e = parametricVarExplain(dec);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e.assets.map((a) => a.asset)).toEqual(['ETH', 'BTC', 'USDT']);
  });

  it('scales with √h and a missing series is an error naming it', () => {
    const h1 = parametricVarAccountMargin(ACCOUNT, instrumentLookup(INSTRUMENTS), MARKET, parametricVarModelFromWire({ ...WIRE, horizonDays: 1 }), prepared.covariance);
    expectClose(h1.valueAtRiskUsd.toNumber() * Math.SQRT2, 4747.172492424987, 1e-12);
    expect(() => ewmaCovarianceAsOf(SMALL_HISTORY, ['BTC', 'SOL'], '2025-12-31', 0.94)).toThrow(/no closes for SOL/);
  });
});
