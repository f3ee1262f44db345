/**
 * The committee report as a value, independent of its output format (HTML/PDF, XLSX, CSV). Tables
 * are plain {columns, rows}; charts are specs (data + kind) that ./charts.ts turns into ECharts
 * options. Everything here is JSON-like, so a report can cross IPC or be written to a file as is.
 */
import { InputError } from '../errors';

/**
 * How a number is shown and exported. `fraction` is a share (0.9876 shows as 98.76 %); `usd` is an
 * amount in US dollars; `volPoints` are annualised vol points (1 point = 0.01 vol).
 */
export type Unit = 'text' | 'integer' | 'number' | 'usd' | 'fraction' | 'pvalue' | 'ratio' | 'volPoints' | 'date' | 'timestamp' | 'hash';

/** Money the exchange settles, exact: the decimal string as stored (design.md). */
export interface DecimalCell {
  readonly decimal: string;
  readonly unit?: Unit;
}

/** A number whose unit differs from its column's (e.g. the executive summary's value column). */
export interface NumberCell {
  readonly value: number;
  readonly unit: Unit;
}

/** One table cell. Numbers must be finite; a figure that is not defined is `null`. */
export type Cell = string | number | boolean | null | DecimalCell | NumberCell;

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly unit: Unit;
}

export interface Table {
  /** Stable slug: the CSV file name and the worksheet name are derived from it. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  readonly note?: string;
}

export interface AxisSpec {
  readonly label: string;
  readonly unit: Unit;
}

/** Series over dates: lines, or points (e.g. exception days) drawn on the same axes. */
export interface LineChartSpec {
  readonly kind: 'line';
  readonly id: string;
  readonly title: string;
  readonly dates: readonly string[];
  readonly y: AxisSpec;
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[]; readonly style: 'line' | 'points' }[];
}

/** Bars over categories (histogram bins, per-run comparisons). */
export interface BarChartSpec {
  readonly kind: 'bar';
  readonly id: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly xLabel: string;
  readonly y: AxisSpec;
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** Points in a plane (e.g. a sweep's margin cost against its Kupiec p-value). */
export interface ScatterChartSpec {
  readonly kind: 'scatter';
  readonly id: string;
  readonly title: string;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly series: readonly { readonly name: string; readonly points: readonly (readonly [number, number])[] }[];
}

export type ChartSpec = LineChartSpec | BarChartSpec | ScatterChartSpec;

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'chart'; readonly chart: ChartSpec };

/** The sections a report can hold, in reading order. */
export const SECTION_IDS = ['summary', 'methodology', 'parameters', 'margin', 'calibration', 'backtest', 'stress', 'provenance', 'audit'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** The sections that hold one kind of result (a run kind's adapter says which of them it fills). */
export type ResultSectionId = Extract<SectionId, 'margin' | 'calibration' | 'backtest' | 'stress'>;

export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  summary: 'Executive summary',
  methodology: 'Methodology',
  parameters: 'Parameters',
  margin: 'Margin requirements',
  calibration: 'Calibration results',
  backtest: 'Backtest results',
  stress: 'Stress results and cascade',
  provenance: 'Appendix A — Data provenance',
  audit: 'Appendix B — Audit trail',
};

export interface Section {
  readonly id: SectionId;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ReportCover {
  readonly title: string;
  /** ISO-8601 UTC instant the report was prepared. */
  readonly preparedAt: string;
  readonly preparer: string;
  readonly appVersion: string;
  readonly runCount: number;
  /** True when any selected run used SYNTHETIC data (shown on the cover, never hidden). */
  readonly synthetic: boolean;
}

export interface Report {
  readonly cover: ReportCover;
  readonly sections: readonly Section[];
}

/** Validates a section selection (order is normalised to reading order; duplicates are dropped). */
export function selectSections(requested: readonly string[] | undefined): SectionId[] {
  if (requested === undefined) return [...SECTION_IDS];
  const unknown = requested.filter((s) => !(SECTION_IDS as readonly string[]).includes(s));
  if (unknown.length) throw new InputError(`sections: unknown ${unknown.map((s) => `"${s}"`).join(', ')} (choose from ${SECTION_IDS.join(', ')})`);
  if (requested.length === 0) throw new InputError('sections: choose at least one section');
  return SECTION_IDS.filter((s) => requested.includes(s));
}

export const isDecimalCell = (c: Cell): c is DecimalCell => typeof c === 'object' && c !== null && 'decimal' in c;
export const isNumberCell = (c: Cell): c is NumberCell => typeof c === 'object' && c !== null && 'value' in c;

/** A finite number as a cell; NaN and ±Infinity (an undefined figure) become null, never passed on. */
export function num(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
