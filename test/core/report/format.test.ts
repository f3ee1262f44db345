// Display rules of report cells (docs/formats.md, "Display rules"). Expected
// strings are written out by hand from the rules.
import { describe, expect, it } from 'vitest';
import { formatCell, formatDecimalUsd, formatNumber, formatValue, groupThousands, NOT_DEFINED } from '../../../main/core/report';

describe('report display formatting', () => {
  it('groups thousands in the integer part only, keeping the sign and every decimal', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('+999')).toBe('999');
    expect(groupThousands('0.000123')).toBe('0.000123');
    expect(groupThousands('not a number')).toBe('not a number');
  });

  it('shows decimal money exactly, with at least two decimals', () => {
    expect(formatDecimalUsd('12345678.9')).toBe('12,345,678.90');
    expect(formatDecimalUsd('137397853.18')).toBe('137,397,853.18');
    expect(formatDecimalUsd('-0.125')).toBe('-0.125');
    expect(formatDecimalUsd('5')).toBe('5.00');
    // 20 significant digits: more than a double holds, still shown digit for digit.
    expect(formatDecimalUsd('123456789012345678.91')).toBe('123,456,789,012,345,678.91');
  });

  it('formats numbers by unit', () => {
    expect(formatValue(0.9831, 'fraction')).toBe('98.31 %');
    expect(formatValue(0.00241, 'pvalue')).toBe('0.0024');
    expect(formatValue(1234567.125, 'usd')).toBe('1,234,567.13');
    expect(formatValue(2306, 'integer')).toBe('2,306');
    expect(formatValue(15.004, 'volPoints')).toBe('15.00 pts');
    expect(formatValue(4.13741, 'ratio')).toBe('4.1374');
    expect(formatValue(Number.NaN, 'usd')).toBe(NOT_DEFINED);
    expect(formatNumber(86735.1)).toBe('86,735.1000');
    expect(formatNumber(0.000123456)).toBe('0.0001235');
    expect(formatNumber(-42)).toBe('-42');
  });

  it('cells: null, booleans, strings, per-cell units and decimals', () => {
    expect(formatCell(null, 'usd')).toBe('—');
    expect(formatCell(true, 'text')).toBe('yes');
    expect(formatCell('yellow', 'fraction')).toBe('yellow');
    expect(formatCell(0.5, 'fraction')).toBe('50.00 %');
    expect(formatCell({ value: 39, unit: 'integer' }, 'text')).toBe('39');
    expect(formatCell({ decimal: '124907139.26', unit: 'usd' }, 'text')).toBe('124,907,139.26');
    expect(formatCell({ decimal: '0.0125' }, 'number')).toBe('0.0125');
  });
});
