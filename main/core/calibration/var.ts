/**
 * Single-asset (or fixed-portfolio) VaR / ES engines (docs/methodology, "VaR engines"). Loss is a
 * fraction of the position's notional (long position for an asset; the weighted book for a
 * portfolio). At date t every engine uses data up to and including t only.
 *
 *  hs          VaR_t = Q7_α{ L_e : e ∈ (t − W, t] },  ES_t = mean{ L_e ≥ VaR_t }   (design.md)
 *  fhs         Filtered HS (Hull & White 1998; Barone-Adesi, Giannopoulos & Vosper 1999):
 *              z_e = L_e / σ_{e−h},  VaR_t = σ_t · Q7_α{ z_e : e ∈ (t − W, t] },  ES_t = σ_t · mean{ z_e ≥ Q7_α }
 *              σ_d = EWMA(λ) daily vol from daily returns up to and including date d. The h-day loss
 *              ending at e is devolatilised by the vol known when it STARTED (σ_{e−h}, the forecast
 *              for its first day), and re-scaled by today's forecast σ_t. Because a quantile is
 *              positively homogeneous, σ_t · Q(z) equals the quantile of the re-scaled sample
 *              {L_e σ_t / σ_{e−h}}, so the sliding window works on z and multiplies once.
 *  parametric  zero-mean normal on the h-day simple return: VaR_t = Φ⁻¹(α) σ_t √h,
 *              ES_t = σ_t √h φ(Φ⁻¹(α)) / (1 − α)  (square-root-of-time scaling of the EWMA
 *              one-day forecast; RiskMetrics 1996, §5).
 */
import { InputError } from '../errors';
import { normalInv, normalPdf } from '../numeric/distributions';
import { expectedShortfallWithVar } from '../numeric/quantile';
import { bootstrapVarEs } from './bootstrap';
import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import { DEFAULT_EWMA_LAMBDA, dateIndex, ewmaVolAtDate, requireHorizon } from './lossHistory';
import type { LossHistory } from './lossHistory';
import { rollingTail } from './sortedWindow';
import type { RollingAlgorithm } from './sortedWindow';

export type VarMethod = 'hs' | 'fhs' | 'parametric';
export const VAR_METHODS: readonly VarMethod[] = ['hs', 'fhs', 'parametric'];

export interface VarModel {
  method: VarMethod;
  /** VaR confidence α in (0, 1), e.g. 0.99. */
  confidence: number;
  /** Loss horizon h in days (h-day losses overlap). */
  horizonDays: number;
  /** Lookback W: number of h-day losses in the window (hs, fhs). Unused by parametric. */
  windowDays: number;
  /** EWMA decay λ (fhs, parametric); 0.94 by default (design.md). */
  ewmaLambda?: number;
  /** Which figure is the margin: VaR (default) or ES (historicalVar config `measure`). */
  measure?: MarginMeasure;
}

export type MarginMeasure = 'var' | 'es';

/** VaR / ES for every date index of a history; NaN where the engine has too little data. */
export interface VarPath {
  valueAtRisk: Float64Array;
  expectedShortfall: Float64Array;
  /** Observations behind each figure (window losses; daily returns for parametric). */
  observations: Int32Array;
}

export interface VarPathOptions {
  algorithm?: RollingAlgorithm;
  /** Override W (the 10-year APC floor uses 3650 with an expanding start). */
  windowDays?: number;
  /** Fewest losses that give a figure; default = the window (full windows only). */
  minObservations?: number;
  /** Pre-computed volAtDate (fhs / parametric), e.g. shared across a sweep. */
  volAtDate?: Float64Array;
  /** Progress of the rolling window pass (steps done, total). */
  onProgress?: (done: number, total: number) => void;
}

