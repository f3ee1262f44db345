/**
 * A panel of aligned daily simple returns, the input of the stressed-period finder and of the
 * correlation base. Return t of every asset runs from the aligned close before `dates[t]` to the
 * close on `dates[t]`, so a window of returns [from, to] is the move from the close before `from`
 * to the close on `to` — the same convention as an episode window (replay.ts).
 */
import { InputError } from '../errors';
import type { AlignedCloses } from '../market/align';
import { parseIsoDay } from '../market/calendar';
import { simpleReturns } from '../market/returns';

export interface ReturnsPanel {
  /** Asset symbols, in column order. */
  assets: string[];
  /** `dates[t]`: the UTC day of the close at which return t ends (strictly ascending). */
  dates: string[];
  /** One simple-return column per asset, each `dates.length` long. */
  returns: Float64Array[];
}

/** Daily simple returns of aligned closes (alignSeries output), named by `assets` in input order. */
export function returnsPanelFromCloses(aligned: AlignedCloses, assets: readonly string[]): ReturnsPanel {
  if (assets.length !== aligned.close.length) {
    throw new InputError(`returnsPanelFromCloses: ${assets.length} asset names for ${aligned.close.length} close columns`);
  }
  if (aligned.dates.length < 2) throw new InputError(`returnsPanelFromCloses: ${aligned.dates.length} aligned close(s) give no return`);
  const panel = { assets: [...assets], dates: aligned.dates.slice(1), returns: aligned.close.map((c) => simpleReturns(c, 1)) };
  requireReturnsPanel(panel, 'returnsPanelFromCloses');
  return panel;
}

/** Checks a panel's shape: unique assets, ascending calendar days, equal finite columns. */
export function requireReturnsPanel(panel: ReturnsPanel, what: string): void {
  const { assets, dates, returns } = panel;
  if (assets.length === 0) throw new InputError(`${what}: the returns panel has no assets`);
  if (assets.length !== returns.length) throw new InputError(`${what}: ${assets.length} assets but ${returns.length} return columns`);
  const seen = new Set<string>();
  for (const a of assets) {
    if (seen.has(a)) throw new InputError(`${what}: asset ${a} appears twice in the returns panel`);
    seen.add(a);
  }
  let previous = -Infinity;
  dates.forEach((d, t) => {
    const day = parseIsoDay(d);
    if (day === undefined) throw new InputError(`${what}: returns panel date at index ${t} "${d}" is not a calendar day`);
    if (day <= previous) throw new InputError(`${what}: returns panel dates must be strictly ascending: ${d} at index ${t}`);
    previous = day;
  });
  returns.forEach((column, a) => {
    if (column.length !== dates.length) {
      throw new InputError(`${what}: ${assets[a]} has ${column.length} returns for ${dates.length} dates`);
    }
    for (let t = 0; t < column.length; t++) {
      if (!Number.isFinite(column[t]) || column[t] <= -1) {
        throw new InputError(`${what}: ${assets[a]} return on ${dates[t]} must be finite and > -1, got ${column[t]}`);
      }
    }
  });
}

/** Index range [first, last] of the panel dates inside [from, to] (inclusive), or null when empty. */
export function panelWindow(panel: ReturnsPanel, from: string, to: string): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  panel.dates.forEach((d, t) => {
    if (d >= from && d <= to) {
      if (first < 0) first = t;
      last = t;
    }
  });
  return first < 0 ? null : { first, last };
}
