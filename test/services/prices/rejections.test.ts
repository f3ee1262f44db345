import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { parsePriceCsv } from '../../../main/services/prices';

/**
 * Every rejection throws InputError with `<file> line <n>: …` and the offending value. The clock
 * is injected: "today" is 2026-11-25, so the last accepted day is 2026-11-26.
 */
const NOW = new Date('2026-11-25T12:00:00Z');
const HEADER = 'date,open,high,low,close,volume';
const R1 = '2024-01-01,100,110,90,105,1000';
const R2 = '2024-01-02,105,112,101,108,900';
const R3 = '2024-01-03,108,115,100,110,1100';
const file = (...lines: string[]) => `${lines.join('\n')}\n`;
const CDD_BANNER = 'https://www.CryptoDataDownload.com';
const CDD_HEADER = 'Unix,Date,Symbol,Open,High,Low,Close,Volume ETH,Volume USDT,tradecount';

interface Case {
  name: string;
  text: string;
  fileName?: string;
  line: number;
  /** Text that must appear in the message (the offending value as quoted there). */
  value: string;
  /** Part of the explanation, to be sure the right check fired. */
  says: string;
}

const CASES: Case[] = [
  { name: 'empty file', text: '', line: 1, value: '""', says: 'empty' },
  { name: 'only blank lines', text: '\n\r\n\n', line: 1, value: '""', says: 'empty' },
  { name: 'header only', text: file(HEADER), line: 1, value: `"${HEADER}"`, says: 'not followed by any data rows' },
  { name: 'CryptoDataDownload banner and header only', text: file(CDD_BANNER, CDD_HEADER), line: 2, value: `"${CDD_HEADER}"`, says: 'not followed by any data rows' },
  { name: 'unrecognised header', text: file('Datum,Eröffnung,Hoch,Tief,Schluss,Volumen', R1), line: 1, value: '"Datum,Eröffnung,Hoch,Tief,Schluss,Volumen"', says: 'unrecognised header' },
  { name: 'banner followed by a non-CDD header', text: file(CDD_BANNER, HEADER, R1), line: 2, value: `"${HEADER}"`, says: 'unrecognised header' },
  { name: 'semicolon-separated file', text: file('date;open;high;low;close;volume', '2024-01-01;100;110;90;105;1000'), line: 1, value: '";"', says: 'only comma-separated' },
  { name: 'too many fields', text: file(HEADER, R1, '2024-01-02,105,112,101,108,900,7', R3), line: 3, value: '"2024-01-02,105,112,101,108,900,7"', says: 'expected 6 fields, found 7' },
  { name: 'too few fields mid-file', text: file(HEADER, R1, '2024-01-02,105,112,101', R3), line: 3, value: '"2024-01-02,105,112,101"', says: 'found 4' },
  { name: 'truncated last line', text: `${HEADER}\n${R1}\n${R2}\n2024-01-03,108,11`, line: 4, value: '"2024-01-03,108,11"', says: 'truncated' },
  { name: 'impossible date', text: file(HEADER, R1, '2021-02-30,105,112,101,108,900'), line: 3, value: '"2021-02-30"', says: 'not a valid date' },
  { name: 'date as a word', text: file(HEADER, 'yesterday,105,112,101,108,900'), line: 2, value: '"yesterday"', says: 'not a valid date' },
  { name: 'date-time not at 00:00 UTC', text: file(HEADER, '2024-01-02T12:00:00Z,105,112,101,108,900'), line: 2, value: '"2024-01-02T12:00:00Z"', says: 'not at 00:00 UTC' },
  { name: 'date before the genesis block', text: file(HEADER, '2008-12-31,105,112,101,108,900'), line: 2, value: '"2008-12-31"', says: 'before 2009-01-03' },
  { name: 'date after tomorrow', text: file(HEADER, R1, '2026-11-27,105,112,101,108,900'), line: 3, value: '"2026-11-27"', says: 'after 2026-11-26' },
  { name: 'non-numeric price', text: file(HEADER, R1, R2, '2024-01-03,108,115,100,abc,1100'), line: 4, value: 'close "abc" is not a number', says: 'not a number' },
  { name: 'NaN', text: file(HEADER, '2024-01-01,NaN,110,90,105,1000'), line: 2, value: 'open "NaN"', says: 'not a finite number' },
  { name: 'Infinity', text: file(HEADER, '2024-01-01,100,Infinity,90,105,1000'), line: 2, value: 'high "Infinity"', says: 'not a finite number' },
  { name: '1e309 overflows float64', text: file(HEADER, R1, '2024-01-02,105,112,101,108,1e309'), line: 3, value: 'volume "1e309"', says: 'overflows to Infinity' },
  { name: 'Yahoo null row', text: file('Date,Open,High,Low,Close,Adj Close,Volume', '2020-04-17,null,null,null,null,null,null'), fileName: 'ETH-USD.csv', line: 2, value: 'Open "null"', says: 'not a number' },
  { name: 'zero price', text: file(HEADER, '2024-01-01,100,110,0,105,1000'), line: 2, value: 'low "0"', says: 'must be positive' },
  { name: 'negative price', text: file(HEADER, '2024-01-01,-100,110,90,105,1000'), line: 2, value: 'open "-100"', says: 'must be positive' },
  { name: 'high below low', text: file(HEADER, R1, '2024-01-02,105,100,101,100.5,900'), line: 3, value: 'high "100" is below low "101"', says: 'below' },
  { name: 'high below close', text: file(HEADER, R1, '2024-01-02,105,107,101,108,900'), line: 3, value: 'high "107" is below close "108"', says: 'below' },
  { name: 'high below open', text: file(HEADER, R1, '2024-01-02,109,108.5,101,108,900'), line: 3, value: 'high "108.5" is below open "109"', says: 'below' },
  { name: 'low above open', text: file(HEADER, R1, '2024-01-02,105,112,106,108,900'), line: 3, value: 'low "106" is above open "105"', says: 'above' },
  { name: 'low above close', text: file(HEADER, R1, '2024-01-02,105,112,101,100,900'), line: 3, value: 'low "101" is above close "100"', says: 'above' },
  { name: 'negative volume', text: file(HEADER, R1, '2024-01-02,105,112,101,108,-1'), line: 3, value: 'volume "-1"', says: 'negative' },
  { name: 'duplicate date', text: file(HEADER, R1, R2, R2.replace('108,900', '108,901')), line: 4, value: '"2024-01-02"', says: 'also on line 3' },
  { name: 'mixed order', text: file(HEADER, R1, R3, R2), line: 4, value: '"2024-01-02"', says: 'out of order' },
  { name: 'descending then ascending', text: file(HEADER, R3, R2, R1, '2024-01-04,110,115,100,111,1100'), line: 5, value: '"2024-01-04"', says: 'the rows are descending' },
  { name: 'NUL byte (binary file)', text: file(HEADER, R1, '2024-01-02,105\u0000,112,101,108,900'), line: 3, value: '"\\u0000"', says: 'not UTF-8 text' },
  { name: 'binary from the first byte', text: 'PK\u0003\u0004\u0000\u0000\u0008\u0000binary', line: 1, value: '"\\u0000"', says: 'not UTF-8 text' },
  { name: 'U+FFFD replacement character (wrong encoding)', text: file(HEADER, R1, R2, '2024-01-03,108,115,100,110,1\uFFFD100'), line: 4, value: '"\uFFFD"', says: 'not UTF-8 text' },
  { name: 'a semicolon row in a comma file', text: file(HEADER, R1, '2024-01-02;105;112;101;108;900', R3), line: 3, value: '"2024-01-02;105;112;101;108;900"', says: 'comma-separated' },
  { name: 'huge numeric field', text: file(HEADER, R1, `2024-01-02,105,112,101,1${'0'.repeat(80)},900`), line: 3, value: `close "1${'0'.repeat(63)}"…`, says: 'at most 64' },
  { name: 'empty line inside the data', text: file(HEADER, R1, '', R3), line: 3, value: '""', says: 'empty line' },
  { name: 'unterminated quote', text: file(HEADER, R1, '"2024-01-02,105,112,101,108,900'), line: 3, value: '"\\"2024-01-02,105,112,101,108,900"', says: 'malformed quotes' },
  {
    name: 'Binance open time not at midnight', fileName: 'BTCUSDT-1h.csv', line: 1, value: 'open_time "1709254800000"', says: 'not at 00:00 UTC',
    text: file('1709254800000,1,2,0.5,1.5,10,1709258399999,15,3,5,7.5,0'),
  },
  {
    name: 'CryptoDataDownload Unix and Date disagree', fileName: 'Binance_ETHUSDT_d.csv', line: 3, value: 'Date "2021-01-02"', says: 'disagrees with Unix',
    text: file(CDD_BANNER, CDD_HEADER, '1609459200000,2021-01-02,ETHUSDT,735.44,748.01,715.00,731.19,402331.8809,294183093.5,134110'),
  },
  {
    name: 'CryptoDataDownload pair not quoted in USD', fileName: 'Binance_ETHBTC_d.csv', line: 3, value: 'Symbol "ETHBTC"', says: 'not a pair quoted in USD',
    text: file(CDD_BANNER, CDD_HEADER, '1609459200000,2021-01-01,ETHBTC,0.0254,0.0262,0.0249,0.0251,402331.8809,10098.5,134110'),
  },
  {
    name: 'CryptoDataDownload symbol changes mid-file', fileName: 'Binance_ETHUSDT_d.csv', line: 4, value: 'Symbol "BTCUSDT"', says: 'differs from "ETHUSDT"',
    text: file(CDD_BANNER, CDD_HEADER,
      '1609545600000,2021-01-02,ETHUSDT,731.20,790.77,715.80,776.15,631002.1004,489745439.4,210334',
      '1609459200000,2021-01-01,BTCUSDT,735.44,748.01,715.00,731.19,402331.8809,294183093.5,134110'),
  },
];

