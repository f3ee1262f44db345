import { InputError } from '../errors';

/**
 * UTC calendar days. Market data is daily and keyed by the UTC day of the candle open
 * (`YYYY-MM-DD`, design.md). Days are handled as integer "epoch days" (days since 1970-01-01), so
 * day arithmetic never meets time zones, DST or the local clock. Conversion uses Howard Hinnant's
 * proleptic-Gregorian algorithms `days_from_civil` / `civil_from_days`
 * ("chrono-Compatible Low-Level Date Algorithms", 2013), which avoid building a Date per row.
 * Years are limited to 0000–9999 because the text form has exactly four year digits.
 */

export const MS_PER_DAY = 86_400_000;

/** A run of missing calendar days, both ends inclusive. */
export interface CalendarGap {
  /** First missing UTC day. */
  from: string;
  /** Last missing UTC day. */
  to: string;
  /** Number of missing days in the run (`to - from + 1`). */
  days: number;
}

/** Days from 1970-01-01 to the civil date y-m-d (Hinnant `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Value of the decimal digit at `i`, or -1 when it is not an ASCII digit. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Epoch day of a strict `YYYY-MM-DD` text that names a real calendar day (2021-02-30 and
 * 2023-02-29 are rejected), or `undefined`. No surrounding spaces, no time part.
 */
export function parseIsoDay(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  // Unrolled on purpose: this runs once per imported row (1M-row files).
  const y0 = digitAt(text, 0), y1 = digitAt(text, 1), y2 = digitAt(text, 2), y3 = digitAt(text, 3);
  const m0 = digitAt(text, 5), m1 = digitAt(text, 6), d0 = digitAt(text, 8), d1 = digitAt(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Like `parseIsoDay`, but a bad day is an InputError naming `what`. */
export function requireIsoDay(text: string, what: string): number {
  const epochDay = parseIsoDay(text);
  if (epochDay === undefined) throw new InputError(`${what}: "${text}" is not a calendar day (YYYY-MM-DD)`);
  return epochDay;
}

/** `YYYY-MM-DD` of an epoch day (Hinnant `civil_from_days`). */
export function formatIsoDay(epochDay: number): string {
  if (!Number.isInteger(epochDay)) throw new RangeError(`epoch day must be an integer, got ${epochDay}`);
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`epoch day ${epochDay} is outside years 0000–9999`);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The UTC day `days` after (negative: before) `isoDay`. */
export function addDays(isoDay: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return formatIsoDay(requireIsoDay(isoDay, 'day') + days);
}

/** Signed number of days from `fromIsoDay` to `toIsoDay` (2021-01-01 → 2021-01-03 is 2). */
export function daysBetween(fromIsoDay: string, toIsoDay: string): number {
  return requireIsoDay(toIsoDay, 'day') - requireIsoDay(fromIsoDay, 'day');
}

/** Epoch day containing a UTC instant given in milliseconds since 1970-01-01T00:00:00Z. */
export function epochDayOfMs(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}

/** UTC day of an instant (used with an injected clock: core never reads the clock itself). */
export function utcDayOf(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('instant is an invalid Date');
  return formatIsoDay(epochDayOfMs(ms));
}

/**
 * Missing calendar days between consecutive entries of a strictly ascending list of UTC days, as
 * inclusive runs. Crypto trades every day, so every skipped calendar day is a gap (no weekends or
 * holidays are excused). Throws if the list is not strictly ascending.
 */
export function calendarGaps(ascendingIsoDays: readonly string[]): CalendarGap[] {
  const gaps: CalendarGap[] = [];
  let previous: number | undefined;
  for (const isoDay of ascendingIsoDays) {
    const current = requireIsoDay(isoDay, 'day');
    if (previous !== undefined) {
      if (current <= previous) {
        throw new InputError(`days must be strictly ascending: ${isoDay} follows ${formatIsoDay(previous)}`);
      }
      if (current - previous > 1) {
        gaps.push({ from: formatIsoDay(previous + 1), to: formatIsoDay(current - 1), days: current - previous - 1 });
      }
    }
    previous = current;
  }
  return gaps;
}

/** Total number of missing days over a list of gaps. */
export function missingDayCount(gaps: readonly CalendarGap[]): number {
  return gaps.reduce((sum, gap) => sum + gap.days, 0);
}
