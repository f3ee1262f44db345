/**
 * Implied-volatility shocks for a scenario grid, in vol points (1 point = 0.01 of annualised vol)
 * (docs/methodology, "Vol shocks").
 *
 * Source 'implied' (a DVOL-style index history, in vol points):
 *   Δ_e = IV_e − IV_{e−h},  up = Q7_α{ Δ_e },  down = Q7_α{ −Δ_e },  e ∈ (t − L, t]
 * Source 'realised' (no implied history): the same on a rolling realised vol
 *   RV_d = 100 · √365 · √( (1/m) Σ_{j=d−m+1..d} r_j² )   (zero mean, m daily returns, default 30)
 * Negative quantiles (a side that never moved) are floored at 0. h-day changes overlap. Realised
 * vol moves slowly (one return enters and one leaves the window per day), so the realised proxy
 * understates implied-vol shocks at short horizons; the source is recorded in the provenance.
 */
import { InputError } from '../errors';
import { quantileType7 } from '../numeric/quantile';
import { blockBootstrap } from './bootstrap';
import type { BootstrapOptions } from './bootstrap';
import { checkConfidence } from './calibrateScanRange';
import { assetLossHistory, dateIndex, requireHorizon } from './lossHistory';
import type { CloseSeries } from './lossHistory';
import { intervalRecord, requireAppVersion, toDecimalString } from './provenance';
import type { CalibrationProvenance } from './provenance';

export interface ImpliedVolHistory {
  /** Strictly ascending UTC days. */
  dates: readonly string[];
  /** Annualised implied vol in vol points (DVOL 95.04 = 95.04%). */
  volPoints: Float64Array;
}

export interface VolShockOptions {
  confidence: number;
  lookbackDays: number;
  horizonDays: number;
  at?: string;
  /** Daily returns in the realised-vol window (default 30). */
  realisedVolDays?: number;
  bootstrap: BootstrapOptions;
  appVersion: string;
}

export interface VolShockCalibration {
  asset: string;
  source: 'implied' | 'realised';
  volUpPoints: number;
  volDownPoints: number;
  /** Rounded up to 2 decimals, for scenarioGrid `volUpPoints` / `volDownPoints`. */
  volUpPointsDecimal: string;
  volDownPointsDecimal: string;
  provenanceUp: CalibrationProvenance;
  provenanceDown: CalibrationProvenance;
}

/** Rolling realised vol in vol points at every date (NaN until m returns exist). */
export function realisedVolPoints(series: CloseSeries, windowDays: number): Float64Array {
  if (!Number.isInteger(windowDays) || windowDays < 2) throw new InputError(`realisedVolDays must be an integer >= 2, got ${windowDays}`);
  const r = assetLossHistory(series, 1).dailyReturn;
  const out = new Float64Array(series.dates.length).fill(NaN);
  let ss = 0;
  for (let j = 0; j < r.length; j++) {
    ss += r[j] * r[j];
    if (j >= windowDays) ss -= r[j - windowDays] * r[j - windowDays];
    // Recompute exactly every window to stop the running sum drifting.
    if (j % windowDays === 0 && j >= windowDays) {
      ss = 0;
      for (let k = j - windowDays + 1; k <= j; k++) ss += r[k] * r[k];
    }
    if (j >= windowDays - 1) out[j + 1] = 100 * Math.sqrt((365 * Math.max(0, ss)) / windowDays);
  }
  return out;
}

function checkImplied(iv: ImpliedVolHistory): void {
  if (iv.dates.length !== iv.volPoints.length) throw new InputError(`implied vol history has ${iv.volPoints.length} values for ${iv.dates.length} dates`);
  for (let i = 0; i < iv.dates.length; i++) {
    if (i > 0 && !(iv.dates[i] > iv.dates[i - 1])) throw new InputError(`implied vol dates must be strictly ascending at row ${i} (${iv.dates[i]})`);
    if (!(Number.isFinite(iv.volPoints[i]) && iv.volPoints[i] > 0)) throw new InputError(`implied vol on ${iv.dates[i]} must be a positive number of vol points, got ${iv.volPoints[i]}`);
  }
}

/** The h-day changes of a level series over the last L changes ending at index t. */
function changesWindow(level: Float64Array, dates: readonly string[], t: number, h: number, lookbackDays: number, what: string) {
  const from = t - lookbackDays + 1;
  let first = 0;
  while (first < level.length && Number.isNaN(level[first])) first++;
  if (from - h < first) {
    throw new InputError(`${what}: only ${Math.max(0, t - h - first + 1)} of the ${lookbackDays} ${h}-day changes needed end on or before ${dates[t]}`);
  }
  const d = new Float64Array(lookbackDays);
  for (let k = 0; k < lookbackDays; k++) d[k] = level[from + k] - level[from + k - h];
  return { changes: d, dataFrom: dates[from - h], dataTo: dates[t] };
}

export function calibrateVolShock(series: CloseSeries, implied: ImpliedVolHistory | null, options: VolShockOptions): VolShockCalibration {
  checkConfidence(options.confidence);
  requireHorizon(options.horizonDays);
  requireAppVersion(options.appVersion);
  if (!Number.isInteger(options.lookbackDays) || options.lookbackDays < 2) throw new InputError(`lookbackDays must be an integer >= 2, got ${options.lookbackDays}`);
  const h = options.horizonDays;
  let window: { changes: Float64Array; dataFrom: string; dataTo: string };
  let method: string;
  if (implied) {
    checkImplied(implied);
    const at = options.at ?? implied.dates[implied.dates.length - 1];
    window = changesWindow(implied.volPoints, implied.dates, dateIndex(implied.dates, at, `${series.asset} implied vol`), h, options.lookbackDays, `${series.asset} implied vol`);
    method = 'implied-vol-change-quantile';
  } else {
    const m = options.realisedVolDays ?? 30;
    const rv = realisedVolPoints(series, m);
    const at = options.at ?? series.dates[series.dates.length - 1];
    window = changesWindow(rv, series.dates, dateIndex(series.dates, at, series.asset), h, options.lookbackDays, `${series.asset} realised vol`);
    method = `realised-vol-change-quantile(m=${m})`;
  }
  const alpha = options.confidence;
  const stat = (x: Float64Array) => {
    x.sort();
    // Q_α(−Δ) = −Q_{1−α}(Δ) for type 7 (the order statistics reverse, the interpolation weights swap).
    return [quantileType7(x, alpha), -quantileType7(x, 1 - alpha)];
  };
  const [upCi, downCi] = blockBootstrap(window.changes, stat, options.bootstrap);
  const up = Math.max(0, upCi.estimate);
  const down = Math.max(0, downCi.estimate);
  const provenance = (ci: typeof upCi, side: string): CalibrationProvenance => ({
    asset: series.asset,
    dataFrom: window.dataFrom,
    dataTo: window.dataTo,
    observations: window.changes.length,
    confidence: alpha,
    lookbackDays: options.lookbackDays,
    horizonDays: h,
    method: `${method}-${side}`,
    confidenceInterval: intervalRecord(ci),
    appVersion: options.appVersion,
  });
  return {
    asset: series.asset,
    source: implied ? 'implied' : 'realised',
    volUpPoints: up,
    volDownPoints: down,
    volUpPointsDecimal: toDecimalString(up, 2, 'up'),
    volDownPointsDecimal: toDecimalString(down, 2, 'up'),
    provenanceUp: provenance(upCi, 'up'),
    provenanceDown: provenance(downCi, 'down'),
  };
}