describe('parsePriceCsv rejections (table)', () => {
  it('covers at least the 17 kinds the issue lists', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(17);
  });

  it.each(CASES)('$name → InputError naming file, line $line and the value', ({ text, fileName = 'BTC-USD.csv', line, value, says }) => {
    let caught: unknown;
    try {
      parsePriceCsv(text, fileName, { now: NOW });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const message = (caught as InputError).message;
    expect(message.startsWith(`${fileName} line ${line}: `), message).toBe(true);
    expect(message).toContain(value);
    expect(message).toContain(says);
  });
});

describe('messages and boundaries', () => {
  it('reads exactly like the issue example', () => {
    const rows = Array.from({ length: 15 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},100,110,90,105,1000`);
    const text = file(HEADER, ...rows, '2024-01-16,100,110,90,abc,1000');
    expect(() => parsePriceCsv(text, 'BTC-USD.csv', { now: NOW })).toThrow(new InputError('BTC-USD.csv line 17: close "abc" is not a number'));
  });

  it('accepts the first and last days of the allowed range', () => {
    const text = file(HEADER, '2009-01-03,1,1,1,1,0', '2026-11-26,1,1,1,1,0');
    const r = parsePriceCsv(text, 'BTC-USD.csv', { now: NOW });
    expect(r.bars.map((b) => b.date)).toEqual(['2009-01-03', '2026-11-26']);
  });

  it('decides high vs low exactly when float64 cannot tell them apart', () => {
    // 1.00000000000000001 and 1.00000000000000002 are the same double; the decimals are not.
    const bad = file(HEADER, '2024-01-01,1,1.00000000000000001,1,1.00000000000000002,5');
    expect(() => parsePriceCsv(bad, 'BTC-USD.csv', { now: NOW })).toThrow('high "1.00000000000000001" is below close "1.00000000000000002"');
    const good = file(HEADER, '2024-01-01,1,1.00000000000000002,1,1.00000000000000002,5');
    expect(parsePriceCsv(good, 'BTC-USD.csv', { now: NOW }).bars[0].high).toBe('1.00000000000000002');
  });

  it('refuses a file whose asset cannot be told', () => {
    expect(() => parsePriceCsv(file(HEADER, R1), 'prices.csv', { now: NOW })).toThrow(InputError);
    expect(() => parsePriceCsv(file(HEADER, R1), 'prices.csv', { now: NOW })).toThrow('prices.csv: cannot tell which asset');
    expect(parsePriceCsv(file(HEADER, R1), 'prices.csv', { now: NOW, asset: 'btc' }).asset).toBe('BTC');
    expect(() => parsePriceCsv(file(HEADER, R1), 'prices.csv', { now: NOW, asset: 'B T C' })).toThrow('asset "B T C" is not a symbol');
  });
});
