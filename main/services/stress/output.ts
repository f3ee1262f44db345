/**
 * What a stress run stores (docs/formats scenarios, "Stored runs"): one JSON summary — the StressRunOutput
 * without runId / resultHash / durationMs — and float64 vectors per account and, with a Monte Carlo, per
 * scenario. Every stored number is finite: ratios that can be undefined (margin ratio at equity ≤ 0, an
 * ADL ranking with collateral ≤ 0) are derived on read or written as null, and a non-finite vector is an
 * internal error before anything is written.
 */
import type { Distribution, MonteCarloSummary, StressRunOutput } from '../../../preload/contract';
import type { BookRunResult } from '../../core/stress/bookRun';
import type { MonteCarloResult } from '../../core/stress/monteCarlo';
import { quantilesOfUnsorted } from '../../core/numeric/quantile';
import type { RunOutput } from '../../store/runs';
import type { MonteCarloPrepared } from './monteCarloWork';
import { ACCOUNT_VECTORS, pageAccountRows, type AccountVectors } from './rows';

export type StoredStressSummary = Omit<StressRunOutput, 'runId' | 'resultHash' | 'durationMs'>;

const HISTOGRAM_BINS = 40;
const MAX_ADL_HITS = 1000;

/** Mean, range, type-7 quantiles at `levels` and an equal-width histogram of a sample. */
export function distribution(x: ArrayLike<number>, levels: ArrayLike<number>, bins = HISTOGRAM_BINS): Distribution {
  const n = x.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += x[i]!;
    if (x[i]! < min) min = x[i]!;
    if (x[i]! > max) max = x[i]!;
  }
  const b = max > min ? bins : 1;
  const width = (max - min) / b;
  const counts = new Array<number>(b).fill(0);
  for (let i = 0; i < n; i++) counts[width > 0 ? Math.min(b - 1, Math.floor((x[i]! - min) / width)) : 0]!++;
  return {
    mean: sum / n, min, max, quantiles: Array.from(quantilesOfUnsorted(x, levels)),
    histogram: { edges: Array.from({ length: b + 1 }, (_, i) => (i === b ? max : min + i * width)), counts },
  };
}

function column(values: Float64Array, stride: number, offset: number): Float64Array {
  return Float64Array.from({ length: values.length / stride }, (_, k) => values[k * stride + offset]!);
}

function requireFinite(vectors: Record<string, Float64Array>): void {
  for (const [name, v] of Object.entries(vectors)) {
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) throw new Error(`stress run: vector ${name}[${i}] is ${v[i]}; nothing was stored`);
  }
}

export function bookRunVectors(run: BookRunResult): Record<string, Float64Array> {
  const a = run.accounts;
  const out: Record<string, Float64Array> = {};
  for (const name of ACCOUNT_VECTORS) out[name] = Float64Array.from(a[name] as ArrayLike<number>);
  return out;
}

export function monteCarloVectors(mc: MonteCarloResult): Record<string, Float64Array> {
  const a = mc.accounts;
  const b = mc.book;
  return {
    'mc.expectedLossUsd': a.expectedLossUsd, 'mc.valueAtRiskUsd': a.valueAtRiskUsd, 'mc.expectedShortfallUsd': a.expectedShortfallUsd,
    'mc.liquidationProbability': a.liquidationProbability, 'mc.expectedBadDebtUsd': a.expectedBadDebtUsd, 'mc.lossQuantilesUsd': a.lossQuantilesUsd,
    'mc.book.badDebtUsd': b.badDebtUsd, 'mc.book.fundDrawdownUsd': b.fundDrawdownUsd, 'mc.book.deficitUsd': b.deficitUsd,
    'mc.book.penaltiesUsd': b.penaltiesUsd, 'mc.book.notionalLiquidatedUsd': b.notionalLiquidatedUsd, 'mc.book.accountsLiquidated': Float64Array.from(b.accountsLiquidated),
  };
}

