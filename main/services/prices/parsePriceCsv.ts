import type { Bar } from '../../core/market/types';
import { calendarGaps, missingDayCount } from '../../core/market/calendar';
import { suspectedBadPrints } from '../../core/market/badPrints';
import type { ParsePriceCsvOptions, PriceCsvBadPrint, PriceCsvResult } from './types';
import { resolveAsset } from './asset';
import { detectPriceCsvLayout } from './layout';
import { createRowValidator } from './rowValidator';
import { forEachPhysicalLine, headLines, lineError, quoteLine } from './text';

/**
 * Parse and validate one daily OHLCV CSV file held in memory: detect the format from the content,
 * validate every row (createRowValidator), put rows in ascending date order (a cleanly descending
 * file such as a CryptoDataDownload export is reversed; anything else out of order was rejected),
 * and report calendar gaps and suspected bad prints without changing any value.
 *
 * `fileName` is used in messages and, as a last resort, to name the asset.
 */
export function parsePriceCsv(text: string, fileName: string, opts: ParsePriceCsvOptions = {}): PriceCsvResult {
  const now = opts.now ?? new Date();
  const layout = detectPriceCsvLayout(headLines(text, 2), fileName);
  const validator = createRowValidator(layout, fileName, { now });

  const bars: Bar[] = [];
  const lineOfRow: number[] = [];
  // Float64 values from validation, so the bad-print rules need not parse the text again.
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  let lastLine = 0;
  forEachPhysicalLine(text, (line, lineNumber, isLastLine) => {
    lastLine = lineNumber;
    if (lineNumber < layout.firstDataLine) return;
    const row = validator.accept(line, lineNumber, isLastLine);
    bars.push(row.bar);
    lineOfRow.push(lineNumber);
    open.push(row.open);
    high.push(row.high);
    low.push(row.low);
    close.push(row.close);
    volume.push(row.volume);
  });
  if (bars.length === 0) {
    const headerLine = layout.firstDataLine - 1;
    throw lineError(fileName, headerLine, `header ${quoteLine(headLines(text, headerLine)[headerLine - 1] ?? '')} `
      + `is not followed by any data rows (the file has ${lastLine} line${lastLine === 1 ? '' : 's'})`);
  }

  const summary = validator.summary();
  const columns = [bars, lineOfRow, open, high, low, close, volume];
  if (summary.order === 'descending') for (const column of columns) column.reverse();

  const asset = resolveAsset(opts.asset, summary.symbolAsset, fileName);
  const dates = bars.map((bar) => bar.date);
  const gaps = calendarGaps(dates);
  const flags = suspectedBadPrints({ dates, open, high, low, close, volume });
  // Report the file's own text for each flagged value, and the physical line it came from.
  const badPrints: PriceCsvBadPrint[] = flags.map((flag) => ({
    date: flag.date, line: lineOfRow[flag.index], field: flag.field, value: bars[flag.index][flag.field],
    rule: flag.rule, reason: flag.reason,
  }));
  return {
    format: layout.format,
    asset,
    bars,
    report: { gaps, missingDays: missingDayCount(gaps), badPrints, sourceOrder: summary.order },
  };
}
