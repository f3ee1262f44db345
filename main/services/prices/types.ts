import type { Bar } from '../../core/market/types';
import type { CalendarGap } from '../../core/market/calendar';
import type { BadPrintRule } from '../../core/market/badPrints';

/** The four supported daily OHLCV CSV formats (docs/formats.md). */
export type PriceCsvFormat = 'generic' | 'binance' | 'cryptodatadownload' | 'yahoo';

/**
 * How a date column is written:
 * - `iso`: `YYYY-MM-DD`, or an ISO-8601 date-time that falls on 00:00 UTC;
 * - `epoch`: an integer count since 1970-01-01T00:00Z in s, ms or µs, told apart by magnitude.
 */
export type DateEncoding = 'iso' | 'epoch';

/** Where the fields of one format live; produced by `detectPriceCsvLayout`. */
export interface PriceCsvLayout {
  format: PriceCsvFormat;
  /** Sub-shape, e.g. `headerless`, `headered`, `adj-close`, `yfinance`, `banner`, `date`, `timestamp`. */
  variant: string;
  /** Column names used in messages (the file's own header, or Binance's documented names). */
  columnNames: readonly string[];
  /** Every data row must have exactly this many fields. */
  columnCount: number;
  /** 1-based physical line of the first data row (header and banner lines come before it). */
  firstDataLine: number;
  dateColumn: number;
  dateEncoding: DateEncoding;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** CryptoDataDownload: the `Date` text column, checked against the day of the `Unix` column. */
  checkDateColumn?: number;
  /** CryptoDataDownload: the pair symbol column (`BTCUSDT`). */
  symbolColumn?: number;
}

/** A suspected bad print as reported to the user, with the physical line it came from. */
export interface PriceCsvBadPrint {
  date: string;
  line: number;
  field: 'low' | 'high' | 'close' | 'volume';
  value: string;
  rule: BadPrintRule;
  reason: string;
}

export interface PriceCsvReport {
  /** Missing UTC days between the first and last bar, as inclusive runs. */
  gaps: CalendarGap[];
  /** Sum of `gaps[].days`. */
  missingDays: number;
  badPrints: PriceCsvBadPrint[];
  /** Row order in the file; `descending` files (CryptoDataDownload) were reversed. */
  sourceOrder: 'ascending' | 'descending';
}

export interface PriceCsvResult {
  format: PriceCsvFormat;
  /** Base asset, upper case (`BTC`). */
  asset: string;
  /** Ascending by date, one per UTC day, decimal text as in the file. */
  bars: Bar[];
  report: PriceCsvReport;
}

export interface ParsePriceCsvOptions {
  /** Base asset; overrides the Symbol column and the file name. */
  asset?: string;
  /** Clock for the "not after tomorrow" date check. Defaults to the current time. */
  now?: Date;
}
