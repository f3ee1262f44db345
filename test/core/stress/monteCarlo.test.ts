/**
 * Monte Carlo: reproducibility (seed ⇒ hash; account splits ⇒ the same hash), correlation of the draws
 * against the target within sampling error, Student-t tail dependence above the Gaussian's (both against
 * scipy's bivariate CDFs), a single linear position's VaR/ES against the closed form, the selection
 * quantiles against numpy's type 7, the per-scenario tiered MM against tieredBookMargin, and the book's
 * liquidation accounting per scenario against a brute-force recomputation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_OPTION, SETTLEMENT_LINEAR } from '../../../main/core/book/compile';
import { InputError } from '../../../main/core/errors';
import { bookMargin, marginModelFromWire } from '../../../main/core/margin/modelDispatch';
import { addAccountScenarioPnl } from '../../../main/core/margin/portfolioBookTerms';
import { tieredBookMargin } from '../../../main/core/margin/tieredBook';
import { compileTieredModel } from '../../../main/core/margin/tieredBookModel';
import type { TieredModel } from '../../../main/core/margin/types';
import { quantileOfUnsorted, quantileType7 } from '../../../main/core/numeric/quantile';
import { prepareStressBook } from '../../../main/core/stress/bookValuation';
import { correlatedStandardDraws } from '../../../main/core/stress/copula';
import { quantilesBySelection, tailMean, tailMeanAfterSelection } from '../../../main/core/stress/lossQuantiles';
import { combineMonteCarlo, prepareMonteCarlo, runMonteCarlo, type MonteCarloOptions } from '../../../main/core/stress/monteCarlo';
import { monteCarloAccounts } from '../../../main/core/stress/monteCarloAccounts';
import { contentHash, fnv1a64Bytes } from '../../../main/core/stress/resultHash';
import { tieredMaintenanceAt, tieredMaintenanceBound } from '../../../main/core/stress/scenarioMaintenance';
import binanceJson from '../../../resources/presets/tiered-binance-btcusdt-mark.json';
import { DERIBIT_PRESET, sampleMarginInputs } from '../margin/portfolioFixtures';
import { FLAT_TIERED, SMALL_MARKET, perpAccount, perpBook } from './bookFixtures';

const BINANCE = marginModelFromWire(binanceJson as never) as TieredModel;
const SAMPLE_ASSETS = ['BTC', 'ETH', 'SOL', 'DOGE'];
const SAMPLE_CORRELATION = Float64Array.from([1, 0.8, 0.7, 0.6, 0.8, 1, 0.75, 0.65, 0.7, 0.75, 1, 0.6, 0.6, 0.65, 0.6, 1]);

function sampleOptions(seed: number, scenarios = 2000): MonteCarloOptions {
  return {
    assets: SAMPLE_ASSETS, correlation: SAMPLE_CORRELATION, annualVol: [0.6, 0.75, 0.9, 1.1], horizonDays: 2, seed, scenarios,
    penaltyRate: 0.005, insuranceFundUsd: 2e6,
  };
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0; let my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0; let sxx = 0; let syy = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2; }
  return sxy / Math.sqrt(sxx * syy);
}

describe('content hash', () => {
  it('FNV-1a 64 test vectors (draft-eastlake-fnv; also Python: h ^= b; h = h·0x100000001b3 mod 2⁶⁴)', () => {
    const bytes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    expect(fnv1a64Bytes([])).toBe('cbf29ce484222325');
    expect(fnv1a64Bytes(bytes('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Bytes(bytes('foobar'))).toBe('85944171f73967e8');
  });

  it('separates parts and notices a one-ulp change', () => {
    expect(contentHash(['ab', 'c'])).not.toBe(contentHash(['a', 'bc']));
    const x = Float64Array.of(1, 2, 3);
    const y = Float64Array.of(1, 2, 3 + 2 ** -51);
    expect(contentHash([x])).not.toBe(contentHash([y]));
    expect(contentHash([x])).toBe(contentHash([Float64Array.of(1, 2, 3)]));
  });
});

describe('Monte Carlo reproducibility on the SYNTHETIC sample book', () => {
  const { book, market } = sampleMarginInputs();
  const stress = prepareStressBook(book, market, BINANCE);

  it('same seed ⇒ identical hash; another seed ⇒ a different one', () => {
    const a = runMonteCarlo(stress, sampleOptions(11));
    const b = runMonteCarlo(stress, sampleOptions(11));
    const c = runMonteCarlo(stress, sampleOptions(12));
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
    expect(a.seed).toBe(11);
    expect(a.fixedAssets).toEqual(['USDT', 'USDC']);
    expect(a.maintenance).toBe('perScenario');
  });

  it('account ranges on block boundaries, combined in any order, give the same result bit for bit', () => {
    const prepared = prepareMonteCarlo(stress, sampleOptions(11));
    const whole = combineMonteCarlo(prepared, [monteCarloAccounts(prepared)]);
    const parts = [{ from: 1024, to: 2000 }, { from: 0, to: 256 }, { from: 256, to: 1024 }].map((r) => monteCarloAccounts(prepared, r));
    const split = combineMonteCarlo(prepared, parts);
    expect(split.hash).toBe(whole.hash);
    expect(split.book.badDebtUsd).toEqual(whole.book.badDebtUsd);
    expect(split.accounts.valueAtRiskUsd).toEqual(whole.accounts.valueAtRiskUsd);
    expect(() => monteCarloAccounts(prepared, { from: 100, to: 356 })).toThrow(InputError);
    // What a worker thread receives: a structured clone of the prepared inputs (typed arrays, strings, no Dec).
    const cloned = monteCarloAccounts(structuredClone(prepared), { from: 256, to: 1024 });
    expect(cloned.valueAtRiskUsd).toEqual(parts[2].valueAtRiskUsd);
    expect(cloned.blockBadDebtUsd).toEqual(parts[2].blockBadDebtUsd);
    expect(() => combineMonteCarlo(prepared, parts.slice(0, 2))).toThrow(/missing/);
  });

  it('book liquidations, bad debt, penalties and notional per scenario equal a brute-force recomputation', () => {
    const prepared = prepareMonteCarlo(stress, sampleOptions(5, 200));
    const r = combineMonteCarlo(prepared, [monteCarloAccounts(prepared)]);
    const compiled = stress.compiled;
    const ctm = compileTieredModel(BINANCE, compiled);
    const S = prepared.scenarios;
    const A = compiled.assets.length;
    const N = compiled.accounts.count;
    const pnl = new Float64Array(N * S);
    for (let k = 0; k < N; k++) addAccountScenarioPnl(stress.terms, prepared.set, k, new Int32Array(A), pnl.subarray(k * S, (k + 1) * S));
    const { instruments: ins, positions: bp, accounts: ba } = compiled;
    let liquidations = 0;
    for (let s = 0; s < S; s++) {
      const spot = Float64Array.from(compiled.spot, (p, a) => p * prepared.multiplier[a * S + s]);
      const mm = tieredBookMargin(compiled, ctm, spot).accounts.maintenanceMarginUsd;
      let count = 0; let badDebt = 0; let penalties = 0; let notional = 0;
      for (let k = 0; k < N; k++) {
        const e = stress.equityUsd[k] + pnl[k * S + s];
        if (stress.terms.positionCount[k] === 0 || !(e <= mm[k])) continue;
        let n = 0;
        for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
          const i = bp.instrument[p];
          n += ins.kind[i] !== KIND_OPTION && ins.settlement[i] !== SETTLEMENT_LINEAR ? Math.abs(bp.quantity[p]) * ins.contractSizeUsd[i] : Math.abs(bp.quantity[p]) * spot[ins.underlying[i]];
        }
        count++; notional += n; badDebt += Math.max(0, -e); penalties += Math.min(0.005 * n, Math.max(0, e));
      }
      liquidations += count;
      expect(r.book.accountsLiquidated[s]).toBe(count);
      expect(Math.abs(r.book.badDebtUsd[s] - badDebt)).toBeLessThanOrEqual(1e-9 * (1 + badDebt));
      expect(Math.abs(r.book.penaltiesUsd[s] - penalties)).toBeLessThanOrEqual(1e-9 * (1 + penalties));
      expect(Math.abs(r.book.notionalLiquidatedUsd[s] - notional)).toBeLessThanOrEqual(1e-9 * (1 + notional));
      expect(Math.abs(r.book.deficitUsd[s] - Math.max(0, badDebt - (2e6 + penalties)))).toBeLessThanOrEqual(1e-9 * (1 + badDebt));
    }
    expect(liquidations).toBeGreaterThan(0);
  });

  it('the per-scenario tiered MM equals tieredBookMargin at the scenario prices, and the bound covers it', () => {
    const prepared = prepareMonteCarlo(stress, sampleOptions(3, 40));
    const compiled = stress.compiled;
    const ctm = compileTieredModel(BINANCE, compiled);
    for (let s = 0; s < 40; s++) {
      const spot = Float64Array.from(compiled.spot, (p, a) => p * prepared.multiplier[a * 40 + s]);
      const mm = tieredBookMargin(compiled, ctm, spot).accounts.maintenanceMarginUsd;
      for (let k = 0; k < compiled.accounts.count; k++) {
        const at = tieredMaintenanceAt(ctm, compiled, prepared.multiplier, 40, s, k);
        expect(Math.abs(at - mm[k])).toBeLessThanOrEqual(1e-10 * (1 + mm[k]));
        expect(tieredMaintenanceBound(ctm, compiled, prepared.multiplierMin, prepared.multiplierMax, k)).toBeGreaterThanOrEqual(at);
      }
    }
  });

  it('a portfolio model holds MM at its start value (bookMargin): liquidation probability by brute force', () => {
    const grid = prepareStressBook(book, market, marginModelFromWire(DERIBIT_PRESET));
    const prepared = prepareMonteCarlo(grid, sampleOptions(11, 500));
    const r = combineMonteCarlo(prepared, [monteCarloAccounts(prepared)]);
    expect(r.maintenance).toBe('heldAtStart');
    const mm0 = bookMargin(grid.compiled, grid.model).accounts.maintenanceMarginUsd;
    const pnl = new Float64Array(500);
    let some = 0;
    for (let k = 0; k < 300; k++) {
      expect(r.accounts.maintenanceMarginUsd[k]).toBe(mm0[k]);
      pnl.fill(0);
      addAccountScenarioPnl(grid.terms, prepared.set, k, new Int32Array(grid.compiled.assets.length), pnl);
      let hits = 0;
      for (let s = 0; s < 500; s++) if (grid.terms.positionCount[k] > 0 && grid.equityUsd[k] + pnl[s] <= mm0[k]) hits++;
      expect(r.accounts.liquidationProbability[k]).toBe(hits / 500);
      if (hits > 0) some++;
    }
    expect(some).toBeGreaterThan(0);
  });
});

describe('correlated draws', () => {
  const R = Float64Array.from([1, 0.6, 0.3, 0.6, 1, -0.2, 0.3, -0.2, 1]);
  const n = 20000;

  it.each([
    ['Gaussian copula, normal marginals', { kind: 'gaussian' as const }, { kind: 'normal' as const }, 0],
    // Elliptical t_ν: var(r) ≈ (1 + κ)(1 − ρ²)²/n with κ = 2/(ν − 4) (Muirhead 1982, §5.1.4): κ = 0.5 at ν = 8.
    ['t(8) copula, t(8) marginals', { kind: 'studentT' as const, dof: 8 }, { kind: 'studentT' as const, dof: 8 }, 0.5],
  ])('%s: sample correlation ≈ target within 4 standard errors', (_name, copula, marginal, kappa) => {
    const d = correlatedStandardDraws(R, 3, n, 42, copula, marginal);
    const row = (i: number) => d.draws.subarray(i * n, (i + 1) * n);
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]]) {
      const rho = R[i * 3 + j];
      const se = Math.sqrt(1 + kappa) * (1 - rho * rho) / Math.sqrt(n);
      expect(Math.abs(pearson(row(i), row(j)) - rho)).toBeLessThan(4 * se);
    }
    let ss = 0;
    for (const x of row(0)) ss += x * x;
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.06); // unit variance (t(8): SE of the mean square ≈ √(2 + 6/(ν−4))/√n)
  });

  it('a singular (repaired) matrix uses the eigen factor; a non-PSD one is refused', () => {
    const d = correlatedStandardDraws(Float64Array.from([1, 1, 1, 1]), 2, 100, 1);
    expect(d.factor.method).toBe('eigen');
    for (let s = 0; s < 100; s++) expect(Math.abs(d.draws[s] - d.draws[100 + s])).toBeLessThan(1e-12);
    expect(() => correlatedStandardDraws(Float64Array.from([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1]), 3, 100, 1)).toThrow(/positive semidefinite/);
  });

  it.each([
    // Marginal quantiles: Φ⁻¹(0.99) = 2.3263478740408408; t₅⁻¹(0.99)·√(3/5) = 3.3649299989072174·0.7745966692414834
    // = 2.606463569384279, density there t₅.pdf(3.36493)/√(3/5) = 0.010910975291951038/0.7745966692414834
    // (scipy.stats). SE of a 0.99 quantile: √(0.99·0.01/n)/f(q).
    ['Gaussian copula, t(5) marginals', { kind: 'gaussian' as const }, { kind: 'studentT' as const, dof: 5 }, 2.606463569384279],
    ['t(4) copula, normal marginals', { kind: 'studentT' as const, dof: 4 }, { kind: 'normal' as const }, 2.3263478740408408],
  ])('%s: the marginal is the one asked for', (_name, copula, marginal, q99) => {
    const m = 20000;
    const d = correlatedStandardDraws(Float64Array.from([1, 0.5, 0.5, 1]), 2, m, 8, copula, marginal);
    const density = marginal.kind === 'normal' ? Math.exp(-0.5 * q99 * q99) / Math.sqrt(2 * Math.PI) : 0.010910975291951038 / 0.7745966692414834;
    const se = Math.sqrt((0.99 * 0.01) / m) / density;
    for (const i of [0, 1]) expect(Math.abs(quantileOfUnsorted(d.draws.subarray(i * m, (i + 1) * m), 0.99) - q99)).toBeLessThan(4 * se);
  });

  it('Student-t copula tail dependence is higher than the Gaussian: joint 1 % exceedances vs scipy', () => {
    // P(U₁ > 0.99, U₂ > 0.99) at ρ = 0.5: Gaussian 0.0012939244182645915 (scipy multivariate_normal.cdf at
    // (−z, −z)); t₄ copula 0.0028767843516441047 (quad over the χ²₄ mixture; scipy multivariate_t.cdf agrees
    // to 2e-9). Empirical thresholds: each margin's type-7 0.99 quantile.
    const m = 200_000;
    const joint = (copula: { kind: 'gaussian' } | { kind: 'studentT'; dof: number }, marginal: { kind: 'normal' } | { kind: 'studentT'; dof: number }) => {
      const d = correlatedStandardDraws(Float64Array.from([1, 0.5, 0.5, 1]), 2, m, 2026, copula, marginal);
      const x = d.draws.subarray(0, m);
      const y = d.draws.subarray(m);
      const tx = quantileOfUnsorted(x, 0.99);
      const ty = quantileOfUnsorted(y, 0.99);
      let c = 0;
      for (let s = 0; s < m; s++) if (x[s] > tx && y[s] > ty) c++;
      return c / m;
    };
    const pg = joint({ kind: 'gaussian' }, { kind: 'normal' });
    const pt = joint({ kind: 'studentT', dof: 4 }, { kind: 'studentT', dof: 4 });
    const se = (p: number) => Math.sqrt((p * (1 - p)) / m);
    expect(Math.abs(pg - 0.0012939244182645915)).toBeLessThan(5 * se(0.0012939244182645915));
    expect(Math.abs(pt - 0.0028767843516441047)).toBeLessThan(5 * se(0.0028767843516441047));
    expect(pt - pg).toBeGreaterThan(5 * Math.hypot(se(pg), se(pt)));
  });
});

describe('per-account VaR and ES of a single linear position vs the closed form', () => {
  // Long 1 BTC-PERP at the spot 50,000 (no PnL at the start), σ = 0.8, 10 days, zero-mean log return:
  // L = 50,000·(1 − e^{σ_h Z}), σ_h = 0.8·√(10/365) = 0.13241694217637887.
  // VaR₀.₉₉ = 50,000·(1 − e^{σ_h Φ⁻¹(0.01)}) = 13,255.993147770789; ES = 50,000·(1 − e^{σ_h²/2}·Φ(z − σ_h)/0.01)
  // = 14,839.10895834253; mean loss 50,000·(1 − e^{σ_h²/2}) = −440.2833535032125 (scipy.stats.norm).
  // Sampling SEs at n = 20,000: VaR 128.44 (√(α(1−α)/n)/f_L), ES 149.18, mean 47.44.
  const book = perpBook([perpAccount('L', 100000, [1, 50000])]);
  const stress = prepareStressBook(book, SMALL_MARKET, FLAT_TIERED);
  const options = (marginal: MonteCarloOptions['marginal'], copula: MonteCarloOptions['copula']): MonteCarloOptions => ({
    assets: ['BTC'], correlation: [1], annualVol: [0.8], horizonDays: 10, seed: 99, scenarios: 20000, copula, marginal,
    confidence: [0.99], quantileLevels: [0.5, 0.99], penaltyRate: 0.01, insuranceFundUsd: 0,
  });

  it('normal marginal', () => {
    const r = runMonteCarlo(stress, options({ kind: 'normal' }, { kind: 'gaussian' }));
    expect(Math.abs(r.accounts.valueAtRiskUsd[0] - 13255.993147770789)).toBeLessThan(4 * 128.44);
    expect(Math.abs(r.accounts.expectedShortfallUsd[0] - 14839.10895834253)).toBeLessThan(4 * 149.18);
    expect(Math.abs(r.accounts.expectedLossUsd[0] - -440.2833535032125)).toBeLessThan(4 * 47.44);
    expect(r.accounts.lossQuantilesUsd[1]).toBe(r.accounts.valueAtRiskUsd[0]);
    expect(r.accounts.liquidationProbability[0]).toBe(0); // 100,000 USDT never runs out at these moves
  });

  it('Student-t(5) marginal (unit variance): VaR 14,593.937247303713 ± 4 × 234.17 (scipy.stats.t)', () => {
    const r = runMonteCarlo(stress, options({ kind: 'studentT', dof: 5 }, { kind: 'studentT', dof: 5 }));
    expect(Math.abs(r.accounts.valueAtRiskUsd[0] - 14593.937247303713)).toBeLessThan(4 * 234.17);
  });
});

describe('quantiles by successive selection', () => {
  const check = (xs: number[], ls: Float64Array, sign: 1 | -1) => {
    const v = Float64Array.from(xs);
    const losses = Float64Array.from(v, (x) => sign * x);
    const out = new Float64Array(ls.length);
    const scratch = new Float64Array(v.length);
    const summary = quantilesBySelection(v, ls, scratch, out, 0, sign);
    const sorted = Float64Array.from(losses).sort();
    ls.forEach((p, q) => expect(out[q] === quantileType7(sorted, p)).toBe(true));
    ls.forEach((p, q) => {
      const full = tailMean(losses, out[q]);
      expect(Math.abs(tailMeanAfterSelection(v, scratch, p, out[q], sign) - full)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(full)));
    });
    expect(summary.max).toBe(sorted[sorted.length - 1]);
    const sum = losses.reduce((a, b) => a + b, 0);
    expect(Math.abs(summary.sum - sum)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(sum)));
  };
  const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
  const levelsIn = (min: number) => fc.uniqueArray(fc.double({ min, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 })
    .map((l) => Float64Array.from(l.sort((a, b) => a - b)));

  it('equal numpy type 7 (quantileOfUnsorted) bit for bit, ties included; ES from the partition equals the full scan', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), levelsIn(0), fc.constantFrom(1 as const, -1 as const), check), { numRuns: 300, seed: 1 });
  });

  it('the same through the one-pass tail partition (n ≥ 512, levels ≥ ½), losses of a PnL sample included', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 512, maxLength: 3000 }), levelsIn(0.5), fc.constantFrom(1 as const, -1 as const), check), { numRuns: 200, seed: 2 });
  });

  it('refuses a non-finite value on either path', () => {
    const big = new Float64Array(1000).fill(1);
    big[700] = Infinity;
    expect(() => quantilesBySelection(big, Float64Array.of(0.99), new Float64Array(1000), new Float64Array(1))).toThrow(/index 700/);
    big[700] = NaN;
    expect(() => quantilesBySelection(big, Float64Array.of(0.1), new Float64Array(1000), new Float64Array(1))).toThrow(/index 700/);
  });
});
