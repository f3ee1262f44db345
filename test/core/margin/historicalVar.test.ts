/**
 * HS VaR / ES margin against numpy (type-7 quantile, ES = mean of losses ≥ VaR) on a small two-asset
 * history: a single linear position, a portfolio with an option (full revaluation) and coin collateral,
 * filtered HS and the three anti-procyclicality tools; both paths (Dec account, vectorised book).
 */
import { describe, expect, it } from 'vitest';
import { compileBook } from '../../../main/core/book/compile';
import type { Account, Book, InstrumentSpec } from '../../../main/core/book/types';
import { InputError } from '../../../main/core/errors';
import { historicalScenarios, type PriceHistory } from '../../../main/core/margin/historicalScenarios';
import { historicalVarAccountMargin } from '../../../main/core/margin/historicalVar';
import { historicalVarBookMargin, prepareHistoricalVarBook } from '../../../main/core/margin/historicalVarBook';
import { historicalVarModelFromWire, type HistoricalVarModelWire } from '../../../main/core/margin/portfolioConfig';
import { historicalVarExplain } from '../../../main/core/margin/portfolioExplain';
import { instrumentLookup } from '../../../main/core/margin/tiered';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import { expectClose } from '../numeric/close';
import { account, position } from './helpers';
import { HISTORY_DATES, SMALL_HISTORY } from './smallHistory';

/** numpy and these paths share the closes; differences are float rounding of sums of ~1e4 USD. */
const RTOL = 1e-9;

