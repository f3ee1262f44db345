/**
 * Price shocks / scan ranges per asset (docs/methodology, "Scan ranges"):
 *
 *   R = Q7_α{ |r_e| : e ∈ (t − L, t] }                          plain
 *   R = Q7_α{ |r_e| · σ_t / σ_{e−h} : e ∈ (t − L, t] }          vol-scaled (FHS, as in var.ts)
 *   R* = min(cap, max(floor, R))
 *
 * r_e is the overlapping h-day simple return ending at e; |r| covers longs and shorts with one
 * range (a scenario grid moves the price both ways). The bootstrap interval is of R (before
 * floor/cap); the configuration value is R* rounded up to 0.0001.
 */
import { InputError } from '../errors';
import { quantileOfUnsorted } from '../numeric/quantile';
import { bootstrapQuantile } from './bootstrap';
import type { BootstrapOptions } from './bootstrap';
import { assetLossHistory, dateIndex, DEFAULT_EWMA_LAMBDA, ewmaVolAtDate } from './lossHistory';
import type { CloseSeries, LossHistory } from './lossHistory';
import { floorAndCap, intervalRecord, requireAppVersion, toDecimalString } from './provenance';
import type { CalibrationProvenance } from './provenance';

export type TailSide = 'abs' | 'loss';

export interface TailSample {
  /** |r_e| (side 'abs') or the long's loss −r_e (side 'loss'), optionally vol-scaled. */
  values: Float64Array;
  dataFrom: string;
  dataTo: string;
  method: string;
}

/**
 * The last `lookbackDays` h-day moves ending at or before `at`. With `volScaledLambda` each move is
 * rescaled by σ_t / σ_{e−h} (EWMA λ, see var.ts). InputError when the window is not full.
 */
export function tailSample(history: LossHistory, at: string, lookbackDays: number, side: TailSide, volScaledLambda?: number): TailSample {
  if (!Number.isInteger(lookbackDays) || lookbackDays < 2) throw new InputError(`lookbackDays must be an integer >= 2, got ${lookbackDays}`);
  const t = dateIndex(history.dates, at, history.label);
  const h = history.horizonDays;
  const from = t - lookbackDays + 1;
  const vol = volScaledLambda === undefined ? undefined : ewmaVolAtDate(history, volScaledLambda);
  const firstUsable = vol ? h + firstFinite(vol) : h;
  if (from < firstUsable) {
    throw new InputError(`${history.label}: only ${Math.max(0, t - firstUsable + 1)} of the ${lookbackDays} ${h}-day returns needed end on or before ${at}`);
  }
  const values = new Float64Array(lookbackDays);
  for (let k = 0; k < lookbackDays; k++) {
    const e = from + k;
    const loss = history.horizonLoss[e];
    let v = side === 'abs' ? Math.abs(loss) : loss;
    if (vol) {
      if (!(vol[e - h] > 0)) throw new InputError(`${history.label}: EWMA volatility is zero on ${history.dates[e - h]}`);
      v *= vol[t] / vol[e - h];
    }
    values[k] = v;
  }
  const kind = side === 'abs' ? 'abs-return-quantile' : 'loss-quantile';
  return {
    values,
    dataFrom: history.dates[from - h],
    dataTo: history.dates[t],
    method: vol ? `${kind}-fhs(lambda=${volScaledLambda})` : kind,
  };
}

function firstFinite(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) return i;
  return x.length;
}

export interface ScanRangeOptions {
  confidence: number;
  lookbackDays: number;
  horizonDays: number;
  /** Calibration date (data up to and including it); default the last date. */
  at?: string;
  /** Vol-scale the returns (FHS) with this EWMA λ; absent = plain. */
  volScaled?: { lambda?: number };
  floor?: number;
  cap?: number;
  bootstrap: BootstrapOptions;
  appVersion: string;
}

export interface ScanRangeCalibration {
  asset: string;
  /** The quantile estimate R before floor/cap. */
  estimate: number;
  /** R* after floor/cap. */
  priceRange: number;
  /** R* rounded up to 4 decimals, for the scenarioGrid `priceRange`. */
  priceRangeDecimal: string;
  boundBy: 'floor' | 'cap' | null;
  provenance: CalibrationProvenance;
}

export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`confidence must lie in (0, 1), got ${confidence}`);
}

export function calibrateScanRange(series: CloseSeries, options: ScanRangeOptions): ScanRangeCalibration {
  checkConfidence(options.confidence);
  requireAppVersion(options.appVersion);
  const history = assetLossHistory(series, options.horizonDays);
  const at = options.at ?? series.dates[series.dates.length - 1];
  const lambda = options.volScaled ? options.volScaled.lambda ?? DEFAULT_EWMA_LAMBDA : undefined;
  const sample = tailSample(history, at, options.lookbackDays, 'abs', lambda);
  const estimate = quantileOfUnsorted(sample.values, options.confidence);
  const bounded = floorAndCap(estimate, options.floor, options.cap);
  if (!(bounded.value > 0 && bounded.value < 1)) {
    throw new InputError(`${series.asset}: scan range ${bounded.value} is outside (0, 1); set a cap below 1 or check the data`);
  }
  const ci = bootstrapQuantile(sample.values, options.confidence, options.bootstrap);
  const priceRangeDecimal = toDecimalString(bounded.value, 4, 'up');
  if (!(Number(priceRangeDecimal) < 1)) throw new InputError(`${series.asset}: scan range rounds up to ${priceRangeDecimal}, not below 1`);
  return {
    asset: series.asset,
    estimate,
    priceRange: bounded.value,
    priceRangeDecimal,
    boundBy: bounded.boundBy,
    provenance: {
      asset: series.asset,
      dataFrom: sample.dataFrom,
      dataTo: sample.dataTo,
      observations: sample.values.length,
      confidence: options.confidence,
      lookbackDays: options.lookbackDays,
      horizonDays: options.horizonDays,
      method: sample.method,
      confidenceInterval: intervalRecord(ci),
      appVersion: options.appVersion,
    },
  };
}
