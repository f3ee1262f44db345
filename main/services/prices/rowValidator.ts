import type { Bar } from '../../core/market/types';
import { formatIsoDay, parseIsoDay, requireIsoDay, utcDayOf } from '../../core/market/calendar';
import type { PriceCsvLayout } from './types';
import { assetFromPairSymbol } from './asset';
import { compareDecimalText, decimalFieldValue, parseDateField, parseDecimalField, parseIsoDateField } from './fields';
import { MAX_FIELD_CHARS, assertTextLine, foreignDelimiter, lineError, quote, quoteLine, splitCsvLine } from './text';

/**
 * Row-by-row validation of a price file, so a large file can be fed line by line with O(1) state
 * (last date, direction, symbol). Each accepted line becomes a Bar; anything wrong throws an
 * InputError naming the file, the physical line and the offending value. The per-row path avoids
 * allocating anything but the fields and the Bar: on a 1M-row file garbage collection, not
 * parsing, is what costs time.
 */

/** No crypto price exists before the Bitcoin genesis block (2009-01-03). */
export const FIRST_PRICE_DAY = '2009-01-03';

export interface RowValidatorOptions {
  /** Injected clock: dates after the UTC day of `now` + 1 are rejected. */
  now: Date;
}

export interface RowValidatorSummary {
  rows: number;
  /** Direction of the dates seen (a single row counts as ascending). */
  order: 'ascending' | 'descending';
  /** Base asset from the file's Symbol column (CryptoDataDownload), if it has one. */
  symbolAsset?: string;
}

