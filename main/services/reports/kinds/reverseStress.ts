/**
 * Reverse stress runs (kind 'reverseStress', main/services/stress): the smallest severity k* of a
 * scenario at which the insurance fund is exhausted or the book's bad debt exceeds a threshold.
 * Report: the breaking point with its bracket, the bad-debt-against-severity curve (line chart over
 * the search grid, every evaluation in a table). Bundle and re-run: as stress runs (./stressInputs.ts),
 * through stress:reverse's own service.
 */
import { StressReverseInput, type StressReverseOutput } from '../../../../preload/contract/schemas/stressRuns';
import { describeIssues } from '../../../../preload/contract/issues';
import { InputError } from '../../../core/errors';
import type { Block, Cell, KeyFigure, MethodologyText, RunReportPart } from '../../../core/report';
import { flattenParameters, formatValue } from '../../../core/report';
import type { Store } from '../../../store';
import { REVERSE_STRESS_RUN_KIND, stressService } from '../../stress';
import { collectStressInputs, restoreStressInputs, scenarioParameterRows, stressInputsAndProvenance, stressInputsOf } from './stressInputs';
import type { RunKindAdapter } from './types';
import { auditRecord } from './shared';

type ReverseSummary = Omit<StressReverseOutput, 'runId' | 'resultHash' | 'durationMs'>;
type ReverseParams = Pick<StressReverseOutput, 'target'> & {
  penaltyRate: string; insuranceFundUsd: string; severityMax: number; gridPoints: number; tolerance: number;
  cascade: { maxRounds: number; depth: Record<string, unknown> } | null;
};

const MAX_CURVE_ROWS = 200;

export const REVERSE_STRESS_METHODOLOGY: MethodologyText = {
  key: 'reverseStress', title: 'Reverse stress test',
  paragraphs: [
    'The reverse stress test searches the smallest severity k* of a scenario (its shocks multiplied by k; 1 = as written) at which the book run — liquidations, ' +
      'insurance fund and, when chosen, the liquidation cascade, exactly as a stress run — meets the target: the insurance fund is exhausted (some round leaves a ' +
      'deficit), or the book\'s bad debt exceeds a threshold. Search: the feasible range is bounded where a shocked price would reach 0 (bisected to 1e-9 relative); ' +
      'a grid of k on [0, bound] gives the curve of bad debt against severity; the first grid segment where the target turns from unmet to met is bisected until the ' +
      'bracket is narrower than the tolerance, and k* is its upper end. Segments where bad debt falls as k grows are reported as non-monotone (the first crossing is returned).',
    'Key figure: the reverse-stress breaking point is k*, the severity multiplier of the named scenario; "not met" when the target is not reached up to the bound.',
  ],
};

const targetText = (t: ReverseSummary['target']): string =>
  (t.kind === 'insuranceFund' ? 'insurance fund exhausted' : `bad debt above ${formatValue(Number(t.thresholdUsd), 'usd')} USD`);

/** The summary of a reverse run does not carry the book's name: it is read from the store (a deleted book says so). */
function bookOf(s: ReverseSummary, store: Store): { name: string; synthetic: boolean } {
  const book = store.books.summary(s.bookId);
  return { name: book?.name ?? `${s.bookId} (deleted)`, synthetic: (book?.synthetic ?? false) || (store.datasets.get(s.datasetId)?.synthetic ?? false) };
}

