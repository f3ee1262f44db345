import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../../core/errors';
import { MS_PER_DAY, calendarGaps, missingDayCount } from '../../core/market/calendar';
import { suspectedBadPrints } from '../../core/market/badPrints';
import type { Bar } from '../../core/market/types';
import { resolveAsset } from './asset';
import { detectPriceCsvLayout } from './layout';
import { createRowValidator } from './rowValidator';
import { createIntradayAggregator } from './streamIntraday';
import { streamCsvRows } from './streamRows';
import { parseTimestampField } from './streamTime';
import { headLines, lineError, quoteLine, splitCsvLine } from './text';
import type { PriceCsvBadPrint, PriceCsvFormat, PriceCsvLayout, PriceCsvReport } from './types';

/**
 * Import of a price file too large to hold, or of intraday bars: the file is streamed
 * (./streamRows.ts) and only daily bars are kept. A daily file goes through the same row validator
 * as `parsePriceCsv` and gives the same bars and report; an intraday file is aggregated into UTC
 * daily bars (./streamIntraday.ts). Memory: the read buffer, one row, and a few values per day.
 */

/** `1d`: rows are daily bars (00:00 UTC). `intraday`: rows are shorter bars, aggregated per UTC day. */
export type PriceInterval = '1d' | 'intraday';

