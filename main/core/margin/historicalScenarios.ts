/**
 * Historical scenarios of the HS VaR model (docs/methodology margin-grid-var, "Historical simulation"):
 * relative shocks from aligned daily closes, applied to today's prices.
 *
 *   r_a(e) = P_a(e) / P_a(e − h) − 1        the h-day simple return ENDING at date index e (overlapping)
 *   scenario e: S'_a = S_a · (1 + r_a(e))   for every asset with history, jointly (cross-asset dependence kept)
 *
 * Windows of end dates, t0 = index of the as-of date (the snapshot date; data after it is never read):
 *   lookback   the L = lookbackDays returns ending at t0 − L + 1 … t0
 *   stressed   the returns ending within [stressedFrom, stressedTo] (must end on or before t0)
 *   floor      the returns ending in the last min(3650, t0 − h + 1) days: the longest history up to ten
 *              years (EMIR RTS 153/2013 art. 28(1)(c); calibration/apc.ts TEN_YEARS_DAYS)
 * Filtered HS (lookback window only; Hull & White 1998, as in calibration/var.ts): r̃_a(e) =
 * r_a(e) · σ_a(t0) / σ_a(e − h), σ_a(d) the EWMA(λ) daily vol known at the close of d (lossHistory.ts
 * ewmaVolAtDate: seeded with the first 30 squared returns), so each return is rescaled by the vol known
 * when it started. The stressed and floor windows are unfiltered (as in apc.ts).
 */
import { InputError } from '../errors';
import { TEN_YEARS_DAYS } from '../calibration/apc';
import { assetLossHistory, dateIndex, ewmaVolAtDate } from '../calibration/lossHistory';
import type { HistoricalVarModel } from './portfolioConfig';

/**
 * Aligned daily closes (alignSeries output with its asset names; services/market.ts MarketContext.history):
 * close[k] belongs to assets[k] and is as long as `dates`. Assets listed in `constant` have no series and
 * stay at today's price in every scenario (e.g. stablecoins a dataset lacks, assumed pegged, reported
 * by the caller): zero shocks, zero variance.
 */
export interface PriceHistory {
  dates: readonly string[];
  assets: readonly string[];
  close: readonly Float64Array[];
  constant?: readonly string[];
}

/** The closes of an asset (checked length), null for a `constant` asset, InputError when absent. */
export function closesOf(history: PriceHistory, asset: string): Float64Array | null {
  const k = history.assets.indexOf(asset);
  if (k < 0) {
    if (history.constant?.includes(asset)) return null;
    throw new InputError(`history: no closes for ${asset}, whose price the margin needs`);
  }
  const close = history.close[k];
  if (close === undefined || close.length !== history.dates.length) {
    throw new InputError(`history: ${asset} has ${close?.length ?? 0} closes for ${history.dates.length} dates`);
  }
  return close;
}

export type HistoricalWindowKind = 'lookback' | 'stressed' | 'floor';

export interface HistoricalWindow {
  kind: HistoricalWindowKind;
  /** First and last end-date index (inclusive). */
  first: number;
  last: number;
  filtered: boolean;
}

export interface HistoricalScenarioSet {
  window: HistoricalWindow;
  /** End date of each scenario's h-day return. */
  dates: string[];
  /** Relative shock per asset and scenario (filtered where the window is). */
  shocks: Record<string, Float64Array>;
  /** FHS: σ(t0) / σ(e − h) per asset and scenario; absent when unfiltered. */
  filterFactors?: Record<string, Float64Array>;
}

export interface HistoricalScenarios {
  asOf: string;
  horizonDays: number;
  /** The model parameters the windows were built for (checked by historicalVarAccountMargin). */
  lookbackDays: number;
  filterLambda: number | null;
  antiProcyclicality: HistoricalVarModel['antiProcyclicality'];
  assets: string[];
  lookback: HistoricalScenarioSet;
  stressed: HistoricalScenarioSet | null;
  floor: HistoricalScenarioSet | null;
}