const INSTRUMENTS: InstrumentSpec[] = [
  { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
  { id: 'ETH-PERP', kind: 'perpetual', underlying: 'ETH', settlement: 'linear' },
  { id: 'BTC-20260130-60000-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-01-30', strike: new Dec(60000), optionType: 'call' },
];
const MARKET: MarketSnapshot = { date: '2025-12-31', spot: { BTC: 61234.5, ETH: 3321.25, USDT: 1 }, vol: { BTC: 0.5 }, rate: 0.03 };
const BASE: HistoricalVarModelWire = { kind: 'historicalVar', name: 'test', confidence: '0.99', horizonDays: 2, lookbackDays: 60, measure: 'var' };
const HAIRCUTS = { haircuts: { ETH: '0.1', USDT: '0' } };
const PORTFOLIO = account('P', 'cross', { ETH: '5', USDT: '10000' }, [position('BTC-20260130-60000-C', '2', '1500'), position('ETH-PERP', '-20', '3000')]);

function bothPaths(acct: Account, wire: HistoricalVarModelWire, history: PriceHistory = SMALL_HISTORY, market = MARKET) {
  const model = historicalVarModelFromWire(wire);
  const book: Book = { id: 'b', name: 'b', synthetic: true, instruments: INSTRUMENTS, accounts: [acct] };
  const prepared = prepareHistoricalVarBook(compileBook(book, market), model, history);
  const dec = historicalVarAccountMargin(acct, instrumentLookup(INSTRUMENTS), market, model, prepared.scenarios);
  return { dec, flt: historicalVarBookMargin(prepared) };
}

describe('HS VaR of a single linear position', () => {
  const single = account('S', 'cross', {}, [position('BTC-PERP', '3', '50000')]);
  const { dec, flt } = bothPaths(single, BASE);
  it('equals numpy.quantile (type 7) of the same PnL vector, applied to today\'s price', () => {
    // numpy 2.4.6: losses = −3 × 61,234.5 × (P_e/P_{e−2} − 1) for the 60 returns ending 2025-11-02 … 2025-12-31.
    expect(dec.lossesUsd).toHaveLength(60);
    expect(dec.scenarioDates[0]).toBe('2025-11-02');
    [8193.454665481197, 29093.779196565756, 30018.651977833615].forEach((l, i) => expectClose(dec.lossesUsd[i], l, 1e-12));
    expectClose(dec.valueAtRiskUsd.toNumber(), 29472.977036885575, RTOL);
    expectClose(dec.expectedShortfallUsd.toNumber(), 30018.651977833615, RTOL);
    expectClose(dec.maintenanceMarginUsd.toNumber(), 29472.977036885575, RTOL);
    expectClose(flt.valueAtRiskUsd[0], 29472.977036885575, RTOL);
    expectClose(flt.accounts.initialMarginUsd[0], 29472.977036885575, RTOL);
  });
});

describe('HS VaR / ES of a portfolio with an option and coin collateral', () => {
  it('plain HS: VaR and ES vs numpy with full Black-76 revaluation (implied vol held)', () => {
    // numpy/scipy: PnL = 2 (V(S_B(1+r_B)) − V(S_B)) − 20 S_E r_E + 5 × 0.9 × S_E r_E, V Black-76 (K 60,000, 30 d, σ 0.5, r 3 %).
    const { dec, flt } = bothPaths(PORTFOLIO, { ...BASE, measure: 'es', collateral: HAIRCUTS });
    expectClose(dec.valueAtRiskUsd.toNumber(), 5554.804069893207, RTOL);
    expectClose(dec.expectedShortfallUsd.toNumber(), 6121.31412073323, RTOL);
    expectClose(dec.maintenanceMarginUsd.toNumber(), 6121.31412073323, RTOL);
    expectClose(dec.equityUsd.toNumber(), 23731.586431984862, RTOL); // 5 × 0.9 × S_E + 10,000 + 2 (V − 1,500) − 20 (S_E − 3,000)
    expectClose(flt.accounts.maintenanceMarginUsd[0], 6121.31412073323, RTOL);
    expectClose(flt.accounts.equityUsd[0], 23731.586431984862, RTOL);
  });

  it('explain: the dates at the VaR quantile and the worst date', () => {
    const { dec, flt } = bothPaths(PORTFOLIO, { ...BASE, collateral: HAIRCUTS });
    // numpy: h = 59 × 0.99 = 58.41 → order statistics 58 and 59 (0-based, ascending) = scenarios 14 and 12.
    expect(dec.quantile.lower.index).toBe(14);
    expect(dec.quantile.upper.index).toBe(12);
    expect(dec.quantile.upper.date).toBe('2025-11-14');
    expect(dec.quantile.upperWeight).toBeCloseTo(0.41, 12);
    expect(dec.worst[0].date).toBe('2025-11-14');
    expect(flt.quantileScenario[0]).toBe(12);
    expect(flt.worstScenario[0]).toBe(12);
    const e = historicalVarExplain(dec);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(Object.keys(e.worst[0].shocks).sort()).toEqual(['BTC', 'ETH', 'USDT']);
    expect(e.worst[0].shocks.USDT).toBe(0);
  });

  it('filtered HS rescales each return by σ(today)/σ(start) per asset', () => {
    // numpy: EWMA(0.94) daily vol seeded with the mean of the first 30 squared returns; r × σ_t0 / σ_{e−2}.
    const { dec, flt } = bothPaths(PORTFOLIO, { ...BASE, filteredHistorical: { lambda: '0.94' }, collateral: HAIRCUTS });
    expectClose(dec.valueAtRiskUsd.toNumber(), 3549.608431723997, RTOL);
    expectClose(dec.expectedShortfallUsd.toNumber(), 3588.9493015533376, RTOL);
    expectClose(flt.accounts.maintenanceMarginUsd[0], 3549.608431723997, RTOL);
  });
});

describe('anti-procyclicality tools (lookback 30 days of calm data)', () => {
  const calm = { ...BASE, lookbackDays: 30, collateral: HAIRCUTS };
  it('buffer: MM = VaR, IM = 1.25 × VaR', () => {
    const { dec, flt } = bothPaths(PORTFOLIO, { ...calm, antiProcyclicality: { tool: 'buffer', bufferFraction: '0.25' } });
    expectClose(dec.maintenanceMarginUsd.toNumber(), 2955.820534538597, RTOL);
    expectClose(dec.initialMarginUsd.toNumber(), 3694.7756681732462, RTOL);
    expectClose(flt.accounts.initialMarginUsd[0], 3694.7756681732462, RTOL);
    expectClose(flt.accounts.maintenanceMarginUsd[0], 2955.820534538597, RTOL);
  });

  it('stressed weight 0.3 on the VaR of the returns ending 2025-11-01 … 2025-11-25', () => {
    const { dec, flt } = bothPaths(PORTFOLIO, { ...calm, antiProcyclicality: { tool: 'stressedWeight', stressedWeight: '0.3', stressedFrom: '2025-11-01', stressedTo: '2025-11-25' } });
    expectClose(dec.stressedMarginUsd!.toNumber(), 5890.869354289831, RTOL); // numpy VaR of the 25 stressed returns
    expectClose(dec.initialMarginUsd.toNumber(), 3836.335180463967, RTOL);
    expectClose(flt.accounts.initialMarginUsd[0], 3836.335180463967, RTOL);
  });

  it('ten-year floor: max with the VaR over all 118 available 2-day returns', () => {
    const { dec, flt } = bothPaths(PORTFOLIO, { ...calm, antiProcyclicality: { tool: 'tenYearFloor' } });
    expectClose(dec.floorMarginUsd!.toNumber(), 5011.046358913184, RTOL);
    expectClose(dec.initialMarginUsd.toNumber(), 5011.046358913184, RTOL);
    expectClose(flt.accounts.maintenanceMarginUsd[0], 5011.046358913184, RTOL);
  });
});

describe('no look-ahead and input errors', () => {
  it('closes after the as-of date are never read', () => {
    const asOf = HISTORY_DATES[100];
    const market = { ...MARKET, date: asOf };
    const model = historicalVarModelFromWire({ ...BASE, filteredHistorical: { lambda: '0.94' } });
    const cut = (h: PriceHistory, n: number): PriceHistory => ({ ...h, dates: h.dates.slice(0, n), close: h.close.map((c) => c.slice(0, n)) });
    const full = historicalScenarios(model, SMALL_HISTORY, asOf, ['BTC', 'ETH']);
    const truncated = historicalScenarios(model, cut(SMALL_HISTORY, 101), asOf, ['BTC', 'ETH']);
    expect(full.lookback.shocks.BTC).toEqual(truncated.lookback.shocks.BTC);
    const lookup = instrumentLookup(INSTRUMENTS);
    const a = historicalVarAccountMargin(PORTFOLIO, lookup, market, historicalVarModelFromWire({ ...BASE, collateral: HAIRCUTS }), historicalScenarios(historicalVarModelFromWire(BASE), SMALL_HISTORY, asOf, ['BTC', 'ETH', 'USDT']));
    expect(a.scenarioDates[a.scenarioDates.length - 1]).toBe(asOf);
  });

  it('too short a history, a missing series, a stressed period in the future', () => {
    const model = historicalVarModelFromWire({ ...BASE, lookbackDays: 200 });
    expect(() => historicalScenarios(model, SMALL_HISTORY, '2025-12-31', ['BTC'])).toThrow(/only 118 2-day returns .* lookbackDays asks for 200/);
    expect(() => historicalScenarios(historicalVarModelFromWire(BASE), SMALL_HISTORY, '2025-12-31', ['SOL'])).toThrow(/no closes for SOL/);
    const future = historicalVarModelFromWire({ ...BASE, antiProcyclicality: { tool: 'stressedWeight', stressedWeight: '0.25', stressedFrom: '2025-12-01', stressedTo: '2026-01-31' } });
    expect(() => historicalScenarios(future, SMALL_HISTORY, '2025-12-31', ['BTC'])).toThrow(/not yet observed/);
    const other = historicalScenarios(historicalVarModelFromWire({ ...BASE, lookbackDays: 30 }), SMALL_HISTORY, '2025-12-31', ['BTC', 'ETH', 'USDT']);
    expect(() => historicalVarAccountMargin(PORTFOLIO, instrumentLookup(INSTRUMENTS), MARKET, historicalVarModelFromWire(BASE), other)).toThrow(/built for another model/);
    expect(() => historicalVarModelFromWire({ ...BASE, confidence: '1' })).toThrow(InputError);
    expect(() => historicalVarModelFromWire({ ...BASE, antiProcyclicality: { tool: 'buffer', bufferFraction: '0.1' } })).toThrow(/bufferFraction/);
  });
});