/** Vectors as AccountVectors (rows.ts) — from a fresh run or read back from the store. */
export function accountVectorsOf(ids: string[], vectors: Record<string, Float64Array>, confidences: number | null): AccountVectors {
  const v = Object.fromEntries(ACCOUNT_VECTORS.map((n) => [n, vectors[n]!])) as AccountVectors['v'];
  const mc = confidences === null ? null : {
    confidences,
    v: {
      'mc.expectedLossUsd': vectors['mc.expectedLossUsd']!, 'mc.valueAtRiskUsd': vectors['mc.valueAtRiskUsd']!,
      'mc.expectedShortfallUsd': vectors['mc.expectedShortfallUsd']!, 'mc.liquidationProbability': vectors['mc.liquidationProbability']!,
      'mc.expectedBadDebtUsd': vectors['mc.expectedBadDebtUsd']!,
    },
  };
  return { ids, v, mc };
}

export function monteCarloSummary(mc: MonteCarloResult, meta: Omit<MonteCarloPrepared, 'prepared'>, volSource: MonteCarloSummary['volSource'], topAccounts: number): MonteCarloSummary {
  const levels = mc.quantileLevels;
  const C = mc.confidence.length;
  const L = levels.length;
  const a = mc.accounts;
  const es0 = column(a.expectedShortfallUsd, C, 0);
  const order = Array.from(es0.keys()).sort((i, j) => es0[j]! - es0[i]! || mc.accountIds[i]!.localeCompare(mc.accountIds[j]!)).slice(0, topAccounts);
  let atRisk = 0;
  for (let k = 0; k < a.liquidationProbability.length; k++) if (a.liquidationProbability[k]! > 0) atRisk++;
  return {
    seed: mc.seed, scenarios: mc.scenarios, horizonDays: mc.horizonDays,
    copula: mc.copula.kind === 'studentT' ? { kind: 't', dof: mc.copula.dof } : { kind: 'gaussian', dof: null },
    marginal: mc.marginal.kind === 'studentT' ? { kind: 't', dof: mc.marginal.dof } : { kind: 'normal', dof: null },
    volSource, annualVol: meta.annualVol, correlation: meta.correlation,
    simulatedAssets: mc.simulatedAssets, fixedAssets: mc.fixedAssets, factorization: mc.factorization, maintenance: mc.maintenance,
    quantileLevels: Array.from(levels), confidence: Array.from(mc.confidence), hash: mc.hash,
    book: {
      badDebtUsd: distribution(mc.book.badDebtUsd, levels), fundDrawdownUsd: distribution(mc.book.fundDrawdownUsd, levels),
      deficitUsd: distribution(mc.book.deficitUsd, levels),
      probabilityFundExhausted: mc.summary.probabilityFundExhausted, meanAccountsLiquidated: mc.summary.meanAccountsLiquidated,
    },
    accounts: {
      valueAtRiskUsd: distribution(column(a.valueAtRiskUsd, C, 0), levels), expectedShortfallUsd: distribution(es0, levels),
      accountsWithLiquidationRisk: atRisk,
      top: order.map((k) => ({
        accountId: mc.accountIds[k]!, equityUsd: a.equityUsd[k]!, maintenanceMarginUsd: a.maintenanceMarginUsd[k]!, expectedLossUsd: a.expectedLossUsd[k]!,
        liquidationProbability: a.liquidationProbability[k]!, expectedBadDebtUsd: a.expectedBadDebtUsd[k]!,
        lossQuantilesUsd: Array.from(a.lossQuantilesUsd.subarray(k * L, (k + 1) * L)),
        valueAtRiskUsd: Array.from(a.valueAtRiskUsd.subarray(k * C, (k + 1) * C)), expectedShortfallUsd: Array.from(a.expectedShortfallUsd.subarray(k * C, (k + 1) * C)),
      })),
    },
  };
}

const record = (assets: readonly string[], values: ArrayLike<number>): Record<string, number> => Object.fromEntries(assets.map((a, i) => [a, values[i]!]));
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface StressRunHeader extends Pick<StoredStressSummary, 'bookId' | 'bookName' | 'synthetic' | 'model' | 'datasetId' | 'at' | 'scenario' | 'penaltyRate' | 'insuranceFundUsd' | 'cascade'> {
  pricesBefore: Record<string, number>;
  shockedSpot: Record<string, number>;
  topAccounts: number;
}