function windows(model: HistoricalVarModel, dates: readonly string[], t0: number): HistoricalWindow[] {
  const h = model.horizonDays;
  const available = t0 - h + 1;
  if (available < model.lookbackDays) {
    throw new InputError(`history: only ${Math.max(0, available)} ${h}-day returns end on or before ${dates[t0]}; lookbackDays asks for ${model.lookbackDays}`);
  }
  const out: HistoricalWindow[] = [{ kind: 'lookback', first: t0 - model.lookbackDays + 1, last: t0, filtered: model.filterLambda !== null }];
  const apc = model.antiProcyclicality;
  if (apc?.tool === 'stressedWeight') {
    if (apc.stressedTo > dates[t0]) throw new InputError(`antiProcyclicality.stressedTo: ${apc.stressedTo} is after the as-of date ${dates[t0]} (the period is not yet observed)`);
    let first = h;
    while (first <= t0 && dates[first] < apc.stressedFrom) first++;
    let last = t0;
    while (last >= 0 && dates[last] > apc.stressedTo) last--;
    if (last - first + 1 < 2) {
      throw new InputError(`antiProcyclicality: the stressed period ${apc.stressedFrom} .. ${apc.stressedTo} holds ${Math.max(0, last - first + 1)} ${h}-day returns of the history; at least 2 are needed`);
    }
    out.push({ kind: 'stressed', first, last, filtered: false });
  }
  if (apc?.tool === 'tenYearFloor') out.push({ kind: 'floor', first: t0 - Math.min(TEN_YEARS_DAYS, available) + 1, last: t0, filtered: false });
  return out;
}

/**
 * The scenario sets of the model at `asOf` for `assets` (every asset whose price the margin reads: the
 * underlyings and collateral assets held). An asset without closes is an InputError naming it.
 */
export function historicalScenarios(model: HistoricalVarModel, history: PriceHistory, asOf: string, assets: readonly string[]): HistoricalScenarios {
  const t0 = dateIndex(history.dates, asOf, 'history');
  const h = model.horizonDays;
  const wins = windows(model, history.dates, t0);
  const sets = wins.map((w) => ({
    window: w,
    dates: history.dates.slice(w.first, w.last + 1) as string[],
    shocks: {} as Record<string, Float64Array>,
    filterFactors: w.filtered ? ({} as Record<string, Float64Array>) : undefined,
  }));
  for (const asset of assets) {
    const close = closesOf(history, asset);
    if (close === null) {
      for (const set of sets) {
        set.shocks[asset] = new Float64Array(set.window.last - set.window.first + 1);
        if (set.filterFactors) set.filterFactors[asset] = new Float64Array(set.shocks[asset].length).fill(1);
      }
      continue;
    }
    const losses = assetLossHistory({ asset, dates: history.dates, close }, h);
    const vol = model.filterLambda === null ? null : ewmaVolAtDate(losses, model.filterLambda);
    for (const set of sets) {
      const { first, last } = set.window;
      const shock = new Float64Array(last - first + 1);
      for (let e = first; e <= last; e++) shock[e - first] = -losses.horizonLoss[e];
      if (set.filterFactors && vol) {
        const factor = new Float64Array(shock.length);
        const now = vol[t0];
        for (let e = first; e <= last; e++) {
          const then = vol[e - h];
          if (Number.isNaN(then) || Number.isNaN(now)) {
            throw new InputError(`history: ${asset} has too few daily returns before ${history.dates[e - h]} to seed the EWMA vol of filtered HS (30 needed)`);
          }
          if (!(then > 0)) throw new InputError(`history: the EWMA vol of ${asset} is zero on ${history.dates[e - h]}; filtered HS cannot rescale a flat price`);
          factor[e - first] = now / then;
          shock[e - first] *= factor[e - first];
        }
        set.filterFactors[asset] = factor;
      }
      set.shocks[asset] = shock;
    }
  }
  const byKind = (k: HistoricalWindowKind) => sets.find((s) => s.window.kind === k) ?? null;
  return {
    asOf, horizonDays: h, lookbackDays: model.lookbackDays, filterLambda: model.filterLambda, antiProcyclicality: model.antiProcyclicality,
    assets: [...assets], lookback: byKind('lookback')!, stressed: byKind('stressed'), floor: byKind('floor'),
  };
}

/** The shock vector of an asset, InputError if the scenarios were built without it. */
export function shocksOf(set: HistoricalScenarioSet, asset: string): Float64Array {
  const s = set.shocks[asset];
  if (s === undefined) throw new InputError(`historical scenarios: no shocks for ${asset} (build them with every asset the book holds)`);
  return s;
}
