/**
 * Numerical guards (hardening issue, "Numerical guards"): inputs at the edge of the maths — a
 * singular or ill-conditioned covariance, a zero-vol (constant-price) asset, an option at and past
 * expiry, shocks that take a price to zero or below, lookback windows longer than the data. Each is
 * either handled by a documented rule (asserted with its value) or rejected with an InputError
 * naming the field (asserted with its message); no output contains NaN or Infinity.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../main/core/errors';
import { bookFromWire } from '../../main/core/book/wire';
import { compileBook } from '../../main/core/book/compile';
import { bookMargin, marginModelFromWire, type MarginModelWire } from '../../main/core/margin/modelDispatch';
import { deltaNormalVar, ewmaCovarianceAsOf } from '../../main/core/margin/parametricVar';
import type { PriceHistory } from '../../main/core/margin/historicalScenarios';
import { correlatedStandardDraws, correlationFactor } from '../../main/core/stress/copula';
import { applyShock } from '../../main/core/stress/shocks';
import { parseScenario } from '../../main/core/stress/parseScenario';
import { ewmaVariance } from '../../main/core/market/ewma';
import { fitGarch } from '../../main/core/market/garch';
import { simpleReturns } from '../../main/core/market/returns';
import { diagnoseAsset } from '../../main/core/calibration/diagnostics';
import { backtestVar } from '../../main/core/calibration/backtest';
import { assetLossHistory } from '../../main/core/calibration/lossHistory';
import { valueAtRiskAt, type VarMethod } from '../../main/core/calibration/var';
import { black76Greeks } from '../../main/core/instruments/black76';
import type { MarketSnapshot, PriceSeries } from '../../main/core/market/types';
import { createRng } from '../../main/core/numeric/rng';
import { PRESETS } from '../../main/services/models';
import { assertAllFinite } from './fuzz/checks';

const DAY = 86_400_000;
const dates = (n: number, from = Date.UTC(2023, 0, 1)): string[] => Array.from({ length: n }, (_, i) => new Date(from + i * DAY).toISOString().slice(0, 10));

/** A GBM-like close path with a seeded RNG. */
function closes(n: number, seed: number, start = 100, vol = 0.03): Float64Array {
  const rng = createRng(seed);
  const c = new Float64Array(n);
  c[0] = start;
  for (let i = 1; i < n; i++) c[i] = c[i - 1]! * Math.exp(vol * rng.normal());
  return c;
}

const series = (asset: string, close: Float64Array): PriceSeries => ({
  asset, dates: dates(close.length), close, open: close, high: close, low: close, volume: new Float64Array(close.length),
});

const preset = (kind: string): MarginModelWire => PRESETS.find((p) => p.config.kind === kind)!.config as MarginModelWire;

/**
 * The figures a margin run stores (equity, IM, MM per account) must be finite. The book paths' column
 * layouts also carry documented "not applicable" NaNs (a perpetual's option value, a margin ratio at
 * equity ≤ 0, a liquidation price that does not exist); those never reach a stored result (nan-scan).
 */
function assertMarginFinite(r: ReturnType<typeof bookMargin>, what: string): void {
  const { equityUsd, initialMarginUsd, maintenanceMarginUsd } = r.accounts;
  assertAllFinite({ equityUsd, initialMarginUsd, maintenanceMarginUsd }, what);
}

/** Margin of a one-account book under every preset model: the VaR models read `history`. */
function marginUnderPresets(wire: Parameters<typeof bookFromWire>[0], market: MarketSnapshot, history: PriceHistory) {
  const book = bookFromWire(wire, 'guard');
  const compiled = compileBook(book, market);
  return PRESETS.map((p) => ({ id: p.id, result: bookMargin(compiled, marginModelFromWire(p.config as MarginModelWire), { history }) }));
}

