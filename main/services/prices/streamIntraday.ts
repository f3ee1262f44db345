import { MS_PER_DAY, formatIsoDay, requireIsoDay, utcDayOf } from '../../core/market/calendar';
import { compareDecimalText } from './fields';
import { FIRST_PRICE_DAY, createRowFieldChecks, type RowFieldChecks } from './rowValidator';
import { createDecimalSum } from './streamSum';
import { formatTimestampMs, parseTimestampField } from './streamTime';
import { quote } from './text';
import type { PriceCsvLayout } from './types';

/**
 * Intraday bars (1-minute, 1-hour, …) aggregated into UTC daily OHLCV bars while they stream by:
 * open = the day's first bar's open, high = the largest high, low = the smallest low, close = the
 * last bar's close, volume = the exact decimal sum of the volumes (./streamSum.ts). The day of a bar
 * is the UTC day of its open time, the convention of daily klines (Binance: a 1d candle opens at
 * 00:00 UTC and covers the next 24 hours).
 *
 * Every row passes the daily importer's field checks (createRowFieldChecks: encoding, field count,
 * positive prices, high ≥ open/close ≥ low, symbol) and a time check: valid, not before 2009-01-03
 * nor after tomorrow, strictly ascending or strictly descending through the whole file (newest-first
 * CryptoDataDownload exports are fine; the days are put in ascending order at the end). State is
 * O(1) per row plus one entry per day, whatever the number of rows.
 *
 * Values are kept as the file's text: the high is the text of the row holding the maximum (exact
 * comparison, compareDecimalText); of equal values the earliest in time wins.
 */

/** Daily bars built from intraday rows, ascending, with where each value came from. */
export interface IntradayDays {
  dates: string[];
  open: string[];
  high: string[];
  low: string[];
  close: string[];
  volume: string[];
  /** Float64 of the texts above, for the bad-print rules. */
  values: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
  /** Physical line of the row each value came from (volume: the day's first line in the file). */
  lines: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
  /** Intraday rows aggregated into each day. */
  rowsPerDay: number[];
  order: 'ascending' | 'descending';
  rows: number;
  /** Smallest time step between consecutive rows, in ms (Infinity for one row). */
  minStepMs: number;
  symbolAsset?: string;
}

export interface IntradayAggregator {
  /** One data row as the CSV parser split it. */
  accept(fields: string[], lineNumber: number, isLastLine: boolean): void;
  /** Closes the last day and returns all days, ascending. */
  finish(): IntradayDays;
}

