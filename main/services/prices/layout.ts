import type { PriceCsvLayout } from './types';
import { assertTextLine, foreignDelimiter, lineError, quote, quoteLine, splitCsvLine } from './text';

/**
 * Format detection from the first lines of the content (never from the file name). Header names
 * are compared case-insensitively with runs of spaces/underscores folded to `_`, so `Adj Close`,
 * `adj_close` and `Open time` / `open_time` match.
 */

/** Binance public-data kline columns, in file order (binance-public-data README, "Klines"). */
export const BINANCE_KLINE_COLUMNS = [
  'open_time', 'open', 'high', 'low', 'close', 'volume', 'close_time', 'quote_volume', 'count',
  'taker_buy_volume', 'taker_buy_quote_volume', 'ignore',
] as const;

/** Quote currencies treated as USD; also stripped from pair symbols to get the base asset. */
export const USD_QUOTES = ['BUSD', 'USDT', 'USDC', 'USD'] as const;

const OHLC = ['open', 'high', 'low', 'close'];
const EXPECTED = 'expected date,open,high,low,close,volume; Binance klines; a CryptoDataDownload export; '
  + 'or Yahoo Date,Open,High,Low,Close,Adj Close,Volume';

export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '_');
}

function sameNames(actual: readonly string[], expected: readonly string[], offset = 0): boolean {
  return expected.every((name, i) => actual[offset + i] === name);
}

const INTEGER_TIME = /^\d{10,17}$/;
const NUMBER_LIKE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function isHeaderlessBinance(fields: readonly string[]): boolean {
  return fields.length === BINANCE_KLINE_COLUMNS.length && INTEGER_TIME.test(fields[0].trim())
    && fields.slice(1, 6).every((f) => NUMBER_LIKE.test(f));
}

interface Columns { dateColumn: number; open: number; high: number; low: number; close: number; volume: number }

function standardColumns(volume: number, dateColumn = 0): Columns {
  return { dateColumn, open: dateColumn + 1, high: dateColumn + 2, low: dateColumn + 3, close: dateColumn + 4, volume };
}

/** CryptoDataDownload: `Unix,Date,Symbol,Open,High,Low,Close,Volume <base>,Volume <quote>[,tradecount]`. */
function cddLayout(header: readonly string[], names: readonly string[], line: number): PriceCsvLayout | undefined {
  if (!sameNames(names, ['unix', 'date', 'symbol', ...OHLC])) return undefined;
  const volumeColumns = names.map((n, i) => (n.startsWith('volume_') ? i : -1)).filter((i) => i >= 0);
  if (volumeColumns.length === 0) return undefined;
  // CDD lists the base-asset volume (`Volume BTC`) before the quote volume (`Volume USDT`); pick
  // the first volume column whose currency is not a USD quote, else the first one.
  const isQuote = (i: number) => (USD_QUOTES as readonly string[]).includes(names[i].slice(7).toUpperCase());
  const volume = volumeColumns.find((i) => !isQuote(i)) ?? volumeColumns[0];
  return {
    format: 'cryptodatadownload', variant: line === 2 ? 'banner' : 'no-banner', columnNames: header.map((h) => h.trim()),
    columnCount: header.length, firstDataLine: line + 1, dateEncoding: 'epoch',
    dateColumn: 0, open: 3, high: 4, low: 5, close: 6, volume, checkDateColumn: 1, symbolColumn: 2,
  };
}

function headeredLayout(header: readonly string[], line: number): PriceCsvLayout | undefined {
  const names = header.map(normaliseColumnName);
  const base = { columnNames: header.map((h) => h.trim()), columnCount: header.length, firstDataLine: line + 1 };
  const cdd = cddLayout(header, names, line);
  if (cdd) return cdd;
  if (names.length >= 6 && sameNames(names, BINANCE_KLINE_COLUMNS.slice(0, 6))) {
    return { ...base, format: 'binance', variant: 'headered', dateEncoding: 'epoch', ...standardColumns(5) };
  }
  if (names.length === 7 && sameNames(names, ['date', ...OHLC, 'adj_close', 'volume'])) {
    return { ...base, format: 'yahoo', variant: 'adj-close', dateEncoding: 'iso', ...standardColumns(6) };
  }
  if (names.length === 8 && sameNames(names, ['date', ...OHLC, 'volume', 'dividends', 'stock_splits'])) {
    return { ...base, format: 'yahoo', variant: 'yfinance', dateEncoding: 'iso', ...standardColumns(5) };
  }
  if (names.length === 6 && (names[0] === 'date' || names[0] === 'timestamp') && sameNames(names, [...OHLC, 'volume'], 1)) {
    return { ...base, format: 'generic', variant: names[0], dateEncoding: 'iso', ...standardColumns(5) };
  }
  return undefined;
}

/**
 * Layout of a price CSV from its first physical lines (BOM and line ends already removed, see
 * `headLines`; two lines suffice). Rules, in order:
 * 1. line 1 mentions CryptoDataDownload → banner; line 2 must be the CDD header;
 * 2. line 1 is a known header (CDD without banner, Binance `open_time,…`, Yahoo, generic);
 * 3. line 1 is a 12-field numeric row starting with an integer time → headerless Binance klines.
 * Throws InputError naming line and text when nothing matches.
 */
export function detectPriceCsvLayout(firstLines: readonly string[], fileName: string): PriceCsvLayout {
  if (firstLines.length === 0 || (firstLines.length === 1 && firstLines[0].trim() === '')) {
    throw lineError(fileName, 1, 'the file is empty ("")');
  }
  assertTextLine(firstLines[0], 1, fileName);
  const hasBanner = /cryptodatadownload/i.test(firstLines[0]);
  const headerLine = hasBanner ? 2 : 1;
  if (hasBanner && firstLines.length < 2) {
    throw lineError(fileName, 1, `banner ${quoteLine(firstLines[0])} is not followed by a header line`);
  }
  const headerText = firstLines[headerLine - 1];
  assertTextLine(headerText, headerLine, fileName);
  const delimiter = foreignDelimiter(headerText);
  if (delimiter !== undefined && headerText.indexOf(',') < 0) {
    throw lineError(fileName, headerLine,
      `header ${quoteLine(headerText)} is separated by ${quote(delimiter)}; only comma-separated files are supported`);
  }
  const header = splitCsvLine(headerText);
  if (header === undefined) throw lineError(fileName, headerLine, `malformed quotes in header ${quoteLine(headerText)}`);

  const layout = headeredLayout(header, headerLine);
  if (layout && (!hasBanner || layout.format === 'cryptodatadownload')) return layout;
  if (!hasBanner && isHeaderlessBinance(header)) {
    return {
      format: 'binance', variant: 'headerless', columnNames: BINANCE_KLINE_COLUMNS, columnCount: BINANCE_KLINE_COLUMNS.length,
      firstDataLine: 1, dateEncoding: 'epoch', ...standardColumns(5),
    };
  }
  throw lineError(fileName, headerLine, `unrecognised header ${quoteLine(headerText)} (${EXPECTED})`);
}
