/**
 * Monte Carlo over a book (docs/methodology stress-book-runs, "Monte Carlo"):
 *
 *   prepareMonteCarlo(stressBook, options)   draws the scenarios once (seeded), revalues every option
 *                                            instrument per scenario (instruments × scenarios matrix)
 *   monteCarloAccounts(prepared, range)      per-account losses over an account range (monteCarloAccounts.ts)
 *   combineMonteCarlo(prepared, parts)       book distributions, insurance fund per scenario, content hash
 *   runMonteCarlo(stressBook, options)       the three in one thread
 *
 * Scenario s moves asset a by m_a,s = exp(σ_h,a · x_a,s): x from copula.ts (unit variance), σ_h = σ_annual ·
 * √(horizonDays / 365) with σ_annual the caller's vol (EWMA, GARCH or stressed), i.e. a zero-mean log
 * return over the horizon. Options are fully revalued by Black-76 at the book's implied vol (sticky vol).
 * Assets the simulation does not list (e.g. a stablecoin held as collateral) keep their price and are
 * reported; an underlying of a position must be simulated.
 */
import { InputError } from '../errors';
import { DAYS_PER_YEAR } from '../instruments/black76';
import { bookMargin } from '../margin/modelDispatch';
import { bookScenarioSet } from '../margin/portfolioBookTerms';
import { compileTieredModel } from '../margin/tieredBookModel';
import { quantilesOfUnsorted } from '../numeric/quantile';
import type { PreparedStressBook } from './bookValuation';
import { correlatedStandardDraws, type CopulaSpec, type MarginalSpec } from './copula';
import { insuranceFundRound, requireFund } from './insuranceFund';
import { requirePenaltyRate } from './liquidation';
import { requireLevels } from './lossQuantiles';
import { monteCarloAccounts, type MonteCarloKernelInput, type MonteCarloPart } from './monteCarloAccounts';
import { contentHash } from './resultHash';

export const DEFAULT_MONTE_CARLO_SCENARIOS = 10_000;
/** Tail levels only by default: a median costs a selection over the whole sample (≈ 3× all tail levels together). */
export const DEFAULT_QUANTILE_LEVELS = [0.9, 0.95, 0.975, 0.99, 0.995, 0.999];

export interface MonteCarloOptions {
  /** Simulated assets, in the order of `correlation` and `annualVol`. */
  assets: string[];
  /** n × n row-major correlation matrix (e.g. a scenario's shocked and repaired one). */
  correlation: ArrayLike<number>;
  /** Annualised vol per simulated asset. */
  annualVol: ArrayLike<number>;
  horizonDays: number;
  seed: number;
  scenarios?: number;
  copula?: CopulaSpec;
  marginal?: MarginalSpec;
  /** Loss quantile levels per account (default DEFAULT_QUANTILE_LEVELS). */
  quantileLevels?: number[];
  /** VaR / ES confidences (default [0.99]). */
  confidence?: number[];
  penaltyRate: number;
  insuranceFundUsd: number;
}

export interface PreparedMonteCarlo extends MonteCarloKernelInput {
  seed: number;
  horizonDays: number;
  copula: CopulaSpec;
  marginal: MarginalSpec;
  simulatedAssets: string[];
  fixedAssets: string[];
  factorization: 'cholesky' | 'eigen';
  horizonVol: Float64Array;
  insuranceFundUsd: number;
  modelKind: string;
  modelName: string;
}

function merged(levels: number[], confidence: number[]): Float64Array {
  for (const c of confidence) if (!(c > 0 && c < 1)) throw new InputError(`confidence: must lie in (0, 1), got ${c}`);
  return requireLevels([...new Set([...levels, ...confidence])].sort((a, b) => a - b), 'quantileLevels');
}