export function checkVarModel(model: VarModel): void {
  if (!VAR_METHODS.includes(model.method)) throw new InputError(`method must be one of ${VAR_METHODS.join(', ')}, got ${String(model.method)}`);
  if (!(model.confidence > 0 && model.confidence < 1)) throw new InputError(`confidence must lie in (0, 1), got ${model.confidence}`);
  requireHorizon(model.horizonDays);
  if (model.method !== 'parametric' && !(Number.isInteger(model.windowDays) && model.windowDays >= 2)) {
    throw new InputError(`windowDays must be an integer >= 2, got ${model.windowDays}`);
  }
  const lambda = model.ewmaLambda ?? DEFAULT_EWMA_LAMBDA;
  if (!(lambda > 0 && lambda < 1)) throw new InputError(`ewmaLambda must lie in (0, 1), got ${lambda}`);
  if (model.measure !== undefined && model.measure !== 'var' && model.measure !== 'es') {
    throw new InputError(`measure must be 'var' or 'es', got ${String(model.measure)}`);
  }
}

/** The margin path of a model: its VaR, or its ES when measure = 'es'. */
export function marginOfPath(path: VarPath, model: VarModel): Float64Array {
  return model.measure === 'es' ? path.expectedShortfall : path.valueAtRisk;
}

function checkHistory(history: LossHistory, model: VarModel): void {
  if (history.horizonDays !== model.horizonDays) {
    throw new InputError(`loss history is for ${history.horizonDays}-day losses, model asks for ${model.horizonDays}`);
  }
}

/**
 * Devolatilised losses z_e = L_e / σ_{e−h} (NaN before the EWMA is seeded). Returns the first index
 * with a value; every later index has one (the EWMA never stops once seeded).
 */
export function filteredLosses(history: LossHistory, volAtDate: Float64Array): { z: Float64Array; start: number } {
  const h = history.horizonDays;
  const n = history.horizonLoss.length;
  const z = new Float64Array(n).fill(NaN);
  let start = -1;
  for (let e = h; e < n; e++) {
    const sigma = volAtDate[e - h];
    if (Number.isNaN(sigma)) {
      if (start >= 0) throw new InputError(`${history.label}: EWMA volatility missing on ${history.dates[e - h]}`);
      continue;
    }
    if (!(sigma > 0)) {
      throw new InputError(`${history.label}: EWMA volatility is zero on ${history.dates[e - h]}; filtered HS cannot devolatilise a flat price`);
    }
    z[e] = history.horizonLoss[e] / sigma;
    if (start < 0) start = e;
  }
  if (start < 0) throw new InputError(`${history.label}: too few daily returns to seed the EWMA volatility`);
  return { z, start };
}

function parametricPath(history: LossHistory, model: VarModel, volAtDate: Float64Array): VarPath {
  const n = history.dates.length;
  const zAlpha = normalInv(model.confidence);
  const esFactor = normalPdf(zAlpha) / (1 - model.confidence);
  const sqrtH = Math.sqrt(model.horizonDays);
  const out: VarPath = {
    valueAtRisk: new Float64Array(n).fill(NaN),
    expectedShortfall: new Float64Array(n).fill(NaN),
    observations: new Int32Array(n),
  };
  for (let t = 0; t < n; t++) {
    const sigma = volAtDate[t];
    if (Number.isNaN(sigma)) continue;
    out.valueAtRisk[t] = zAlpha * sigma * sqrtH;
    out.expectedShortfall[t] = esFactor * sigma * sqrtH;
    out.observations[t] = t;
  }
  return out;
}

/** VaR / ES of the model at every date of the history (the backtest's margin path). */
export function varPath(history: LossHistory, model: VarModel, options: VarPathOptions = {}): VarPath {
  checkVarModel(model);
  checkHistory(history, model);
  const lambda = model.ewmaLambda ?? DEFAULT_EWMA_LAMBDA;
  if (model.method === 'parametric') {
    const path = parametricPath(history, model, options.volAtDate ?? ewmaVolAtDate(history, lambda));
    options.onProgress?.(1, 1);
    return path;
  }
  const windowDays = options.windowDays ?? model.windowDays;
  const rollingOptions = { minObservations: options.minObservations ?? windowDays, onProgress: options.onProgress };
  if (model.method === 'hs') {
    return rollingTail(history.horizonLoss, windowDays, model.confidence, { ...rollingOptions, start: history.horizonDays }, options.algorithm);
  }
  const vol = options.volAtDate ?? ewmaVolAtDate(history, lambda);
  const { z, start } = filteredLosses(history, vol);
  const path = rollingTail(z, windowDays, model.confidence, { ...rollingOptions, start }, options.algorithm);
  for (let t = 0; t < path.valueAtRisk.length; t++) {
    // σ_t exists wherever a z window ending at t does (z_t needs σ_{t−h}, and the EWMA runs on).
    path.valueAtRisk[t] *= vol[t];
    path.expectedShortfall[t] *= vol[t];
  }
  return path;
}

