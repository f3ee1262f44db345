/**
 * The calibration lab's computations as pure functions of plain data (typed arrays and JSON-like
 * values), so the same code runs in a worker thread (main/jobs/tasks.ts) or in-process (cheap CLI
 * paths). Nothing here touches the store, the clock or files.
 */
import { InputError } from '../core/errors';
import { APC_VARIANTS } from '../core/calibration/apc';
import { backtestVar, backtestPortfolioVar } from '../core/calibration/backtest';
import type { BacktestResult } from '../core/calibration/backtest';
import { diagnoseAsset } from '../core/calibration/diagnostics';
import type { AssetDiagnostics } from '../core/calibration/diagnostics';
import { assetLossHistory } from '../core/calibration/lossHistory';
import type { CloseSeries, FixedPortfolio } from '../core/calibration/lossHistory';
import { lookbackStability } from '../core/calibration/sampleSize';
import type { LookbackStability } from '../core/calibration/sampleSize';
import { runSweepSet } from '../core/calibration/sweep';
import type { SweepData, SweepParameterSet, SweepRun } from '../core/calibration/sweep';
import { valueAtRiskAt, valueAtRiskWithIntervalsAt } from '../core/calibration/var';
import type { VarEstimate, VarEstimateWithIntervals, VarMethod, VarModel } from '../core/calibration/var';
import type { BootstrapOptions } from '../core/calibration/bootstrap';
import { alignSeries } from '../core/market/align';
import type { PriceSeries } from '../core/market/types';
import type { ProgressFn } from '../jobs/protocol';

/** The contract's VarSpec → the engine's model. */
export interface VarSpecValue {
  method: VarMethod;
  confidence: number;
  horizonDays: number;
  windowDays: number;
  lambda: number;
  measure: 'var' | 'es';
}

export function varModelOf(spec: VarSpecValue): VarModel {
  return { method: spec.method, confidence: spec.confidence, horizonDays: spec.horizonDays, windowDays: spec.windowDays, ewmaLambda: spec.lambda, measure: spec.measure };
}

export function closeSeriesOf(s: PriceSeries): CloseSeries {
  return { asset: s.asset, dates: s.dates, close: s.close };
}

const noProgress: ProgressFn = () => undefined;

// ---------------------------------------------------------------- VaR at a date

export interface VarWorkPayload {
  series: CloseSeries;
  model: VarModel;
  /** Default: the last date of the series. */
  at?: string;
  bootstrap?: BootstrapOptions;
}

export function varWork(p: VarWorkPayload): VarEstimate | VarEstimateWithIntervals {
  const history = assetLossHistory(p.series, p.model.horizonDays);
  const at = p.at ?? p.series.dates[p.series.dates.length - 1];
  return p.bootstrap ? valueAtRiskWithIntervalsAt(history, p.model, at, p.bootstrap) : valueAtRiskAt(history, p.model, at);
}

// ---------------------------------------------------------------- backtest

export type BacktestTarget =
  | { type: 'asset'; series: CloseSeries }
  | { type: 'portfolio'; series: CloseSeries[]; weights: number[] };

export interface BacktestWorkPayload {
  target: BacktestTarget;
  model: VarModel;
  apcVariant: string;
  from?: string;
  to?: string;
}

export interface BacktestWorkResult {
  result: BacktestResult;
  /** Days dropped by the portfolio alignment (some asset had no close). */
  droppedDates: string[];
}

/** Aligns the assets on their common days ('drop' policy, every dropped day reported). */
export function fixedPortfolio(series: readonly CloseSeries[], weights: readonly number[]): { portfolio: FixedPortfolio; droppedDates: string[] } {
  const aligned = alignSeries(series.map((s) => ({
    asset: s.asset, dates: [...s.dates], close: s.close, open: s.close, high: s.close, low: s.close, volume: new Float64Array(s.close.length),
  })), 'drop');
  const droppedDates = [...new Set(aligned.gapReport.map((g) => g.date))].sort();
  return {
    portfolio: { dates: aligned.dates, assets: series.map((s, k) => ({ asset: s.asset, close: aligned.close[k] })), weights },
    droppedDates,
  };
}

export function backtestWork(p: BacktestWorkPayload, progress: ProgressFn = noProgress): BacktestWorkResult {
  const apc = APC_VARIANTS[p.apcVariant];
  if (!apc) throw new InputError(`apc "${p.apcVariant}" must be one of ${Object.keys(APC_VARIANTS).join(', ')}`);
  const options = { apc, from: p.from, to: p.to, onProgress: (done: number, total: number) => progress(done, total, 'walk-forward backtest') };
  if (p.target.type === 'asset') return { result: backtestVar(p.target.series, p.model, options), droppedDates: [] };
  const { portfolio, droppedDates } = fixedPortfolio(p.target.series, p.target.weights);
  return { result: backtestPortfolioVar(portfolio, p.model, options), droppedDates };
}

// ---------------------------------------------------------------- diagnostics

export interface DiagnoseWorkPayload {
  series: PriceSeries;
  horizonDays: number;
  adfLags: number | 'aic';
  worstMoveCount: number;
}

export function diagnoseWork(p: DiagnoseWorkPayload): AssetDiagnostics {
  return diagnoseAsset(p.series, { horizonDays: p.horizonDays, adfLags: p.adfLags, worstMoveCount: p.worstMoveCount });
}

// ---------------------------------------------------------------- sweep part

export interface SweepPartPayload {
  data: SweepData;
  sets: SweepParameterSet[];
}

/** Runs one part of a sweep's grid, reporting (sets done, sets in the part). */
export function sweepPartWork(p: SweepPartPayload, progress: ProgressFn = noProgress): SweepRun[] {
  const out: SweepRun[] = [];
  progress(0, p.sets.length, 'sweep');
  for (const set of p.sets) {
    out.push(runSweepSet(p.data, set));
    progress(out.length, p.sets.length, set.id);
  }
  return out;
}

// ---------------------------------------------------------------- lookback stability

export interface LookbackWorkPayload {
  series: CloseSeries;
  model: Omit<VarModel, 'windowDays'>;
  at?: string;
  lookbacks: number[];
  tolerance?: number;
  bootstrap?: BootstrapOptions;
}

export function lookbackWork(p: LookbackWorkPayload): LookbackStability {
  const history = assetLossHistory(p.series, p.model.horizonDays);
  const at = p.at ?? p.series.dates[p.series.dates.length - 1];
  return lookbackStability(history, p.model, at, p.lookbacks, { tolerance: p.tolerance, bootstrap: p.bootstrap });
}
