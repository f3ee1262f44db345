import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { Dec } from '../../../main/core/money/decimal';
import { createRng } from '../../../main/core/numeric/rng';
import { parsePriceCsv } from '../../../main/services/prices';
import { createDecimalSum } from '../../../main/services/prices/streamSum';
import { parseTimestampField } from '../../../main/services/prices/streamTime';
import { sniffPriceFile, streamPriceFile } from '../../../main/services/prices/streamImport';
import { MAX_LINE_CHARS, streamCsvRows } from '../../../main/services/prices/streamRows';
import { tempDir } from '../../helpers/tmp';

/**
 * The streaming price reader (main/services/prices/stream*.ts): daily files give exactly what the
 * whole-file parser gives; intraday files are aggregated into UTC daily bars checked here against
 * hand-worked examples; every rejection names the file and the physical line.
 */
const NOW = new Date('2026-11-25T12:00:00Z');
const tmp = tempDir('mwb-stream-');
afterAll(() => tmp.cleanup());
let fileNo = 0;
function write(name: string, text: string): string {
  const dir = join(tmp.dir, String(++fileNo));
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const stream = (path: string, interval: '1d' | 'intraday' | 'auto' = 'auto', asset?: string) =>
  streamPriceFile(path, { fileName: path.split('/').pop()!, interval, now: NOW, asset });
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

const HOURLY_HEADER = 'timestamp,open,high,low,close,volume';
const HOURLY = [
  '2024-03-01T22:00:00Z,100.0,101.5,99.5,101.0,1.25',
  '2024-03-01T23:00:00Z,101.0,103.0,100.5,102.5,2.5',
  '2024-03-02T00:00:00Z,102.5,102.75,98.0,99.0,0.125',
  '2024-03-02T01:00:00Z,99.0,104.0,98.5,103.0,3',
  '2024-03-02T02:00:00Z,103.0,104.00,102.0,103.5,10.000',
];
// Worked by hand from HOURLY: the UTC day of each bar's open time; open first, close last, the
// extreme highs/lows (of equal highs 104.0 and 104.00 the earlier), volumes summed exactly
// (Python: Decimal('0.125') + Decimal('3') + Decimal('10.000') == Decimal('13.125')).
const HOURLY_DAYS = [
  { date: '2024-03-01', open: '100.0', high: '103.0', low: '99.5', close: '102.5', volume: '3.75' },
  { date: '2024-03-02', open: '102.5', high: '104.0', low: '98.0', close: '103.5', volume: '13.125' },
];

describe('daily files streamed = parsed whole', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'csv');
  it.each(readdirSync(fixtures))('%s: same bars, format, asset and report', async (name) => {
    const whole = parsePriceCsv(readFileSync(join(fixtures, name), 'utf8'), name, { now: NOW });
    const streamed = await stream(join(fixtures, name), 'auto');
    expect(streamed.stats.interval).toBe('1d');
    expect({ format: streamed.format, asset: streamed.asset, bars: streamed.bars, report: streamed.report }).toEqual(whole);
    expect(streamed.stats.rowsRead).toBe(whole.bars.length);
  });
});

