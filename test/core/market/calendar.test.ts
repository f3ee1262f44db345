import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, calendarGaps, daysBetween, epochDayOfMs, formatIsoDay, missingDayCount, parseIsoDay, requireIsoDay, utcDayOf,
} from '../../../main/core/market/calendar';
import { InputError } from '../../../main/core/errors';

describe('parseIsoDay / formatIsoDay', () => {
  // Reference: Python 3 `(date.fromisoformat(s) - date(1970, 1, 1)).days` (proleptic Gregorian).
  const GOLDEN: [string, number][] = [
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-02-29', 11016],
    ['2009-01-03', 14247],
    ['2024-03-01', 19783],
    ['2100-03-01', 47541],
    ['1600-02-29', -135081],
    ['0001-01-01', -719162],
    ['9999-12-31', 2932896],
  ];

  it.each(GOLDEN)('%s is epoch day %i (Python datetime)', (isoDay, epochDay) => {
    expect(parseIsoDay(isoDay)).toBe(epochDay);
    expect(formatIsoDay(epochDay)).toBe(isoDay);
  });

  it.each([
    '2021-02-30', // February has 28 days in 2021
    '2023-02-29', // 2023 is not a leap year
    '1900-02-29', // century not divisible by 400
    '2021-04-31', '2021-13-01', '2021-00-10', '2021-01-00', '2021-01-32',
    '2021-1-01', '21-01-01', ' 2021-01-01', '2021-01-01 ', '2021/01/01', '2021-01-01T00:00:00Z',
    'yesterday', '', '２０２１-01-01',
  ])('rejects %j', (text) => {
    expect(parseIsoDay(text)).toBeUndefined();
  });

  it('accepts leap days of leap years (2000, 2024) and agrees with Date.UTC on every day 1900–2100', () => {
    expect(parseIsoDay('2024-02-29')).toBe(19782);
    // Date.UTC is an independent implementation of the same proleptic Gregorian calendar.
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let day = first; day <= last; day++) {
      const reference = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (formatIsoDay(day) !== reference || parseIsoDay(reference) !== day) {
        throw new Error(`mismatch at epoch day ${day}: ${formatIsoDay(day)} vs ${reference}`);
      }
    }
  });

  it('round-trips any day in years 0000–9999 (property)', () => {
    const min = parseIsoDay('0000-01-01') as number;
    const max = parseIsoDay('9999-12-31') as number;
    fc.assert(fc.property(fc.integer({ min, max }), (day) => parseIsoDay(formatIsoDay(day)) === day));
  });

  it('refuses non-integer days and years beyond 9999', () => {
    expect(() => formatIsoDay(1.5)).toThrow(RangeError);
    expect(() => formatIsoDay(2932897)).toThrow(RangeError);
  });

  it('requireIsoDay names the field and value', () => {
    expect(() => requireIsoDay('2021-02-30', 'start')).toThrow(InputError);
    expect(() => requireIsoDay('2021-02-30', 'start')).toThrow('start: "2021-02-30" is not a calendar day');
  });
});

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries (Python timedelta)', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01'); // date(2024,2,28) + timedelta(2)
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -366)).toBe('2023-03-01');
    expect(addDays('2024-03-01', 0)).toBe('2024-03-01');
    expect(() => addDays('2024-03-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2024-02-30', 1)).toThrow(InputError);
  });

  it('counts signed days between two days', () => {
    expect(daysBetween('2023-02-28', '2024-03-01')).toBe(367); // Python: date(2024,3,1) - date(2023,2,28)
    expect(daysBetween('2024-03-01', '2023-02-28')).toBe(-367);
    expect(daysBetween('2024-03-01', '2024-03-01')).toBe(0);
  });

  it('takes the UTC day of an instant, whatever offset it was written with', () => {
    expect(utcDayOf(new Date('2024-03-01T23:59:59.999Z'))).toBe('2024-03-01');
    expect(utcDayOf(new Date('2024-03-01T00:00:00+05:00'))).toBe('2024-02-29');
    expect(utcDayOf(new Date('1969-12-31T23:00:00Z'))).toBe('1969-12-31');
    expect(epochDayOfMs(-1)).toBe(-1);
    expect(() => utcDayOf(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('calendarGaps', () => {
  it('reports missing runs as inclusive ranges with day counts', () => {
    const days = ['2024-02-27', '2024-02-28', '2024-03-02', '2024-03-03', '2024-03-05', '2024-03-06'];
    const gaps = calendarGaps(days);
    // 2024 is a leap year: 02-29 and 03-01 are missing (2 days), then 03-04 (1 day).
    expect(gaps).toEqual([
      { from: '2024-02-29', to: '2024-03-01', days: 2 },
      { from: '2024-03-04', to: '2024-03-04', days: 1 },
    ]);
    expect(missingDayCount(gaps)).toBe(3);
  });

  it('finds no gaps in a complete, single or empty list', () => {
    expect(calendarGaps(['2023-12-31', '2024-01-01', '2024-01-02'])).toEqual([]);
    expect(calendarGaps(['2024-01-01'])).toEqual([]);
    expect(calendarGaps([])).toEqual([]);
    expect(missingDayCount([])).toBe(0);
  });

  it('counts a long gap across a year end', () => {
    expect(calendarGaps(['2023-12-30', '2024-01-31'])).toEqual([{ from: '2023-12-31', to: '2024-01-30', days: 31 }]);
  });

  it('rejects unsorted, duplicate or invalid days', () => {
    expect(() => calendarGaps(['2024-01-02', '2024-01-01'])).toThrow(InputError);
    expect(() => calendarGaps(['2024-01-02', '2024-01-02'])).toThrow('strictly ascending');
    expect(() => calendarGaps(['2024-01-02', '2024-02-30'])).toThrow('"2024-02-30"');
  });
});
