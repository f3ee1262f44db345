import { bookToWire, type BookWire } from '../../core/book/wire';
import type { Book } from '../../core/book/types';
import { NotFoundError } from '../../core/errors';
import type { PriceHistory } from '../../core/margin/historicalScenarios';
import type { MarginModelWire } from '../../core/margin/modelDispatch';
import type { MarketSnapshot } from '../../core/market/types';
import { depthModelFromVolume, type DepthModel } from '../../core/stress/depth';
import type { ScenarioWire } from '../../core/stress/scenario';
import type { DatasetRecord } from '../../store/datasets';
import type { ServiceContext } from '../context';
import { marketContext, type MarketContext } from '../market';
import { modelsService, type ModelRecord } from '../models';
import { scenariosService } from '../scenarios';

/** What every stress worker task receives (plain data: decimals as strings, closes as Float64Array). */
export interface StressPayload {
  book: BookWire & { id: string };
  snapshot: MarketSnapshot;
  history: PriceHistory;
  model: MarginModelWire;
  scenario: ScenarioWire;
  severity: number;
}

export interface CascadeSpec {
  maxRounds: number;
  depth: DepthModel;
}

export interface DepthInput {
  depthFraction: number;
  impactCoefficient: number;
  impactExponent: number;
  advWindowDays: number;
  volLookbackDays: number;
}

/** The stored run's `inputs`: every input by id and content hash, enough to re-run it. */
export interface StressRunInputs {
  bookId: string;
  bookHash: string;
  modelId: string;
  modelHash: string;
  datasetId: string;
  seriesHashes: Record<string, string>;
  at: string;
  scenarioId: string | null;
  scenarioHash: string;
  /** The scenario itself (a stored one may be edited later; the run keeps what it used). */
  scenario: ScenarioWire;
}

export interface LoadedInputs {
  book: Book;
  bookName: string;
  synthetic: boolean;
  model: ModelRecord;
  dataset: DatasetRecord;
  market: MarketContext;
  scenario: { id: string | null; wire: ScenarioWire; contentHash: string };
  inputs: StressRunInputs;
  payload: StressPayload;
}

/** Assets a book's valuation reads: underlyings and collateral assets, sorted. */
export function bookAssets(book: Book): string[] {
  const out = new Set<string>();
  for (const i of book.instruments) out.add(i.underlying);
  for (const a of book.accounts) for (const c of a.collateral) out.add(c.asset);
  return [...out].sort();
}

export function findDataset(ctx: ServiceContext, idOrName: string): DatasetRecord {
  const d = ctx.store.datasets.get(idOrName) ?? ctx.store.datasets.findByName(idOrName);
  if (!d) throw new NotFoundError(`no dataset with id or name "${idOrName}"`);
  return d;
}

export function loadBook(ctx: ServiceContext, bookId: string): { book: Book; name: string; synthetic: boolean; contentHash: string } {
  const book = ctx.store.books.load(bookId);
  const info = ctx.store.books.summary(bookId);
  if (!book || !info) throw new NotFoundError(`no book with id "${bookId}"`);
  return { book, name: info.name, synthetic: info.synthetic, contentHash: info.contentHash };
}

/** Book, model, market at `at`, and scenario of a stress run, loaded and hashed (nothing is computed yet). */
export function loadRunInputs(
  ctx: ServiceContext,
  input: { bookId: string; modelId: string; datasetId: string; scenarioId?: string; scenario?: unknown; at?: string; severity?: number },
): LoadedInputs {
  const b = loadBook(ctx, input.bookId);
  const model = modelsService(ctx).get(input.modelId);
  const scenario = scenariosService(ctx).resolve(input);
  const dataset = findDataset(ctx, input.datasetId);
  const market = marketContext(ctx, dataset.id, bookAssets(b.book), input.at);
  const inputs: StressRunInputs = {
    bookId: b.book.id, bookHash: b.contentHash, modelId: model.id, modelHash: model.contentHash, datasetId: dataset.id,
    seriesHashes: Object.fromEntries(dataset.series.map((s) => [s.asset, s.contentHash])), at: market.snapshot.date,
    scenarioId: scenario.id, scenarioHash: scenario.contentHash, scenario: scenario.wire,
  };
  return {
    book: b.book, bookName: b.name, synthetic: b.synthetic, model, dataset, market,
    scenario: { id: scenario.id, wire: scenario.wire, contentHash: scenario.contentHash }, inputs,
    payload: {
      book: bookToWire(b.book), snapshot: market.snapshot, history: market.history, model: model.config as MarginModelWire,
      scenario: scenario.wire, severity: input.severity ?? 1,
    },
  };
}

/**
 * The cascade's depth model (core/stress/depth.ts) for every underlying of the book that the dataset
 * prices, from its traded volume and closes up to the valuation date.
 */
export function depthFor(ctx: ServiceContext, loaded: LoadedInputs, spec: DepthInput): DepthModel {
  const underlyings = [...new Set(loaded.book.instruments.map((i) => i.underlying))].filter((a) => loaded.market.history.assets.includes(a)).sort();
  const series = underlyings.map((a) => ctx.store.datasets.readSeries(loaded.dataset.id, a, undefined, loaded.market.snapshot.date));
  return depthModelFromVolume(series, loaded.market.snapshot.date, {
    windowDays: spec.advWindowDays, depthFraction: spec.depthFraction, impactCoefficient: spec.impactCoefficient,
    impactExponent: spec.impactExponent, volLookbackDays: spec.volLookbackDays,
  });
}
