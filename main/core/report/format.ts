/**
 * How report cells read on screen and paper (HTML/PDF). Exports keep raw values instead (CSV: the
 * exact number or decimal string; XLSX: numbers with a number format). The display rules are
 * documented in docs/formats.md ("Display rules"); tests re-derive them by hand.
 */
import type { Cell, Unit } from './model';
import { isDecimalCell, isNumberCell } from './model';

export const NOT_DEFINED = '—';

/** Inserts thousands separators into the integer part of a plain decimal text ("-1234567.5" → "-1,234,567.5"). */
export function groupThousands(text: string): string {
  const m = /^([+-]?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1] === '+' ? '' : m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A decimal string shown as USD: two decimals at least, every stored decimal kept, thousands grouped. */
export function formatDecimalUsd(decimal: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(decimal.trim());
  if (!m || m[4] !== undefined) return decimal;
  const frac = (m[3] ?? '').padEnd(2, '0');
  return groupThousands(`${m[1]}${m[2] || '0'}.${frac}`);
}

/** A general number: integers grouped; otherwise 4 decimals from 1 up, 4 significant digits below 1. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return groupThousands(x.toFixed(0));
  if (Math.abs(x) >= 1) return groupThousands(x.toFixed(4));
  return String(Number(x.toPrecision(4)));
}

export function formatValue(x: number, unit: Unit): string {
  if (!Number.isFinite(x)) return NOT_DEFINED;
  switch (unit) {
    case 'integer': return groupThousands(Math.round(x).toFixed(0));
    case 'usd': return groupThousands(x.toFixed(2));
    case 'fraction': return `${(100 * x).toFixed(2)} %`;
    case 'pvalue': return x.toFixed(4);
    case 'ratio': return x.toFixed(4);
    case 'volPoints': return `${x.toFixed(2)} pts`;
    default: return formatNumber(x);
  }
}

/** The text a cell shows; `unit` is its column's unit (a NumberCell or DecimalCell may carry its own). */
export function formatCell(cell: Cell, unit: Unit): string {
  if (cell === null) return NOT_DEFINED;
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return formatValue(cell, unit);
  if (isNumberCell(cell)) return formatValue(cell.value, cell.unit);
  if (isDecimalCell(cell)) {
    const u = cell.unit ?? unit;
    return u === 'usd' ? formatDecimalUsd(cell.decimal) : groupThousands(cell.decimal);
  }
  return NOT_DEFINED;
}

/** A short unit word for headers and the summary's unit column. */
export function unitLabel(unit: Unit): string {
  switch (unit) {
    case 'usd': return 'USD';
    case 'fraction': return 'share';
    case 'volPoints': return 'vol points';
    case 'integer': return 'count';
    case 'pvalue': return 'p-value';
    default: return '';
  }
}
