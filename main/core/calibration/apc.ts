/**
 * Anti-procyclicality (APC) measures in the style of EMIR RTS 153/2013, art. 28(1)
 * (docs/methodology, "Anti-procyclicality"). Each acts on the model's margin path M⁰_t (its VaR,
 * or ES when the model's measure is ES):
 *
 *  (b) stressed weight w:  M¹_t = w · S_t + (1 − w) · M⁰_t. With a stressed period [a, b] given,
 *      S_t is the margin of the h-day losses ending in [a, b], used from date b on (before b the
 *      period is not fully observed and M¹ = M⁰). Without one, S_t = max_{s ≤ t} M⁰_s, the margin of
 *      the most stressed window seen so far. Either way no look-ahead. (Art. 28(1)(b): at least 25%
 *      weight on stressed observations; blending a stressed-period figure with the current one is
 *      the usual implementation.)
 *  (c) 10-year floor:      M²_t = max(M¹_t, F_t), F_t = the margin over a lookback of up to 10 years
 *      (3650 daily observations; expanding while less history exists, never shorter than the model's
 *      own window). Long-window and stressed-period figures are "unfiltered": hs and fhs use plain HS
 *      on the raw losses (the EWMA re-scaling is the short-memory part the floor bounds);
 *      parametric uses a normal with the equally weighted zero-mean vol of the sample. M² ≥ M¹.
 *  (a) buffer b:           M³_t = (1 + b) · M²_t. (Art. 28(1)(a): a buffer of at least 25%; its
 *      temporary release in stress is a governance decision and is not modelled.)
 *
 * Applied in the order b → c → a; any subset may be switched on.
 */
import { InputError } from '../errors';
import { normalInv, normalPdf } from '../numeric/distributions';
import { expectedShortfallWithVar } from '../numeric/quantile';
import { dateIndex } from './lossHistory';
import type { LossHistory } from './lossHistory';
import type { RollingAlgorithm } from './sortedWindow';
import { marginOfPath, varPath } from './var';
import type { VarModel, VarPath } from './var';

export interface ApcSettings {
  /** Margin buffer b as a fraction of margin (EMIR: ≥ 0.25). */
  bufferFraction?: number;
  /** Weight w on the stressed margin (EMIR: ≥ 0.25). */
  stressedWeight?: number;
  /** Optional fixed stressed period (YYYY-MM-DD, inclusive; dates of the losses' ends). */
  stressedFrom?: string;
  stressedTo?: string;
  /** Lookback of the floor in daily observations (EMIR: 10 years = 3650 calendar days here). */
  floorLookbackDays?: number;
}

export const TEN_YEARS_DAYS = 3650;

/** The named variants a sweep crosses with the model grid (each measure alone, all together). */
export const APC_VARIANTS: Readonly<Record<string, ApcSettings>> = {
  none: {},
  buffer25: { bufferFraction: 0.25 },
  stressed25: { stressedWeight: 0.25 },
  floor10y: { floorLookbackDays: TEN_YEARS_DAYS },
  all: { bufferFraction: 0.25, stressedWeight: 0.25, floorLookbackDays: TEN_YEARS_DAYS },
};

export function checkApcSettings(s: ApcSettings): void {
  if (s.bufferFraction !== undefined && !(Number.isFinite(s.bufferFraction) && s.bufferFraction >= 0)) {
    throw new InputError(`bufferFraction must be a non-negative number, got ${s.bufferFraction}`);
  }
  if (s.stressedWeight !== undefined && !(s.stressedWeight >= 0 && s.stressedWeight <= 1)) {
    throw new InputError(`stressedWeight must lie in [0, 1], got ${s.stressedWeight}`);
  }
  if ((s.stressedFrom === undefined) !== (s.stressedTo === undefined)) {
    throw new InputError('stressedFrom and stressedTo must be given together');
  }
  if (s.stressedFrom !== undefined && s.stressedTo !== undefined && !(s.stressedFrom <= s.stressedTo)) {
    throw new InputError(`stressedTo (${s.stressedTo}) is before stressedFrom (${s.stressedFrom})`);
  }
  if (s.floorLookbackDays !== undefined && !(Number.isInteger(s.floorLookbackDays) && s.floorLookbackDays >= 2)) {
    throw new InputError(`floorLookbackDays must be an integer >= 2, got ${s.floorLookbackDays}`);
  }
}

/** Running maximum of the defined values of a path (NaN stays NaN until the first value). */
export function runningMaximum(base: Float64Array): Float64Array {
  const out = new Float64Array(base.length).fill(NaN);
  let peak = -Infinity;
  for (let t = 0; t < base.length; t++) {
    if (Number.isNaN(base[t])) continue;
    if (base[t] > peak) peak = base[t];
    out[t] = peak;
  }
  return out;
}

/**
 * Equally weighted zero-mean daily vol over the last ≤ `lookbackDays` daily returns up to date t:
 * σ_t = √(Σ r_j² / m). NaN while fewer than `minObservations` returns exist.
 */
export function equalWeightVolAtDate(history: LossHistory, lookbackDays: number, minObservations: number): Float64Array {
  const r = history.dailyReturn;
  const out = new Float64Array(history.dates.length).fill(NaN);
  // Prefix sums of r² (relative rounding ~1e-13 over 1e4 terms, far below estimation error).
  const prefix = new Float64Array(r.length + 1);
  for (let j = 0; j < r.length; j++) prefix[j + 1] = prefix[j] + r[j] * r[j];
  for (let t = 1; t < out.length; t++) {
    const m = Math.min(t, lookbackDays);
    if (m < minObservations) continue;
    out[t] = Math.sqrt(Math.max(0, prefix[t] - prefix[t - m]) / m);
  }
  return out;
}

