/**
 * Book stress runs (kind 'stress', main/services/stress): one book under one scenario × severity,
 * optionally with the liquidation cascade and a Monte Carlo. Report: the stress key figures, the
 * totals, prices, loss allocation, cascade rounds with the insurance-fund path, the accounts with the
 * largest shortfall and the Monte Carlo distributions. Bundle: book, series (with the volume the
 * depth model reads), saved model and stored scenario (./stressInputs.ts); re-run through
 * stress:run's own service with the recorded parameters and seed.
 */
import { StressRunInput } from '../../../../preload/contract/schemas/stressRuns';
import { describeIssues } from '../../../../preload/contract/issues';
import { InputError } from '../../../core/errors';
import type { Cell, KeyFigure, MethodologyText, RunReportPart } from '../../../core/report';
import { flattenParameters, formatValue } from '../../../core/report';
import type { Store } from '../../../store';
import type { RunRecord } from '../../../store/runs';
import { STRESS_RUN_KIND, stressService } from '../../stress';
import type { StoredStressSummary } from '../../stress/output';
import { stressResultBlocks } from './stressBlocks';
import { collectStressInputs, restoreStressInputs, scenarioParameterRows, stressInputsAndProvenance, stressInputsOf } from './stressInputs';
import type { RunKindAdapter } from './types';
import { auditRecord } from './shared';

/** What stress:run records as `params` (services/stress/index.ts). */
interface StressParams {
  severity: number;
  penaltyRate: string;
  insuranceFundUsd: string;
  cascade: { maxRounds: number; depth: Record<string, unknown> } | null;
  monteCarlo: ({ seed: number } & Record<string, unknown>) | null;
  topAccounts: number;
}

export const STRESS_METHODOLOGY: MethodologyText = {
  key: 'stress', title: 'Book stress run, liquidation cascade and Monte Carlo',
  paragraphs: [
    'Every account is revalued under the scenario with its shocks multiplied by the severity k (full revaluation: options by Black-76 at the shocked vol of their ' +
      'expiry, perpetuals and futures at the shocked marks and basis, funding over the scenario\'s periods, collateral at the shocked haircuts) and margined by the ' +
      'chosen model at the shocked market. An account holding positions with equity ≤ maintenance margin is liquidated at the round\'s prices: penalty = min(r·L, max(0, E)) ' +
      'to the insurance fund (r the penalty rate, L the liquidated notional), bad debt = max(0, −E). The fund is credited the round\'s penalties, then pays its bad debt; ' +
      'a deficit is auto-deleveraged onto profitable opposite accounts in the BitMEX queue order (PnL / collateral × effective leverage); what nobody absorbs is residual ' +
      'bad debt. Conservation is checked on every run: Σ bad debt = Σ penalties + fund drawdown + ADL + residual.',
    'Cascade: the liquidations of a round are net market orders that move each index price by S′ = S·exp(±k_a (V/D_a)^β), with depth D = depthFraction × ADV ' +
      '(mean volume × close over the last 30 rows of the dataset) and k = Y·σ_daily: the square-root impact law (Tóth et al. 2011). Rounds repeat at the moved prices ' +
      'until one liquidates nobody or the round limit is reached. Without the cascade one round runs at the shocked prices.',
    'Key figures. Worst stress loss = Σ_k max(0, −ΔPnL_k): the total of the losses of the accounts that lose under the scenario, at the shocked prices, before any ' +
      'liquidation (other accounts\' gains do not offset it; impact costs and penalties of the liquidations are reported separately). It is the deterministic ' +
      'scenario\'s figure also when the run has a Monte Carlo, so one label always means one measure; the Monte Carlo adds its own figures: the book bad debt at the ' +
      'first VaR confidence (its type-7 quantile over the simulated scenarios) and the probability that the fund is exhausted. Bad debt = Σ of the liquidated accounts\' ' +
      'bad debt over all rounds; insurance-fund use = its drawdown, start − end (negative when penalties grew the fund); its remainder is the fund at the end.',
    'Monte Carlo: correlated zero-mean log returns over the horizon from one seeded stream (xoshiro128**), Gaussian or Student-t copula with normal or t marginals, ' +
      'S′ = S·exp(σ_h·x), σ_h = σ_annual·√(h/365); per scenario each account is liquidated as above in one round (no cascade, no ADL per scenario) and the fund pays ' +
      'once. Per-account VaR / ES are type-7 quantiles and tail means of the losses. The result hash (FNV-1a 64 over every simulated figure) is bit-identical however ' +
      'the accounts are split across worker threads, so an audit re-run reproduces it. Full formulas: docs/methodology, stress-book-runs.',
  ],
};

