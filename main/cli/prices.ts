import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../core/errors';
import { seriesFromBars } from '../core/market/series';
import type { PriceSeries } from '../core/market/types';
import { parsePriceCsv } from '../services/prices';
import type { CommandContext } from './command';
import { readUserFile } from './commands/data';

/**
 * `--prices FILE|DIR|DATASET`: a CSV file or a directory of CSV files read directly (nothing stored),
 * or a stored dataset by id or name.
 */
export function resolvePrices(ctx: CommandContext, spec: string): { source: string; series: Map<string, PriceSeries> } {
  let isPath: boolean;
  let isDir = false;
  try {
    isDir = statSync(spec).isDirectory();
    isPath = true;
  } catch {
    isPath = false;
  }
  const series = new Map<string, PriceSeries>();
  if (isPath) {
    const files = isDir ? readdirSync(spec).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => join(spec, f)) : [spec];
    if (files.length === 0) throw new InputError(`--prices: no .csv files in ${spec}`);
    for (const file of files) {
      const parsed = parsePriceCsv(readUserFile(file), basename(file), { now: ctx.now() });
      if (series.has(parsed.asset)) throw new InputError(`--prices: two files hold ${parsed.asset} (${basename(file)})`);
      series.set(parsed.asset, seriesFromBars(parsed.asset, parsed.bars));
    }
    return { source: spec, series };
  }
  const wb = ctx.workbench();
  const d = wb.services.datasets.get(spec);
  for (const s of d.series) series.set(s.asset, wb.store.datasets.readSeries(d.id, s.asset));
  return { source: `dataset ${d.name} (${d.id})`, series };
}

export function pickAsset(prices: { source: string; series: Map<string, PriceSeries> }, asset: string): PriceSeries {
  const s = prices.series.get(asset);
  if (!s) throw new InputError(`--asset ${asset}: not in ${prices.source} (it has ${[...prices.series.keys()].join(', ')})`);
  return s;
}