function resultBlocks(s: ReverseSummary, bookName: string): Block[] {
  const ratio = (x: number | null | undefined): Cell => (x === null || x === undefined ? null : { value: x, unit: 'ratio' });
  const blocks: Block[] = [{
    kind: 'table',
    table: {
      id: 'reverse-result', title: `Reverse stress — ${s.scenario.name} on ${bookName} at ${s.at}`,
      columns: [{ key: 'measure', label: 'Measure', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }],
      rows: [
        ['Target', targetText(s.target)],
        ['Breaking point k* (severity multiplier)', s.severity === null ? `not met up to k = ${formatValue(s.severityBound, 'ratio')}` : ratio(s.severity)],
        ['Bracket: target not met at k =', ratio(s.bracket?.below)], ['Bracket: target met at k =', ratio(s.bracket?.above)],
        ['Largest feasible severity searched', ratio(s.severityBound)],
        ['Bound set by a price reaching 0', s.priceViolation ? `${s.priceViolation.asset} (shock ${s.priceViolation.shockIndex + 1}: ${s.priceViolation.shock})` : 'no'],
        ['Evaluations (grid and bisection)', { value: s.evaluations, unit: 'integer' }],
        ['Non-monotone grid segments', { value: s.nonMonotone.length, unit: 'integer' }],
      ],
    },
  }];
  const grid = s.curve.filter((p) => p.source === 'grid');
  const threshold = s.target.kind === 'badDebt' ? Number(s.target.thresholdUsd) : null;
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'line', id: 'reverse-curve', title: `Bad debt against severity — target: ${targetText(s.target)}${s.severity === null ? '' : `, k* = ${formatValue(s.severity, 'ratio')}`}`,
      dates: grid.map((p) => `k ${formatValue(p.severity, 'ratio')}`), y: { label: 'Amount', unit: 'usd' },
      series: [
        { name: 'Bad debt', values: grid.map((p) => p.badDebtUsd), style: 'line' },
        { name: 'Deficit left by the fund', values: grid.map((p) => p.deficitUsd), style: 'line' },
        ...(threshold === null ? [] : [{ name: 'Threshold', values: grid.map(() => threshold), style: 'line' as const }]),
        { name: 'Target met', values: grid.map((p) => (p.met ? p.badDebtUsd : null)), style: 'points' },
      ],
    },
  });
  const curve = [...s.curve].sort((a, b) => a.severity - b.severity).slice(0, MAX_CURVE_ROWS);
  blocks.push({
    kind: 'table',
    table: {
      id: 'reverse-curve-points', title: 'Every evaluation, by severity',
      columns: [
        { key: 'k', label: 'Severity k', unit: 'ratio' }, { key: 'source', label: 'Step', unit: 'text' }, { key: 'liquidated', label: 'Accounts liquidated', unit: 'integer' },
        { key: 'badDebt', label: 'Bad debt', unit: 'usd' }, { key: 'deficit', label: 'Deficit left by the fund', unit: 'usd' },
        { key: 'fund', label: 'Fund at the end', unit: 'usd' }, { key: 'met', label: 'Target met', unit: 'text' },
      ],
      rows: curve.map((p): Cell[] => [p.severity, p.source, p.accountsLiquidated, p.badDebtUsd, p.deficitUsd, p.fundFinalUsd, p.met]),
      ...(s.curve.length > MAX_CURVE_ROWS ? { note: `First ${MAX_CURVE_ROWS} of ${s.curve.length} evaluations.` } : {}),
    },
  });
  for (const seg of s.nonMonotone.slice(0, 10)) {
    blocks.push({ kind: 'notice', text: `Non-monotone: bad debt falls from ${formatValue(seg.badDebtFromUsd, 'usd')} USD at k = ${formatValue(seg.from, 'ratio')} to ${formatValue(seg.badDebtToUsd, 'usd')} USD at k = ${formatValue(seg.to, 'ratio')}.` });
  }
  for (const note of s.notes) blocks.push({ kind: 'notice', text: `Note: ${note}.` });
  return blocks;
}

