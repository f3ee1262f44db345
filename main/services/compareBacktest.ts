/**
 * Backtests side by side (kind 'calibration:backtest'), typically the same asset before and after
 * a recalibration: margin and realised loss aligned on one date axis (every test day of any run),
 * the coverage tests and costs with their differences, and how the exception days overlap.
 */
import type { BacktestOutput } from '../../preload/contract/schemas/calibrationChannels';
import type { BacktestCompareView, FigureRow } from '../../preload/contract/schemas/compare';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';
import type { CompareKindAdapter } from './compareTypes';
import { BACKTEST_RUN_KIND } from './reports/kinds/backtest';

type Figures = Omit<BacktestOutput, 'runId' | 'resultHash' | 'source' | 'series'>;

interface StoredBacktest { figures: Figures; dates: string[]; margin: Float64Array; realisedLoss: Float64Array; exception: Float64Array }

/** The recorded backtest (calibrationOutputs.ts backtestRunOutput): figures and dates as summaries, series as vectors. */
export function storedBacktest(run: RunRecord, store: Store): StoredBacktest {
  const { figures, dates } = store.runs.summaries(run.id) as { figures: Figures; dates: string[] };
  const vector = (name: string): Float64Array => {
    const v = store.runs.vector(run.id, name);
    if (!v || v.length !== dates.length) throw new Error(`backtest run ${run.id}: its ${name} vector is missing or does not match its ${dates.length} test days`);
    return v;
  };
  return { figures, dates, margin: vector('margin'), realisedLoss: vector('realisedLoss'), exception: vector('exception') };
}

/** Sorted union of ascending ISO date lists. */
export function unionDates(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** A run's values on the shared axis: null where the run has no test day (NaN is never passed on). */
export function alignToDates<T>(dates: readonly string[], own: readonly string[], value: (i: number) => T): (T | null)[] {
  const index = new Map(own.map((d, i) => [d, i]));
  return dates.map((d) => {
    const i = index.get(d);
    return i === undefined ? null : value(i);
  });
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Target, method, α, window, horizon, λ, measure, APC ('' where the model has none). */
export function backtestTitleParts(f: Figures): string[] {
  const m = f.model;
  return [f.label, m.method.toUpperCase(), `α ${m.confidence}`, m.method === 'parametric' ? '' : `W ${m.windowDays}`, `h ${m.horizonDays}`,
    m.method === 'hs' ? '' : `λ ${m.lambda}`, m.measure === 'es' ? 'ES' : 'VaR', f.apc === 'none' ? '' : `APC ${f.apc}`];
}

/** One figure per run with value − base value where both are numbers. */
export function figureRow(key: string, label: string, unit: FigureRow['unit'], values: (number | string | null)[]): FigureRow {
  const base = values[0];
  return {
    key, label, unit, values,
    diff: values.slice(1).map((v) => (typeof v === 'number' && typeof base === 'number' ? v - base : null)),
  };
}

function figureRows(all: readonly Figures[]): FigureRow[] {
  const row = (key: string, label: string, unit: FigureRow['unit'], f: (x: Figures) => number | string | null) => figureRow(key, label, unit, all.map(f));
  return [
    row('firstDate', 'First test day', 'date', (f) => f.firstDate),
    row('lastDate', 'Last test day', 'date', (f) => f.lastDate),
    row('observations', 'Test days', 'integer', (f) => f.observations),
    row('exceptions', 'Exceptions', 'integer', (f) => f.exceptions),
    row('coverage', 'Coverage', 'fraction', (f) => f.coverage),
    row('kupiecLr', 'Kupiec POF likelihood ratio', 'number', (f) => f.kupiec.lr),
    row('kupiecPValue', 'Kupiec p-value', 'pvalue', (f) => f.kupiec.pValue),
    row('christoffersenPValueInd', 'Christoffersen independence p-value', 'pvalue', (f) => f.christoffersen.pValueInd),
    row('christoffersenPValueCc', 'Christoffersen conditional coverage p-value', 'pvalue', (f) => f.christoffersen.pValueCc),
    row('trafficLight', 'Basel traffic light', 'text', (f) => f.trafficLight.zone),
    row('averageMargin', 'Average margin', 'fraction', (f) => f.averageMargin),
    row('peakToTroughRatio', 'Peak-to-trough margin ratio', 'ratio', (f) => f.procyclicality.peakToTroughRatio),
    row('largestExceptionLoss', 'Largest exception loss', 'fraction', (f) => f.largestExceptionLoss),
    row('averageExceptionExcess', 'Average exception excess over margin', 'fraction', (f) => f.averageExceptionExcess),
  ];
}

export function backtestView(runs: readonly RunRecord[], store: Store, notes: string[]): BacktestCompareView {
  const stored = runs.map((r) => storedBacktest(r, store));
  const dates = unionDates(stored.map((s) => s.dates));
  const targets = new Set(stored.map((s) => s.figures.label));
  if (targets.size > 1) notes.push(`The backtests test different targets (${[...targets].join(' / ')}): realised losses differ as well as margins.`);
  const horizons = new Set(stored.map((s) => s.figures.model.horizonDays));
  if (horizons.size > 1) notes.push(`The horizons differ (${[...horizons].join(' / ')} days): realised losses are over different periods.`);
  const base = stored[0];
  const baseException = new Map(base.dates.map((d, i) => [d, base.exception[i] === 1]));
  return {
    kind: 'backtest',
    dates,
    series: stored.map((s, k) => ({
      runId: runs[k].id,
      margin: alignToDates(dates, s.dates, (i) => finiteOrNull(s.margin[i])),
      realisedLoss: alignToDates(dates, s.dates, (i) => finiteOrNull(s.realisedLoss[i])),
      exception: alignToDates(dates, s.dates, (i) => s.exception[i] === 1),
    })),
    figures: figureRows(stored.map((s) => s.figures)),
    exceptionOverlap: stored.slice(1).map((s, k) => {
      let commonDays = 0, both = 0, onlyBase = 0, onlyOther = 0;
      s.dates.forEach((d, i) => {
        const b = baseException.get(d);
        if (b === undefined) return;
        commonDays++;
        const o = s.exception[i] === 1;
        if (b && o) both++;
        else if (b) onlyBase++;
        else if (o) onlyOther++;
      });
      return { runId: runs[k + 1].id, commonDays, both, onlyBase, onlyOther };
    }),
  };
}

export const backtestCompareAdapter: CompareKindAdapter = {
  kind: BACKTEST_RUN_KIND,
  title: 'Backtests',
  runTitleParts: (run, store) => backtestTitleParts((store.runs.summaries(run.id) as { figures: Figures }).figures),
  synthetic: (run) => (run.inputs as { synthetic?: boolean }).synthetic === true,
  view: backtestView,
};