/** The stored output of a stress run: its summary (StressRunOutput minus ids and timing) and its vectors. */
export function stressRunOutput(h: StressRunHeader, run: BookRunResult, mc: { result: MonteCarloResult; meta: Omit<MonteCarloPrepared, 'prepared'>; volSource: MonteCarloSummary['volSource'] } | null): RunOutput {
  const vectors = { ...bookRunVectors(run), ...(mc ? monteCarloVectors(mc.result) : {}) };
  requireFinite(vectors);
  const accounts = accountVectorsOf(run.accountIds, vectors, mc ? mc.result.confidence.length : null);
  const top = pageAccountRows(accounts, { offset: 0, limit: h.topAccounts, sortBy: 'shortfallUsd', descending: true, onlyLiquidated: false });
  const t = run.totals;
  const summary: StoredStressSummary = {
    bookId: h.bookId, bookName: h.bookName, synthetic: h.synthetic, model: h.model, datasetId: h.datasetId, at: h.at, scenario: h.scenario,
    severity: run.severity, penaltyRate: h.penaltyRate, insuranceFundUsd: h.insuranceFundUsd, cascade: h.cascade,
    prices: { before: h.pricesBefore, shocked: h.shockedSpot, final: record(run.assets, run.finalPricesUsd) },
    totals: {
      accounts: run.accountIds.length, accountsLiquidated: t.accountsLiquidated, notionalLiquidatedUsd: t.notionalLiquidatedUsd, badDebtUsd: t.badDebtUsd,
      penaltiesUsd: t.penaltiesUsd, impactCostUsd: t.impactCostUsd, insuranceFund: t.insuranceFund,
      adl: { triggered: t.adl.triggered, counterpartiesHit: new Set(t.adl.counterparties.map((c) => c.accountId)).size, socialisedLossUsd: t.adl.socialisedLossUsd, residualBadDebtUsd: t.adl.residualBadDebtUsd },
      stoppedBy: run.stoppedBy, unresolvedLiquidatable: run.unresolvedLiquidatable,
    },
    conservation: run.conservation,
    topAccounts: top.rows,
    rounds: run.rounds.map((r) => ({
      round: r.round, accountsLiquidated: r.accountsLiquidated, notionalLiquidatedUsd: r.notionalLiquidatedUsd, impactCostUsd: r.impactCostUsd,
      penaltiesUsd: r.penaltiesUsd, badDebtUsd: r.badDebtUsd, fund: r.fund,
      assets: run.assets.map((asset, a) => ({
        asset, priceBeforeUsd: r.pricesBeforeUsd[a]!, priceAfterUsd: r.pricesAfterUsd[a]!, priceChangePct: r.priceChangePct[a]!,
        netOrderCoin: r.netOrderCoin[a]!, netOrderUsd: r.netOrderUsd[a]!,
      })).filter((x) => x.netOrderCoin !== 0 && Number.isFinite(x.priceBeforeUsd)),
    })),
    adlHits: t.adl.counterparties.slice(0, MAX_ADL_HITS).map((hit) => ({
      rank: hit.rank, accountId: hit.accountId, asset: hit.asset, side: hit.side, unrealisedPnlUsd: hit.unrealisedPnlUsd,
      pnlFraction: finiteOrNull(hit.pnlFraction), effectiveLeverage: hit.effectiveLeverage, rankingScore: finiteOrNull(hit.rankingScore), amountUsd: hit.amountUsd,
    })),
    monteCarlo: mc ? monteCarloSummary(mc.result, mc.meta, mc.volSource, h.topAccounts) : null,
    seed: mc ? mc.result.seed : null,
    notes: run.notes,
  };
  return { summaries: { summary, accounts: { ids: run.accountIds, confidences: mc ? mc.result.confidence.length : null } }, vectors };
}