export interface VarEstimate {
  /** VaR as a fraction of notional (positive = loss). */
  var: number;
  /** Expected shortfall, same units. */
  es: number;
  /** Losses in the window (hs, fhs) or daily returns in the EWMA (parametric). */
  observations: number;
  /** The date the figure is computed at (data up to and including it). */
  at: string;
  method: VarMethod;
  confidence: number;
  horizonDays: number;
}

/**
 * The window an hs / fhs figure at date index t is computed from: the last W losses (hs) or
 * devolatilised losses z (fhs) ending at or before t, and the factor σ_t that turns z back into
 * losses (1 for hs). InputError when fewer than W exist.
 */
export function windowSampleAt(history: LossHistory, model: VarModel, t: number): { sample: Float64Array; scale: number } {
  const w = model.windowDays;
  let sample: Float64Array;
  let scale = 1;
  if (model.method === 'hs') {
    sample = history.horizonLoss.subarray(Math.max(history.horizonDays, t - w + 1), t + 1);
  } else {
    const vol = ewmaVolAtDate(history, model.ewmaLambda ?? DEFAULT_EWMA_LAMBDA);
    const { z, start } = filteredLosses(history, vol);
    sample = z.subarray(Math.max(start, t - w + 1), t + 1);
    scale = vol[t];
  }
  if (sample.length < w) {
    throw new InputError(`${history.label}: only ${Math.max(0, sample.length)} of the ${w} ${model.horizonDays}-day losses needed end on or before ${history.dates[t]}`);
  }
  return { sample, scale };
}

/** VaR / ES at one date; requires a full window of losses ending at or before it. */
export function valueAtRiskAt(history: LossHistory, model: VarModel, at: string): VarEstimate {
  checkVarModel(model);
  checkHistory(history, model);
  const t = dateIndex(history.dates, at, history.label);
  const base = { at, method: model.method, confidence: model.confidence, horizonDays: model.horizonDays };
  if (model.method === 'parametric') {
    const path = parametricPath(history, model, ewmaVolAtDate(history, model.ewmaLambda ?? DEFAULT_EWMA_LAMBDA));
    if (Number.isNaN(path.valueAtRisk[t])) throw new InputError(`${history.label}: EWMA volatility is not yet seeded on ${at}`);
    return { ...base, var: path.valueAtRisk[t], es: path.expectedShortfall[t], observations: path.observations[t] };
  }
  const { sample, scale } = windowSampleAt(history, model, t);
  const r = expectedShortfallWithVar(sample, model.confidence);
  return { ...base, var: scale * r.valueAtRisk, es: scale * r.expectedShortfall, observations: sample.length };
}

export interface VarEstimateWithIntervals extends VarEstimate {
  varInterval: BootstrapInterval;
  esInterval: BootstrapInterval;
}

/**
 * VaR / ES at one date with block-bootstrap intervals of both (hs, fhs). The bootstrap resamples
 * the window the estimate came from (for fhs the devolatilised losses, then × σ_t: today's vol
 * is a conditioning value, not re-estimated per resample).
 */
export function valueAtRiskWithIntervalsAt(history: LossHistory, model: VarModel, at: string, options: BootstrapOptions): VarEstimateWithIntervals {
  if (model.method === 'parametric') throw new InputError('bootstrap intervals are for the windowed methods (hs, fhs); parametric has no loss window');
  const estimate = valueAtRiskAt(history, model, at);
  const { sample, scale } = windowSampleAt(history, model, dateIndex(history.dates, at, history.label));
  const r = bootstrapVarEs(sample.map((x) => x * scale), model.confidence, options);
  return { ...estimate, varInterval: r.valueAtRisk, esInterval: r.expectedShortfall };
}
