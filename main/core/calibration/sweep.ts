/**
 * Parameter sweeps (docs/methodology, "Sweeps and the Pareto frontier"). A sweep is a grid over
 * method × α × lookback L × EWMA λ × horizon h × APC variant. `runSweepSet` is a pure function of
 * (data, one set) returning plain JSON-able figures, so a caller can fan sets out over worker
 * threads and collect the runs in any order.
 *
 * Across the assets of a set the figures are aggregated conservatively: coverage is pooled
 * (Σ non-exceptions / Σ days), the Kupiec and Christoffersen p-values are the worst (smallest)
 * over the assets, average margin is the mean of the assets' average margins (equal notional in
 * each), and procyclicality is the worst (largest) asset figure.
 */
import { InputError } from '../errors';
import { APC_VARIANTS } from './apc';
import { backtestLossHistory } from './backtest';
import { assetLossHistory, EWMA_SEED_COUNT } from './lossHistory';
import type { CloseSeries } from './lossHistory';
import { VAR_METHODS } from './var';
import type { VarMethod, VarModel } from './var';

export interface SweepAxes {
  methods: readonly VarMethod[];
  confidences: readonly number[];
  windowDays: readonly number[];
  ewmaLambdas: readonly number[];
  horizonDays: readonly number[];
  /** Keys of APC_VARIANTS. */
  apcVariants: readonly string[];
}

export interface SweepParameterSet {
  /** Stable id, e.g. `fhs|a0.99|L500|lam0.94|h1|none`. */
  id: string;
  method: VarMethod;
  confidence: number;
  windowDays: number;
  ewmaLambda: number;
  horizonDays: number;
  apcVariant: string;
}

export interface SweepData {
  assets: CloseSeries[];
  /** Common test period for every set, so runs are compared on the same days. */
  from?: string;
  to?: string;
}

export interface SweepAssetFigures {
  asset: string;
  observations: number;
  exceptions: number;
  coverage: number;
  kupiecPValue: number;
  christoffersenPValueCc: number;
  trafficLightZone: string;
  averageMargin: number;
  peakToTroughRatio: number | null;
  largestOneDayIncrease: number;
  largestFiveDayIncrease: number;
}

export interface SweepRun {
  set: SweepParameterSet;
  firstDate: string;
  lastDate: string;
  perAsset: SweepAssetFigures[];
  observations: number;
  exceptions: number;
  coverage: number;
  kupiecPValue: number;
  christoffersenPValueCc: number;
  averageMargin: number;
  peakToTroughRatio: number | null;
  largestOneDayIncrease: number;
  largestFiveDayIncrease: number;
}

function requireAxis<T>(values: readonly T[], name: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new InputError(`sweep axis ${name} is empty`);
}

export function sweepSetId(s: Omit<SweepParameterSet, 'id'>): string {
  const lam = s.method === 'hs' ? '-' : String(s.ewmaLambda);
  return `${s.method}|a${s.confidence}|L${s.method === 'parametric' ? '-' : s.windowDays}|lam${lam}|h${s.horizonDays}|${s.apcVariant}`;
}

/**
 * Cartesian product of the axes. Axes a method ignores are collapsed so no run is repeated: hs has
 * no λ (first λ kept), parametric has no window (first L kept).
 */
