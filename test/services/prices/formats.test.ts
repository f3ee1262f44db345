import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPriceCsvLayout, headLines, parsePriceCsv } from '../../../main/services/prices';

const NOW = new Date('2026-11-25T12:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url), 'utf8');
const parse = (name: string, opts: { asset?: string } = {}) => parsePriceCsv(fixture(name), name, { now: NOW, ...opts });

describe('parsePriceCsv on the four formats (test/fixtures/csv)', () => {
  it('generic date,open,high,low,close,volume: verbatim text, gap report', () => {
    const r = parse('BTC-USD.csv');
    expect(r.format).toBe('generic');
    expect(r.asset).toBe('BTC');
    expect(r.bars).toHaveLength(6);
    // Verbatim decimal text, trailing zeros kept (line 2 of the file).
    expect(r.bars[0]).toEqual({ date: '2024-03-01', open: '61000.10', high: '62950.55', low: '60512.00', close: '62280.42', volume: '41210.55821' });
    expect(r.bars.map((b) => b.date)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-06', '2024-03-07', '2024-03-08']);
    expect(r.report).toEqual({
      gaps: [{ from: '2024-03-04', to: '2024-03-05', days: 2 }], missingDays: 2, badPrints: [], sourceOrder: 'ascending',
    });
  });

  it('generic with a `timestamp` date column flags a zero-volume day with its line', () => {
    const r = parse('AVAXUSDT_1d.csv');
    expect(r.format).toBe('generic');
    expect(r.asset).toBe('AVAX');
    expect(r.bars).toHaveLength(4);
    expect(r.report.badPrints).toEqual([
      { date: '2023-06-03', line: 4, field: 'volume', value: '0', rule: 'zero-volume', reason: 'zero volume' },
    ]);
  });

  it('Binance headerless klines with millisecond open times', () => {
    const r = parse('BTCUSDT-1d-2024-03.csv');
    expect(r.format).toBe('binance');
    expect(r.asset).toBe('BTC');
    expect(r.bars[0]).toEqual({
      date: '2024-03-01', open: '61000.10000000', high: '62950.55000000', low: '60512.00000000', close: '62280.42000000', volume: '41210.55821000',
    });
    expect(r.bars.map((b) => b.date)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
  });

  it('Binance headerless klines with microsecond open times (spot dumps since 2025)', () => {
    const r = parse('ETHUSDT-1d-2025-02.csv');
    expect(r.format).toBe('binance');
    expect(r.asset).toBe('ETH');
    // 1738368000000000 µs = 1738368000 s = 2025-02-01T00:00:00Z (Python datetime.fromtimestamp(..., utc)).
    expect(r.bars.map((b) => b.date)).toEqual(['2025-02-01', '2025-02-02', '2025-02-03']);
    expect(r.bars[2].low).toBe('2150.00000000');
  });

  it('Binance klines with an open_time header', () => {
    const r = parse('SOLUSDT-1d-headered.csv');
    expect(r.format).toBe('binance');
    expect(r.asset).toBe('SOL');
    expect(r.bars[2]).toEqual({ date: '2024-03-03', open: '131.220', high: '135.990', low: '129.880', close: '135.470', volume: '4890112.03' });
  });

  it('CryptoDataDownload: banner, base volume column, newest-first rows reversed, asset from Symbol', () => {
    const r = parse('Binance_ETHUSDT_d.csv');
    expect(r.format).toBe('cryptodatadownload');
    expect(r.asset).toBe('ETH');
    expect(r.bars.map((b) => b.date)).toEqual(['2021-01-01', '2021-01-02', '2021-01-04', '2021-01-05', '2021-01-06']);
    // Oldest row is the last physical line (7); volume is `Volume ETH`, not `Volume USDT`.
    expect(r.bars[0]).toEqual({ date: '2021-01-01', open: '735.44', high: '748.01', low: '715.00', close: '731.19', volume: '402331.8809' });
    expect(r.report.sourceOrder).toBe('descending');
    expect(r.report.gaps).toEqual([{ from: '2021-01-03', to: '2021-01-03', days: 1 }]);
    expect(r.report.missingDays).toBe(1);
  });

  it('Yahoo Date,Open,High,Low,Close,Adj Close,Volume takes Close (not Adj Close) and Volume', () => {
    const r = parse('USDC-USD.csv');
    expect(r.format).toBe('yahoo');
    expect(r.asset).toBe('USDC');
    expect(r.bars[2]).toEqual({ date: '2023-03-11', open: '0.977800', high: '0.985510', low: '0.877911', close: '0.964102', volume: '40120330155' });
  });

  it('yfinance dump with `2017-11-09 00:00:00+00:00` dates and Dividends/Stock Splits', () => {
    const r = parse('USDT-USD.csv');
    expect(r.format).toBe('yahoo');
    expect(r.asset).toBe('USDT');
    expect(r.bars.map((b) => b.date)).toEqual(['2017-11-09', '2017-11-10', '2017-11-11', '2017-11-12']);
    expect(r.bars[0].close).toBe('1.0082399845123291');
    expect(r.bars[3].volume).toBe('1466100224');
  });

  it('a UTF-8 BOM, CRLF line ends and a trailing empty line are accepted', () => {
    const text = fixture('bom-crlf-ETH-USD.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    const r = parse('bom-crlf-ETH-USD.csv');
    expect(r.format).toBe('generic');
    expect(r.asset).toBe('ETH');
    expect(r.bars).toHaveLength(3);
    expect(r.bars[2]).toEqual({ date: '2024-01-03', open: '2355.35', high: '2420.00', low: '2100.00', close: '2209.51', volume: '611902.0023' });
  });

  it('detects the format from content, not the file name', () => {
    const r = parsePriceCsv(fixture('Binance_ETHUSDT_d.csv'), 'prices.csv', { now: NOW });
    expect(r.format).toBe('cryptodatadownload');
    expect(r.asset).toBe('ETH');
    const y = parsePriceCsv(fixture('USDC-USD.csv'), 'BTCUSDT-1d-2024-03.csv', { now: NOW });
    expect(y.format).toBe('yahoo');
    expect(y.asset).toBe('BTC'); // the name is only the last resort for the asset
  });
});

describe('detectPriceCsvLayout', () => {
  it('maps columns per format and variant', () => {
    const layout = (name: string) => detectPriceCsvLayout(headLines(fixture(name), 2), name);
    expect(layout('BTC-USD.csv')).toMatchObject({ format: 'generic', variant: 'date', firstDataLine: 2, columnCount: 6, volume: 5 });
    expect(layout('AVAXUSDT_1d.csv')).toMatchObject({ format: 'generic', variant: 'timestamp' });
    expect(layout('BTCUSDT-1d-2024-03.csv')).toMatchObject({ format: 'binance', variant: 'headerless', firstDataLine: 1, columnCount: 12 });
    expect(layout('SOLUSDT-1d-headered.csv')).toMatchObject({ format: 'binance', variant: 'headered', firstDataLine: 2, columnCount: 12 });
    expect(layout('Binance_ETHUSDT_d.csv')).toMatchObject({
      format: 'cryptodatadownload', variant: 'banner', firstDataLine: 3, volume: 7, symbolColumn: 2, checkDateColumn: 1,
    });
    expect(layout('USDC-USD.csv')).toMatchObject({ format: 'yahoo', variant: 'adj-close', close: 4, volume: 6 });
    expect(layout('USDT-USD.csv')).toMatchObject({ format: 'yahoo', variant: 'yfinance', close: 4, volume: 5 });
  });

  it('accepts header names in any case, with spaces or underscores, and quoted', () => {
    expect(detectPriceCsvLayout(['"Date","Open","High","Low","Close","Volume"'], 'x.csv')).toMatchObject({ format: 'generic' });
    expect(detectPriceCsvLayout(['Open time,Open,High,Low,Close,Volume,Close time,Quote asset volume,Number of trades,'
      + 'Taker buy base asset volume,Taker buy quote asset volume,Ignore'], 'x.csv')).toMatchObject({ format: 'binance', variant: 'headered' });
    expect(detectPriceCsvLayout(['date,open,high,low,close,adj_close,volume'], 'x.csv')).toMatchObject({ format: 'yahoo' });
  });

  it('finds the base volume in a CryptoDataDownload header whatever the column order', () => {
    const l = detectPriceCsvLayout(['Unix,Date,Symbol,Open,High,Low,Close,Volume USDT,Volume SOL,tradecount'], 'x.csv');
    expect(l).toMatchObject({ format: 'cryptodatadownload', variant: 'no-banner', firstDataLine: 2, volume: 8 });
  });
});
