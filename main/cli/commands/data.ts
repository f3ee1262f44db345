import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { DatasetInfo } from '../../../preload/contract';
import { InputError } from '../../core/errors';
import type { Command } from '../command';
import { stringFlag } from '../flags';

const MAX_FILE_BYTES = 512 * 1024 * 1024;

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

export const importPrices: Command = {
  path: ['import', 'prices'],
  summary: 'Import daily OHLCV CSV files (generic, Binance, CryptoDataDownload, Yahoo) into a dataset',
  usage: 'mwb import prices FILE... [--dataset NAME] [--asset SYM] [--json]',
  options: { dataset: { type: 'string' }, asset: { type: 'string' } },
  positionals: { min: 1, max: 100 },
  async run(ctx, args) {
    const asset = stringFlag(args, 'asset');
    if (asset !== undefined && args.positionals.length > 1) throw new InputError('--asset applies to a single file; import files one at a time to override their assets');
    if (asset !== undefined && !/^[A-Z0-9]{1,20}$/.test(asset)) throw new InputError(`--asset "${asset}" must be an upper-case symbol such as BTC`);
    const files = args.positionals.map((path) => ({ fileName: basename(path), text: readUserFile(path), ...(asset ? { asset } : {}) }));
    const wb = ctx.workbench();
    return wb.services.datasets.importFiles({ datasetName: stringFlag(args, 'dataset') ?? 'Imported prices', files });
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
