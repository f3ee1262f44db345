/**
 * Backtest runs (kind 'calibration:backtest', main/services/calibration.ts): a walk-forward VaR
 * backtest of an asset or a fixed portfolio on a stored dataset. Report: the coverage tests and the
 * traffic light, margin against realised loss with the exception days, the exception list.
 */
import type { BacktestOutput } from '../../../../preload/contract/schemas/calibrationChannels';
import type { Block, Cell, KeyFigure, RunReportPart } from '../../../core/report';
import { BACKTEST_METHODOLOGY, flattenParameters, num } from '../../../core/report';
import type { Store } from '../../../store';
import type { RunRecord } from '../../../store/runs';
import { calibrationService } from '../../calibration';
import type { RunKindAdapter } from './types';
import { auditRecord, collectDatasetRun, datasetInputRecords, type DatasetRunInputs, provenanceRecords, recordedInputs, restoreDatasetRun } from './shared';

export const BACKTEST_RUN_KIND = 'calibration:backtest';
const MAX_EXCEPTION_ROWS = 100;

type Figures = Omit<BacktestOutput, 'runId' | 'resultHash' | 'source' | 'series'>;

function vector(store: Store, runId: string, name: string): Float64Array {
  const v = store.runs.vector(runId, name);
  if (!v) throw new Error(`backtest run ${runId} has no ${name} vector`);
  return v;
}

const zoneText = (zone: string, greenMax: number, yellowMax: number): string => `${zone} (green ≤ ${greenMax}, yellow ≤ ${yellowMax} exceptions)`;

function testsTable(f: Figures): Block {
  const expected = (1 - f.model.confidence) * f.observations;
  const rows: Cell[][] = [
    ['Test days', { value: f.observations, unit: 'integer' }, null, `${f.firstDate} .. ${f.lastDate}`],
    ['Exceptions', { value: f.exceptions, unit: 'integer' }, null, `expected ${expected.toFixed(1)} at ${(100 * f.model.confidence).toFixed(2)} %`],
    ['Coverage', { value: f.coverage, unit: 'fraction' }, null, `target ${(100 * f.model.confidence).toFixed(2)} %`],
    ['Kupiec POF likelihood ratio', { value: f.kupiec.lr, unit: 'number' }, num(f.kupiec.pValue), 'χ²(1)'],
    ['Christoffersen independence LR', { value: f.christoffersen.lrInd, unit: 'number' }, num(f.christoffersen.pValueInd), 'χ²(1)'],
    ['Christoffersen conditional coverage LR', { value: f.christoffersen.lrCc, unit: 'number' }, num(f.christoffersen.pValueCc), 'χ²(2)'],
    ['Basel traffic light (whole period)', f.trafficLight.zone, num(f.trafficLight.cumulativeProbability), zoneText(f.trafficLight.zone, f.trafficLight.greenMax, f.trafficLight.yellowMax)],
    [`Rolling ${f.rollingTrafficLight.windowDays}-day traffic light, worst / latest`, `${f.rollingTrafficLight.worstZone ?? '—'} / ${f.rollingTrafficLight.latestZone ?? '—'}`, null,
      `days green ${f.rollingTrafficLight.zoneDays.green}, yellow ${f.rollingTrafficLight.zoneDays.yellow}, red ${f.rollingTrafficLight.zoneDays.red}`],
    ['Largest exception loss', f.largestExceptionLoss === null ? null : { value: f.largestExceptionLoss, unit: 'fraction' }, null, 'of notional'],
    ['Average exception excess over margin', f.averageExceptionExcess === null ? null : { value: f.averageExceptionExcess, unit: 'fraction' }, null, 'of notional'],
    ['Average margin (cost)', { value: f.averageMargin, unit: 'fraction' }, null, 'of notional'],
    ['Peak-to-trough margin ratio', f.procyclicality.peakToTroughRatio === null ? null : { value: f.procyclicality.peakToTroughRatio, unit: 'ratio' }, null, 'max / min margin'],
  ];
  return {
    kind: 'table',
    table: {
      id: 'backtest-tests', title: `Coverage tests — ${f.label}`,
      columns: [{ key: 'test', label: 'Test', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }, { key: 'p', label: 'p-value / CDF', unit: 'pvalue' }, { key: 'note', label: 'Note', unit: 'text' }],
      rows,
      ...(f.droppedDates.length ? { note: `${f.droppedDates.length} day(s) dropped by the portfolio alignment (an asset had no close).` } : {}),
    },
  };
}

