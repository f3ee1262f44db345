import type { DatasetImportOutput, DatasetInfo, DatasetSeriesOutput, GapReport, ImportedSeries, ParsedInputOf } from '../../preload/contract';
import { InputError, NotFoundError } from '../core/errors';
import type { Bar } from '../core/market/types';
import { contentHash } from '../store/hash';
import type { DatasetRecord } from '../store/datasets';
import type { ServiceContext } from './context';
import { tracked } from './tracked';
import type { CsvFormat } from '../../preload/contract/schemas/datasets';

/** A validated price file, ready to store (the parser in ./prices produces it). */
export interface ParsedFile {
  fileName: string;
  format: CsvFormat | 'synthetic';
  asset: string;
  bars: Bar[];
  report: GapReport;
}

export function toDatasetInfo(d: DatasetRecord): DatasetInfo {
  return {
    id: d.id, name: d.name, synthetic: d.synthetic, createdAt: d.createdAt,
    series: d.series.map((s) => ({
      asset: s.asset, firstDate: s.firstDate, lastDate: s.lastDate, rows: s.rows,
      format: s.format as DatasetInfo['series'][number]['format'], sourceFile: s.sourceFile,
      contentHash: s.contentHash, importedAt: s.importedAt, report: s.report as GapReport,
    })),
  };
}

/**
 * Stores parsed price files in one dataset, all-or-nothing: every file was validated before this is
 * called, and the writes share one transaction. Re-importing identical content changes nothing.
 */
export function storeParsedPrices(ctx: ServiceContext, datasetName: string, files: ParsedFile[], synthetic = false): DatasetImportOutput {
  const assets = new Map<string, string>();
  for (const f of files) {
    const prior = assets.get(f.asset);
    if (prior) throw new InputError(`${f.fileName}: asset ${f.asset} is also in ${prior}; import one file per asset`);
    assets.set(f.asset, f.fileName);
  }
  return ctx.store.transaction(() => {
    const nowIso = ctx.now().toISOString();
    let dataset = ctx.store.datasets.findByName(datasetName);
    if (!dataset) {
      ctx.store.datasets.create({ id: ctx.newId(), name: datasetName, synthetic, createdAt: nowIso });
      dataset = ctx.store.datasets.findByName(datasetName)!;
    } else if (dataset.synthetic !== synthetic) {
      throw new InputError(`dataset "${datasetName}" is ${dataset.synthetic ? 'synthetic' : 'real'} data; import into another dataset name`);
    }
    const series: ImportedSeries[] = files.map((f) => {
      const hash = barsHash(f.bars);
      const existing = ctx.store.datasets.getSeries(dataset.id, f.asset);
      const action = !existing ? 'created' : existing.contentHash === hash ? 'unchanged' : 'replaced';
      if (action !== 'unchanged') {
        ctx.store.datasets.putSeries(dataset.id, {
          asset: f.asset, format: f.format, sourceFile: f.fileName, contentHash: hash, firstDate: f.bars[0]!.date,
          lastDate: f.bars[f.bars.length - 1]!.date, rows: f.bars.length, importedAt: nowIso, report: f.report,
        }, f.bars);
      }
      return {
        asset: f.asset, fileName: f.fileName, format: f.format, rows: f.bars.length, firstDate: f.bars[0]!.date,
        lastDate: f.bars[f.bars.length - 1]!.date, action, report: f.report,
      };
    });
    return { datasetId: dataset.id, series };
  });
}

/** Content hash of the normalised bars: the same prices hash the same whatever file format held them. */
export function barsHash(bars: readonly Bar[]): string {
  return contentHash(bars.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume]));
}

export function datasetsService(ctx: ServiceContext) {
  return {
    async importFiles(input: ParsedInputOf<'dataset:import'>): Promise<DatasetImportOutput> {
      const { result } = await tracked(ctx, {
        kind: 'dataset:import',
        jobId: input.jobId,
        work: (jobId, onProgress) =>
          ctx.pool.run<ParsedFile[]>('prices:parse', { files: input.files, nowIso: ctx.now().toISOString() }, {
            jobId, kind: 'dataset:import', onProgress: (p) => onProgress(p.done, p.total, p.message),
          }),
      });
      return storeParsedPrices(ctx, input.datasetName, result);
    },
    list(): { datasets: DatasetInfo[] } {
      return { datasets: ctx.store.datasets.list().map(toDatasetInfo) };
    },
    get(idOrName: string): DatasetRecord {
      const d = ctx.store.datasets.get(idOrName) ?? ctx.store.datasets.findByName(idOrName);
      if (!d) throw new NotFoundError(`no dataset with id or name "${idOrName}"`);
      return d;
    },
    series(input: ParsedInputOf<'dataset:series'>): DatasetSeriesOutput {
      const d = this.get(input.datasetId);
      if (!d.series.some((s) => s.asset === input.asset)) {
        throw new NotFoundError(`dataset "${d.name}" has no series for ${input.asset} (it has ${d.series.map((s) => s.asset).join(', ') || 'none'})`);
      }
      const s = ctx.store.datasets.readSeries(d.id, input.asset, input.from, input.to);
      return {
        asset: s.asset, synthetic: d.synthetic, dates: s.dates, open: Array.from(s.open), high: Array.from(s.high),
        low: Array.from(s.low), close: Array.from(s.close), volume: Array.from(s.volume),
      };
    },
    delete(datasetId: string): { deleted: boolean } {
      return { deleted: ctx.store.transaction(() => ctx.store.datasets.delete(datasetId)) };
    },
  };
}