describe('intraday bars aggregated into UTC days', () => {
  it('generic ISO hourly bars: hand-worked days, incomplete days reported', async () => {
    const r = await stream(write('BTC-USD.csv', `${[HOURLY_HEADER, ...HOURLY].join('\n')}\n`));
    expect(r.asset).toBe('BTC');
    expect(r.format).toBe('generic');
    expect(r.bars).toEqual(HOURLY_DAYS);
    expect(r.stats).toEqual({
      interval: 'intraday', bytes: expect.any(Number), rowsRead: 5, days: 2, intervalSeconds: 3600,
      incompleteDays: { count: 2, first: [{ date: '2024-03-01', rows: 2 }, { date: '2024-03-02', rows: 3 }] },
    });
    expect(r.report).toEqual({ gaps: [], missingDays: 0, badPrints: [], sourceOrder: 'ascending' });
  });

  it('newest-first rows give the same days (open = earliest bar, close = latest)', async () => {
    const r = await stream(write('BTC-USD.csv', `${[HOURLY_HEADER, ...[...HOURLY].reverse()].join('\r\n')}\r\n`));
    expect(r.bars).toEqual(HOURLY_DAYS);
    expect(r.report.sourceOrder).toBe('descending');
  });

  it('headerless Binance klines with ms and µs open times (one file may mix them)', async () => {
    // Epoch ms of 2024-03-01T22:00Z … 2024-03-02T02:00Z (Python datetime(..., tzinfo=utc).timestamp()).
    const opens = [1709330400000, 1709334000000, 1709337600000000, 1709341200000000, 1709344800000000];
    const lines = HOURLY.map((row, i) => {
      const [, o, h, l, c, v] = row.split(',');
      return [String(opens[i]), o, h, l, c, v, String(opens[i] + 3_599_999), '0', '1', '0', '0', '0'].join(',');
    });
    const r = await stream(write('BTCUSDT-1h-2024-03.csv', `${lines.join('\n')}\n`));
    expect(r.format).toBe('binance');
    expect(r.bars).toEqual(HOURLY_DAYS);
    expect(r.stats.intervalSeconds).toBe(3600);
  });

  it('CryptoDataDownload hourly export (banner, newest first, Date column checked against Unix)', async () => {
    const unix = [1709330400000, 1709334000000, 1709337600000, 1709341200000, 1709344800000];
    const rows = HOURLY.map((row, i) => {
      const [t, o, h, l, c, v] = row.split(',');
      return [String(unix[i]), t.slice(0, 19).replace('T', ' '), 'ETHUSDT', o, h, l, c, v, '0', '7'].join(',');
    }).reverse();
    const text = ['https://www.CryptoDataDownload.com', 'Unix,Date,Symbol,Open,High,Low,Close,Volume ETH,Volume USDT,tradecount', ...rows].join('\n');
    const r = await stream(write('Binance_ETHUSDT_1h.csv', text));
    expect(r.asset).toBe('ETH');
    expect(r.bars).toEqual(HOURLY_DAYS);
    const bad = rows.map((row, i) => (i === 2 ? row.replace('2024-03-02 00:00:00', '2024-03-02 01:00:00') : row));
    const message = await rejection(stream(write('Binance_ETHUSDT_1h.csv', ['https://www.CryptoDataDownload.com',
      'Unix,Date,Symbol,Open,High,Low,Close,Volume ETH,Volume USDT,tradecount', ...bad].join('\n'))));
    expect(message).toBe('Binance_ETHUSDT_1h.csv line 5: Date "2024-03-02 01:00:00" disagrees with Unix "1709337600000" (2024-03-02T00:00:00.000Z)');
  });

  it('reports calendar gaps and bad prints of the daily bars with the line of the flagged value', async () => {
    const rows = [
      '2024-03-01T00:00:00Z,100,101,99,100,1', '2024-03-01T12:00:00Z,100,101,99,100,1',
      // 2024-03-02 and 03-03 missing; 03-04's low (line 4) is 60% below its open and close (rule: > 50%).
      '2024-03-04T00:00:00Z,100,101,40,100,1', '2024-03-04T12:00:00Z,100,101,99,100,0',
      '2024-03-05T00:00:00Z,100,101,99,100,0', '2024-03-05T12:00:00Z,100,101,99,100,0',
    ];
    const r = await stream(write('SOL-USD.csv', [HOURLY_HEADER, ...rows].join('\n')));
    expect(r.report.gaps).toEqual([{ from: '2024-03-02', to: '2024-03-03', days: 2 }]);
    expect(r.report.missingDays).toBe(2);
    expect(r.report.badPrints.map((b) => [b.date, b.field, b.line, b.value, b.rule])).toEqual([
      ['2024-03-04', 'low', 4, '40', 'low-wick'],
      ['2024-03-05', 'volume', 6, '0', 'zero-volume'],
    ]);
  });

  it('auto keeps daily files daily; --interval intraday aggregates them (one row per day)', async () => {
    const daily = write('ETH-USD.csv', 'date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2,1,1.75,20.50\n');
    expect(sniffPriceFile(daily, 'ETH-USD.csv').interval).toBe('1d');
    const asIntraday = await stream(daily, 'intraday');
    expect(asIntraday.bars).toEqual([
      { date: '2024-01-01', open: '1', high: '2', low: '0.5', close: '1.5', volume: '10' },
      { date: '2024-01-02', open: '1.5', high: '2', low: '1', close: '1.75', volume: '20.50' },
    ]);
    // And intraday rows through the daily validator are refused with its message.
    const hourly = write('BTC-USD.csv', [HOURLY_HEADER, ...HOURLY].join('\n'));
    expect(await rejection(stream(hourly, '1d'))).toBe('BTC-USD.csv line 2: timestamp "2024-03-01T22:00:00Z" is not at 00:00 UTC (daily bars only)');
  });
});