export function prepareMonteCarlo(stress: PreparedStressBook, options: MonteCarloOptions): PreparedMonteCarlo {
  const { compiled, terms } = stress;
  const S = options.scenarios ?? DEFAULT_MONTE_CARLO_SCENARIOS;
  const n = options.assets.length;
  if (!(options.horizonDays > 0 && Number.isFinite(options.horizonDays))) throw new InputError(`horizonDays: must be a positive number, got ${options.horizonDays}`);
  if (options.annualVol.length !== n) throw new InputError(`annualVol: expected ${n} vols (one per simulated asset), got ${options.annualVol.length}`);
  const horizonVol = Float64Array.from(options.annualVol, (v, i) => {
    if (!(v >= 0 && Number.isFinite(v))) throw new InputError(`annualVol[${i}] (${options.assets[i]}): must be a finite vol >= 0, got ${v}`);
    return v * Math.sqrt(options.horizonDays / DAYS_PER_YEAR);
  });
  const copula = options.copula ?? { kind: 'gaussian' };
  const marginal = options.marginal ?? { kind: 'normal' };
  const draws = correlatedStandardDraws(options.correlation, n, S, options.seed, copula, marginal);
  const A = compiled.assets.length;
  const simIndex = new Map(options.assets.map((a, i) => [a, i]));
  if (simIndex.size !== n) throw new InputError(`assets: each simulated asset must be listed once, got ${options.assets.join(', ')}`);
  const multiplier = new Float64Array(A * S).fill(1);
  const fixedAssets: string[] = [];
  const underlying = new Uint8Array(A);
  for (let p = 0; p < compiled.positions.count; p++) underlying[compiled.instruments.underlying[compiled.positions.instrument[p]]] = 1;
  compiled.assets.forEach((asset, a) => {
    if (!terms.usedAsset[a]) return;
    const i = simIndex.get(asset);
    if (i === undefined) {
      if (underlying[a]) throw new InputError(`assets: ${asset} is the underlying of positions in the book but is not simulated`);
      fixedAssets.push(asset);
      return;
    }
    const sigma = horizonVol[i];
    for (let s = 0; s < S; s++) multiplier[a * S + s] = Math.exp(sigma * draws.draws[i * S + s]);
  });
  const set = bookScenarioSet(terms, S, multiplier, (i) => compiled.vol[compiled.instruments.underlying[i]]);
  const multiplierMin = new Float64Array(A).fill(1);
  const multiplierMax = new Float64Array(A).fill(1);
  const rowOfAsset = new Int32Array(A).fill(-1);
  for (let a = 0; a < A; a++) {
    if (!terms.usedAsset[a] || !simIndex.has(compiled.assets[a])) continue;
    rowOfAsset[a] = 0;
    for (let s = 0; s < S; s++) {
      const m = multiplier[a * S + s];
      if (m < multiplierMin[a]) multiplierMin[a] = m;
      if (m > multiplierMax[a]) multiplierMax[a] = m;
    }
  }
  const margin = bookMargin(compiled, stress.model, stress.context);
  return {
    terms, scenarios: S, multiplier, multiplierMin, multiplierMax, rowOfAsset, set, equityUsd: stress.equityUsd, maintenanceMarginUsd: Float64Array.from(margin.accounts.maintenanceMarginUsd),
    tiered: stress.model.kind === 'tiered' ? compileTieredModel(stress.model, compiled) : null,
    levels: merged(options.quantileLevels ?? DEFAULT_QUANTILE_LEVELS, options.confidence ?? [0.99]),
    confidence: Float64Array.from(options.confidence ?? [0.99]),
    penaltyRate: requirePenaltyRate(options.penaltyRate), insuranceFundUsd: requireFund(options.insuranceFundUsd),
    seed: options.seed, horizonDays: options.horizonDays, copula, marginal, simulatedAssets: [...options.assets], fixedAssets,
    factorization: draws.factor.method, horizonVol, modelKind: stress.model.kind, modelName: stress.model.name,
  };
}

export interface DistributionSummary {
  mean: number;
  /** At the prepared quantile levels. */
  quantiles: Float64Array;
}

export interface MonteCarloResult {
  seed: number;
  scenarios: number;
  horizonDays: number;
  copula: CopulaSpec;
  marginal: MarginalSpec;
  simulatedAssets: string[];
  fixedAssets: string[];
  factorization: 'cholesky' | 'eigen';
  modelKind: string;
  modelName: string;
  maintenance: 'perScenario' | 'heldAtStart';
  quantileLevels: Float64Array;
  confidence: Float64Array;
  accountIds: string[];
  accounts: {
    equityUsd: Float64Array;
    maintenanceMarginUsd: Float64Array;
    lossQuantilesUsd: Float64Array;
    valueAtRiskUsd: Float64Array;
    expectedShortfallUsd: Float64Array;
    expectedLossUsd: Float64Array;
    liquidationProbability: Float64Array;
    expectedBadDebtUsd: Float64Array;
  };
  /** Per scenario. */
  book: {
    badDebtUsd: Float64Array;
    penaltiesUsd: Float64Array;
    notionalLiquidatedUsd: Float64Array;
    accountsLiquidated: Int32Array;
    /** F0 − F_end: net use of the insurance fund (negative when penalties exceed bad debt). */
    fundDrawdownUsd: Float64Array;
    /** Bad debt the fund could not pay (would go to ADL). */
    deficitUsd: Float64Array;
  };
  summary: {
    badDebt: DistributionSummary;
    fundDrawdown: DistributionSummary;
    deficit: DistributionSummary;
    probabilityFundExhausted: number;
    meanAccountsLiquidated: number;
  };
  /** FNV-1a 64 over seed, sizes, levels and every array above (resultHash.ts). */
  hash: string;
}

