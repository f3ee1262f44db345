/**
 * The assertions every fuzz target shares: what a valid parse result must look like, what a
 * rejection must look like, and a deep scan for non-finite numbers.
 */
import { InputError } from '../../../main/core/errors';
import type { PriceCsvResult } from '../../../main/services/prices';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Number of physical lines the importer can name (CRLF or LF; a final newline adds none). */
export function physicalLineCount(text: string): number {
  return Math.max(1, text.replace(/^\uFEFF/, '').split('\n').length);
}

/**
 * A rejection of a price file: an InputError whose message starts with the file name and, unless it
 * is the file-level "which asset" question, names a line that exists in the file.
 */
export function assertCsvRejection(err: unknown, fileName: string, text: string): void {
  if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`);
  const message = err.message;
  if (!message.startsWith(fileName)) throw new Error(`message does not name the file ${fileName}: ${message}`);
  const line = new RegExp(`^${escapeRe(fileName)} line (\\d+): \\S`).exec(message);
  if (line) {
    const n = Number(line[1]);
    if (!(n >= 1 && n <= physicalLineCount(text))) throw new Error(`line ${n} is not a line of the ${physicalLineCount(text)}-line file: ${message}`);
    return;
  }
  if (!message.startsWith(`${fileName}: cannot tell which asset`)) throw new Error(`a row fault must name a line: ${message}`);
}

/** A successful parse: ascending unique days, OHLC-consistent finite positive prices, report consistent. */
export function assertValidPriceResult(r: PriceCsvResult): void {
  const fail = (what: string): never => { throw new Error(`${what}: ${JSON.stringify(r).slice(0, 400)}`); };
  if (r.bars.length === 0) fail('no bars');
  if (!/^[A-Z0-9]{1,20}$/.test(r.asset)) fail(`asset ${r.asset}`);
  let previous = '';
  for (const b of r.bars) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(b.date) || !(b.date > previous)) fail(`date ${b.date} after ${previous}`);
    previous = b.date;
    for (const f of [b.open, b.high, b.low, b.close, b.volume]) if (!DECIMAL.test(f) || !Number.isFinite(Number(f))) fail(`field ${f}`);
    const [o, h, l, c, v] = [b.open, b.high, b.low, b.close, b.volume].map(Number);
    if (!(l > 0 && l <= o && l <= c && o <= h && c <= h && l <= h && v >= 0)) fail(`bar ${JSON.stringify(b)}`);
  }
  const missing = r.report.gaps.reduce((s, g) => s + g.days, 0);
  if (missing !== r.report.missingDays) fail('missingDays differs from the gaps');
  assertAllFinite(r.report, 'report');
}

/** Throws naming the path of the first NaN / ±Infinity anywhere in a JSON-like value or typed array. */
export function assertAllFinite(value: unknown, path = '$', seen = new Set<object>()): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (seen.has(value)) return;
  seen.add(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      if (typeof x === 'number' && !Number.isFinite(x)) throw new Error(`${path}[${i}] is ${x}`);
    }
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) assertAllFinite(v, `${path}.${String(k)}`, seen);
    return;
  }
  for (const [k, v] of Object.entries(value)) assertAllFinite(v, `${path}.${k}`, seen);
}
