/**
 * UTC calendar helpers for the sample workspace: a gap-free daily calendar (crypto trades every day)
 * and the Friday expiry cycle used by crypto derivatives venues (weeklies on Fridays, monthlies and
 * quarterlies on the last Friday of the month, 08:00 UTC by convention).
 */
import { InputError } from '../errors';

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Every calendar day from firstDate to lastDate inclusive. */
export function dailyCalendar(firstDate: string, lastDate: string): string[] {
  const first = dayNumber(firstDate);
  const n = dayNumber(lastDate) - first + 1;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = dateOfDayNumber(first + i);
  return out;
}

/** 0 = Sunday … 5 = Friday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function lastFridayOfMonth(year: number, monthIndex: number): number {
  const lastDay = Math.round(Date.UTC(year, monthIndex + 1, 0) / DAY_MS);
  return lastDay - ((weekday(lastDay) - 5 + 7) % 7);
}

/** The next `count` Fridays strictly after `date`. */
export function nextFridays(date: string, count: number): string[] {
  const d = dayNumber(date);
  const first = d + (((5 - weekday(d) + 7) % 7) || 7);
  return Array.from({ length: count }, (_, i) => dateOfDayNumber(first + 7 * i));
}

/** Last Fridays of the following months strictly after `date`; quarterly = March/June/September/December only. */
export function nextLastFridays(date: string, count: number, quarterly: boolean): string[] {
  const d = dayNumber(date);
  const start = new Date(d * DAY_MS);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  const out: string[] = [];
  while (out.length < count) {
    const f = lastFridayOfMonth(year, month);
    if (f > d && (!quarterly || month % 3 === 2)) out.push(dateOfDayNumber(f));
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return out;
}

/** The user's seed: an integer in [0, 2³²), as createRng accepts; anything else is refused, not coerced. */
export function requireSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InputError(`seed: must be an integer in [0, 4294967295], got ${seed}`);
  }
  return seed;
}

/**
 * A child seed for one part of the workspace (market, book, …) so that the parts draw from unrelated
 * streams of the same user seed. Murmur3's 32-bit finaliser mixes the salted seed.
 */
export function deriveSeed(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