export function sweepGrid(axes: SweepAxes): SweepParameterSet[] {
  requireAxis(axes.methods, 'methods');
  requireAxis(axes.confidences, 'confidences');
  requireAxis(axes.windowDays, 'windowDays');
  requireAxis(axes.ewmaLambdas, 'ewmaLambdas');
  requireAxis(axes.horizonDays, 'horizonDays');
  requireAxis(axes.apcVariants, 'apcVariants');
  for (const m of axes.methods) if (!VAR_METHODS.includes(m)) throw new InputError(`unknown method in sweep: ${String(m)}`);
  for (const v of axes.apcVariants) if (!(v in APC_VARIANTS)) throw new InputError(`unknown APC variant in sweep: ${v} (known: ${Object.keys(APC_VARIANTS).join(', ')})`);
  const out: SweepParameterSet[] = [];
  const seen = new Set<string>();
  for (const method of axes.methods) {
    for (const confidence of axes.confidences) {
      for (const windowDays of method === 'parametric' ? axes.windowDays.slice(0, 1) : axes.windowDays) {
        for (const ewmaLambda of method === 'hs' ? axes.ewmaLambdas.slice(0, 1) : axes.ewmaLambdas) {
          for (const horizonDays of axes.horizonDays) {
            for (const apcVariant of axes.apcVariants) {
              const set = { method, confidence, windowDays, ewmaLambda, horizonDays, apcVariant };
              const id = sweepSetId(set);
              if (seen.has(id)) continue;
              seen.add(id);
              out.push({ id, ...set });
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * The test period every set of the grid can be evaluated on for every asset: from the first date
 * on which the most demanding set has a margin (hs: index h + L − 1; fhs: 30 + h + L − 1, the EWMA
 * seed first; parametric: 30) to the last date with a realised loss for the longest horizon.
 * Runs compared on a frontier must share their test days.
 */
export function commonTestPeriod(assets: readonly CloseSeries[], axes: SweepAxes): { from: string; to: string } {
  if (assets.length === 0) throw new InputError('sweep has no assets');
  const maxH = Math.max(...axes.horizonDays);
  const maxL = Math.max(...axes.windowDays);
  const firstIndex = Math.max(...axes.methods.map((m) =>
    m === 'hs' ? maxH + maxL - 1 : m === 'fhs' ? EWMA_SEED_COUNT + maxH + maxL - 1 : EWMA_SEED_COUNT));
  let from = '';
  let to = '';
  for (const a of assets) {
    const lastIndex = a.dates.length - 1 - maxH;
    if (lastIndex < firstIndex) throw new InputError(`${a.asset}: ${a.dates.length} days are too few for the sweep's largest window (${maxL}) and horizon (${maxH})`);
    if (a.dates[firstIndex] > from) from = a.dates[firstIndex];
    if (to === '' || a.dates[lastIndex] < to) to = a.dates[lastIndex];
  }
  if (from > to) throw new InputError(`the assets' histories do not overlap on a common test period (${from} > ${to})`);
  return { from, to };
}

export function prepareSweepData(assets: CloseSeries[], range: { from?: string; to?: string } = {}): SweepData {
  if (assets.length === 0) throw new InputError('sweep has no assets');
  return { assets, ...range };
}

function setModel(set: SweepParameterSet): VarModel {
  return { method: set.method, confidence: set.confidence, horizonDays: set.horizonDays, windowDays: set.windowDays, ewmaLambda: set.ewmaLambda };
}

/** Backtest one parameter set on every asset of the sweep (pure; safe to run in a worker). */
export function runSweepSet(data: SweepData, set: SweepParameterSet): SweepRun {
  const apc = APC_VARIANTS[set.apcVariant];
  if (!apc) throw new InputError(`unknown APC variant ${set.apcVariant}`);
  const model = setModel(set);
  const perAsset = data.assets.map((series): SweepAssetFigures & { firstDate: string; lastDate: string } => {
    const r = backtestLossHistory(assetLossHistory(series, set.horizonDays), model, { apc, from: data.from, to: data.to });
    return {
      asset: series.asset,
      firstDate: r.firstDate,
      lastDate: r.lastDate,
      observations: r.observations,
      exceptions: r.exceptions,
      coverage: r.coverage,
      kupiecPValue: r.kupiec.pValue,
      christoffersenPValueCc: r.christoffersen.pValueCc,
      trafficLightZone: r.trafficLight.zone,
      averageMargin: r.averageMargin,
      peakToTroughRatio: r.procyclicality.peakToTroughRatio,
      largestOneDayIncrease: r.procyclicality.largestOneDayIncrease,
      largestFiveDayIncrease: r.procyclicality.largestFiveDayIncrease,
    };
  });
  const observations = perAsset.reduce((a, r) => a + r.observations, 0);
  const exceptions = perAsset.reduce((a, r) => a + r.exceptions, 0);
  const ratios = perAsset.map((r) => r.peakToTroughRatio);
  return {
    set,
    firstDate: perAsset.map((r) => r.firstDate).sort()[0],
    lastDate: perAsset.map((r) => r.lastDate).sort().at(-1)!,
    perAsset: perAsset.map(({ firstDate: _f, lastDate: _l, ...rest }) => rest),
    observations,
    exceptions,
    coverage: 1 - exceptions / observations,
    kupiecPValue: Math.min(...perAsset.map((r) => r.kupiecPValue)),
    christoffersenPValueCc: Math.min(...perAsset.map((r) => r.christoffersenPValueCc)),
    averageMargin: perAsset.reduce((a, r) => a + r.averageMargin, 0) / perAsset.length,
    peakToTroughRatio: ratios.some((x) => x === null) ? null : Math.max(...(ratios as number[])),
    largestOneDayIncrease: Math.max(...perAsset.map((r) => r.largestOneDayIncrease)),
    largestFiveDayIncrease: Math.max(...perAsset.map((r) => r.largestFiveDayIncrease)),
  };
}

/** Run every set in order (single thread), reporting (sets done, total). */
export function runSweep(data: SweepData, sets: readonly SweepParameterSet[], onProgress?: (done: number, total: number) => void): SweepRun[] {
  return sets.map((set, i) => {
    const run = runSweepSet(data, set);
    onProgress?.(i + 1, sets.length);
    return run;
  });
}

export interface SweepTableRow {
  id: string;
  method: VarMethod;
  confidence: number;
  windowDays: number;
  ewmaLambda: number;
  horizonDays: number;
  apcVariant: string;
  observations: number;
  exceptions: number;
  coverage: number;
  kupiecPValue: number;
  christoffersenPValueCc: number;
  averageMargin: number;
  peakToTroughRatio: number | null;
  largestOneDayIncrease: number;
  largestFiveDayIncrease: number;
}

/** One flat row per run (the runs table of the Calibration lab). */
export function runsTable(runs: readonly SweepRun[]): SweepTableRow[] {
  return runs.map((r) => ({
    ...r.set,
    observations: r.observations,
    exceptions: r.exceptions,
    coverage: r.coverage,
    kupiecPValue: r.kupiecPValue,
    christoffersenPValueCc: r.christoffersenPValueCc,
    averageMargin: r.averageMargin,
    peakToTroughRatio: r.peakToTroughRatio,
    largestOneDayIncrease: r.largestOneDayIncrease,
    largestFiveDayIncrease: r.largestFiveDayIncrease,
  }));
}