export interface StreamPriceFileOptions {
  /** Shown in messages and stored as provenance (usually the base name). */
  fileName: string;
  /** Base asset; overrides the Symbol column and the file name. */
  asset?: string;
  /** `auto` looks at the first rows: any time of day other than 00:00 UTC means intraday. */
  interval: PriceInterval | 'auto';
  /** Clock for the "not after tomorrow" check. */
  now: Date;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface StreamImportStats {
  interval: PriceInterval;
  bytes: number;
  /** Data rows read from the file. */
  rowsRead: number;
  /** Daily bars produced. */
  days: number;
  /** Smallest step between consecutive intraday rows, in seconds (null for daily files or one row). */
  intervalSeconds: number | null;
  /**
   * Intraday only: days with fewer rows than a whole day holds at `intervalSeconds` (86400 /
   * intervalSeconds), e.g. a first or last day the file covers in part. Their bars are built
   * from the rows there are; the first 20 are listed.
   */
  incompleteDays: { count: number; first: { date: string; rows: number }[] } | null;
}

export interface StreamedPriceFile {
  fileName: string;
  format: PriceCsvFormat;
  asset: string;
  /** Ascending, one per UTC day, decimal text. */
  bars: Bar[];
  report: PriceCsvReport;
  stats: StreamImportStats;
}

const HEAD_BYTES = 1 << 16;
/** Data rows looked at to tell intraday from daily bars. */
const DETECT_ROWS = 50;

/** The first whole lines of a file (at most 64 KiB read), for format and interval detection. */
export function readHeadLines(path: string, fileName: string, count: number): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    const lines = headLines(buffer.toString('utf8', 0, read), count + 1);
    // A cut at 64 KiB leaves a partial last line (maybe a split character): drop it.
    if (read === HEAD_BYTES && lines.length > 1) lines.pop();
    return lines.slice(0, count);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${fileName}: ${code ?? String(err)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `intraday` when any of the first data rows has a time of day other than 00:00 UTC. */
export function detectInterval(layout: PriceCsvLayout, lines: readonly string[]): PriceInterval {
  for (const line of lines.slice(layout.firstDataLine - 1, layout.firstDataLine - 1 + DETECT_ROWS)) {
    const fields = splitCsvLine(line);
    const raw = fields?.[layout.dateColumn]?.trim();
    if (raw === undefined) continue;
    const time = parseTimestampField(raw, 'date', layout.dateEncoding);
    if (time.ok && time.value % MS_PER_DAY !== 0) return 'intraday';
  }
  return '1d';
}

/** Layout and interval of a file from its first lines (no full read). */
export function sniffPriceFile(path: string, fileName: string): { layout: PriceCsvLayout; interval: PriceInterval } {
  const lines = readHeadLines(path, fileName, 2 + DETECT_ROWS);
  const layout = detectPriceCsvLayout(lines, fileName);
  return { layout, interval: detectInterval(layout, lines) };
}

interface DayColumns {
  bars: Bar[];
  values: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
  /** Physical line each flagged field came from. */
  lines: { low: number[]; high: number[]; close: number[]; volume: number[] };
}

/** Gaps and suspected bad prints of ascending daily bars, as parsePriceCsv reports them. */
function dailyReport(days: DayColumns, order: 'ascending' | 'descending'): PriceCsvReport {
  const dates = days.bars.map((bar) => bar.date);
  const gaps = calendarGaps(dates);
  const flags = suspectedBadPrints({ dates, ...days.values });
  const badPrints: PriceCsvBadPrint[] = flags.map((flag) => ({
    date: flag.date, line: days.lines[flag.field][flag.index], field: flag.field, value: days.bars[flag.index][flag.field],
    rule: flag.rule, reason: flag.reason,
  }));
  return { gaps, missingDays: missingDayCount(gaps), badPrints, sourceOrder: order };
}

async function streamDaily(path: string, layout: PriceCsvLayout, options: StreamPriceFileOptions, total: number) {
  const validator = createRowValidator(layout, options.fileName, { now: options.now });
  const days: DayColumns = {
    bars: [], values: { open: [], high: [], low: [], close: [], volume: [] }, lines: { low: [], high: [], close: [], volume: [] },
  };
  const lineOfRow: number[] = [];
  const streamed = await streamCsvRows(path, {
    fileName: options.fileName, firstDataLine: layout.firstDataLine, onProgress: (bytes) => options.onProgress?.(bytes, total),
  }, (fields, lineNumber, isLastLine) => {
    const row = validator.acceptFields(fields, lineNumber, isLastLine);
    days.bars.push(row.bar);
    lineOfRow.push(lineNumber);
    days.values.open.push(row.open);
    days.values.high.push(row.high);
    days.values.low.push(row.low);
    days.values.close.push(row.close);
    days.values.volume.push(row.volume);
  });
  const summary = validator.summary();
  if (summary.order === 'descending') {
    for (const column of [days.bars, lineOfRow, ...Object.values(days.values)]) column.reverse();
  }
  days.lines = { low: lineOfRow, high: lineOfRow, close: lineOfRow, volume: lineOfRow };
  return { streamed, days, order: summary.order, symbolAsset: summary.symbolAsset, stats: { intervalSeconds: null, incompleteDays: null } };
}

async function streamIntraday(path: string, layout: PriceCsvLayout, options: StreamPriceFileOptions, total: number) {
  const aggregator = createIntradayAggregator(layout, options.fileName, { now: options.now });
  const streamed = await streamCsvRows(path, {
    fileName: options.fileName, firstDataLine: layout.firstDataLine, onProgress: (bytes) => options.onProgress?.(bytes, total),
  }, (fields, lineNumber, isLastLine) => aggregator.accept(fields, lineNumber, isLastLine));
  const agg = aggregator.finish();
  const bars: Bar[] = agg.dates.map((date, i) => ({
    date, open: agg.open[i], high: agg.high[i], low: agg.low[i], close: agg.close[i], volume: agg.volume[i],
  }));
  const step = agg.minStepMs;
  const perDay = Number.isFinite(step) && step > 0 && MS_PER_DAY % step === 0 ? MS_PER_DAY / step : undefined;
  const short = perDay === undefined ? [] : agg.dates.flatMap((date, i) => (agg.rowsPerDay[i] < perDay ? [{ date, rows: agg.rowsPerDay[i] }] : []));
  return {
    streamed,
    days: { bars, values: agg.values, lines: agg.lines },
    order: agg.order,
    symbolAsset: agg.symbolAsset,
    stats: {
      intervalSeconds: Number.isFinite(step) ? step / 1000 : null,
      incompleteDays: perDay === undefined ? null : { count: short.length, first: short.slice(0, 20) },
    },
  };
}

/**
 * Streams one price file into daily bars. Daily (`1d`) files are validated exactly as
 * `parsePriceCsv` validates them; intraday files are aggregated per UTC day. Throws an InputError
 * naming the file, line and value on the first bad row; nothing is stored here.
 */
export async function streamPriceFile(path: string, options: StreamPriceFileOptions): Promise<StreamedPriceFile> {
  let total: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${options.fileName} is not a file`);
    total = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${options.fileName}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const sniffed = sniffPriceFile(path, options.fileName);
  const { layout } = sniffed;
  const interval = options.interval === 'auto' ? sniffed.interval : options.interval;
  // Fail before reading a large file when the asset cannot be known (no option, no Symbol column, no name).
  if (layout.symbolColumn === undefined) resolveAsset(options.asset, undefined, options.fileName);
  const result = interval === 'intraday'
    ? await streamIntraday(path, layout, options, total)
    : await streamDaily(path, layout, options, total);
  if (result.days.bars.length === 0) {
    const headerLine = layout.firstDataLine - 1;
    const header = readHeadLines(path, options.fileName, headerLine)[headerLine - 1] ?? '';
    const lines = result.streamed.lines;
    throw lineError(options.fileName, headerLine, `header ${quoteLine(header)} is not followed by any data rows `
      + `(the file has ${lines} line${lines === 1 ? '' : 's'})`);
  }
  const asset = resolveAsset(options.asset, result.symbolAsset, options.fileName);
  return {
    fileName: options.fileName,
    format: layout.format,
    asset,
    bars: result.days.bars,
    report: dailyReport(result.days, result.order),
    stats: {
      interval, bytes: result.streamed.bytes, rowsRead: result.streamed.rows, days: result.days.bars.length, ...result.stats,
    },
  };
}