/** One validated row: the Bar (decimal text as in the file, trimmed) and its float64 values. */
export interface PriceRow {
  bar: Bar;
  /** Days since 1970-01-01 of `bar.date`. */
  epochDay: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface RowValidator {
  /**
   * Validate one physical data line (no line ending). `isLastLine` only sharpens the message for a
   * short row ("truncated last line").
   */
  accept(lineText: string, lineNumber: number, isLastLine?: boolean): PriceRow;
  /** The same for a line a CSV parser already split into fields (the streaming reader, ./streamRows.ts). */
  acceptFields(fields: string[], lineNumber: number, isLastLine?: boolean): PriceRow;
  /** What has been accepted so far. */
  summary(): RowValidatorSummary;
}

/** Float64 values of a row's checked OHLCV fields. */
export interface OhlcvValues {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * The checks of one row that do not depend on what its date means, shared by the daily validator
 * and the intraday reader (./streamIntraday.ts): text encoding, field count and length, the symbol
 * column, positive prices and the OHLC order. Every failure throws an InputError naming the file,
 * the line and the value.
 */
export interface RowFieldChecks {
  /** Split a physical line (no line ending) and check its fields; returns them trimmed. */
  splitLine(lineText: string, lineNumber: number, isLastLine: boolean): string[];
  /** The same checks on fields a CSV parser already split; trims them in place and returns them. */
  checkFields(fields: string[], lineNumber: number, isLastLine: boolean): string[];
  /** The Symbol column (CryptoDataDownload) must be a USD pair and the same on every line. */
  checkSymbol(fields: readonly string[], lineNumber: number): void;
  ohlcv(fields: readonly string[], lineNumber: number): OhlcvValues;
  /** Base asset from the Symbol column, once a line has been checked. */
  symbolAsset(): string | undefined;
  fail(lineNumber: number, detail: string): never;
}

export function createRowFieldChecks(layout: PriceCsvLayout, fileName: string): RowFieldChecks {
  const names = layout.columnNames;
  let symbol: string | undefined;
  let symbolAsset: string | undefined;

  function fail(lineNumber: number, detail: string): never {
    throw lineError(fileName, lineNumber, detail);
  }

  function checkCountAndTrim(fields: string[], lineText: () => string, lineNumber: number, isLastLine: boolean): string[] {
    if (fields.length !== layout.columnCount) {
      const text = lineText();
      const delimiter = foreignDelimiter(text);
      if (delimiter !== undefined) {
        fail(lineNumber, `row ${quoteLine(text)} uses ${quote(delimiter)} as a delimiter, but this file is comma-separated`);
      }
      const hint = isLastLine && fields.length < layout.columnCount ? ' (the last line looks truncated)' : '';
      fail(lineNumber, `expected ${layout.columnCount} fields, found ${fields.length} in ${quoteLine(text)}${hint}`);
    }
    for (let i = 0; i < fields.length; i++) {
      const raw = fields[i];
      const field = raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32 ? raw.trim() : raw;
      if (field.length > MAX_FIELD_CHARS) {
        fail(lineNumber, `${names[i]} ${quote(field)} is ${field.length} characters long (at most ${MAX_FIELD_CHARS})`);
      }
      fields[i] = field;
    }
    return fields;
  }

  function splitLine(lineText: string, lineNumber: number, isLastLine: boolean): string[] {
    if (lineText.trim() === '') fail(lineNumber, 'empty line inside the data ("")');
    assertTextLine(lineText, lineNumber, fileName);
    const fields = splitCsvLine(lineText) ?? fail(lineNumber, `malformed quotes in ${quoteLine(lineText)}`);
    return checkCountAndTrim(fields, () => lineText, lineNumber, isLastLine);
  }

  function checkFields(fields: string[], lineNumber: number, isLastLine: boolean): string[] {
    // The parser removed the quoting; the fields joined back are the line as messages show it.
    const lineText = (): string => fields.join(',');
    if (fields.length === 1 && fields[0].trim() === '') fail(lineNumber, 'empty line inside the data ("")');
    for (const field of fields) {
      if (field.indexOf('\u0000') >= 0 || field.indexOf('\uFFFD') >= 0) assertTextLine(lineText(), lineNumber, fileName);
    }
    return checkCountAndTrim(fields, lineText, lineNumber, isLastLine);
  }

  function checkSymbol(fields: readonly string[], lineNumber: number): void {
    if (layout.symbolColumn === undefined) return;
    const value = fields[layout.symbolColumn];
    if (symbol === undefined) {
      symbolAsset = assetFromPairSymbol(value);
      if (symbolAsset === undefined) {
        fail(lineNumber, `${names[layout.symbolColumn]} ${quote(value)} is not a pair quoted in USD, USDT, USDC or BUSD`);
      }
      symbol = value;
    } else if (value !== symbol) {
      fail(lineNumber, `${names[layout.symbolColumn]} ${quote(value)} differs from ${quote(symbol)} on earlier lines`);
    }
  }

  /** Float64 of an OHLC field, which must be a positive finite decimal. */
  function price(fields: readonly string[], column: number, lineNumber: number): number {
    const value = decimalFieldValue(fields[column]);
    if (value > 0 && value !== Infinity) return value;
    const result = parseDecimalField(fields[column], names[column], true);
    return fail(lineNumber, result.ok ? `${names[column]} ${quote(fields[column])} is not a positive number` : result.message);
  }

  /** Float64 of the volume field, which must be a non-negative finite decimal. */
  function volumeOf(fields: readonly string[], lineNumber: number): number {
    const column = layout.volume;
    const value = decimalFieldValue(fields[column]);
    if (value >= 0 && value !== Infinity) return value;
    const result = parseDecimalField(fields[column], names[column], false);
    return fail(lineNumber, result.ok ? `${names[column]} ${quote(fields[column])} is not a number` : result.message);
  }

  /** Throws unless fields[upper] ≥ fields[lower], exactly (see compareDecimalText). */
  function requireOrder(fields: readonly string[], upper: number, upperValue: number, lower: number, lowerValue: number,
    lineNumber: number): void {
    if (upperValue > lowerValue) return;
    if (compareDecimalText(fields[upper], upperValue, fields[lower], lowerValue) >= 0) return;
    if (upper === layout.high) {
      fail(lineNumber, `${names[upper]} ${quote(fields[upper])} is below ${names[lower]} ${quote(fields[lower])}`);
    }
    fail(lineNumber, `${names[lower]} ${quote(fields[lower])} is above ${names[upper]} ${quote(fields[upper])}`);
  }

  function ohlcv(fields: readonly string[], lineNumber: number): OhlcvValues {
    const { open: o, high: h, low: l, close: c } = layout;
    const open = price(fields, o, lineNumber);
    const high = price(fields, h, lineNumber);
    const low = price(fields, l, lineNumber);
    const close = price(fields, c, lineNumber);
    const volume = volumeOf(fields, lineNumber);
    // A candle's high is its maximum and its low its minimum: high ≥ low, high ≥ max(open, close),
    // low ≤ min(open, close).
    requireOrder(fields, h, high, l, low, lineNumber);
    requireOrder(fields, h, high, o, open, lineNumber);
    requireOrder(fields, h, high, c, close, lineNumber);
    requireOrder(fields, o, open, l, low, lineNumber);
    requireOrder(fields, c, close, l, low, lineNumber);
    return { open, high, low, close, volume };
  }

  return { splitLine, checkFields, checkSymbol, ohlcv, symbolAsset: () => symbolAsset, fail };
}

export function createRowValidator(layout: PriceCsvLayout, fileName: string, options: RowValidatorOptions): RowValidator {
  const names = layout.columnNames;
  const minDay = requireIsoDay(FIRST_PRICE_DAY, 'first price day');
  const maxDay = requireIsoDay(utcDayOf(options.now), 'today') + 1;
  const checks = createRowFieldChecks(layout, fileName);
  const fail: RowFieldChecks['fail'] = checks.fail;

  let rows = 0;
  let previousDay = 0;
  let previousLine = 0;
  let order: 'ascending' | 'descending' | undefined;

  function epochDayOfDateField(raw: string, lineNumber: number): number {
    // Fast path: a plain YYYY-MM-DD needs no result object.
    const plain = layout.dateEncoding === 'iso' ? parseIsoDay(raw) : undefined;
    if (plain !== undefined) return plain;
    const parsed = parseDateField(raw, names[layout.dateColumn], layout.dateEncoding);
    return parsed.ok ? parsed.value : fail(lineNumber, parsed.message);
  }

  function checkDay(day: number, raw: string, lineNumber: number): void {
    const dateName = names[layout.dateColumn];
    if (day < minDay || day > maxDay) {
      const bound = day < minDay ? `before ${FIRST_PRICE_DAY} (the first Bitcoin block)` : `after ${formatIsoDay(maxDay)} (tomorrow)`;
      fail(lineNumber, `${dateName} ${quote(raw)} (${formatIsoDay(day)}) is ${bound}`);
    }
    if (rows === 0) return;
    if (day === previousDay) {
      fail(lineNumber, `duplicate ${dateName} ${quote(raw)}: ${formatIsoDay(day)} is also on line ${previousLine}`);
    }
    const direction = day > previousDay ? 'ascending' : 'descending';
    if (order === undefined) order = direction;
    else if (direction !== order) {
      fail(lineNumber, `${dateName} ${quote(raw)} is out of order: the rows are ${order} and line ${previousLine} `
        + `is ${formatIsoDay(previousDay)} (rows must be sorted by date, oldest or newest first)`);
    }
  }

  /** CryptoDataDownload carries the day twice (Unix and Date); they must agree. */
  function checkDateColumn(fields: readonly string[], day: number, lineNumber: number): void {
    if (layout.checkDateColumn === undefined) return;
    const text = fields[layout.checkDateColumn];
    if (parseIsoDay(text) === day) return;
    const checked = parseIsoDateField(text, names[layout.checkDateColumn]);
    if (!checked.ok) fail(lineNumber, checked.message);
    if (checked.value !== day) {
      fail(lineNumber, `${names[layout.checkDateColumn]} ${quote(text)} disagrees with ${names[layout.dateColumn]} `
        + `${quote(fields[layout.dateColumn])} (${formatIsoDay(day)})`);
    }
  }


  /** The date checks and the Bar, once the fields are split and checked. */
  function acceptChecked(fields: string[], lineNumber: number): PriceRow {
    const rawDate = fields[layout.dateColumn];
    const day = epochDayOfDateField(rawDate, lineNumber);
    checkDay(day, rawDate, lineNumber);
    checkDateColumn(fields, day, lineNumber);
    checks.checkSymbol(fields, lineNumber);
    const { open, high, low, close, volume } = checks.ohlcv(fields, lineNumber);

    rows += 1;
    previousDay = day;
    previousLine = lineNumber;
    // Reuse the file's text when it already is the canonical day (no new string per row).
    const date = layout.dateEncoding === 'iso' && rawDate.length === 10 ? rawDate : formatIsoDay(day);
    const { open: o, high: h, low: l, close: c, volume: v } = layout;
    return {
      bar: { date, open: fields[o], high: fields[h], low: fields[l], close: fields[c], volume: fields[v] },
      epochDay: day, open, high, low, close, volume,
    };
  }

  return {
    accept: (lineText, lineNumber, isLastLine = false) => acceptChecked(checks.splitLine(lineText, lineNumber, isLastLine), lineNumber),
    acceptFields: (fields, lineNumber, isLastLine = false) => acceptChecked(checks.checkFields(fields, lineNumber, isLastLine), lineNumber),
    summary: () => {
      const symbolAsset = checks.symbolAsset();
      return { rows, order: order ?? 'ascending', ...(symbolAsset !== undefined ? { symbolAsset } : {}) };
    },
  };
}