function resultBlocks(run: RunRecord, store: Store, f: Figures, dates: string[]): Block[] {
  const margin = vector(store, run.id, 'margin');
  const loss = vector(store, run.id, 'realisedLoss');
  const exception = vector(store, run.id, 'exception');
  const blocks: Block[] = [testsTable(f), {
    kind: 'chart',
    chart: {
      kind: 'line', id: 'backtest-margin-vs-loss', title: `Margin against realised loss — ${f.label}`, dates, y: { label: 'Fraction of notional', unit: 'fraction' },
      series: [
        { name: 'Margin', values: Array.from(margin, (v) => num(v)), style: 'line' },
        { name: 'Realised loss', values: Array.from(loss, (v) => num(v)), style: 'line' },
        { name: 'Exceptions', values: Array.from(loss, (v, i) => (exception[i] === 1 ? num(v) : null)), style: 'points' },
      ],
    },
  }];
  const index = new Map(dates.map((d, i) => [d, i]));
  const rows = f.exceptionDates.slice(0, MAX_EXCEPTION_ROWS).map((d, k): Cell[] => {
    const i = index.get(d);
    const m = i === undefined ? null : num(margin[i]);
    const l = num(f.exceptionLosses[k]);
    return [d, l, m, l !== null && m !== null ? l - m : null];
  });
  blocks.push({
    kind: 'table',
    table: {
      id: 'backtest-exceptions', title: 'Exceptions (realised loss above margin)',
      columns: [{ key: 'date', label: 'Test day', unit: 'date' }, { key: 'loss', label: 'Realised loss', unit: 'fraction' },
        { key: 'margin', label: 'Margin', unit: 'fraction' }, { key: 'excess', label: 'Excess', unit: 'fraction' }],
      rows,
      ...(f.exceptionDates.length > MAX_EXCEPTION_ROWS ? { note: `First ${MAX_EXCEPTION_ROWS} of ${f.exceptionDates.length} exceptions.` } : {}),
    },
  });
  return blocks;
}

export const backtestAdapter: RunKindAdapter = {
  kind: BACKTEST_RUN_KIND,
  title: 'Backtest',

  reportPart(run, store): RunReportPart {
    const recorded = recordedInputs<DatasetRunInputs>(run, ['datasetId', 'seriesHashes']);
    const { figures: f, dates } = store.runs.summaries(run.id) as { figures: Figures; dates: string[] };
    const runLabel = run.label || run.id;
    const detail = `${f.label}, ${f.firstDate} .. ${f.lastDate}`;
    const figure = (id: string, value: Cell): KeyFigure => ({ id, value, runId: run.id, runLabel, detail });
    return {
      run: auditRecord(run), kindTitle: this.title, synthetic: recorded.synthetic === true,
      keyFigures: [
        figure('coverage', { value: f.coverage, unit: 'fraction' }),
        figure('exceptions', { value: f.exceptions, unit: 'integer' }),
        figure('trafficLight', f.trafficLight.zone),
      ],
      methodology: BACKTEST_METHODOLOGY,
      parameters: [['Dataset', `${recorded.datasetName} (${recorded.datasetId})`], ...flattenParameters(run.params, 40)],
      results: { section: 'backtest', blocks: resultBlocks(run, store, f, dates) },
      comparison: {
        key: 'backtest', title: 'Backtests side by side',
        columns: [
          { key: 'run', label: 'Run', unit: 'text' }, { key: 'label', label: 'Model', unit: 'text' }, { key: 'from', label: 'From', unit: 'date' },
          { key: 'to', label: 'To', unit: 'date' }, { key: 'n', label: 'Days', unit: 'integer' }, { key: 'x', label: 'Exceptions', unit: 'integer' },
          { key: 'coverage', label: 'Coverage', unit: 'fraction' }, { key: 'kupiec', label: 'Kupiec p', unit: 'pvalue' },
          { key: 'cc', label: 'Christoffersen CC p', unit: 'pvalue' }, { key: 'zone', label: 'Traffic light', unit: 'text' }, { key: 'cost', label: 'Average margin', unit: 'fraction' },
        ],
        row: [run.id, f.label, f.firstDate, f.lastDate, f.observations, f.exceptions, num(f.coverage), num(f.kupiec.pValue), num(f.christoffersen.pValueCc), f.trafficLight.zone, num(f.averageMargin)],
      },
      inputs: datasetInputRecords(recorded),
      provenance: provenanceRecords(store, recorded.datasetId, recorded.seriesHashes),
    };
  },

  collectInputs: collectDatasetRun,

  async rerun(run, inputs, ctx, problems) {
    const prices = restoreDatasetRun(run, inputs, ctx, problems);
    const params = run.params as Omit<Parameters<ReturnType<typeof calibrationService>['backtest']>[0], 'prices'>;
    const out = await calibrationService(ctx).backtest({ ...params, prices });
    if (out.resultHash === null) throw new Error('the re-run was not recorded (its prices were not a stored dataset)');
    return out.resultHash;
  },
};