describe('singular and ill-conditioned covariance', () => {
  // Two assets with identical daily returns (ETH = BTC / 10 every day): a rank-1 covariance.
  const N = 400;
  const btc = closes(N, 1, 30_000);
  const eth = btc.map((x) => x / 10);
  const history: PriceHistory = { dates: dates(N), assets: ['BTC', 'ETH'], close: [btc, eth] };
  const at = history.dates[N - 1]!;

  it('parametric VaR: δᵀΣδ is clamped at 0 (documented rule), so a perfect hedge has VaR 0, never NaN', () => {
    const cov = ewmaCovarianceAsOf(history, ['BTC', 'ETH'], at, 0.94);
    // Σ = s²·[[1, 1], [1, 1]] up to rounding: its determinant is 0.
    const [a, b, c, d] = cov.covariance;
    expect(Math.abs(a! * d! - b! * c!)).toBeLessThan(1e-12 * a! * d!);
    const hedge = Float64Array.from([1e6, -1e6]);
    const v = deltaNormalVar(hedge, cov.covariance, 0.99, 1);
    expect(v.stdDevUsd).toBeGreaterThanOrEqual(0);
    expect(v.valueAtRisk).toBeLessThan(1e-8 * 1e6); // USD on a 1,000,000 USD hedge: rounding only
    assertAllFinite(v, 'deltaNormalVar');
  });

  it('parametric VaR through the book path on the collinear history: every account finite, the hedged one ~0', () => {
    const wire = {
      name: 'hedge',
      instruments: [{ id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' }, { id: 'ETH-PERP', kind: 'perpetual', underlying: 'ETH', settlement: 'linear' }],
      accounts: [
        { id: 'hedged', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '100000' }], positions: [{ instrumentId: 'BTC-PERP', quantity: '1', entryPrice: '30000' }, { instrumentId: 'ETH-PERP', quantity: '-10', entryPrice: '3000' }] },
        { id: 'long', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '100000' }], positions: [{ instrumentId: 'BTC-PERP', quantity: '1', entryPrice: '30000' }] },
      ],
    } as Parameters<typeof bookFromWire>[0];
    const market: MarketSnapshot = { date: at, spot: { BTC: btc[N - 1]!, ETH: eth[N - 1]!, USDT: 1 }, vol: { BTC: 0.6, ETH: 0.6, USDT: 0 }, rate: 0 };
    const r = bookMargin(compileBook(bookFromWire(wire, 'b'), market), marginModelFromWire(preset('parametricVar')), { history: { ...history, constant: ['USDT'] } });
    assertMarginFinite(r, 'parametric book margin');
    expect(r.accounts.initialMarginUsd[0]).toBeLessThan(1e-6 * r.accounts.initialMarginUsd[1]!);
    expect(r.accounts.initialMarginUsd[1]).toBeGreaterThan(0);
  });

  it('Monte Carlo correlation: a singular PSD matrix is factored by eigen-decomposition (rule), draws finite', () => {
    const f = correlationFactor([1, 1, 1, 1], 2);
    expect(f.method).toBe('eigen');
    const d = correlatedStandardDraws([1, 1, 1, 1], 2, 1000, 7);
    assertAllFinite(d, 'draws');
    // Perfect correlation: both assets draw the same number in every scenario.
    for (let s = 0; s < 1000; s++) expect(d.draws[s]).toBeCloseTo(d.draws[1000 + s]!, 12);
  });

  it('Monte Carlo correlation: an ill-conditioned matrix (ρ = 1 − 1e-15) gives finite draws; a non-PSD one is an InputError', () => {
    const rho = 1 - 1e-15;
    const d = correlatedStandardDraws([1, rho, rho, 1], 2, 500, 3, { kind: 'studentT', dof: 4 }, { kind: 'studentT', dof: 5 });
    assertAllFinite(d, 'draws');
    // ρ(A,B) = ρ(B,C) = 0.99, ρ(A,C) = −0.99 has a negative eigenvalue (≈ −0.98).
    expect(() => correlationFactor([1, 0.99, -0.99, 0.99, 1, 0.99, -0.99, 0.99, 1], 3)).toThrow(/not positive semidefinite.*repair it/);
  });
});

