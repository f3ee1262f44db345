import { Dec } from '../../core/money/decimal';
import { MS_PER_DAY, parseIsoDay } from '../../core/market/calendar';
import type { DateEncoding } from './types';
import { quote } from './text';

/**
 * Field-level parsing for price rows. Each parser returns either a value or a message fragment
 * (`close "abc" is not a number`); the row validator adds file and line. Returning the message
 * instead of throwing keeps the per-row hot path free of try/catch.
 */

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

// Exact powers of ten: every 10^k with k ≤ 22 is representable in float64.
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Hot path: the float64 value of a decimal field, or NaN when it is not a finite decimal number
 * (callers then ask `parseDecimalField` for the message). Plain `digits[.digits]` with at most 15
 * digits is converted directly: the digits form an exact integer (< 2^53) and one IEEE division by
 * an exact power of ten is correctly rounded, so the result equals Number(text) (Clinger 1990,
 * "How to read floating point numbers accurately", fast path). Anything else (signs, exponents,
 * longer mantissas) goes through the regex and Number().
 */
export function decimalFieldValue(text: string): number {
  const n = text.length;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let dot = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits += 1;
      if (dot) fractionDigits += 1;
    } else if (c === 46 && !dot) {
      dot = true;
    } else {
      return DECIMAL.test(text) ? Number(text) : NaN;
    }
  }
  if (digits === 0 || digits > 15) return DECIMAL.test(text) ? Number(text) : NaN;
  return fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
}

/**
 * A decimal field as float64 for checks (the caller keeps the text verbatim). Accepts plain and
 * exponent notation; rejects NaN/Infinity words, values that overflow float64 (`1e309`) and, with
 * `positive`, zero and negatives; otherwise rejects negatives only.
 */
export function parseDecimalField(text: string, name: string, positive: boolean): FieldResult<number> {
  if (!DECIMAL.test(text)) {
    if (NON_FINITE.test(text)) return { ok: false, message: `${name} ${quote(text)} is not a finite number` };
    return { ok: false, message: `${name} ${quote(text)} is not a number` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `${name} ${quote(text)} overflows to Infinity` };
  if (positive && value <= 0) return { ok: false, message: `${name} ${quote(text)} must be positive` };
  if (value < 0) return { ok: false, message: `${name} ${quote(text)} is negative` };
  return { ok: true, value };
}

/**
 * Exact order of two decimal texts. float64 decides unless both round to the same double while the
 * texts differ (more than ~16 significant digits); then decimal.js decides.
 */
export function compareDecimalText(aText: string, a: number, bText: string, b: number): number {
  if (a !== b) return a < b ? -1 : 1;
  if (aText === bText) return 0;
  return new Dec(aText).comparedTo(new Dec(bText));
}

// YYYY-MM-DD, then optionally a time of day and a UTC offset (Z, ±hh:mm or ±hhmm).
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch day of an `iso` date field. A date-time must fall exactly on 00:00 UTC (after applying its
 * offset; no offset means UTC): daily candles open at UTC midnight, anything else is not a daily bar.
 */
export function parseIsoDateField(text: string, name: string): FieldResult<number> {
  const plain = parseIsoDay(text);
  if (plain !== undefined) return { ok: true, value: plain };
  const m = ISO_DATE_TIME.exec(text);
  const day = m ? parseIsoDay(m[1]) : undefined;
  if (!m || day === undefined) {
    return { ok: false, message: `${name} ${quote(text)} is not a valid date (expected YYYY-MM-DD or an ISO date-time)` };
  }
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  const second = m[4] === undefined ? 0 : Number(m[4]);
  const fractionZero = m[5] === undefined || /^0+$/.test(m[5]);
  let offsetMinutes = 0;
  const zone = m[6];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `${name} ${quote(text)} is not a valid date-time` };
  }
  const utcMinutes = hour * 60 + minute - offsetMinutes;
  if (second !== 0 || !fractionZero || utcMinutes % 1440 !== 0) {
    return { ok: false, message: `${name} ${quote(text)} is not at 00:00 UTC (daily bars only)` };
  }
  return { ok: true, value: day + utcMinutes / 1440 };
}

/**
 * Epoch day of an `epoch` date field (Binance open time, CryptoDataDownload Unix). The unit is
 * told apart by magnitude, per row, because Binance spot dumps switched from milliseconds to
 * microseconds in 2025 and a merged file may hold both: below 1e11 → seconds (1e11 s is year
 * 5138), below 1e14 → milliseconds, else microseconds (at most 16 digits, within 2^53).
 */
export function parseEpochDateField(text: string, name: string): FieldResult<number> {
  if (!/^\d{1,16}$/.test(text)) {
    return { ok: false, message: `${name} ${quote(text)} is not an integer timestamp (s, ms or µs since 1970)` };
  }
  const n = Number(text);
  const unitsPerDay = n < 1e11 ? MS_PER_DAY / 1000 : n < 1e14 ? MS_PER_DAY : MS_PER_DAY * 1000;
  if (n % unitsPerDay !== 0) {
    return { ok: false, message: `${name} ${quote(text)} is not at 00:00 UTC (daily candles only)` };
  }
  return { ok: true, value: n / unitsPerDay };
}

export function parseDateField(text: string, name: string, encoding: DateEncoding): FieldResult<number> {
  return encoding === 'iso' ? parseIsoDateField(text, name) : parseEpochDateField(text, name);
}