export const reverseStressAdapter: RunKindAdapter = {
  kind: REVERSE_STRESS_RUN_KIND,
  title: 'Reverse stress test',

  reportPart(run, store): RunReportPart {
    const s = store.runs.summaries(run.id).summary as ReverseSummary;
    const p = run.params as ReverseParams;
    const book = bookOf(s, store);
    const { inputs, provenance } = stressInputsAndProvenance(store, run);
    const runLabel = run.label || run.id;
    const detail = `${s.scenario.name} on ${book.name}, ${s.model.name}, ${s.at}; target ${targetText(s.target)}` +
      (s.bracket ? `; not met at k = ${formatValue(s.bracket.below, 'ratio')}, met at ${formatValue(s.bracket.above, 'ratio')}` : '');
    const figure: KeyFigure = {
      id: 'reverseStressBreakingPoint', value: s.severity === null ? `not met up to k = ${formatValue(s.severityBound, 'ratio')}` : { value: s.severity, unit: 'ratio' },
      runId: run.id, runLabel, detail,
    };
    return {
      run: auditRecord(run), kindTitle: this.title, synthetic: book.synthetic, keyFigures: [figure],
      methodology: REVERSE_STRESS_METHODOLOGY,
      parameters: [
        ['Book', `${book.name} (${s.bookId})`], ['Dataset', s.datasetId], ['Valuation date', s.at], ['Model', `${s.model.name} (${s.model.id}, ${s.model.kind})`],
        ...scenarioParameterRows(stressInputsOf(run)),
        ['Target', targetText(p.target)], ['Insurance fund at the start (USD)', { decimal: p.insuranceFundUsd, unit: 'usd' }],
        ['Penalty rate (fraction of liquidated notional)', p.penaltyRate], ['Largest severity searched', p.severityMax], ['Grid points', p.gridPoints],
        ['Tolerance on k', p.tolerance], ['Cascade', p.cascade ? 'on' : 'off (one round at the shocked prices)'],
        ...(p.cascade ? flattenParameters(p.cascade, 10, 'cascade') : []),
      ],
      results: { section: 'stress', blocks: resultBlocks(s, book.name) },
      comparison: {
        key: 'reverseStress', title: 'Reverse stress tests side by side',
        columns: [
          { key: 'run', label: 'Run', unit: 'text' }, { key: 'scenario', label: 'Scenario', unit: 'text' }, { key: 'model', label: 'Model', unit: 'text' },
          { key: 'target', label: 'Target', unit: 'text' }, { key: 'k', label: 'Breaking point k*', unit: 'ratio' },
          { key: 'below', label: 'Not met at k', unit: 'ratio' }, { key: 'above', label: 'Met at k', unit: 'ratio' }, { key: 'evaluations', label: 'Evaluations', unit: 'integer' },
        ],
        row: [run.id, s.scenario.name, s.model.name, targetText(s.target), s.severity, s.bracket?.below ?? null, s.bracket?.above ?? null, s.evaluations],
      },
      inputs, provenance,
    };
  },

  collectInputs: collectStressInputs,

  async rerun(run, bundle, ctx, problems) {
    const inputs = stressInputsOf(run);
    const p = run.params as ReverseParams | null;
    if (p === null || typeof p !== 'object') throw new InputError(`run ${run.id}: it recorded no parameters`);
    const scenario = restoreStressInputs(run, bundle, ctx, problems);
    const parsed = StressReverseInput.safeParse({
      bookId: inputs.bookId, modelId: inputs.modelId, datasetId: inputs.datasetId, at: inputs.at, ...scenario,
      penaltyRate: p.penaltyRate, insuranceFundUsd: p.insuranceFundUsd, target: p.target, severityMax: p.severityMax, gridPoints: p.gridPoints, tolerance: p.tolerance,
      cascade: p.cascade !== null, ...(p.cascade ? { maxRounds: p.cascade.maxRounds, depth: p.cascade.depth } : {}),
    });
    if (!parsed.success) throw new InputError(`run ${run.id}: the recorded parameters are not a reverse stress run's: ${describeIssues(parsed.error)}`);
    const out = await stressService(ctx).reverse(parsed.data);
    return out.resultHash;
  },
};