describe('rejections name the file, the physical line and the value', () => {
  const file = (...lines: string[]) => write('BTC-USD.csv', `${lines.join('\n')}\n`);
  const cases: [string, string, string][] = [
    ['a bad close, as the daily validator says it',
      file(HOURLY_HEADER, HOURLY[0], HOURLY[1].replace('102.5,2.5', 'abc,2.5')), 'BTC-USD.csv line 3: close "abc" is not a number'],
    ['high below low',
      file(HOURLY_HEADER, HOURLY[0], '2024-03-01T23:00:00Z,101,99,100,100,1'), 'BTC-USD.csv line 3: high "99" is below low "100"'],
    ['a duplicate time',
      file(HOURLY_HEADER, HOURLY[0], HOURLY[1], HOURLY[1]), 'BTC-USD.csv line 4: duplicate timestamp "2024-03-01T23:00:00Z": 2024-03-01T23:00:00.000Z is also on line 3'],
    ['a time out of order',
      file(HOURLY_HEADER, HOURLY[0], HOURLY[2], HOURLY[1]), 'BTC-USD.csv line 4: timestamp "2024-03-01T23:00:00Z" is out of order: the rows are ascending and line 3 is 2024-03-02T00:00:00.000Z (rows must be sorted by time, oldest or newest first)'],
    ['an impossible hour',
      file(HOURLY_HEADER, HOURLY[0], HOURLY[1].replace('T23', 'T25')), 'BTC-USD.csv line 3: timestamp "2024-03-01T25:00:00Z" is not a valid date-time'],
    ['a time after tomorrow',
      file(HOURLY_HEADER, HOURLY[0], '2026-11-27T00:30:00Z,1,1,1,1,1'), 'BTC-USD.csv line 3: timestamp "2026-11-27T00:30:00Z" (2026-11-27T00:30:00.000Z) is after 2026-11-26 (tomorrow)'],
    ['a blank line inside the data',
      file(HOURLY_HEADER, HOURLY[0], '', HOURLY[1]), 'BTC-USD.csv line 3: empty line inside the data ("")'],
    ['a stray quote, caught before the parser reads on',
      file(HOURLY_HEADER, HOURLY[0], '2024-03-01T23:00:00Z,"101.0,103.0,100.5,102.5,2.5', ...HOURLY.slice(2)),
      'BTC-USD.csv line 3: malformed quotes in "2024-03-01T23:00:00Z,\\"101.0,103.0,100.5,102.5,2.5"'],
    ['a truncated last line',
      write('BTC-USD.csv', [HOURLY_HEADER, HOURLY[0], HOURLY[1], '2024-03-02T00:00:00Z,102.5,10'].join('\n')),
      'BTC-USD.csv line 4: expected 6 fields, found 3 in "2024-03-02T00:00:00Z,102.5,10" (the last line looks truncated)'],
    ['a header with no data',
      file(HOURLY_HEADER), 'BTC-USD.csv line 1: header "timestamp,open,high,low,close,volume" is not followed by any data rows (the file has 1 line)'],
  ];
  it.each(cases)('%s', async (_name, path, message) => {
    expect(await rejection(stream(path, 'intraday'))).toBe(message);
  });

  it('counts lines through a BOM, CRLF endings and quoted fields', async () => {
    const rows = ['\uFEFF' + HOURLY_HEADER, HOURLY[0], '"2024-03-01T23:00:00Z","101.0",103.0,100.5,102.5,2.5', HOURLY[2], HOURLY[3].replace('104.0', '1O4.0')];
    expect(await rejection(stream(write('BTC-USD.csv', rows.join('\r\n')), 'intraday'))).toBe('BTC-USD.csv line 5: high "1O4.0" is not a number');
  });

  it('refuses a line longer than 1 MiB instead of holding it', async () => {
    const path = write('BTC-USD.csv', `${HOURLY_HEADER}\n${HOURLY[0]}\n${'9'.repeat(MAX_LINE_CHARS + 10)}`);
    expect(await rejection(stream(path, 'intraday'))).toMatch(/^BTC-USD\.csv line 3: line is longer than 1048576 characters/);
  });

  it('a missing file is bad input naming it', async () => {
    expect(await rejection(stream(join(tmp.dir, 'nope', 'BTC-USD.csv')))).toBe('cannot read BTC-USD.csv: ENOENT');
  });

  it('streamCsvRows visits every data row with its line, the last one marked', async () => {
    const seen: [string[], number, boolean][] = [];
    const path = write('x.csv', 'h\n\na,b\r\n"c,d",e\n\n\n');
    const r = await streamCsvRows(path, { fileName: 'x.csv', firstDataLine: 2 }, (f, n, last) => seen.push([[...f], n, last]));
    // Line 2 is blank and followed by data: it is visited so the row checks can reject it.
    expect(seen).toEqual([[[''], 2, false], [['a', 'b'], 3, false], [['c,d', 'e'], 4, true]]);
    expect(r).toEqual({ lines: 4, rows: 2, bytes: 18 });
  });
});

