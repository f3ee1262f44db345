/**
 * Stress runs side by side (kinds 'stress' and 'reverseStress', main/services/stress): typically the
 * same book under base and stressed correlation, two scenarios or two severities. Book totals with
 * their differences, the per-account scenario loss and the Monte Carlo bad debt on shared bins,
 * the liquidation cascade round by round and the insurance fund's path; for reverse stress, bad
 * debt against severity and the breaking points. Everything is read from the stored runs (the
 * summary the stress service stores and its float64 vectors).
 */
import type { FigureRow, ReverseStressCompareView, StressCompareView, StressReverseOutput } from '../../preload/contract';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';
import { figureRow } from './compareBacktest';
import { TAIL_SHARE, tailedHistogram } from './compareBins';
import type { CompareKindAdapter } from './compareTypes';
import { REVERSE_STRESS_RUN_KIND, STRESS_RUN_KIND } from './stress';
import type { StoredStressSummary } from './stress/output';

/** Equal-width bins of the shared loss histograms. */
export const STRESS_BINS = 40;

type ReverseSummary = Omit<StressReverseOutput, 'runId' | 'resultHash' | 'durationMs'>;

const stressSummary = (run: RunRecord, store: Store): StoredStressSummary => store.runs.summaries(run.id).summary as StoredStressSummary;

function vector(store: Store, run: RunRecord, name: string): Float64Array | undefined {
  return store.runs.vector(run.id, name);
}

function totalsRows(s: readonly StoredStressSummary[]): FigureRow[] {
  const row = (key: string, label: string, unit: FigureRow['unit'], f: (x: StoredStressSummary) => number | string | null) => figureRow(key, label, unit, s.map(f));
  const mc = (f: (m: NonNullable<StoredStressSummary['monteCarlo']>) => number) => (x: StoredStressSummary) => (x.monteCarlo ? f(x.monteCarlo) : null);
  return [
    row('scenario', 'Scenario', 'text', (x) => x.scenario.name),
    row('severity', 'Severity k', 'number', (x) => x.severity),
    row('accounts', 'Accounts', 'integer', (x) => x.totals.accounts),
    row('accountsLiquidated', 'Accounts liquidated', 'integer', (x) => x.totals.accountsLiquidated),
    row('notionalLiquidatedUsd', 'Notional liquidated', 'usd', (x) => x.totals.notionalLiquidatedUsd),
    row('badDebtUsd', 'Bad debt', 'usd', (x) => x.totals.badDebtUsd),
    row('penaltiesUsd', 'Liquidation penalties', 'usd', (x) => x.totals.penaltiesUsd),
    row('impactCostUsd', 'Market impact cost', 'usd', (x) => x.totals.impactCostUsd),
    row('fundInitialUsd', 'Insurance fund before', 'usd', (x) => x.totals.insuranceFund.initialUsd),
    row('fundFinalUsd', 'Insurance fund after', 'usd', (x) => x.totals.insuranceFund.finalUsd),
    row('fundDrawdownUsd', 'Insurance fund drawdown', 'usd', (x) => x.totals.insuranceFund.drawdownUsd),
    row('fundExhausted', 'Fund exhausted', 'text', (x) => (x.totals.insuranceFund.exhausted ? `yes, round ${x.totals.insuranceFund.exhaustedInRound ?? '?'}` : 'no')),
    row('socialisedLossUsd', 'Loss socialised by ADL', 'usd', (x) => x.totals.adl.socialisedLossUsd),
    row('residualBadDebtUsd', 'Residual bad debt', 'usd', (x) => x.totals.adl.residualBadDebtUsd),
    row('rounds', 'Cascade rounds', 'integer', (x) => x.rounds.length),
    row('mcMeanBadDebtUsd', 'Monte Carlo mean bad debt', 'usd', mc((m) => m.book.badDebtUsd.mean)),
    row('mcMaxBadDebtUsd', 'Monte Carlo largest bad debt', 'usd', mc((m) => m.book.badDebtUsd.max)),
    row('mcProbabilityFundExhausted', 'Monte Carlo P(fund exhausted)', 'fraction', mc((m) => m.book.probabilityFundExhausted)),
    row('mcMeanAccountsLiquidated', 'Monte Carlo mean accounts liquidated', 'number', mc((m) => m.book.meanAccountsLiquidated)),
    row('mcCorrelation', 'Monte Carlo correlation', 'text', (x) => (x.monteCarlo ? (x.monteCarlo.correlation.shocked ? 'stressed (scenario applied)' : 'base') : null)),
  ];
}

