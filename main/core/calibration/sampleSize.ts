/**
 * Sample-size optimisation: where does the estimate stop moving as the lookback grows?
 * (docs/methodology, "Lookback stability").
 *
 * For ascending lookbacks L_1 < … < L_K, the VaR at one date is computed with each L (same method,
 * α, h). Relative change δ_k = |VaR(L_k) − VaR(L_{k−1})| / VaR(L_{k−1}). The estimate is stable from
 * L_j when δ_k < tolerance for every k > j; `stableFrom` is the smallest such L_j (null when the
 * last step still moves by more than the tolerance). Optionally each VaR carries a block-bootstrap
 * interval, whose relative width (upper − lower) / VaR shows the sampling error shrinking with L.
 */
import { InputError } from '../errors';
import { bootstrapQuantile } from './bootstrap';
import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import { dateIndex } from './lossHistory';
import type { LossHistory } from './lossHistory';
import { valueAtRiskAt, windowSampleAt } from './var';
import type { VarModel } from './var';

export interface LookbackPoint {
  windowDays: number;
  valueAtRisk: number;
  expectedShortfall: number;
  /** δ against the previous lookback (null for the first). */
  relativeChange: number | null;
  interval?: BootstrapInterval;
  /** (upper − lower) / VaR of the bootstrap interval. */
  relativeIntervalWidth?: number;
}

export interface LookbackStability {
  label: string;
  at: string;
  method: VarModel['method'];
  confidence: number;
  horizonDays: number;
  tolerance: number;
  points: LookbackPoint[];
  stableFrom: number | null;
}

export interface LookbackStabilityOptions {
  /** Relative change below which successive estimates count as equal (default 0.05). */
  tolerance?: number;
  /** Add a bootstrap interval per lookback (hs and fhs only). */
  bootstrap?: BootstrapOptions;
}

export function lookbackStability(
  history: LossHistory,
  model: Omit<VarModel, 'windowDays'>,
  at: string,
  lookbacks: readonly number[],
  options: LookbackStabilityOptions = {},
): LookbackStability {
  const tolerance = options.tolerance ?? 0.05;
  if (!(tolerance > 0)) throw new InputError(`tolerance must be > 0, got ${tolerance}`);
  if (model.method === 'parametric') throw new InputError('lookback stability needs a windowed method (hs or fhs); parametric has no lookback');
  if (lookbacks.length < 2) throw new InputError(`lookback stability needs at least 2 lookbacks, got ${lookbacks.length}`);
  lookbacks.forEach((l, i) => {
    if (i > 0 && !(l > lookbacks[i - 1])) throw new InputError(`lookbacks must increase: ${l} follows ${lookbacks[i - 1]}`);
  });
  const t = dateIndex(history.dates, at, history.label);
  const points: LookbackPoint[] = [];
  for (const windowDays of lookbacks) {
    const r = valueAtRiskAt(history, { ...model, windowDays }, at);
    const prev = points.at(-1);
    const point: LookbackPoint = {
      windowDays,
      valueAtRisk: r.var,
      expectedShortfall: r.es,
      relativeChange: prev ? Math.abs(r.var - prev.valueAtRisk) / Math.abs(prev.valueAtRisk) : null,
    };
    if (options.bootstrap) {
      // The bootstrap resamples the window the estimate was computed from (z scaled by σ_t for fhs).
      const { sample: window, scale } = windowSampleAt(history, { ...model, windowDays }, t);
      const sample = window.map((x) => x * scale);
      point.interval = bootstrapQuantile(sample, model.confidence, options.bootstrap);
      point.relativeIntervalWidth = (point.interval.upper - point.interval.lower) / Math.abs(r.var);
    }
    points.push(point);
  }
  let stableIndex = points.length - 1;
  while (stableIndex > 0 && points[stableIndex].relativeChange! < tolerance) stableIndex--;
  const stableFrom = stableIndex === points.length - 1 ? null : points[stableIndex].windowDays;
  return {
    label: history.label,
    at,
    method: model.method,
    confidence: model.confidence,
    horizonDays: model.horizonDays,
    tolerance,
    points,
    stableFrom,
  };
}