function summaryOf(run: RunRecord, store: Store): StoredStressSummary {
  return store.runs.summaries(run.id).summary as StoredStressSummary;
}

/** Worst stress loss Σ_k max(0, −ΔPnL_k) from the run's per-account scenario PnL vector (book order). */
export function worstStressLossUsd(store: Store, runId: string): number {
  const pnl = store.runs.vector(runId, 'scenarioPnlUsd');
  if (!pnl) throw new Error(`stress run ${runId} has no scenarioPnlUsd vector`);
  let loss = 0;
  for (let k = 0; k < pnl.length; k++) if (pnl[k]! < 0) loss -= pnl[k]!;
  return loss;
}

/** The Monte Carlo's bad-debt VaR level: the first VaR confidence when it is a quantile level, else the highest level. */
function monteCarloLevel(m: NonNullable<StoredStressSummary['monteCarlo']>): number {
  const i = m.quantileLevels.indexOf(m.confidence[0]!);
  return i >= 0 ? i : m.quantileLevels.length - 1;
}

function keyFigures(run: RunRecord, s: StoredStressSummary, worstLossUsd: number): KeyFigure[] {
  const runLabel = run.label || run.id;
  const detail = `${s.scenario.name} × ${s.severity}, ${s.bookName}, ${s.model.name}, ${s.at}${s.cascade ? ', cascade' : ''}`;
  const figure = (id: string, value: Cell, extra?: string, label?: string): KeyFigure => ({ id, ...(label ? { label } : {}), value, runId: run.id, runLabel, detail: extra ? `${detail}; ${extra}` : detail });
  const t = s.totals;
  const f = t.insuranceFund;
  const usdText = (x: number): string => `${formatValue(x, 'usd')} USD`;
  const figures: KeyFigure[] = [
    figure('worstStressLoss', { value: worstLossUsd, unit: 'usd' }, 'losses of the losing accounts at the shocked prices'),
    figure('badDebt', { value: t.badDebtUsd, unit: 'usd' }),
    figure('insuranceFundUse', { value: f.drawdownUsd, unit: 'usd' },
      `drawdown of ${usdText(f.initialUsd)}, ${usdText(f.finalUsd)} left${f.exhausted ? `, exhausted in round ${f.exhaustedInRound}` : ''}`),
    figure('stressFundRemaining', { value: f.finalUsd, unit: 'usd' }, undefined, 'Stress: insurance fund remaining'),
    figure('stressAccountsLiquidated', { value: t.accountsLiquidated, unit: 'integer' }, `of ${t.accounts.toLocaleString('en-US')} accounts`, 'Stress: accounts liquidated'),
    figure('stressNotionalLiquidated', { value: t.notionalLiquidatedUsd, unit: 'usd' }, undefined, 'Stress: notional liquidated'),
    figure('stressAdlSocialisedLoss', { value: t.adl.socialisedLossUsd, unit: 'usd' },
      `ADL ${t.adl.triggered ? `triggered, ${t.adl.counterpartiesHit} counterparties hit` : 'not triggered'}; residual bad debt ${usdText(t.adl.residualBadDebtUsd)}`,
      'Stress: loss socialised by ADL'),
  ];
  const m = s.monteCarlo;
  if (m) {
    const i = monteCarloLevel(m);
    const mc = `${m.scenarios.toLocaleString('en-US')} scenarios, seed ${m.seed}, ${m.horizonDays}-day horizon`;
    figures.push(
      figure('stressMonteCarloBadDebtVar', { value: m.book.badDebtUsd.quantiles[i]!, unit: 'usd' }, mc, `Stress Monte Carlo: book bad debt, ${formatValue(m.quantileLevels[i]!, 'fraction')} quantile`),
      figure('stressMonteCarloFundExhausted', { value: m.book.probabilityFundExhausted, unit: 'fraction' }, mc, 'Stress Monte Carlo: probability the insurance fund is exhausted'),
    );
  }
  return figures;
}

