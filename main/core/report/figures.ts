/**
 * The executive summary's key figures. Each run kind's adapter reports the figures its runs hold;
 * a standard figure no selected run provides is listed as "not in the selected runs", so a reader
 * sees what the report does NOT cover as plainly as what it does.
 */
import type { Cell, Table, Unit } from './model';
import { isDecimalCell, isNumberCell } from './model';
import { unitLabel } from './format';

export const STANDARD_FIGURES = [
  { id: 'coverage', label: 'Backtest coverage (share of days without exception)' },
  { id: 'exceptions', label: 'Backtest exceptions' },
  { id: 'trafficLight', label: 'Basel traffic light' },
  { id: 'initialMargin', label: 'Book initial margin' },
  { id: 'maintenanceMargin', label: 'Book maintenance margin' },
  { id: 'liquidatableAccounts', label: 'Accounts at or below maintenance margin' },
  { id: 'worstStressLoss', label: 'Worst stress loss' },
  { id: 'badDebt', label: 'Bad debt' },
  { id: 'insuranceFundUse', label: 'Insurance-fund use' },
  { id: 'reverseStressBreakingPoint', label: 'Reverse-stress breaking point' },
] as const;

export type StandardFigureId = (typeof STANDARD_FIGURES)[number]['id'];

export const NOT_IN_RUNS = 'not in the selected runs';

/** One figure of one run. `id` is a standard figure id or an adapter's own (listed after the standard ones). */
export interface KeyFigure {
  readonly id: string;
  /** Needed for figures that are not standard; standard figures use the standard label. */
  readonly label?: string;
  readonly value: Cell;
  readonly runId: string;
  readonly runLabel: string;
  /** E.g. "99 % HS, 250 days, BTC". */
  readonly detail?: string;
}

function unitOf(value: Cell): Unit {
  if (isNumberCell(value)) return value.unit;
  if (isDecimalCell(value)) return value.unit ?? 'number';
  return 'text';
}

/** The key-figures table: the standard figures in order (one row per run that has each), then the others. */
export function keyFiguresTable(figures: readonly KeyFigure[]): Table {
  const rows: Cell[][] = [];
  const row = (label: string, f: KeyFigure): Cell[] => [label, f.value, unitLabel(unitOf(f.value)), f.detail ?? '', f.runLabel, f.runId];
  for (const s of STANDARD_FIGURES) {
    const mine = figures.filter((f) => f.id === s.id);
    if (mine.length === 0) rows.push([s.label, NOT_IN_RUNS, '', '', '', '']);
    else for (const f of mine) rows.push(row(s.label, f));
  }
  const standard = new Set<string>(STANDARD_FIGURES.map((s) => s.id));
  for (const f of figures.filter((x) => !standard.has(x.id))) rows.push(row(f.label ?? f.id, f));
  return {
    id: 'key-figures',
    title: 'Key figures',
    columns: [
      { key: 'figure', label: 'Figure', unit: 'text' },
      { key: 'value', label: 'Value', unit: 'text' },
      { key: 'unit', label: 'Unit', unit: 'text' },
      { key: 'detail', label: 'Detail', unit: 'text' },
      { key: 'run', label: 'Run', unit: 'text' },
      { key: 'runId', label: 'Run id', unit: 'text' },
    ],
    rows,
  };
}
