/**
 * Walk-forward VaR / margin backtest (docs/methodology, "Backtest"; design.md conventions).
 *
 * Test day t: the margin M_t uses data up to and including t (the last W h-day losses ending at or
 * before t, or the EWMA vol at t); it is compared with the realised loss over (t, t + h],
 * L_{t+h} = −(P_{t+h}/P_t − 1). Exception: L_{t+h} > M_t. Test days are those in [from, to] where the
 * model has a margin and t + h is inside the data. With h > 1 successive realised losses overlap,
 * so exceptions cluster by construction and the χ² tests (which assume independence) are
 * approximate; they are reported as for h = 1, as risk committees expect.
 */
import { InputError } from '../errors';
import { christoffersenTest, kupiecTest, trafficLight } from './coverage';
import type { ChristoffersenResult, KupiecResult, TrafficLightResult, TrafficLightZone } from './coverage';
import { applyAntiProcyclicality, apcLabel } from './apc';
import type { ApcSettings } from './apc';
import { assetLossHistory, firstIndexOnOrAfter, portfolioLossHistory } from './lossHistory';
import type { CloseSeries, FixedPortfolio, LossHistory } from './lossHistory';
import { costMetrics, procyclicalityMetrics } from './marginMetrics';
import type { ProcyclicalityMetrics } from './marginMetrics';
import type { RollingAlgorithm } from './sortedWindow';
import { checkVarModel, varPath } from './var';
import type { VarModel } from './var';

export const TRAFFIC_LIGHT_WINDOW_DAYS = 250;
const PROGRESS_SCALE = 1000;

export interface BacktestOptions {
  /** First / last test day (inclusive, YYYY-MM-DD). Earlier data still feeds the windows. */
  from?: string;
  to?: string;
  apc?: ApcSettings;
  /** 'sliding' (default) or 'resort' (benchmark baseline; identical figures). */
  algorithm?: RollingAlgorithm;
  onProgress?: (done: number, total: number) => void;
  /** Pre-computed EWMA vol for the model's λ (sweeps share it across sets). */
  volAtDate?: Float64Array;
}

export interface RollingTrafficLight {
  windowDays: number;
  greenMax: number;
  yellowMax: number;
  /** Series index of the first window end (windowDays − 1); no windows when the test is shorter. */
  firstEndIndex: number;
  /** exceptionCounts[k]: exceptions in the window ending at series index firstEndIndex + k. */
  exceptionCounts: Int32Array;
  zoneDays: Record<TrafficLightZone, number>;
  /** Worst and latest zone over the rolling windows (null without a full window). */
  worstZone: TrafficLightZone | null;
  latestZone: TrafficLightZone | null;
}

export interface BacktestSeries {
  /** Test days t. */
  dates: string[];
  /** Margin M_t after APC (= the model VaR, or ES when measure = es, without APC), fraction of notional. */
  margin: Float64Array;
  /** Model VaR and ES before APC. */
  valueAtRisk: Float64Array;
  expectedShortfall: Float64Array;
  /** Realised loss over (t, t + h]. */
  realisedLoss: Float64Array;
  /** 1 on exception days. */
  exception: Uint8Array;
}

export interface BacktestResult {
  label: string;
  model: VarModel;
  apc: string;
  firstDate: string;
  lastDate: string;
  observations: number;
  exceptions: number;
  exceptionDates: string[];
  /** Realised loss on each exception day, and its excess over the margin. */
  exceptionLosses: number[];
  exceptionExcesses: number[];
  kupiec: KupiecResult;
  christoffersen: ChristoffersenResult;
  /** Over the whole test period. */
  trafficLight: TrafficLightResult;
  rollingTrafficLight: RollingTrafficLight;
  /** Share of test days with loss <= margin (compare with the confidence). */
  coverage: number;
  largestExceptionLoss: number | null;
  largestExceptionExcess: number | null;
  averageExceptionExcess: number | null;
  procyclicality: ProcyclicalityMetrics;
  /** Mean margin as a fraction of notional. */
  averageMargin: number;
  series: BacktestSeries;
}

function testRange(history: LossHistory, margin: Float64Array, options: BacktestOptions): { first: number; last: number } {
  const { dates, horizonDays } = history;
  let first = 0;
  let last = dates.length - 1 - horizonDays;
  if (options.from !== undefined) first = Math.max(first, lowerDateIndex(dates, options.from));
  if (options.to !== undefined) last = Math.min(last, lowerDateIndex(dates, options.to, true));
  while (first <= last && Number.isNaN(margin[first])) first++;
  if (first > last) {
    throw new InputError(`${history.label}: no test days in ${options.from ?? dates[0]} .. ${options.to ?? dates[dates.length - 1]} with a full window and a realised ${horizonDays}-day loss`);
  }
  return { first, last };
}

/** First index with date >= d, or (upTo) last index with date <= d. */
function lowerDateIndex(dates: readonly string[], d: string, upTo = false): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new InputError(`date must be YYYY-MM-DD, got "${d}"`);
  const i = firstIndexOnOrAfter(dates, d);
  if (!upTo) return i;
  return i < dates.length && dates[i] === d ? i : i - 1;
}