describe('zero-vol asset (a constant price series)', () => {
  const N = 400;
  const flat = new Float64Array(N).fill(1);
  const returns = simpleReturns(flat, 1);

  it('EWMA variance of zero returns is 0 (rule: no floor), finite', () => {
    const v = ewmaVariance(returns, 0.94, 30);
    assertAllFinite(v, 'ewma');
    expect(Math.max(...v)).toBe(0);
  });

  it('GARCH refuses zero-variance returns with an InputError', () => {
    expect(() => fitGarch(returns, { dist: 'normal' })).toThrow(/zero variance/);
  });

  it('diagnostics refuse a constant price with an InputError naming the asset', () => {
    expect(() => diagnoseAsset(series('USDX', flat), { horizonDays: 1, adfLags: 'aic' })).toThrow(InputError);
    expect(() => diagnoseAsset(series('USDX', flat), { horizonDays: 1, adfLags: 'aic' })).toThrow(/USDX/);
  });

  it.each(['hs', 'parametric'] as VarMethod[])('%s VaR and backtest of a constant price: margin 0 (rule), no exception, all finite', (method) => {
    const model = { method, confidence: 0.99, horizonDays: 1, windowDays: 250, ewmaLambda: 0.94 };
    const s = { asset: 'USDX', dates: dates(N), close: flat };
    const v = valueAtRiskAt(assetLossHistory(s, 1), model, dates(N)[N - 1]!);
    assertAllFinite(v, 'var');
    expect(v.var === 0 && v.es === 0).toBe(true); // === also takes −0 (HS: every loss is −0)
    const b = backtestVar(s, model);
    assertAllFinite(b, 'backtest');
    expect(b.exceptions).toBe(0);
    expect(b.series.margin.every((x) => x === 0)).toBe(true);
  });

  it('filtered HS of a constant price is refused: an InputError naming the asset and the day the EWMA vol is 0', () => {
    const model = { method: 'fhs' as const, confidence: 0.99, horizonDays: 1, windowDays: 250, ewmaLambda: 0.94 };
    const s = { asset: 'USDX', dates: dates(N), close: flat };
    expect(() => valueAtRiskAt(assetLossHistory(s, 1), model, dates(N)[N - 1]!)).toThrow(/USDX: EWMA volatility is zero on \d{4}-\d{2}-\d{2}/);
    expect(() => backtestVar(s, model)).toThrow(/USDX: EWMA volatility is zero/);
  });

  it('every preset margins a book on a constant-price asset with finite figures', () => {
    const other = closes(N, 2, 50);
    const history: PriceHistory = { dates: dates(N), assets: ['FLAT', 'ALT'], close: [flat, other], constant: ['USDT'] };
    const wire = {
      name: 'flat',
      instruments: [{ id: 'F', kind: 'perpetual', underlying: 'FLAT', settlement: 'linear' }, { id: 'A', kind: 'perpetual', underlying: 'ALT', settlement: 'linear' }],
      accounts: [{ id: 'x', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '1000' }], positions: [{ instrumentId: 'F', quantity: '-100', entryPrice: '1' }, { instrumentId: 'A', quantity: '2', entryPrice: '50' }] }],
    } as Parameters<typeof bookFromWire>[0];
    const market: MarketSnapshot = { date: history.dates[N - 1]!, spot: { FLAT: 1, ALT: other[N - 1]!, USDT: 1 }, vol: { FLAT: 0, ALT: 0.5, USDT: 0 }, rate: 0 };
    for (const { id, result } of marginUnderPresets(wire, market, history)) assertMarginFinite(result, id);
  });
});

describe('an option at and past expiry', () => {
  const N = 400;
  const btc = closes(N, 5, 30_000);
  const at = dates(N)[N - 1]!;
  const history: PriceHistory = { dates: dates(N), assets: ['BTC'], close: [btc], constant: ['USDT'] };
  const market: MarketSnapshot = { date: at, spot: { BTC: btc[N - 1]!, USDT: 1 }, vol: { BTC: 0.6, USDT: 0 }, rate: 0.03 };
  const bookExpiring = (expiry: string, strike: number) => ({
    name: 'expiry',
    instruments: [{ id: 'BTC-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry, strike: String(strike), optionType: 'call' },
      { id: 'BTC-P', kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry, strike: String(strike), optionType: 'put' }],
    accounts: [{ id: 'w', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '50000' }], positions: [{ instrumentId: 'BTC-C', quantity: '-3', entryPrice: '900' }, { instrumentId: 'BTC-P', quantity: '2', entryPrice: '0.02' }] }],
  }) as Parameters<typeof bookFromWire>[0];

  it('Black-76 at expiry (T = 0) is the intrinsic value with delta 1 / 0 / ½ (documented rule), also at the money', () => {
    for (const [forward, delta] of [[110, 1], [90, 0], [100, 0.5]] as const) {
      const g = black76Greeks({ optionType: 'call', forward, strike: 100, expiryDays: 0, vol: 0.8, rate: 0.05 });
      expect(g).toEqual({ value: Math.max(forward - 100, 0), delta, gamma: 0, vega: 0, theta: 0 });
    }
  });

  it.each([['at the money', 1], ['in the money', 0.8], ['out of the money', 1.25]])('expiry = valuation date (%s): every preset margins it with finite figures', (_name, k) => {
    for (const { id, result } of marginUnderPresets(bookExpiring(at, Math.round(btc[N - 1]! * k)), market, history)) assertMarginFinite(result, id);
  });

  it('past expiry: refused with an InputError naming the instrument and its expiry', () => {
    const past = dates(N)[N - 3]!;
    expect(() => marginUnderPresets(bookExpiring(past, 30_000), market, history)).toThrow(InputError);
    expect(() => marginUnderPresets(bookExpiring(past, 30_000), market, history)).toThrow(/instrument BTC-C: expired 2 days before/);
  });
});

