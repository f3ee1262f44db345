import { InputError } from '../core/errors';
import type { ImpliedVolHistory } from '../core/calibration/calibrateVolShock';

export interface ParsedImpliedVol extends ImpliedVolHistory {
  /** Calendar days between the first and last row with no value (changes across them span more days). */
  missingDays: number;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An implied-volatility index history in the DVOL layout (docs/formats: calibration-configs): a
 * header naming a `date` column (UTC day, YYYY-MM-DD) and a `dvol` column (annualised implied vol
 * in vol points, e.g. 95.04); other columns (e.g. `source`) are ignored. Rows strictly ascending;
 * missing days are allowed and counted, never filled. Errors name the file and line.
 */
export function parseImpliedVolCsv(text: string, fileName: string): ParsedImpliedVol {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '') {
      headerLine = i;
      break;
    }
  }
  if (headerLine < 0) throw new InputError(`${fileName}: the file is empty`);
  const header = lines[headerLine].split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const dateCol = header.indexOf('date');
  const volCol = header.indexOf('dvol');
  if (dateCol < 0 || volCol < 0) {
    throw new InputError(`${fileName}: line ${headerLine + 1}: the header needs columns "date" and "dvol" (got ${header.join(',')})`);
  }
  const dates: string[] = [];
  const values: number[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const where = `${fileName}: line ${i + 1}`;
    const date = cells[dateCol] ?? '';
    if (!ISO_DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new InputError(`${where}: date "${date}" is not a calendar day YYYY-MM-DD`);
    }
    const text = cells[volCol] ?? '';
    const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    if (!(Number.isFinite(v) && v > 0)) throw new InputError(`${where}: dvol "${text}" must be a positive number of vol points`);
    if (dates.length && !(date > dates[dates.length - 1])) {
      throw new InputError(`${where}: date ${date} does not follow ${dates[dates.length - 1]} (rows must be strictly ascending)`);
    }
    dates.push(date);
    values.push(v);
  }
  if (dates.length < 2) throw new InputError(`${fileName}: needs at least 2 rows of implied vol, got ${dates.length}`);
  const spanDays = (Date.parse(`${dates[dates.length - 1]}T00:00:00Z`) - Date.parse(`${dates[0]}T00:00:00Z`)) / DAY_MS;
  return { dates, volPoints: Float64Array.from(values), missingDays: spanDays + 1 - dates.length };
}

/** The latest date of the implied series on or before `at` (the series may lack `at` itself). */
export function impliedDateOnOrBefore(history: ImpliedVolHistory, at: string, fileName: string): string {
  let lo = 0;
  let hi = history.dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history.dates[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) throw new InputError(`${fileName}: no implied vol on or before ${at} (the file starts ${history.dates[0]})`);
  return history.dates[lo - 1];
}