/** Normal margin factor per unit of daily vol: Φ⁻¹(α)√h for VaR, φ(Φ⁻¹(α))/(1 − α)·√h for ES. */
function normalFactor(model: VarModel): number {
  const z = normalInv(model.confidence);
  const perVol = model.measure === 'es' ? normalPdf(z) / (1 - model.confidence) : z;
  return perVol * Math.sqrt(model.horizonDays);
}

/** The floor path F_t of art. 28(1)(c) for the model (see the file comment). */
export function floorMargin(
  history: LossHistory,
  model: VarModel,
  lookbackDays: number,
  algorithm?: RollingAlgorithm,
  onProgress?: (done: number, total: number) => void,
): Float64Array {
  if (model.method === 'parametric') {
    const vol = equalWeightVolAtDate(history, lookbackDays, Math.min(lookbackDays, 30));
    const factor = normalFactor(model);
    onProgress?.(1, 1);
    return vol.map((s) => factor * s);
  }
  const minObservations = Math.min(model.windowDays, lookbackDays);
  const hsModel: VarModel = { ...model, method: 'hs' };
  return marginOfPath(varPath(history, hsModel, { windowDays: lookbackDays, minObservations, algorithm, onProgress }), model);
}

/** S of a fixed stressed period [from, to] and the date index from which it is known. */
export function stressedPeriodMargin(history: LossHistory, model: VarModel, from: string, to: string): { margin: number; knownFrom: number } {
  const a = Math.max(dateIndex(history.dates, from, `${history.label} stressedFrom`), history.horizonDays);
  const b = dateIndex(history.dates, to, `${history.label} stressedTo`);
  if (b - a + 1 < 2) throw new InputError(`stressed period ${from} .. ${to} holds fewer than 2 ${history.horizonDays}-day losses`);
  if (model.method === 'parametric') {
    let ss = 0;
    for (let j = a - 1; j < b; j++) ss += history.dailyReturn[j] ** 2;
    return { margin: normalFactor(model) * Math.sqrt(ss / (b - a + 1)), knownFrom: b };
  }
  const r = expectedShortfallWithVar(history.horizonLoss.subarray(a, b + 1), model.confidence);
  return { margin: model.measure === 'es' ? r.expectedShortfall : r.valueAtRisk, knownFrom: b };
}

export interface ApcPaths {
  /** Model margin before APC (VaR or ES path). */
  base: Float64Array;
  /** After every switched-on measure. */
  margin: Float64Array;
  /** S_t when the stressed weight is on (NaN where not applied). */
  stressed?: Float64Array;
  /** F_t when the floor is on. */
  floor?: Float64Array;
}

/**
 * Apply the switched-on measures to a model path over the whole history. Where a component is not
 * yet defined (floor before enough data, stressed period not yet over) the measure is skipped for
 * that date rather than inventing a value; the base path decides where margin exists.
 */
export function applyAntiProcyclicality(
  history: LossHistory,
  model: VarModel,
  path: VarPath,
  settings: ApcSettings,
  algorithm?: RollingAlgorithm,
  onProgress?: (done: number, total: number) => void,
): ApcPaths {
  checkApcSettings(settings);
  const base = marginOfPath(path, model);
  const margin = Float64Array.from(base);
  const out: ApcPaths = { base, margin };
  const w = settings.stressedWeight ?? 0;
  if (w > 0) {
    let s: Float64Array;
    if (settings.stressedFrom !== undefined && settings.stressedTo !== undefined) {
      const fixed = stressedPeriodMargin(history, model, settings.stressedFrom, settings.stressedTo);
      s = new Float64Array(base.length).fill(NaN);
      s.fill(fixed.margin, fixed.knownFrom);
    } else {
      s = runningMaximum(base);
    }
    out.stressed = s;
    for (let t = 0; t < margin.length; t++) if (!Number.isNaN(s[t])) margin[t] = w * s[t] + (1 - w) * base[t];
  }
  if (settings.floorLookbackDays !== undefined) {
    const f = floorMargin(history, model, settings.floorLookbackDays, algorithm, onProgress);
    out.floor = f;
    for (let t = 0; t < margin.length; t++) if (f[t] > margin[t]) margin[t] = f[t];
  }
  const b = settings.bufferFraction ?? 0;
  if (b > 0) for (let t = 0; t < margin.length; t++) margin[t] *= 1 + b;
  return out;
}

/** A short stable name for provenance and the runs table, e.g. `stressed0.25+floor3650+buffer0.25`. */
export function apcLabel(settings: ApcSettings): string {
  const parts: string[] = [];
  if (settings.stressedWeight) {
    const period = settings.stressedFrom ? `[${settings.stressedFrom}..${settings.stressedTo}]` : '';
    parts.push(`stressed${settings.stressedWeight}${period}`);
  }
  if (settings.floorLookbackDays !== undefined) parts.push(`floor${settings.floorLookbackDays}`);
  if (settings.bufferFraction) parts.push(`buffer${settings.bufferFraction}`);
  return parts.length ? parts.join('+') : 'none';
}
