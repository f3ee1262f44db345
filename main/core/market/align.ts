/**
 * Alignment of several assets' daily closes on common UTC days (docs/methodology, "Alignment and
 * gaps"). The gap policy is an explicit argument and every date it touches is reported, so a
 * filled or dropped day is never silent (design.md: gaps are reported, never silently filled).
 *
 * The calendar is the union of the assets' own days. A day that no asset has is not invented here
 * (`calendarGaps` in ./calendar reports those); a day that some assets lack is handled by policy:
 * - 'drop':         the day is removed for every asset; one `dropped` entry per asset lacking it.
 * - 'carryForward': an asset lacking the day gets its previous close (a zero return that day); one
 *                   `carried` entry per asset and day. Before an asset's first close there is
 *                   nothing to carry, so such leading days are dropped for every asset and
 *                   reported as `dropped` for the asset that had not started yet.
 */
import { InputError } from '../errors';
import { requireIsoDay } from './calendar';
import { requirePositivePrices, requireSameLength } from './checks';
import type { PriceSeries } from './types';

export type GapPolicy = 'drop' | 'carryForward';

export interface GapReportEntry {
  /** The asset that had no close on `date`. */
  asset: string;
  date: string;
  /** `dropped`: the date is absent from the aligned output; `carried`: the asset's previous close fills it. */
  action: 'dropped' | 'carried';
}

export interface AlignedCloses {
  /** Common UTC days, ascending. */
  dates: string[];
  /** One close column per input series, in input order, each `dates.length` long. */
  close: Float64Array[];
  /** Every (asset, date) the policy touched, by date then input order. */
  gapReport: GapReportEntry[];
}

/** Epoch days of a series, checked to be strictly ascending calendar days. */
function epochDays(series: PriceSeries): Int32Array {
  const days = new Int32Array(series.dates.length);
  for (let i = 0; i < series.dates.length; i++) {
    days[i] = requireIsoDay(series.dates[i], `alignSeries: ${series.asset} date at index ${i}`);
    if (i > 0 && days[i] <= days[i - 1]) {
      throw new InputError(
        `alignSeries: ${series.asset} dates must be strictly ascending: ${series.dates[i]} follows ${series.dates[i - 1]}`,
      );
    }
  }
  return days;
}

function validate(series: readonly PriceSeries[], policy: GapPolicy): void {
  if (policy !== 'drop' && policy !== 'carryForward') {
    throw new InputError(`alignSeries: policy must be 'drop' or 'carryForward', got ${String(policy)}`);
  }
  if (series.length === 0) throw new InputError('alignSeries: no series given');
  const seen = new Set<string>();
  for (const s of series) {
    if (seen.has(s.asset)) throw new InputError(`alignSeries: asset ${s.asset} appears twice`);
    seen.add(s.asset);
    if (s.dates.length === 0) throw new InputError(`alignSeries: ${s.asset} has no closes`);
    requireSameLength(s.dates, s.close, `alignSeries: ${s.asset}`);
    requirePositivePrices(s.close, `alignSeries: ${s.asset}`, s.dates);
  }
}

/** Align closes on the union of the assets' days under an explicit gap policy. */
export function alignSeries(series: PriceSeries[], policy: GapPolicy): AlignedCloses {
  validate(series, policy);
  const days = series.map(epochDays);
  const dateText = new Map<number, string>();
  series.forEach((s, a) => days[a].forEach((d, i) => dateText.set(d, s.dates[i])));
  const union = [...dateText.keys()].sort((x, y) => x - y);

  const cursor = new Int32Array(series.length); // next unread row per asset
  const lastClose = new Float64Array(series.length).fill(NaN);
  const kept: string[] = [];
  const columns: number[][] = series.map(() => []);
  const gapReport: GapReportEntry[] = [];
  const present = new Array<boolean>(series.length);

  for (const day of union) {
    let allPresent = true;
    let anyUnstarted = false;
    for (let a = 0; a < series.length; a++) {
      present[a] = cursor[a] < days[a].length && days[a][cursor[a]] === day;
      if (present[a]) {
        lastClose[a] = series[a].close[cursor[a]];
        cursor[a]++;
      } else {
        allPresent = false;
        if (Number.isNaN(lastClose[a])) anyUnstarted = true;
      }
    }
    const date = dateText.get(day)!;
    if (allPresent) {
      kept.push(date);
      for (let a = 0; a < series.length; a++) columns[a].push(lastClose[a]);
      continue;
    }
    const drop = policy === 'drop' || anyUnstarted;
    for (let a = 0; a < series.length; a++) {
      if (present[a]) continue;
      const carried = !drop;
      gapReport.push({ asset: series[a].asset, date, action: carried ? 'carried' : 'dropped' });
    }
    if (!drop) {
      kept.push(date);
      for (let a = 0; a < series.length; a++) columns[a].push(lastClose[a]);
    }
  }
  if (kept.length === 0) {
    throw new InputError(`alignSeries: no common dates across ${series.map((s) => s.asset).join(', ')}`);
  }
  return { dates: kept, close: columns.map((c) => Float64Array.from(c)), gapReport };
}
