/**
 * Inputs of the portfolio-model tests: the SYNTHETIC sample workspace valued at its last date, with a
 * vol per underlying (the sample book's own ATM vols, sampleValuationContext) and the sample's rate, plus
 * its closes as a PriceHistory; and the presets of resources/presets as wire configs.
 */
import type { Book } from '../../../main/core/book/types';
import type { HistoricalVarModelWire, ParametricVarModelWire, ScenarioGridModelWire } from '../../../main/core/margin/portfolioConfig';
import type { PriceHistory } from '../../../main/core/margin/historicalScenarios';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SPEC, generateSampleWorkspace, sampleValuationContext } from '../../../main/core/sample';
import deribitJson from '../../../resources/presets/scenario-deribit-pm.json';
import spanJson from '../../../resources/presets/scenario-span-16.json';
import hsJson from '../../../resources/presets/hsvar-99-2d-1y.json';
import parametricJson from '../../../resources/presets/parametric-var-99-1d.json';

export const SPAN_PRESET = spanJson as ScenarioGridModelWire;
/**
 * The Deribit-style grid the hand-worked references were computed with: the preset's points, vol up/down
 * only, and an extended-table fraction of 0.33 (the shipped preset now uses vol up/same/down and 0.10).
 */
const { volUnchanged: _volUnchanged, ...deribitBase } = deribitJson as ScenarioGridModelWire;
export const DERIBIT_PRESET: ScenarioGridModelWire = {
  ...deribitBase,
  extendedTable: (deribitJson as ScenarioGridModelWire).extendedTable!.map((e) => ({ ...e, coverage: '0.33' })),
};
export const HS_PRESET = hsJson as HistoricalVarModelWire;
export const PARAMETRIC_PRESET = parametricJson as ParametricVarModelWire;

export interface SampleMarginInputs {
  book: Book;
  market: MarketSnapshot;
  history: PriceHistory;
}

let cached: SampleMarginInputs | null = null;

export function sampleMarginInputs(): SampleMarginInputs {
  if (cached) return cached;
  const ws = generateSampleWorkspace(DEFAULT_SAMPLE_SEED);
  const ctx = sampleValuationContext(DEFAULT_SAMPLE_SPEC, ws.market);
  const assets = ws.market.assets;
  const dates = ws.market.series[assets[0]].map((b) => b.date);
  const close = assets.map((a) => Float64Array.from(ws.market.series[a], (b) => Number(b.close)));
  cached = {
    book: ws.book,
    market: { date: ctx.date, spot: { ...ctx.spotUsd }, vol: { ...ctx.atmVol }, rate: DEFAULT_SAMPLE_SPEC.book.rate },
    history: { dates, assets: [...assets], close },
  };
  return cached;
}