describe('shocks that take a price to zero or below', () => {
  const market: MarketSnapshot = { date: '2024-06-28', spot: { BTC: 60_000, ETH: 3_000, USDC: 1 }, vol: { BTC: 0.6, ETH: 0.7, USDC: 0 }, rate: 0 };
  const scenario = (shocks: unknown[]) => parseScenario({ schemaVersion: 1, name: 'edge', shocks });

  it('shocks applied in order that end at a price ≤ 0 are refused by applyShock, naming the asset (never floored)', () => {
    // Relative shocks compound (−60 % then −40 % leaves 24 %); then −30,000 USD takes 24,000 below 0.
    const s = scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -60 }, { type: 'price', shift: 'absolute', asset: 'BTC', changeUsd: '-30000' }]);
    expect(() => applyShock(market, s)).toThrow(/BTC/);
    expect(() => applyShock(market, s)).toThrow(InputError);
    // At severity ½: 60,000 × 0.7 − 15,000 = 27,000 > 0, a finite shocked state.
    assertAllFinite(applyShock(market, s, { severity: 0.5 }), 'shocked');
  });

  it('an absolute change below −price, and severity k scaling a −70 % shock past −100 %, are refused', () => {
    expect(() => applyShock(market, scenario([{ type: 'price', shift: 'absolute', asset: 'ETH', changeUsd: '-3000' }]))).toThrow(/ETH/);
    expect(() => applyShock(market, scenario([{ type: 'price', shift: 'relative', assets: 'all', shockPct: -70 }]), { severity: 1.5 })).toThrow(InputError);
  });

  it('a zero or negative level / depeg price never reaches applyShock: the scenario is refused when parsed', () => {
    expect(() => scenario([{ type: 'price', shift: 'level', asset: 'BTC', newPriceUsd: '0' }])).toThrow(/newPriceUsd/);
    expect(() => scenario([{ type: 'depeg', asset: 'USDC', priceUsd: '-0.5' }])).toThrow(/priceUsd/);
    expect(() => scenario([{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -100 }])).toThrow(/shockPct/);
  });
});

describe('a lookback window longer than the data', () => {
  const N = 120;
  const s = { asset: 'SHORT', dates: dates(N), close: closes(N, 9) };

  it.each(['hs', 'fhs'] as VarMethod[])('%s VaR and backtest with window > data are refused naming the asset', (method) => {
    const model = { method, confidence: 0.99, horizonDays: 1, windowDays: 250, ewmaLambda: 0.94 };
    expect(() => valueAtRiskAt(assetLossHistory(s, 1), model, dates(N)[N - 1]!)).toThrow(InputError);
    expect(() => backtestVar(s, model)).toThrow(/SHORT/);
  });

  it('the EWMA covariance needs 30 returns up to the as-of date; the HS preset (365-day lookback) needs its window', () => {
    const history: PriceHistory = { dates: dates(N), assets: ['SHORT'], close: [s.close] };
    expect(() => ewmaCovarianceAsOf(history, ['SHORT'], dates(N)[10]!, 0.94)).toThrow(/at least 30/);
    const wire = {
      name: 'short', instruments: [{ id: 'S', kind: 'perpetual', underlying: 'SHORT', settlement: 'linear' }],
      accounts: [{ id: 'a', marginMode: 'cross', collateral: [], positions: [{ instrumentId: 'S', quantity: '1', entryPrice: '100' }] }],
    } as Parameters<typeof bookFromWire>[0];
    const market: MarketSnapshot = { date: dates(N)[N - 1]!, spot: { SHORT: s.close[N - 1]! }, vol: { SHORT: 0.5 }, rate: 0 };
    const compiled = compileBook(bookFromWire(wire, 'short'), market);
    expect(() => bookMargin(compiled, marginModelFromWire(preset('historicalVar')), { history })).toThrow(InputError);
  });
});