function rollingTrafficLight(exception: Uint8Array, p: number): RollingTrafficLight {
  const w = TRAFFIC_LIGHT_WINDOW_DAYS;
  const { greenMax, yellowMax } = trafficLight(0, w, p);
  const n = exception.length;
  const counts = new Int32Array(Math.max(0, n - w + 1));
  const zoneDays: Record<TrafficLightZone, number> = { green: 0, yellow: 0, red: 0 };
  let running = 0;
  let worst: TrafficLightZone | null = null;
  let latest: TrafficLightZone | null = null;
  const rank = { green: 0, yellow: 1, red: 2 };
  for (let i = 0; i < n; i++) {
    running += exception[i];
    if (i >= w) running -= exception[i - w];
    if (i < w - 1) continue;
    counts[i - w + 1] = running;
    const zone: TrafficLightZone = running <= greenMax ? 'green' : running <= yellowMax ? 'yellow' : 'red';
    zoneDays[zone]++;
    if (worst === null || rank[zone] > rank[worst]) worst = zone;
    latest = zone;
  }
  return { windowDays: w, greenMax, yellowMax, firstEndIndex: w - 1, exceptionCounts: counts, zoneDays, worstZone: worst, latestZone: latest };
}

/** Backtest a model on a prepared loss history (asset or portfolio). */
export function backtestLossHistory(history: LossHistory, model: VarModel, options: BacktestOptions = {}): BacktestResult {
  checkVarModel(model);
  const apc = options.apc ?? {};
  // Progress in per-mille of each pass (rolling VaR, rolling floor if any, evaluation).
  const passes = apc.floorLookbackDays !== undefined ? 3 : 2;
  const progress = (pass: number) => (done: number, total: number) =>
    options.onProgress?.(pass * PROGRESS_SCALE + Math.floor((PROGRESS_SCALE * done) / total), passes * PROGRESS_SCALE);
  const path = varPath(history, model, { algorithm: options.algorithm, volAtDate: options.volAtDate, onProgress: progress(0) });
  const paths = applyAntiProcyclicality(history, model, path, apc, options.algorithm, progress(1));
  const { first, last } = testRange(history, paths.margin, options);
  const h = history.horizonDays;
  const n = last - first + 1;
  const series: BacktestSeries = {
    dates: history.dates.slice(first, last + 1),
    margin: paths.margin.slice(first, last + 1),
    valueAtRisk: path.valueAtRisk.slice(first, last + 1),
    expectedShortfall: path.expectedShortfall.slice(first, last + 1),
    realisedLoss: history.horizonLoss.slice(first + h, last + h + 1),
    exception: new Uint8Array(n),
  };
  const exceptionDates: string[] = [];
  const exceptionLosses: number[] = [];
  const exceptionExcesses: number[] = [];
  for (let i = 0; i < n; i++) {
    const loss = series.realisedLoss[i];
    const m = series.margin[i];
    if (loss > m) {
      series.exception[i] = 1;
      exceptionDates.push(series.dates[i]);
      exceptionLosses.push(loss);
      exceptionExcesses.push(loss - m);
    }
  }
  options.onProgress?.(passes * PROGRESS_SCALE, passes * PROGRESS_SCALE);
  const p = 1 - model.confidence;
  const x = exceptionDates.length;
  const excessSum = exceptionExcesses.reduce((a, b) => a + b, 0);
  return {
    label: history.label,
    model: { ...model },
    apc: apcLabel(apc),
    firstDate: series.dates[0],
    lastDate: series.dates[n - 1],
    observations: n,
    exceptions: x,
    exceptionDates,
    exceptionLosses,
    exceptionExcesses,
    kupiec: kupiecTest(series.exception, p),
    christoffersen: christoffersenTest(series.exception, p),
    trafficLight: trafficLight(x, n, p),
    rollingTrafficLight: rollingTrafficLight(series.exception, p),
    coverage: 1 - x / n,
    largestExceptionLoss: x ? Math.max(...exceptionLosses) : null,
    largestExceptionExcess: x ? Math.max(...exceptionExcesses) : null,
    averageExceptionExcess: x ? excessSum / x : null,
    procyclicality: procyclicalityMetrics(series.margin, series.dates),
    averageMargin: costMetrics(series.margin, series.dates).averageMargin,
    series,
  };
}

/** Backtest a long position in one asset. */
export function backtestVar(series: CloseSeries, model: VarModel, options: BacktestOptions = {}): BacktestResult {
  checkVarModel(model);
  return backtestLossHistory(assetLossHistory(series, model.horizonDays), model, options);
}

/** Backtest a fixed-weight portfolio (loss = −Σ w_i r_i per unit of notional). */
export function backtestPortfolioVar(portfolio: FixedPortfolio, model: VarModel, options: BacktestOptions = {}): BacktestResult {
  checkVarModel(model);
  return backtestLossHistory(portfolioLossHistory(portfolio, model.horizonDays), model, options);
}

/** The figures the CLI prints (`mwb backtest`): plain JSON, no series. */
export function backtestSummary(r: BacktestResult) {
  return {
    observations: r.observations,
    exceptions: r.exceptions,
    exceptionDates: r.exceptionDates,
    kupiec: { lr: r.kupiec.lr, pValue: r.kupiec.pValue },
    christoffersen: {
      lrInd: r.christoffersen.lrInd,
      pValueInd: r.christoffersen.pValueInd,
      lrCc: r.christoffersen.lrCc,
      pValueCc: r.christoffersen.pValueCc,
    },
    trafficLight: { zone: r.trafficLight.zone, greenMax: r.trafficLight.greenMax, yellowMax: r.trafficLight.yellowMax },
    coverage: r.coverage,
    largestExceptionLoss: r.largestExceptionLoss,
  };
}
