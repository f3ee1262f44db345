import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareDecimalText, decimalFieldValue, parseDecimalField, parseEpochDateField, parseIsoDateField,
} from '../../../main/services/prices/fields';
import { formatIsoDay } from '../../../main/core/market/calendar';

describe('decimalFieldValue', () => {
  it('equals Number(text) on plain decimals of up to 20 digits (property; Clinger fast path + fallback)', () => {
    const decimalText = fc.tuple(fc.stringMatching(/^\d{1,12}$/), fc.option(fc.stringMatching(/^\d{0,10}$/)))
      .map(([int, frac]) => (frac === null ? int : `${int}.${frac}`));
    fc.assert(fc.property(decimalText, (text) => Object.is(decimalFieldValue(text), Number(text))), { numRuns: 20_000 });
  });

  it.each([
    ['0.1', 0.1], ['62280.42', 62280.42], ['1.', 1], ['.5', 0.5], ['007', 7], ['1e3', 1000], ['+2.5', 2.5], ['-3', -3],
    ['1.5E-8', 1.5e-8], ['123456789012345678', 123456789012345680],
  ])('%j → %d', (text, value) => {
    expect(decimalFieldValue(text)).toBe(value);
  });

  it.each(['', '.', 'abc', '1,5', '1.2.3', '0x10', 'NaN', 'Infinity', '1e', ' 1', '1_000', '−1'])('%j is NaN', (text) => {
    expect(decimalFieldValue(text)).toBeNaN();
  });

  it('overflow becomes Infinity and is reported as such', () => {
    expect(decimalFieldValue('1e309')).toBe(Infinity);
    expect(parseDecimalField('1e309', 'close', true)).toEqual({ ok: false, message: 'close "1e309" overflows to Infinity' });
  });
});

describe('parseDecimalField messages', () => {
  it.each([
    ['abc', true, 'close "abc" is not a number'],
    ['nan', true, 'close "nan" is not a finite number'],
    ['-inf', false, 'close "-inf" is not a finite number'],
    ['0', true, 'close "0" must be positive'],
    ['-0.5', false, 'close "-0.5" is negative'],
  ])('%j (positive: %s) → %s', (text, positive, message) => {
    expect(parseDecimalField(text, 'close', positive)).toEqual({ ok: false, message });
  });

  it('accepts zero volume and positive prices', () => {
    expect(parseDecimalField('0', 'volume', false)).toEqual({ ok: true, value: 0 });
    expect(parseDecimalField('0.0001', 'low', true)).toEqual({ ok: true, value: 0.0001 });
  });
});

describe('compareDecimalText', () => {
  it('orders by value, exactly beyond float64 precision', () => {
    expect(compareDecimalText('2', 2, '10', 10)).toBe(-1);
    expect(compareDecimalText('1.50', 1.5, '1.5', 1.5)).toBe(0);
    expect(compareDecimalText('1.00000000000000002', 1, '1.00000000000000001', 1)).toBe(1);
    expect(compareDecimalText('1.00000000000000001', 1, '1.00000000000000002', 1)).toBe(-1);
  });
});

describe('parseIsoDateField', () => {
  const day = (text: string) => {
    const r = parseIsoDateField(text, 'date');
    return r.ok ? formatIsoDay(r.value) : r.message;
  };

  it('accepts plain days and date-times at 00:00 UTC in the usual spellings', () => {
    expect(day('2024-03-01')).toBe('2024-03-01');
    expect(day('2024-03-01T00:00:00Z')).toBe('2024-03-01');
    expect(day('2024-03-01T00:00:00.000Z')).toBe('2024-03-01');
    expect(day('2017-11-09 00:00:00+00:00')).toBe('2017-11-09'); // yfinance
    expect(day('2024-03-01 00:00:00')).toBe('2024-03-01'); // no offset → UTC
    expect(day('2024-03-01T00:00')).toBe('2024-03-01');
    expect(day('2024-03-01T00:00:00-0000')).toBe('2024-03-01');
  });

  it('applies the offset: the instant must be 00:00 UTC', () => {
    expect(day('2024-03-01T01:00:00+01:00')).toBe('2024-03-01'); // = 2024-03-01T00:00Z
    expect(day('2024-02-29T23:00:00-01:00')).toBe('2024-03-01'); // = 2024-03-01T00:00Z
    expect(day('2024-03-01T00:00:00+01:00')).toBe('date "2024-03-01T00:00:00+01:00" is not at 00:00 UTC (daily bars only)');
  });

  it('rejects other times and malformed text', () => {
    expect(day('2024-03-01T00:00:01Z')).toContain('not at 00:00 UTC');
    expect(day('2024-03-01T00:00:00.001Z')).toContain('not at 00:00 UTC');
    expect(day('2024-03-01T24:00:00Z')).toContain('not a valid date-time');
    expect(day('2024-02-30T00:00:00Z')).toContain('not a valid date');
    expect(day('03/01/2024')).toContain('not a valid date');
  });
});

describe('parseEpochDateField', () => {
  const day = (text: string) => {
    const r = parseEpochDateField(text, 'open_time');
    return r.ok ? formatIsoDay(r.value) : r.message;
  };

  it('tells seconds, milliseconds and microseconds apart by magnitude', () => {
    // 2024-03-01T00:00:00Z = 1709251200 s (Python datetime(2024,3,1,tzinfo=utc).timestamp()).
    expect(day('1709251200')).toBe('2024-03-01');
    expect(day('1709251200000')).toBe('2024-03-01');
    expect(day('1709251200000000')).toBe('2024-03-01');
  });

  it('rejects non-midnight times, non-integers and absurd lengths', () => {
    expect(day('1709251200001')).toBe('open_time "1709251200001" is not at 00:00 UTC (daily candles only)');
    expect(day('1709254800000')).toContain('not at 00:00 UTC'); // 01:00 UTC: an hourly candle
    expect(day('1709251200000.0')).toContain('not an integer timestamp');
    expect(day('-86400')).toContain('not an integer timestamp');
    expect(day('12345678901234567')).toContain('not an integer timestamp');
  });
});
