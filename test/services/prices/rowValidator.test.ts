import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import {
  createRowValidator, detectPriceCsvLayout, forEachPhysicalLine, headLines, parsePriceCsv,
} from '../../../main/services/prices';

const NOW = new Date('2026-11-25T12:00:00Z');

describe('createRowValidator (incremental use)', () => {
  it('validates rows fed one at a time and tracks order and symbol', () => {
    const layout = detectPriceCsvLayout(['Unix,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USDT,tradecount'], 'feed.csv');
    const v = createRowValidator(layout, 'feed.csv', { now: NOW });
    const first = v.accept('1609545600000,2021-01-02,BTCUSDT,29400,33300,29000,32200,40000,1250000000,900000', 2);
    expect(first).toEqual({
      bar: { date: '2021-01-02', open: '29400', high: '33300', low: '29000', close: '32200', volume: '40000' },
      epochDay: 18629, open: 29400, high: 33300, low: 29000, close: 32200, volume: 40000,
    });
    expect(v.summary()).toEqual({ rows: 1, order: 'ascending', symbolAsset: 'BTC' });
    v.accept('1609459200000,2021-01-01,BTCUSDT,28900,29600,28600,29400,35000,1020000000,800000', 3);
    expect(v.summary()).toEqual({ rows: 2, order: 'descending', symbolAsset: 'BTC' });
    expect(() => v.accept('1609632000000,2021-01-03,BTCUSDT,32200,34700,32000,33000,38000,1250000000,900000', 4))
      .toThrow('feed.csv line 4: Unix "1609632000000" is out of order');
    // A rejected row leaves the state as it was.
    expect(v.summary().rows).toBe(2);
  });

  it('accepts microsecond and millisecond open times in one Binance file (merged dumps)', () => {
    const text = [
      '1735603200000,93500,95000,92000,94000,10000,1735689599999,940000000,100,5000,470000000,0',
      '1735689600000000,94000,96000,93000,95000,12000,1735775999999999,1140000000,120,6000,570000000,0',
    ].join('\n');
    const r = parsePriceCsv(text, 'BTCUSDT-1d.csv', { now: NOW });
    expect(r.bars.map((b) => b.date)).toEqual(['2024-12-31', '2025-01-01']);
  });

  it('serves as the building block parsePriceCsv uses (same bars line by line)', () => {
    const text = 'date,open,high,low,close,volume\r\n2024-01-01,1,2,0.5,1.5,10\r\n2024-01-02,1.5,2,1,1.8,11\r\n';
    const layout = detectPriceCsvLayout(headLines(text, 2), 'BTC-USD.csv');
    const v = createRowValidator(layout, 'BTC-USD.csv', { now: NOW });
    const bars = [] as unknown[];
    const count = forEachPhysicalLine(text, (line, n, last) => {
      if (n >= layout.firstDataLine) bars.push(v.accept(line, n, last).bar);
    });
    expect(count).toBe(3);
    expect(bars).toEqual(parsePriceCsv(text, 'BTC-USD.csv', { now: NOW }).bars);
  });

  it('forEachPhysicalLine numbers physical lines, strips CR and a BOM, skips trailing blank lines only', () => {
    const seen: [string, number, boolean][] = [];
    forEachPhysicalLine('\uFEFFa\r\n\r\nb\nc  \n\n  \n', (line, n, last) => seen.push([line, n, last]));
    expect(seen).toEqual([['a', 1, false], ['', 2, false], ['b', 3, false], ['c', 4, true]]);
    expect(headLines('\uFEFFx\r\ny\nz', 2)).toEqual(['x', 'y']);
  });
});

describe('report', () => {
  it('flags bad prints with the physical line they came from, also in a reversed (newest-first) file', () => {
    // CryptoDataDownload-style, newest first. 2024-05-03 has a low 60% below open and close; 2024-05-05
    // a close spike of +150% that reverses; 2024-05-07 zero volume; 2024-05-04 is missing.
    const lines = [
      'https://www.CryptoDataDownload.com',
      'Unix,Date,Symbol,Open,High,Low,Close,Volume LINK,Volume USDT,tradecount',
      '1715040000000,2024-05-07,LINKUSDT,14.10,14.30,13.90,14.00,0,0,0',
      '1714953600000,2024-05-06,LINKUSDT,35.00,35.20,13.80,14.10,900000,12690000,51000',
      '1714867200000,2024-05-05,LINKUSDT,14.00,35.50,13.95,35.00,880000,30800000,50000',
      '1714694400000,2024-05-03,LINKUSDT,14.20,14.40,5.60,14.00,910000,12740000,52000',
      '1714608000000,2024-05-02,LINKUSDT,14.00,14.30,13.90,14.20,870000,12354000,49000',
    ];
    const r = parsePriceCsv(lines.join('\n'), 'Binance_LINKUSDT_d.csv', { now: NOW });
    expect(r.asset).toBe('LINK');
    expect(r.report.sourceOrder).toBe('descending');
    expect(r.report.gaps).toEqual([{ from: '2024-05-04', to: '2024-05-04', days: 1 }]);
    expect(r.report.missingDays).toBe(1);
    expect(r.report.badPrints.map(({ date, line, field, value, rule }) => ({ date, line, field, value, rule }))).toEqual([
      // 5.60 / 14.20 − 1 = −60.6%, 5.60 / 14.00 − 1 = −60.0% (both beyond −50%).
      { date: '2024-05-03', line: 6, field: 'low', value: '5.60', rule: 'low-wick' },
      // 35.00 / 14.00 − 1 = +150%, then 14.10 / 35.00 − 1 = −59.7%: |ln 0.4029| = 0.909 ≥ 0.5·ln 2.5 = 0.458.
      // Same day, high 35.50 is +153.6% vs open but only +1.4% vs close: not a high wick.
      { date: '2024-05-05', line: 5, field: 'close', value: '35.00', rule: 'close-spike' },
      { date: '2024-05-07', line: 3, field: 'volume', value: '0', rule: 'zero-volume' },
    ]);
    expect(r.report.badPrints[0].reason).toBe('low 5.6 is -60.6% vs open 14.2 and -60.0% vs close 14');
    // Nothing was changed: the flagged low is still in the bars.
    expect(r.bars.find((b) => b.date === '2024-05-03')?.low).toBe('5.60');
  });

  it('a single-row file is ascending with no gaps', () => {
    const r = parsePriceCsv('date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10', 'BTC-USD.csv', { now: NOW });
    expect(r.report).toEqual({ gaps: [], missingDays: 0, badPrints: [], sourceOrder: 'ascending' });
  });

  it('defaults the clock to now when none is injected', () => {
    expect(() => parsePriceCsv('date,open,high,low,close,volume\n2999-01-01,1,2,0.5,1.5,10', 'BTC-USD.csv')).toThrow(InputError);
  });
});
