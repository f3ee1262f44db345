// Display of the Compare view's figures by unit (preload/contract/schemas/compare.ts FigureRow),
// and of their differences with an explicit sign: "+1,234.50 USD", "−0.35 pp".
import type { FigureRow } from '../../../../preload/contract/schemas/compare';
import { formatUsdAmount } from '../../charts/units';

export type Unit = FigureRow['unit'];

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A figure in its unit; null → "—". */
export function formatFigure(value: number | string | null, unit: Unit): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'integer': return int.format(value);
    case 'usd': return `${formatUsdAmount(value)} USD`;
    case 'fraction': return `${(value * 100).toFixed(2)} %`;
    case 'pvalue': return value.toFixed(4);
    case 'ratio': return `${value.toFixed(3)}×`;
    case 'volPoints': return `${value.toFixed(2)} vol pts`;
    case 'number': return Number(value.toPrecision(6)).toString();
    default: return String(value);
  }
}

const sign = (x: number): string => (x > 0 ? '+' : x < 0 ? '−' : '±');

/** A difference other − base; fractions in percentage points. Null → "—". */
export function formatDiff(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  const a = Math.abs(value);
  switch (unit) {
    case 'integer': return `${sign(value)}${int.format(a)}`;
    case 'usd': return `${sign(value)}${formatUsdAmount(a)} USD`;
    case 'fraction': return `${sign(value)}${(a * 100).toFixed(2)} pp`;
    case 'pvalue': return `${sign(value)}${a.toFixed(4)}`;
    case 'ratio': return `${sign(value)}${a.toFixed(3)}×`;
    case 'volPoints': return `${sign(value)}${a.toFixed(2)} vol pts`;
    default: return `${sign(value)}${Number(a.toPrecision(6))}`;
  }
}

/** A signed amount without its unit (the column header names it): "+1,234.50", "−0.35". */
export function formatSignedAmount(value: number | null): string {
  if (value === null) return '—';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatUsdAmount(Math.abs(value))}`;
}

/** A decimal-string difference from the workbench ("-1234.50") with an explicit sign and grouping. */
export function formatDecimalDiff(text: string): string {
  const x = Number(text);
  if (!Number.isFinite(x)) return text;
  return formatDiff(x, 'usd');
}

/** Direction class of a difference, for colouring: up, down or none. */
export function diffClass(value: number | null): 'up' | 'down' | '' {
  if (value === null || value === 0) return '';
  return value > 0 ? 'up' : 'down';
}

/** A column of SortableTable: how it sorts (null: empty, last) and how it shows. */
export interface SortableColumn<R> {
  key: string;
  label: string;
  numeric?: boolean;
  value: (row: R) => number | string | null;
  text: (row: R) => string;
  cellClass?: (row: R) => string;
}
