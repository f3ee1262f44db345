import { describe, expect, it } from 'vitest';
import { addDays, dailyCalendar, deriveSeed, nextFridays, nextLastFridays } from '../../../main/core/sample/calendar';
import { InputError } from '../../../main/core/errors';
import { generateSampleMarket } from '../../../main/core/sample';
import { sampleExpiries } from '../../../main/core/sample/instruments';
import { DEFAULT_SAMPLE_SPEC } from '../../../main/core/sample';

// Reference dates from Python's datetime/calendar (weekday() == 4 is Friday).
describe('sample calendar and expiry cycle', () => {
  it('daily calendar 2019-01-01..2025-12-31 has 2557 days', () => {
    const days = dailyCalendar('2019-01-01', '2025-12-31');
    expect(days.length).toBe(2557);
    expect(days[424]).toBe('2020-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('weeklies are the next Fridays strictly after the date', () => {
    expect(nextFridays('2025-12-31', 3)).toEqual(['2026-01-02', '2026-01-09', '2026-01-16']);
    expect(nextFridays('2026-01-02', 1)).toEqual(['2026-01-09']);
  });

  it('monthlies and quarterlies are last Fridays', () => {
    expect(nextLastFridays('2025-12-31', 3, false)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    expect(nextLastFridays('2025-12-31', 4, true)).toEqual(['2026-03-27', '2026-06-26', '2026-09-25', '2026-12-25']);
    expect(nextLastFridays('2026-03-27', 1, true)).toEqual(['2026-06-26']);
  });

  it('the sample book lists futures on quarterlies and options on a merged, sorted cycle', () => {
    expect(sampleExpiries(DEFAULT_SAMPLE_SPEC.book, '2025-12-31')).toEqual({
      futures: ['2026-03-27', '2026-06-26', '2026-09-25'],
      options: ['2026-01-02', '2026-01-09', '2026-01-30', '2026-02-27', '2026-03-27', '2026-06-26'],
    });
  });

  it('derived seeds separate the market and book streams', () => {
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(7, 2));
    expect(deriveSeed(7, 1)).toBe(deriveSeed(7, 1));
    expect(Number.isInteger(deriveSeed(0xffffffff, 2)) && deriveSeed(0xffffffff, 2) >= 0).toBe(true);
  });

  it('refuses a seed that is not an integer in [0, 2^32)', () => {
    for (const seed of [1.5, -1, 2 ** 32, Number.NaN]) {
      expect(() => generateSampleMarket(DEFAULT_SAMPLE_SPEC, seed), String(seed)).toThrow(InputError);
      expect(() => generateSampleMarket(DEFAULT_SAMPLE_SPEC, seed), String(seed)).toThrow(/seed: must be an integer/);
    }
  });
});