export function createIntradayAggregator(layout: PriceCsvLayout, fileName: string, options: { now: Date }): IntradayAggregator {
  const checks = createRowFieldChecks(layout, fileName);
  const fail: RowFieldChecks['fail'] = checks.fail;
  const names = layout.columnNames;
  const dateName = names[layout.dateColumn];
  const minDay = requireIsoDay(FIRST_PRICE_DAY, 'first price day');
  const maxDay = requireIsoDay(utcDayOf(options.now), 'today') + 1;
  const out: IntradayDays = {
    dates: [], open: [], high: [], low: [], close: [], volume: [],
    values: { open: [], high: [], low: [], close: [], volume: [] },
    lines: { open: [], high: [], low: [], close: [], volume: [] },
    rowsPerDay: [], order: 'ascending', rows: 0, minStepMs: Infinity,
  };

  let order: 'ascending' | 'descending' | undefined;
  let previousMs = 0;
  let previousLine = 0;
  // The day being built.
  let day = NaN;
  let openText = '', highText = '', lowText = '', closeText = '';
  let open = 0, high = 0, low = 0, close = 0;
  let openLine = 0, highLine = 0, lowLine = 0, closeLine = 0, firstLine = 0, dayRows = 0;
  const volume = createDecimalSum();

  function closeDay(): void {
    if (dayRows === 0) return;
    const volumeText = volume.text();
    out.dates.push(formatIsoDay(day));
    out.open.push(openText); out.high.push(highText); out.low.push(lowText); out.close.push(closeText); out.volume.push(volumeText);
    out.values.open.push(open); out.values.high.push(high); out.values.low.push(low); out.values.close.push(close);
    out.values.volume.push(Number(volumeText));
    out.lines.open.push(openLine); out.lines.high.push(highLine); out.lines.low.push(lowLine); out.lines.close.push(closeLine);
    out.lines.volume.push(firstLine);
    out.rowsPerDay.push(dayRows);
    volume.reset();
    dayRows = 0;
  }

  function timeOf(fields: readonly string[], lineNumber: number): number {
    const raw = fields[layout.dateColumn];
    const parsed = parseTimestampField(raw, dateName, layout.dateEncoding);
    if (!parsed.ok) fail(lineNumber, parsed.message);
    const ms = parsed.value;
    const rowDay = Math.floor(ms / MS_PER_DAY);
    if (rowDay < minDay || rowDay > maxDay) {
      const bound = rowDay < minDay ? `before ${FIRST_PRICE_DAY} (the first Bitcoin block)` : `after ${formatIsoDay(maxDay)} (tomorrow)`;
      fail(lineNumber, `${dateName} ${quote(raw)} (${formatTimestampMs(ms)}) is ${bound}`);
    }
    if (out.rows > 0) {
      if (ms === previousMs) {
        fail(lineNumber, `duplicate ${dateName} ${quote(raw)}: ${formatTimestampMs(ms)} is also on line ${previousLine}`);
      }
      const direction = ms > previousMs ? 'ascending' : 'descending';
      if (order === undefined) order = direction;
      else if (direction !== order) {
        fail(lineNumber, `${dateName} ${quote(raw)} is out of order: the rows are ${order} and line ${previousLine} `
          + `is ${formatTimestampMs(previousMs)} (rows must be sorted by time, oldest or newest first)`);
      }
      out.minStepMs = Math.min(out.minStepMs, Math.abs(ms - previousMs));
    }
    return ms;
  }

  /** CryptoDataDownload writes the time twice (Unix and Date); they must agree. */
  function checkTimeColumn(fields: readonly string[], ms: number, lineNumber: number): void {
    if (layout.checkDateColumn === undefined) return;
    const text = fields[layout.checkDateColumn];
    const checked = parseTimestampField(text, names[layout.checkDateColumn], 'iso');
    if (!checked.ok) fail(lineNumber, checked.message);
    if (Math.floor(checked.value) !== Math.floor(ms)) {
      fail(lineNumber, `${names[layout.checkDateColumn]} ${quote(text)} disagrees with ${dateName} `
        + `${quote(fields[layout.dateColumn])} (${formatTimestampMs(ms)})`);
    }
  }

  /** Whether `text`/`value` should replace the current extreme (larger for the high, smaller for the low). */
  function beats(text: string, value: number, currentText: string, current: number, sign: 1 | -1): boolean {
    if (value !== current) return sign * (value - current) > 0;
    const cmp = sign * compareDecimalText(text, value, currentText, current);
    // Equal values: keep the earliest in time, i.e. the later row of a newest-first file.
    return cmp > 0 || (cmp === 0 && order === 'descending');
  }

  return {
    accept(rawFields: string[], lineNumber: number, isLastLine: boolean): void {
      const fields = checks.checkFields(rawFields, lineNumber, isLastLine);
      const ms = timeOf(fields, lineNumber);
      checkTimeColumn(fields, ms, lineNumber);
      checks.checkSymbol(fields, lineNumber);
      const v = checks.ohlcv(fields, lineNumber);
      const rowDay = Math.floor(ms / MS_PER_DAY);
      if (rowDay !== day) {
        closeDay();
        day = rowDay;
        openText = fields[layout.open]; open = v.open; openLine = lineNumber;
        highText = fields[layout.high]; high = v.high; highLine = lineNumber;
        lowText = fields[layout.low]; low = v.low; lowLine = lineNumber;
        closeText = fields[layout.close]; close = v.close; closeLine = lineNumber;
        firstLine = lineNumber;
      } else {
        // Ascending: a later row carries the close; newest first: an earlier row carries the open.
        if (order === 'ascending') {
          closeText = fields[layout.close]; close = v.close; closeLine = lineNumber;
        } else {
          openText = fields[layout.open]; open = v.open; openLine = lineNumber;
        }
        if (beats(fields[layout.high], v.high, highText, high, 1)) {
          highText = fields[layout.high]; high = v.high; highLine = lineNumber;
        }
        if (beats(fields[layout.low], v.low, lowText, low, -1)) {
          lowText = fields[layout.low]; low = v.low; lowLine = lineNumber;
        }
      }
      volume.add(fields[layout.volume]);
      dayRows += 1;
      out.rows += 1;
      previousMs = ms;
      previousLine = lineNumber;
    },
    finish(): IntradayDays {
      closeDay();
      out.order = order ?? 'ascending';
      if (out.order === 'descending') {
        for (const column of [out.dates, out.open, out.high, out.low, out.close, out.volume, out.rowsPerDay,
          ...Object.values(out.values), ...Object.values(out.lines)]) column.reverse();
      }
      const symbolAsset = checks.symbolAsset();
      return symbolAsset === undefined ? out : { ...out, symbolAsset };
    },
  };
}