function summary(x: Float64Array, levels: Float64Array): DistributionSummary {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return { mean: sum / x.length, quantiles: quantilesOfUnsorted(x, levels) };
}

function concat(parts: MonteCarloPart[], pick: (p: MonteCarloPart) => Float64Array, length: number): Float64Array {
  const out = new Float64Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(pick(p), at);
    at += pick(p).length;
  }
  return out;
}

export function combineMonteCarlo(p: PreparedMonteCarlo, parts: readonly MonteCarloPart[]): MonteCarloResult {
  const book = p.terms.book;
  const N = book.accounts.count;
  const S = p.scenarios;
  const sorted = [...parts].sort((a, b) => a.range.from - b.range.from);
  let next = 0;
  for (const part of sorted) {
    if (part.range.from !== next) throw new InputError(`Monte Carlo parts: accounts ${next}..${part.range.from - 1} are missing or covered twice`);
    next = part.range.to;
  }
  if (next !== N) throw new InputError(`Monte Carlo parts: accounts ${next}..${N - 1} are missing`);
  const L = p.levels.length;
  const C = p.confidence.length;
  const badDebt = new Float64Array(S);
  const penalties = new Float64Array(S);
  const notional = new Float64Array(S);
  const count = new Int32Array(S);
  for (const part of sorted) {
    const blocks = part.blockBadDebtUsd.length / S;
    for (let b = 0; b < blocks; b++) {
      for (let s = 0; s < S; s++) {
        badDebt[s] += part.blockBadDebtUsd[b * S + s];
        penalties[s] += part.blockPenaltiesUsd[b * S + s];
        notional[s] += part.blockNotionalLiquidatedUsd[b * S + s];
      }
    }
    for (let s = 0; s < S; s++) count[s] += part.accountsLiquidated[s];
  }
  const drawdown = new Float64Array(S);
  const deficit = new Float64Array(S);
  let exhausted = 0;
  let liquidatedSum = 0;
  for (let s = 0; s < S; s++) {
    const f = insuranceFundRound(p.insuranceFundUsd, penalties[s], badDebt[s]);
    drawdown[s] = p.insuranceFundUsd - f.fundAfterUsd;
    deficit[s] = f.deficitUsd;
    if (f.deficitUsd > 0) exhausted++;
    liquidatedSum += count[s];
  }
  const accounts = {
    equityUsd: p.equityUsd, maintenanceMarginUsd: p.maintenanceMarginUsd,
    lossQuantilesUsd: concat(sorted, (x) => x.lossQuantilesUsd, N * L), valueAtRiskUsd: concat(sorted, (x) => x.valueAtRiskUsd, N * C),
    expectedShortfallUsd: concat(sorted, (x) => x.expectedShortfallUsd, N * C), expectedLossUsd: concat(sorted, (x) => x.expectedLossUsd, N),
    liquidationProbability: concat(sorted, (x) => x.liquidationProbability, N), expectedBadDebtUsd: concat(sorted, (x) => x.expectedBadDebtUsd, N),
  };
  const bookOut = { badDebtUsd: badDebt, penaltiesUsd: penalties, notionalLiquidatedUsd: notional, accountsLiquidated: count, fundDrawdownUsd: drawdown, deficitUsd: deficit };
  const hash = contentHash([
    p.seed, S, p.horizonDays, p.levels, p.confidence, book.accounts.ids.length,
    accounts.lossQuantilesUsd, accounts.valueAtRiskUsd, accounts.expectedShortfallUsd, accounts.expectedLossUsd,
    accounts.liquidationProbability, accounts.expectedBadDebtUsd, badDebt, penalties, notional, count, drawdown, deficit,
  ]);
  return {
    seed: p.seed, scenarios: S, horizonDays: p.horizonDays, copula: p.copula, marginal: p.marginal, simulatedAssets: p.simulatedAssets,
    fixedAssets: p.fixedAssets, factorization: p.factorization, modelKind: p.modelKind, modelName: p.modelName,
    maintenance: p.tiered ? 'perScenario' : 'heldAtStart', quantileLevels: p.levels, confidence: p.confidence, accountIds: book.accounts.ids,
    accounts, book: bookOut,
    summary: {
      badDebt: summary(badDebt, p.levels), fundDrawdown: summary(drawdown, p.levels), deficit: summary(deficit, p.levels),
      probabilityFundExhausted: exhausted / S, meanAccountsLiquidated: liquidatedSum / S,
    },
    hash,
  };
}

/** prepare + all accounts in one range + combine. */
export function runMonteCarlo(stress: PreparedStressBook, options: MonteCarloOptions): MonteCarloResult {
  const prepared = prepareMonteCarlo(stress, options);
  return combineMonteCarlo(prepared, [monteCarloAccounts(prepared)]);
}


