import { z } from 'zod';
import { AssetSymbol, Finite, Id, IsoDate, JobId, Name } from './common';

export const CsvFormat = z.enum(['generic', 'binance', 'cryptodatadownload', 'yahoo']);
export type CsvFormat = z.infer<typeof CsvFormat>;

/** A suspected bad print: kept as imported, flagged for the analyst (never silently changed). */
export const BadPrint = z.strictObject({
  date: IsoDate,
  line: z.number().int(),
  field: z.string(),
  value: z.string(),
  /** Which rule flagged it (see docs/formats.md, "Suspected bad prints"). */
  rule: z.string(),
  reason: z.string(),
});

export const GapReport = z.strictObject({
  /** Calendar days missing between the first and last date, as inclusive ranges. */
  gaps: z.array(z.strictObject({ from: IsoDate, to: IsoDate, days: z.number().int().positive() })),
  missingDays: z.number().int().nonnegative(),
  badPrints: z.array(BadPrint),
  /** Row order in the source file (newest-first files are reversed on import). */
  sourceOrder: z.enum(['ascending', 'descending']),
});
export type GapReport = z.infer<typeof GapReport>;

export const SeriesInfo = z.strictObject({
  asset: AssetSymbol,
  firstDate: IsoDate,
  lastDate: IsoDate,
  rows: z.number().int().nonnegative(),
  format: CsvFormat.or(z.literal('synthetic')),
  sourceFile: z.string(),
  contentHash: z.string(),
  importedAt: z.string(),
  report: GapReport,
});
export type SeriesInfo = z.infer<typeof SeriesInfo>;

export const DatasetInfo = z.strictObject({
  id: Id,
  name: Name,
  synthetic: z.boolean(),
  createdAt: z.string(),
  series: z.array(SeriesInfo),
});
export type DatasetInfo = z.infer<typeof DatasetInfo>;

export const ImportFile = z.strictObject({
  /** Shown in errors and stored as provenance; never opened as a path. */
  fileName: z.string().min(1).max(260),
  /** The file's text, read in the renderer from a file the user picked. */
  text: z.string().max(64 * 1024 * 1024, 'file is larger than 64 MiB; import it with `mwb import prices`'),
  /** Asset symbol override; by default taken from the file's symbol column or name (BTC-USD.csv → BTC). */
  asset: AssetSymbol.optional(),
});

export const DatasetImportInput = z.strictObject({
  /** Target dataset; created when absent. */
  datasetName: Name.default('Imported prices'),
  files: z.array(ImportFile).min(1).max(100),
  jobId: JobId.optional(),
});
export type DatasetImportInput = z.input<typeof DatasetImportInput>;

export const ImportedSeries = z.strictObject({
  asset: AssetSymbol,
  fileName: z.string(),
  format: CsvFormat.or(z.literal('synthetic')),
  rows: z.number().int(),
  firstDate: IsoDate,
  lastDate: IsoDate,
  /** `unchanged` when the same content was already stored (re-import is idempotent). */
  action: z.enum(['created', 'replaced', 'unchanged']),
  report: GapReport,
});
export type ImportedSeries = z.infer<typeof ImportedSeries>;

export const DatasetImportOutput = z.strictObject({
  datasetId: Id,
  series: z.array(ImportedSeries),
});
export type DatasetImportOutput = z.infer<typeof DatasetImportOutput>;

export const DatasetListOutput = z.strictObject({ datasets: z.array(DatasetInfo) });

export const DatasetSeriesInput = z.strictObject({
  datasetId: Id,
  asset: AssetSymbol,
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const DatasetSeriesOutput = z.strictObject({
  asset: AssetSymbol,
  synthetic: z.boolean(),
  dates: z.array(IsoDate),
  open: z.array(Finite),
  high: z.array(Finite),
  low: z.array(Finite),
  close: z.array(Finite),
  volume: z.array(Finite),
});
export type DatasetSeriesOutput = z.infer<typeof DatasetSeriesOutput>;

export const DatasetDeleteInput = z.strictObject({ datasetId: Id });
export const DatasetDeleteOutput = z.strictObject({ deleted: z.boolean() });
