/**
 * Sweep runs (kind 'calibration:sweep'): every parameter set of a grid backtested on one common
 * test period and ranked by non-dominated sorting. Report: the Pareto frontier, the cost/coverage
 * scatter and the best-ranked sets.
 */
import type { Cell, KeyFigure, RunReportPart } from '../../../core/report';
import { flattenParameters, num, SWEEP_METHODOLOGY } from '../../../core/report';
import type { RankedRow } from '../../calibrationSweep';
import { calibrationService } from '../../calibration';
import type { RunKindAdapter } from './types';
import { auditRecord, collectDatasetRun, datasetInputRecords, type DatasetRunInputs, provenanceRecords, recordedInputs, restoreDatasetRun } from './shared';

export const SWEEP_RUN_KIND = 'calibration:sweep';
const MAX_ROWS = 40;

interface SweepSummaries { testPeriod: { from: string; to: string }; sets: number; rows: RankedRow[]; frontier: { frontierIds: string[]; excluded: { id: string; reason: string }[] } }

const COLUMNS = [
  { key: 'rank', label: 'Rank', unit: 'integer' }, { key: 'id', label: 'Set', unit: 'text' }, { key: 'method', label: 'Method', unit: 'text' },
  { key: 'confidence', label: 'Confidence', unit: 'fraction' }, { key: 'window', label: 'Lookback (days)', unit: 'integer' }, { key: 'lambda', label: 'λ', unit: 'number' },
  { key: 'h', label: 'Horizon (days)', unit: 'integer' }, { key: 'apc', label: 'APC', unit: 'text' }, { key: 'x', label: 'Exceptions', unit: 'integer' },
  { key: 'coverage', label: 'Coverage', unit: 'fraction' }, { key: 'kupiec', label: 'Kupiec p', unit: 'pvalue' }, { key: 'cc', label: 'Christoffersen CC p', unit: 'pvalue' },
  { key: 'cost', label: 'Average margin', unit: 'fraction' }, { key: 'ptt', label: 'Peak-to-trough', unit: 'ratio' },
] as const;

const rowCells = (r: RankedRow): Cell[] => [r.rank, r.id, r.method, r.confidence, r.windowDays, num(r.ewmaLambda), r.horizonDays, r.apcVariant, r.exceptions,
  num(r.coverage), num(r.kupiecPValue), num(r.christoffersenPValueCc), num(r.averageMargin), num(r.peakToTroughRatio)];

export const sweepAdapter: RunKindAdapter = {
  kind: SWEEP_RUN_KIND,
  title: 'Parameter sweep',

  reportPart(run, store): RunReportPart {
    const recorded = recordedInputs<DatasetRunInputs>(run, ['datasetId', 'seriesHashes']);
    const s = store.runs.summaries(run.id) as unknown as SweepSummaries;
    const frontier = new Set(s.frontier.frontierIds);
    const ranked = [...s.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id));
    const point = (r: RankedRow): [number, number] => [r.averageMargin, r.kupiecPValue];
    const figure: KeyFigure = {
      id: 'sweepFrontier', label: 'Sweep: parameter sets on the Pareto frontier', value: { value: frontier.size, unit: 'integer' },
      runId: run.id, runLabel: run.label || run.id, detail: `of ${s.sets} sets, ${s.testPeriod.from} .. ${s.testPeriod.to}`,
    };
    return {
      run: auditRecord(run), kindTitle: this.title, synthetic: recorded.synthetic === true, keyFigures: [figure],
      methodology: SWEEP_METHODOLOGY,
      parameters: [['Dataset', `${recorded.datasetName} (${recorded.datasetId})`], ['Test period', `${s.testPeriod.from} .. ${s.testPeriod.to}`], ...flattenParameters(run.params, 40)],
      results: {
        section: 'calibration',
        blocks: [
          { kind: 'paragraph', text: `${s.sets} parameter sets backtested on ${s.testPeriod.from} .. ${s.testPeriod.to}; ${frontier.size} on the Pareto frontier (rank 0)` +
            `${s.frontier.excluded.length ? `; ${s.frontier.excluded.length} not ranked (an objective is undefined)` : ''}.` },
          {
            kind: 'chart',
            chart: {
              kind: 'scatter', id: 'sweep-cost-vs-kupiec', title: 'Average margin against Kupiec p-value', x: { label: 'Average margin', unit: 'fraction' },
              y: { label: 'Kupiec p-value', unit: 'number' },
              series: [
                { name: 'Pareto frontier', points: s.rows.filter((r) => frontier.has(r.id)).map(point) },
                { name: 'Other sets', points: s.rows.filter((r) => !frontier.has(r.id)).map(point) },
              ],
            },
          },
          {
            kind: 'table',
            table: {
              id: 'sweep-ranked', title: 'Parameter sets by frontier rank', columns: COLUMNS, rows: ranked.slice(0, MAX_ROWS).map(rowCells),
              ...(ranked.length > MAX_ROWS ? { note: `Best ${MAX_ROWS} of ${ranked.length} sets by rank.` } : {}),
            },
          },
        ],
      },
      inputs: datasetInputRecords(recorded),
      provenance: provenanceRecords(store, recorded.datasetId, recorded.seriesHashes),
    };
  },

  collectInputs: collectDatasetRun,

  async rerun(run, inputs, ctx, problems) {
    const prices = restoreDatasetRun(run, inputs, ctx, problems);
    const params = run.params as Omit<Parameters<ReturnType<typeof calibrationService>['sweep']>[0], 'prices'>;
    const out = await calibrationService(ctx).sweep({ ...params, prices });
    if (out.resultHash === null) throw new Error('the re-run was not recorded (its prices were not a stored dataset)');
    return out.resultHash;
  },
};