export function stressView(runs: readonly RunRecord[], store: Store, notes: string[]): StressCompareView {
  const s = runs.map((r) => stressSummary(r, store));
  if (new Set(s.map((x) => x.bookId)).size > 1) notes.push('The runs stress different books: per-account losses are not the same accounts.');
  const losses = runs.map((r) => {
    const pnl = vector(store, r, 'scenarioPnlUsd');
    if (!pnl) throw new Error(`stress run ${r.id} has no scenarioPnlUsd vector`);
    return pnl.map((x) => -x);
  });
  const maxRounds = Math.max(0, ...s.map((x) => x.rounds.length));
  const rounds = Array.from({ length: maxRounds }, (_, i) => i + 1);
  const perRound = (x: StoredStressSummary, f: (r: StoredStressSummary['rounds'][number]) => number) => rounds.map((_, i) => (i < x.rounds.length ? f(x.rounds[i]) : null));
  const mcBadDebt = runs.map((r) => vector(store, r, 'mc.book.badDebtUsd'));
  const allMc = mcBadDebt.every((v): v is Float64Array => v !== undefined);
  if (!allMc && mcBadDebt.some((v) => v !== undefined)) notes.push('Only some runs have a Monte Carlo: its distributions are not compared.');
  return {
    kind: 'stress',
    totals: totalsRows(s),
    lossHistogram: tailedHistogram(losses, STRESS_BINS),
    rounds,
    waterfall: s.map((x, k) => ({
      runId: runs[k].id,
      liquidatedNotionalUsd: perRound(x, (r) => r.notionalLiquidatedUsd),
      penaltiesUsd: perRound(x, (r) => r.penaltiesUsd),
      badDebtUsd: perRound(x, (r) => r.badDebtUsd),
      fundPaidUsd: perRound(x, (r) => r.fund.paidUsd),
    })),
    fundPath: s.map((x, k) => ({
      runId: runs[k].id,
      fundUsd: [x.totals.insuranceFund.initialUsd, ...perRound(x, (r) => r.fund.fundAfterUsd)],
    })),
    monteCarloBadDebt: allMc ? tailedHistogram(mcBadDebt, STRESS_BINS, TAIL_SHARE, 'log') : null,
  };
}

export function reverseStressView(runs: readonly RunRecord[], store: Store): ReverseStressCompareView {
  const s = runs.map((r) => store.runs.summaries(r.id).summary as ReverseSummary);
  const row = (key: string, label: string, unit: FigureRow['unit'], f: (x: ReverseSummary) => number | string | null) => figureRow(key, label, unit, s.map(f));
  return {
    kind: 'reverseStress',
    curves: s.map((x, k) => ({ runId: runs[k].id, points: x.curve.map((p): [number, number] => [p.severity, p.badDebtUsd]) })),
    figures: [
      row('scenario', 'Scenario', 'text', (x) => x.scenario.name),
      row('target', 'Target', 'text', (x) => (x.target.kind === 'insuranceFund' ? 'insurance fund exhausted' : `bad debt above ${x.target.thresholdUsd} USD`)),
      row('severity', 'Breaking severity k', 'number', (x) => x.severity),
      row('below', 'Target not met at k', 'number', (x) => x.bracket?.below ?? null),
      row('above', 'Target met at k', 'number', (x) => x.bracket?.above ?? null),
      row('severityBound', 'Largest feasible k searched', 'number', (x) => x.severityBound),
      row('evaluations', 'Evaluations', 'integer', (x) => x.evaluations),
      row('nonMonotone', 'Segments where bad debt falls as k grows', 'integer', (x) => x.nonMonotone.length),
    ],
  };
}

export const stressCompareAdapter: CompareKindAdapter = {
  kind: STRESS_RUN_KIND,
  title: 'Stress runs',
  runTitleParts: (run, store) => {
    const x = stressSummary(run, store);
    const corr = x.monteCarlo ? (x.monteCarlo.correlation.shocked ? 'stressed correlation' : 'base correlation') : 'no Monte Carlo';
    return [x.model.name, x.bookName, x.scenario.name, `severity ×${x.severity}`, corr, x.at];
  },
  synthetic: (run, store) => stressSummary(run, store).synthetic,
  view: stressView,
};

export const reverseStressCompareAdapter: CompareKindAdapter = {
  kind: REVERSE_STRESS_RUN_KIND,
  title: 'Reverse stress runs',
  runTitleParts: (run, store) => {
    const x = store.runs.summaries(run.id).summary as ReverseSummary;
    const target = x.target.kind === 'insuranceFund' ? 'fund exhausted' : `bad debt > ${x.target.thresholdUsd} USD`;
    return [x.model.name, x.scenario.name, target, x.at];
  },
  synthetic: (run, store) => {
    const x = store.runs.summaries(run.id).summary as ReverseSummary;
    return store.books.summary(x.bookId)?.synthetic ?? store.datasets.get(x.datasetId)?.synthetic ?? false;
  },
  view: (runs, store) => reverseStressView(runs, store),
};
