/**
 * stress:run through the service and IPC on hand-checkable inputs: the 3-account book of
 * test/core/stress/bookRun.test.ts and the 4-account cascade of cascade.test.ts (every figure derived there
 * by hand, decimals evaluated with Python's math module), here with the depth model built from an imported
 * volume history; a Monte Carlo VaR against the closed form; the GARCH horizon vol against its recursion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { fitGarch } from '../../main/core/market/garch';
import { simpleReturns } from '../../main/core/market/returns';
import { garchAnnualVol } from '../../main/services/stress/monteCarloWork';
import type { StressRunOutput } from '../../preload/contract';
import { openTestWorkbench } from '../helpers/workbench';

const wb = openTestWorkbench();
afterAll(() => wb.close());
const TOL = 1e-7;

// 40 daily closes ending 2026-01-05 at 50,000, alternating 51,000 / 50,000, volume 20 BTC a day.
const DAYS = 40;
const dates = Array.from({ length: DAYS }, (_, i) => new Date(Date.UTC(2025, 10, 27 + i)).toISOString().slice(0, 10));
const close = dates.map((_, i) => ((DAYS - 1 - i) % 2 === 0 ? 50000 : 51000));
const CSV = ['date,open,high,low,close,volume', ...dates.map((d, i) => `${d},${close[i]},${close[i]},${close[i]},${close[i]},20`)].join('\n');

const FLAT_TIERED = {
  kind: 'tiered', name: 'flat 5 % MMR', convention: 'markPrice',
  tables: [
    { name: 'linear', underlyings: [], settlement: 'linear', notionalUnit: 'usd', brackets: [{ notionalCap: '1000000000', maxLeverage: '10', maintenanceMarginRate: '0.05' }] },
    { name: 'inverse face', underlyings: [], settlement: 'inverse', notionalUnit: 'usd', brackets: [{ notionalCap: '1000000000', maxLeverage: '10', maintenanceMarginRate: '0.05' }] },
  ],
  collateral: { haircuts: { USDT: '0', BTC: '0.1' } },
};
const account = (id: string, usdt: string, q: string, entry: string) => ({
  id, marginMode: 'cross', collateral: [{ asset: 'USDT', balance: usdt }], positions: [{ instrumentId: 'BTC-PERP', quantity: q, entryPrice: entry }],
});
const book = (name: string, accounts: unknown[]) => JSON.stringify({ name, instruments: [{ id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' }], accounts });
const BTC_MINUS_20 = { schemaVersion: 1, name: 'BTC −20 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -20 }] };

let datasetId = '';
let modelId = '';
let threeId = '';
let fourId = '';

beforeAll(async () => {
  const d = await dispatch(wb.handlers, 'dataset:import', { datasetName: 'hand BTC', files: [{ fileName: 'BTC.csv', text: CSV, asset: 'BTC' }] });
  if (!d.ok) throw new Error(d.error.message);
  datasetId = d.data.datasetId;
  const m = await dispatch(wb.handlers, 'model:save', { config: FLAT_TIERED });
  if (!m.ok) throw new Error(m.error.message);
  modelId = m.data.id;
  const b3 = await dispatch(wb.handlers, 'book:import', { fileName: 'three.json', text: book('three', [account('A', '10000', '2', '50000'), account('B', '11000', '1', '50000'), account('C', '5000', '-3', '50000')]) });
  const b4 = await dispatch(wb.handlers, 'book:import', { fileName: 'four.json', text: book('four', [account('A', '10000', '2', '50000'), account('B', '11000', '1', '50000'), account('C', '5000', '-3', '50000'), account('D', '3000', '1', '40000')]) });
  if (!b3.ok || !b4.ok) throw new Error('book import failed');
  threeId = b3.data.id;
  fourId = b4.data.id;
}, 60_000);

const run = async (input: Record<string, unknown>): Promise<StressRunOutput> => {
  const r = await dispatch(wb.handlers, 'stress:run', { datasetId, modelId, scenario: BTC_MINUS_20, penaltyRate: '0.01', insuranceFundUsd: '5000', ...input });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};

describe('hand-worked 3-account run (BTC 50,000 → 40,000, MMR 5 %, penalty 1 %, fund 5,000)', () => {
  it('liquidates A and B, the fund pays 5,400 of 10,000 and C absorbs 4,600 by ADL; conservation holds', async () => {
    const r = await run({ bookId: threeId });
    expect(r.at).toBe('2026-01-05');
    expect(r.prices.before).toEqual({ BTC: 50000, USDT: 1 });
    expect(r.prices.shocked.BTC).toBeCloseTo(40000, 8);
    const t = r.totals;
    expect(t.accountsLiquidated).toBe(2);
    expect(t.notionalLiquidatedUsd).toBeCloseTo(120000, 6);
    expect(t.badDebtUsd).toBeCloseTo(10000, 6);
    expect(t.penaltiesUsd).toBeCloseTo(400, 6);
    expect(t.insuranceFund).toEqual({ initialUsd: 5000, finalUsd: 0, drawdownUsd: 5000, exhausted: true, exhaustedInRound: 1 });
    expect(t.adl).toMatchObject({ triggered: true, counterpartiesHit: 1, residualBadDebtUsd: 0 });
    expect(t.adl.socialisedLossUsd).toBeCloseTo(4600, 6);
    // ranking of C = (30,000 / 5,000) × (3 · 40,000 / 35,000)
    expect(r.adlHits[0]).toMatchObject({ rank: 1, accountId: 'C', asset: 'BTC', side: 'short' });
    expect(r.adlHits[0]!.rankingScore).toBeCloseTo(6 * (120000 / 35000), 10);
    expect(r.conservation.holds).toBe(true);
    expect(r.conservation.losses).toMatchObject({ accountLossesUsd: 10000, penaltiesUsd: 400, fundDrawdownUsd: 5000, adlUsd: 4600, residualBadDebtUsd: 0 });
    expect(r.rounds).toHaveLength(1);
    expect(r.rounds[0]!.assets).toEqual([{ asset: 'BTC', priceBeforeUsd: 40000, priceAfterUsd: 40000, priceChangePct: 0, netOrderCoin: -3, netOrderUsd: 120000 }]);

    const page = await dispatch(wb.handlers, 'stress:accounts', { runId: r.runId, sortBy: 'accountId', descending: false });
    if (!page.ok) throw new Error(page.error.message);
    const [a, b, c] = page.data.rows;
    // A: E = −10,000, MM 4,000 → shortfall 14,000, bad debt 10,000. B: E 1,000, MM 2,000, penalty 400, returned 600.
    expect(a).toMatchObject({ accountId: 'A', liquidated: true, liquidationRound: 1, marginRatio: null, penaltyUsd: 0, returnedEquityUsd: 0, mc: null });
    expect(a!.shortfallUsd).toBeCloseTo(14000, 6);
    expect(a!.badDebtUsd).toBeCloseTo(10000, 6);
    expect(b!.marginRatio).toBeCloseTo(2, 10);
    expect(b!.penaltyUsd).toBeCloseTo(400, 6);
    expect(b!.returnedEquityUsd).toBeCloseTo(600, 6);
    expect(c).toMatchObject({ accountId: 'C', liquidated: false, shortfallUsd: 0 });
    expect(c!.adlUsd).toBeCloseTo(4600, 6);
    expect(c!.finalEquityUsd).toBeCloseTo(30400, 6);
    // The largest shortfall comes first in the run's own summary.
    expect(r.topAccounts.map((x) => x.accountId)).toEqual(['A', 'B', 'C']);
  });
});

describe('cascade with the depth model from the imported volume (D = 1,000,000 USD, k = 0.1, β = ½)', () => {
  // ADV over the last 30 rows = 20 BTC × mean close 50,500 = 1,010,000 USD, so depthFraction = 10⁶ / 1,010,000;
  // σ_d = √(mean r²) of the last 30 returns (15 of +2 % and 15 of −1/51), so impactCoefficient = 0.1 / σ_d.
  const sigma = Math.sqrt((15 * 0.02 ** 2 + 15 * (1 / 51) ** 2) / 30);
  it('round 1 at 38,638.0846, D liquidated in round 2 at 37,886.0081, 8,085.746 deleveraged onto C', async () => {
    const r = await run({ bookId: fourId, cascade: true, maxRounds: 5, depth: { depthFraction: 1e6 / 1_010_000, impactCoefficient: 0.1 / sigma, impactExponent: 0.5 } });
    expect(r.cascade!.depth.BTC!.depthUsd).toBeCloseTo(1e6, 6);
    expect(r.cascade!.depth.BTC!.impactCoefficient).toBeCloseTo(0.1, 14);
    expect(r.rounds).toHaveLength(2);
    // test/core/stress/cascade.test.ts: S₁ = 40,000·e^(−0.1·√0.12), S₂ = S₁·e^(−0.1·√(S₁/10⁶)).
    expect(Math.abs(r.rounds[0]!.assets[0]!.priceAfterUsd - 38638.08460928353)).toBeLessThan(TOL);
    expect(Math.abs(r.prices.final.BTC! - 37886.008132751806)).toBeLessThan(TOL);
    expect(Math.abs(r.rounds[0]!.fund.deficitUsd - 8085.746172149418)).toBeLessThan(TOL);
    expect(r.adlHits[0]!.accountId).toBe('C');
    expect(Math.abs(r.adlHits[0]!.amountUsd - 8085.746172149418)).toBeLessThan(TOL);
    expect(Math.abs(r.totals.insuranceFund.finalUsd - 386.38084609283527)).toBeLessThan(TOL);
    expect(r.totals.stoppedBy).toBe('noNewLiquidation');
    expect(r.conservation.holds).toBe(true);
  });

  it('a cascade without volume history long enough is refused, naming the asset, and records nothing', async () => {
    const runs = async () => {
      const l = await dispatch(wb.handlers, 'run:list', {});
      return l.ok ? l.data.runs.length : -1;
    };
    const before = await runs();
    const r = await dispatch(wb.handlers, 'stress:run', { bookId: fourId, datasetId, modelId, scenario: BTC_MINUS_20, cascade: true, depth: { advWindowDays: 60 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!r.ok && r.error.message).toMatch(/BTC: only 40 of the 60 days of volume/);
    expect(await runs()).toBe(before);
  });
});

describe('Monte Carlo on the hand book', () => {
  it("account A's 99 % VaR (long 2 BTC, 10 days, EWMA vol) matches the closed form within 4 standard errors", async () => {
    const n = 20_000;
    const r = await run({ bookId: threeId, monteCarlo: { seed: 2026, scenarios: n, horizonDays: 10, volSource: 'ewma' } });
    const mc = r.monteCarlo!;
    expect(mc.simulatedAssets).toEqual(['BTC']);
    expect(mc.fixedAssets).toEqual(['USDT']);
    // EWMA (λ 0.94) of the 39 daily returns: the mean square of the first 30 (design.md), then the recursion on
    // returns 30…38; annualised with √365.
    const returns = close.slice(1).map((c, i) => c / close[i]! - 1);
    let s2 = returns.slice(0, 30).reduce((s, x) => s + x * x, 0) / 30;
    for (const x of returns.slice(30)) s2 = 0.94 * s2 + 0.06 * x * x;
    expect(mc.annualVol.BTC).toBeCloseTo(Math.sqrt(s2 * 365), 12);
    // Loss of 2 BTC from S0 = 50,000 over h = 10 days: L = 2·S0·(1 − e^{σ_h x}), x ~ N(0, 1), σ_h = σ·√(10/365);
    // VaR_0.99 = 2·S0·(1 − e^{σ_h Φ⁻¹(0.01)}), Φ⁻¹(0.01) = −2.3263478740408408 (scipy.stats.norm.ppf).
    const sh = mc.annualVol.BTC! * Math.sqrt(10 / 365);
    const z = -2.3263478740408408;
    const varClosed = 2 * 50000 * (1 - Math.exp(sh * z));
    // SE of the sample quantile: √(α(1 − α)/n) / f_L(VaR), f_L = φ(z) / (2·S0·σ_h·e^{σ_h z}).
    const density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / (2 * 50000 * sh * Math.exp(sh * z));
    const se = Math.sqrt(0.99 * 0.01 / n) / density;
    const a = mc.accounts.top.find((x) => x.accountId === 'A')!;
    expect(Math.abs(a.valueAtRiskUsd[0]! - varClosed)).toBeLessThan(4 * se);
    expect(mc.book.badDebtUsd.histogram.counts.reduce((s, c) => s + c, 0)).toBe(n);
  }, 120_000);

  it('GARCH vol on a history too short to fit is refused naming the asset', async () => {
    const r = await dispatch(wb.handlers, 'stress:run', { bookId: threeId, datasetId, modelId, scenario: BTC_MINUS_20, monteCarlo: { seed: 1, scenarios: 100, volSource: 'garch' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!r.ok && r.error.message).toMatch(/monteCarlo\.volSource garch, BTC: fitGarch: needs at least 50 returns, got 39/);
  });

  it('GARCH vol: the closed-form horizon mean equals the forecast recursion averaged day by day', () => {
    // A GARCH-like series (sample path of the recursion with fixed shocks) long enough to fit.
    const closes = [100];
    let h = 0.0004;
    for (let t = 0; t < 400; t++) {
      const e = Math.sin(1.7 * t) * 1.2;
      const r = Math.sqrt(h) * e;
      closes.push(closes.at(-1)! * (1 + r));
      h = 0.00002 + 0.1 * r * r + 0.85 * h;
    }
    const history = { dates: closes.map((_, i) => `d${i}`), assets: ['X'], close: [Float64Array.from(closes)] };
    const fit = fitGarch(simpleReturns(Float64Array.from(closes), 1), { dist: 'normal' });
    for (const H of [1, 5, 30]) {
      // E[h_{t+1}] = h₁ (the fit's forecast), E[h_{t+i+1}] = ω + (α + β)·E[h_{t+i}].
      let e = fit.forecastVariance;
      let sum = 0;
      for (let i = 0; i < H; i++) {
        sum += e;
        e = fit.omega + fit.persistence * e;
      }
      expect(garchAnnualVol(history, 'X', H)).toBeCloseTo(Math.sqrt((sum / H) * 365), 12);
    }
  });
});
