/** Daily OHLCV price CSV import: format detection, row validation, gap and bad-print report. */
export { parsePriceCsv } from './parsePriceCsv';
export { createRowValidator, FIRST_PRICE_DAY } from './rowValidator';
export type { PriceRow, RowValidator, RowValidatorOptions, RowValidatorSummary } from './rowValidator';
export { detectPriceCsvLayout, BINANCE_KLINE_COLUMNS, USD_QUOTES } from './layout';
export { forEachPhysicalLine, headLines } from './text';
export { assetFromFileName, assetFromPairSymbol, resolveAsset } from './asset';
export type {
  DateEncoding, ParsePriceCsvOptions, PriceCsvBadPrint, PriceCsvFormat, PriceCsvLayout, PriceCsvReport, PriceCsvResult,
} from './types';