function parameterRows(run: RunRecord, s: StoredStressSummary): [string, Cell][] {
  const inputs = stressInputsOf(run);
  const p = run.params as StressParams;
  const depth = Object.entries(s.cascade?.depth ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([asset, d]): [string, Cell] =>
    [`cascade depth ${asset}`, `D ${formatValue(d.depthUsd, 'usd')} USD, k ${d.impactCoefficient.toPrecision(4)}, β ${d.impactExponent}`]);
  return [
    ['Book', `${s.bookName} (${s.bookId})`], ['Dataset', s.datasetId], ['Valuation date', s.at], ['Model', `${s.model.name} (${s.model.id}, ${s.model.kind})`],
    ...scenarioParameterRows(inputs),
    ['Severity k', p.severity], ['Penalty rate (fraction of liquidated notional)', p.penaltyRate], ['Insurance fund at the start (USD)', { decimal: p.insuranceFundUsd, unit: 'usd' }],
    ['Cascade', p.cascade ? 'on' : 'off (one round at the shocked prices)'],
    ...(p.cascade ? [...flattenParameters(p.cascade, 10, 'cascade'), ...depth] : []),
    ...(p.monteCarlo ? flattenParameters(p.monteCarlo, 30, 'monteCarlo') : [['Monte Carlo', 'none'] as [string, Cell]]),
    ['Accounts listed by shortfall', p.topAccounts],
  ];
}

export const stressAdapter: RunKindAdapter = {
  kind: STRESS_RUN_KIND,
  title: 'Stress run',

  reportPart(run, store): RunReportPart {
    const s = summaryOf(run, store);
    const worst = worstStressLossUsd(store, run.id);
    const { inputs, provenance } = stressInputsAndProvenance(store, run);
    const t = s.totals;
    return {
      run: auditRecord(run), kindTitle: this.title,
      synthetic: s.synthetic || (store.datasets.get(s.datasetId)?.synthetic ?? false),
      keyFigures: keyFigures(run, s, worst),
      methodology: STRESS_METHODOLOGY,
      parameters: parameterRows(run, s),
      results: { section: 'stress', blocks: stressResultBlocks(s, worst) },
      comparison: {
        key: 'stress', title: 'Stress runs side by side',
        columns: [
          { key: 'run', label: 'Run', unit: 'text' }, { key: 'scenario', label: 'Scenario', unit: 'text' }, { key: 'severity', label: 'Severity', unit: 'number' },
          { key: 'model', label: 'Model', unit: 'text' }, { key: 'cascade', label: 'Cascade', unit: 'text' }, { key: 'worst', label: 'Worst stress loss', unit: 'usd' },
          { key: 'liquidated', label: 'Accounts liquidated', unit: 'integer' }, { key: 'notional', label: 'Notional liquidated', unit: 'usd' },
          { key: 'badDebt', label: 'Bad debt', unit: 'usd' }, { key: 'fund', label: 'Fund drawdown', unit: 'usd' }, { key: 'adl', label: 'ADL socialised', unit: 'usd' },
          { key: 'residual', label: 'Residual bad debt', unit: 'usd' },
        ],
        row: [run.id, s.scenario.name, s.severity, s.model.name, s.cascade ? 'on' : 'off', worst, t.accountsLiquidated, t.notionalLiquidatedUsd, t.badDebtUsd,
          t.insuranceFund.drawdownUsd, t.adl.socialisedLossUsd, t.adl.residualBadDebtUsd],
      },
      inputs, provenance,
    };
  },

  collectInputs: collectStressInputs,

  async rerun(run, bundle, ctx, problems) {
    const inputs = stressInputsOf(run);
    const p = run.params as StressParams | null;
    if (p === null || typeof p !== 'object') throw new InputError(`run ${run.id}: it recorded no parameters`);
    if ((p.monteCarlo?.seed ?? null) !== run.seed) problems.push(`the recorded seed ${run.seed} is not the Monte Carlo seed of the parameters (${p.monteCarlo?.seed ?? 'none'})`);
    const scenario = restoreStressInputs(run, bundle, ctx, problems);
    const parsed = StressRunInput.safeParse({
      bookId: inputs.bookId, modelId: inputs.modelId, datasetId: inputs.datasetId, at: inputs.at, ...scenario,
      severity: p.severity, penaltyRate: p.penaltyRate, insuranceFundUsd: p.insuranceFundUsd, topAccounts: p.topAccounts,
      cascade: p.cascade !== null, ...(p.cascade ? { maxRounds: p.cascade.maxRounds, depth: p.cascade.depth } : {}),
      ...(p.monteCarlo ? { monteCarlo: p.monteCarlo } : {}),
    });
    if (!parsed.success) throw new InputError(`run ${run.id}: the recorded parameters are not a stress run's: ${describeIssues(parsed.error)}`);
    const out = await stressService(ctx).run(parsed.data);
    return out.resultHash;
  },
};
