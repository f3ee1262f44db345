// CSV export of report tables. Reference: RFC 4180 §2 (CRLF records; fields containing a comma,
// double quote, CR or LF are quoted; an inner quote is doubled). Read back with papaparse, an
// independent RFC 4180 parser.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../main/core/report';
import { csvField, tableFileStem, tableToCsv } from '../../../main/core/report';

const TABLE: Table = {
  id: 'Key Figures/2', title: 't',
  columns: [
    { key: 'a', label: 'Name, "quoted"', unit: 'text' }, { key: 'b', label: 'Initial margin', unit: 'usd' },
    { key: 'c', label: 'Coverage', unit: 'fraction' }, { key: 'd', label: 'Flag', unit: 'text' },
  ],
  rows: [
    ['plain', { decimal: '137397853.18' }, 0.9831, true],
    ['line\r\nbreak', { decimal: '123456789012345678.91' }, 0.1 + 0.2, false],
    ['say "hi"', null, null, null],
  ],
};

describe('tableToCsv', () => {
  it('quotes exactly the fields RFC 4180 requires', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\ry')).toBe('"x\ry"');
  });

  it('writes raw values: exact decimals, shortest round-trip numbers, fractions as fractions, CRLF records', () => {
    const text = tableToCsv(TABLE);
    expect(text).toBe(
      '"Name, ""quoted""",Initial margin [USD],Coverage [fraction],Flag\r\n' +
      'plain,137397853.18,0.9831,true\r\n' +
      '"line\r\nbreak",123456789012345678.91,0.30000000000000004,false\r\n' +
      '"say ""hi""",,,\r\n');
    const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['Name, "quoted"', 'Initial margin [USD]', 'Coverage [fraction]', 'Flag'],
      ['plain', '137397853.18', '0.9831', 'true'],
      ['line\r\nbreak', '123456789012345678.91', '0.30000000000000004', 'false'],
      ['say "hi"', '', '', ''],
    ]);
    expect(Number(parsed.data[2][2])).toBe(0.1 + 0.2);
  });

  it('derives safe file stems from table ids', () => {
    expect(tableFileStem('Key Figures/2')).toBe('key-figures-2');
    expect(tableFileStem('../..')).toBe('table');
  });
});
