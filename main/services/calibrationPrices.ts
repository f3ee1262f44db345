import { InputError, NotFoundError } from '../core/errors';
import type { PriceSeries } from '../core/market/types';
import type { ServiceContext } from './context';

/**
 * Where a calibration's prices come from. Over IPC always a stored dataset (by id or name); the CLI
 * may also pass series it read from CSV files itself. Services never open a path for a caller.
 */
export type PriceSource =
  | { kind: 'dataset'; ref: string }
  | { kind: 'series'; source: string; series: ReadonlyMap<string, PriceSeries> };

/** Prices loaded for the assets a run needs, with what identifies them for a recorded run. */
export interface LoadedPrices {
  /** Human-readable origin, e.g. `dataset Reference (id)` or a file path. */
  source: string;
  /** Set when the prices are a stored dataset: such runs are recorded. */
  dataset: { id: string; name: string; synthetic: boolean } | null;
  series: Map<string, PriceSeries>;
  /** Content hash of each stored series (the normalised bars), by asset; empty for files. */
  seriesHashes: Record<string, string>;
}

/** Picks the named assets from series read by the caller (nothing is recorded for such runs). */
export function pricesFromSeries(source: string, series: ReadonlyMap<string, PriceSeries>, assets: readonly string[]): LoadedPrices {
  const wanted = [...new Set(assets)];
  if (wanted.length === 0) throw new InputError('no asset named');
  const missing = wanted.filter((a) => !series.has(a));
  if (missing.length) throw new InputError(`${missing.join(', ')}: not in ${source} (it has ${[...series.keys()].join(', ') || 'nothing'})`);
  return { source, dataset: null, series: new Map(wanted.map((a) => [a, series.get(a)!])), seriesHashes: {} };
}

/** Loads the named assets; every missing asset is named together with what the source has. */
export function loadPrices(ctx: ServiceContext, source: PriceSource, assets: readonly string[]): LoadedPrices {
  if (source.kind === 'series') return pricesFromSeries(source.source, source.series, assets);
  const wanted = [...new Set(assets)];
  if (wanted.length === 0) throw new InputError('no asset named');
  const d = ctx.store.datasets.get(source.ref) ?? ctx.store.datasets.findByName(source.ref);
  if (!d) {
    throw new NotFoundError(`prices: no stored dataset with id or name "${source.ref.slice(0, 200)}" (calibration channels read stored datasets; import the CSV files first)`);
  }
  const have = new Map(d.series.map((s) => [s.asset, s]));
  const missing = wanted.filter((a) => !have.has(a));
  if (missing.length) throw new InputError(`dataset "${d.name}" has no series for ${missing.join(', ')} (it has ${[...have.keys()].join(', ') || 'none'})`);
  const series = new Map<string, PriceSeries>();
  const seriesHashes: Record<string, string> = {};
  for (const a of wanted) {
    series.set(a, ctx.store.datasets.readSeries(d.id, a));
    seriesHashes[a] = have.get(a)!.contentHash;
  }
  return { source: `dataset ${d.name} (${d.id})`, dataset: { id: d.id, name: d.name, synthetic: d.synthetic }, series, seriesHashes };
}

/** What a recorded run consumed, by id and content hash: enough to re-run it bit-identically. */
export function runInputs(prices: LoadedPrices, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (!prices.dataset) throw new Error('only runs on a stored dataset are recorded');
  return { datasetId: prices.dataset.id, datasetName: prices.dataset.name, synthetic: prices.dataset.synthetic, seriesHashes: prices.seriesHashes, ...extra };
}

/** An IPC payload's `prices` (a stored dataset id or name) as the services' price source. */
export function fromDataset<T extends { prices: string }>(input: T): Omit<T, 'prices'> & { prices: PriceSource } {
  return { ...input, prices: { kind: 'dataset', ref: input.prices } };
}
