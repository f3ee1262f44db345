import { MS_PER_DAY, parseIsoDay } from '../../core/market/calendar';
import type { FieldResult } from './fields';
import { quote } from './text';
import type { DateEncoding } from './types';

/**
 * Timestamps of intraday bars (1-minute, 1-hour klines) as epoch milliseconds, UTC. The daily
 * parser (./fields.ts) accepts only 00:00 UTC; these accept any time of day, with the same
 * encodings:
 * - `iso`: `YYYY-MM-DD`, or `YYYY-MM-DD[T ]hh:mm[:ss[.fraction]]` with an optional `Z` or
 *   `±hh:mm` / `±hhmm` offset (no offset means UTC, as Binance and CryptoDataDownload write it);
 * - `epoch`: an integer in s, ms or µs since 1970, the unit told apart by magnitude per row, as in
 *   `parseEpochDateField` (Binance spot dumps switched from ms to µs open times in 2025).
 * Microsecond stamps become fractional milliseconds: every µs below 2^53 stays distinct and ordered.
 */

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Hot path for the shape exports use: `YYYY-MM-DDThh:mm:ss`, optionally `.sss` and `Z`
 * (19, 20, 23 or 24 characters). Returns NaN for anything else; the regex path then decides.
 */
function fastIsoMs(text: string): number {
  const n = text.length;
  if ((n !== 19 && n !== 20 && n !== 23 && n !== 24) || (text.charCodeAt(10) !== 84 && text.charCodeAt(10) !== 32)) return NaN;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return NaN;
  let millis = 0;
  if (n >= 23) {
    if (text.charCodeAt(19) !== 46) return NaN;
    const hundreds = text.charCodeAt(20) - 48;
    const rest = twoDigits(text, 21);
    if (hundreds < 0 || hundreds > 9 || rest < 0) return NaN;
    millis = hundreds * 100 + rest;
  }
  if ((n === 20 || n === 24) && text.charCodeAt(n - 1) !== 90) return NaN;
  const day = parseIsoDay(text.slice(0, 10));
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (day === undefined || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  return day * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

function isoTimestampMs(text: string, name: string): FieldResult<number> {
  const fast = fastIsoMs(text);
  if (!Number.isNaN(fast)) return { ok: true, value: fast };
  const plainDay = parseIsoDay(text);
  if (plainDay !== undefined) return { ok: true, value: plainDay * MS_PER_DAY };
  const m = ISO_DATE_TIME.exec(text);
  const day = m ? parseIsoDay(m[1]) : undefined;
  if (!m || day === undefined) {
    return { ok: false, message: `${name} ${quote(text)} is not a valid date-time (expected YYYY-MM-DD hh:mm[:ss] or an ISO date-time)` };
  }
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  const second = m[4] === undefined ? 0 : Number(m[4]);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `${name} ${quote(text)} is not a valid date-time` };
  const fractionMs = m[5] === undefined ? 0 : Number(`0.${m[5]}`) * 1000;
  let offsetMinutes = 0;
  const zone = m[6];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return { ok: false, message: `${name} ${quote(text)} has an invalid UTC offset ${quote(zone)}` };
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const ms = day * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fractionMs;
  return { ok: true, value: ms };
}

function epochTimestampMs(text: string, name: string): FieldResult<number> {
  const n = text.length;
  let valid = n >= 1 && n <= 16;
  for (let i = 0; valid && i < n; i++) {
    const c = text.charCodeAt(i);
    valid = c >= 48 && c <= 57;
  }
  if (!valid) return { ok: false, message: `${name} ${quote(text)} is not an integer timestamp (s, ms or µs since 1970)` };
  const value = Number(text);
  // Same magnitude rule as the daily parser: < 1e11 seconds, < 1e14 milliseconds, else microseconds.
  const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value / 1000;
  return { ok: true, value: ms };
}

/** Epoch milliseconds (UTC) of a timestamp field, or a message naming the field and value. */
export function parseTimestampField(text: string, name: string, encoding: DateEncoding): FieldResult<number> {
  return encoding === 'iso' ? isoTimestampMs(text, name) : epochTimestampMs(text, name);
}

/** `2024-01-02T03:04:05.000Z` for messages (sub-millisecond digits are dropped). */
export function formatTimestampMs(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