describe('exact volume sums (createDecimalSum)', () => {
  it('sums like Python decimal.Decimal (scale = most decimals of any addend)', () => {
    const sum = (...texts: string[]) => {
      const s = createDecimalSum();
      texts.forEach((t) => s.add(t));
      return s.text();
    };
    // Python: Decimal('0.1') + Decimal('0.2') == Decimal('0.3'); Decimal('1.50') + Decimal('2.5') == Decimal('4.00')
    expect(sum('0.1', '0.2')).toBe('0.3');
    expect(sum('1.50', '2.5')).toBe('4.00');
    expect(sum('0')).toBe('0');
    expect(sum('1e3', '0.5')).toBe('1000.5');
    expect(sum('1.5E-7', '2')).toBe('2.00000015');
    expect(sum('.5', '5.')).toBe('5.5');
    // Beyond 2^53 units: 9007199254740993 is 2^53 + 1 (float64 would round it to 2^53).
    expect(sum('9007199254740992', '1')).toBe('9007199254740993');
    expect(sum('123456789012345678901234.5', '0.25')).toBe('123456789012345678901234.75');
  });

  it('equals decimal.js on 20,000 random volumes of mixed scales', () => {
    const rng = createRng(11);
    const s = createDecimalSum();
    let reference = new Dec(0);
    let scale = 0;
    for (let i = 0; i < 20_000; i++) {
      const decimals = Math.floor(rng.uniform() * 9);
      const digits = 1 + Math.floor(rng.uniform() * 17);
      const intPart = String(Math.floor(rng.uniform() * 10 ** Math.min(digits, 15)));
      const frac = Array.from({ length: decimals }, () => String(Math.floor(rng.uniform() * 10))).join('');
      const text = decimals > 0 ? `${intPart}.${frac}` : intPart;
      s.add(text);
      reference = reference.plus(text);
      scale = Math.max(scale, decimals);
    }
    expect(s.text()).toBe(reference.toFixed(scale));
  });
});

describe('intraday timestamps (parseTimestampField)', () => {
  const ms = (text: string, encoding: 'iso' | 'epoch' = 'iso') => {
    const r = parseTimestampField(text, 'timestamp', encoding);
    return r.ok ? r.value : r.message;
  };
  it('reads ISO date-times with and without zone, offsets and fractions as Date.parse does', () => {
    for (const text of ['2024-03-01T22:00:00Z', '2024-03-01T22:00:00.123Z', '2024-03-01T23:30:00+01:30', '2024-03-01T20:00:00-0200', '2024-02-29T23:59:59.999Z']) {
      expect(ms(text)).toBe(Date.parse(text));
    }
    expect(ms('2024-03-01 22:00:00')).toBe(Date.parse('2024-03-01T22:00:00Z'));
    expect(ms('2024-03-01T22:00')).toBe(Date.parse('2024-03-01T22:00:00Z'));
    expect(ms('2024-03-01')).toBe(Date.parse('2024-03-01T00:00:00Z'));
    expect(ms('2024-03-01T22:00:00.000001Z')).toBeCloseTo(Date.parse('2024-03-01T22:00:00Z') + 0.001, 6);
  });
  it('reads epoch seconds, milliseconds and microseconds by magnitude', () => {
    expect(ms('1709330400', 'epoch')).toBe(1709330400000);
    expect(ms('1709330400000', 'epoch')).toBe(1709330400000);
    expect(ms('1709330400000001', 'epoch')).toBe(1709330400000.001);
  });
  it('names the field and value when it cannot read one', () => {
    expect(ms('2024-02-30T00:00:00Z')).toMatch(/^timestamp "2024-02-30T00:00:00Z" is not a valid date-time/);
    expect(ms('12:00')).toMatch(/^timestamp "12:00" is not a valid date-time/);
    expect(ms('-5', 'epoch')).toBe('timestamp "-5" is not an integer timestamp (s, ms or µs since 1970)');
  });
});
