import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { DatasetImportOutput, DatasetInfo } from '../../../preload/contract';
import { InputError } from '../../core/errors';
import { storeParsedPrices, type ParsedFile } from '../../services/datasets';
import { parsePriceCsv } from '../../services/prices';
import { sniffPriceFile, streamPriceFile, type PriceInterval, type StreamImportStats } from '../../services/prices/streamImport';
import type { Workbench } from '../../workbench';
import type { Command } from '../command';
import { enumFlag, stringFlag } from '../flags';

const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Files above this size are streamed (never held whole in memory), whatever their interval. */
export const STREAM_ABOVE_BYTES = 32 * 1024 * 1024;

/** Reads a file the user named on the command line, with errors that name it. */
export function readUserFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${path} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size > MAX_FILE_BYTES) throw new InputError(`${path} is ${size} bytes; the limit is ${MAX_FILE_BYTES}`);
  return readFileSync(path, 'utf8');
}

/** Whether a file is read whole (small daily files) or streamed (large, or intraday bars). */
function readMode(path: string, interval: PriceInterval | 'auto'): 'whole' | 'stream' {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (interval === 'intraday' || size > STREAM_ABOVE_BYTES) return 'stream';
  if (interval === '1d') return 'whole';
  try {
    return sniffPriceFile(path, basename(path)).interval === 'intraday' ? 'stream' : 'whole';
  } catch {
    // A header the importer does not know: the whole-file parser reports it with its line.
    return 'whole';
  }
}

type StreamedStats = StreamImportStats & { fileName: string; asset: string };

/**
 * Streams the large and intraday files, parses the small ones whole, and stores them all in one
 * transaction (all-or-nothing, as `importFiles`). Progress goes to the same job events the
 * terminal progress bar draws.
 */
async function importWithStreaming(wb: Workbench, datasetName: string, files: { path: string; mode: 'whole' | 'stream' }[],
  asset: string | undefined, interval: PriceInterval | 'auto', now: Date): Promise<DatasetImportOutput & { streamed: StreamedStats[] }> {
  const ctx = wb.services.ctx;
  const jobId = ctx.newId();
  const started = Date.now();
  const parsed: ParsedFile[] = [];
  const streamed: StreamedStats[] = [];
  ctx.emit('job:progress', { jobId, kind: 'dataset:import', done: 0, total: 1, message: 'started' });
  try {
    for (const [i, file] of files.entries()) {
      const fileName = basename(file.path);
      if (file.mode === 'whole') {
        const result = parsePriceCsv(readUserFile(file.path), fileName, { asset, now });
        parsed.push({ fileName, format: result.format, asset: result.asset, bars: result.bars, report: result.report });
        continue;
      }
      const result = await streamPriceFile(file.path, {
        fileName, asset, interval, now,
        onProgress: (bytes, total) => ctx.emit('job:progress', {
          jobId, kind: 'dataset:import', done: i + (total > 0 ? bytes / total : 1), total: files.length, message: `reading ${fileName}`,
        }),
      });
      parsed.push({ fileName, format: result.format, asset: result.asset, bars: result.bars, report: result.report });
      streamed.push({ fileName, asset: result.asset, ...result.stats });
    }
    const output = storeParsedPrices(ctx, datasetName, parsed);
    ctx.emit('job:finished', { jobId, kind: 'dataset:import', status: 'succeeded', runId: null, error: null, durationMs: Date.now() - started });
    return { ...output, streamed };
  } catch (err) {
    ctx.emit('job:finished', {
      jobId, kind: 'dataset:import', status: 'failed', runId: null, error: (err as Error).message, durationMs: Date.now() - started,
    });
    throw err;
  }
}

export const importPrices: Command = {
  path: ['import', 'prices'],
  summary: 'Import OHLCV CSV files (generic, Binance, CryptoDataDownload, Yahoo) into a dataset; intraday bars are streamed into daily bars',
  usage: 'mwb import prices FILE... [--dataset NAME] [--asset SYM] [--interval auto|1d|intraday] [--json]',
  options: { dataset: { type: 'string' }, asset: { type: 'string' }, interval: { type: 'string' } },
  positionals: { min: 1, max: 100 },
  async run(ctx, args) {
    const asset = stringFlag(args, 'asset');
    if (asset !== undefined && args.positionals.length > 1) throw new InputError('--asset applies to a single file; import files one at a time to override their assets');
    if (asset !== undefined && !/^[A-Z0-9]{1,20}$/.test(asset)) throw new InputError(`--asset "${asset}" must be an upper-case symbol such as BTC`);
    const interval = enumFlag(args, 'interval', ['auto', '1d', 'intraday'] as const, 'auto');
    const datasetName = stringFlag(args, 'dataset') ?? 'Imported prices';
    const files = args.positionals.map((path) => ({ path, mode: readMode(path, interval) }));
    if (files.some((f) => f.mode === 'stream')) {
      return importWithStreaming(ctx.workbench(), datasetName, files, asset, interval, ctx.now());
    }
    const texts = files.map(({ path }) => ({ fileName: basename(path), text: readUserFile(path), ...(asset ? { asset } : {}) }));
    const wb = ctx.workbench();
    return wb.services.datasets.importFiles({ datasetName, files: texts });
  },
};

export const datasetsList: Command = {
  path: ['datasets', 'list'],
  summary: 'List datasets with their series, provenance and gap reports',
  usage: 'mwb datasets list [--json]',
  options: {},
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    return ctx.workbench().services.datasets.list();
  },
  text(result) {
    const { datasets } = result as { datasets: DatasetInfo[] };
    if (datasets.length === 0) return 'No datasets. Import prices with `mwb import prices FILE...` or run `mwb demo`.';
    return datasets
      .map((d) => [
        `${d.name}${d.synthetic ? '  [SYNTHETIC]' : ''}  (${d.id})`,
        ...d.series.map((s) => `  ${s.asset.padEnd(6)} ${s.firstDate} .. ${s.lastDate}  ${String(s.rows).padStart(6)} rows  ` +
          `${s.report.missingDays} missing days, ${s.report.badPrints.length} suspected bad prints  [${s.format}: ${s.sourceFile}]`),
      ].join('\n'))
      .join('\n');
  },
};
