/**
 * A report table as CSV text (RFC 4180: CRLF line ends, a field holding a comma, a double quote, CR
 * or LF is enclosed in double quotes with inner quotes doubled). Values are raw, not display text:
 * numbers in JavaScript's shortest round-trip form, decimals as their exact stored string, fractions
 * as fractions (0.9876, not 98.76 %), booleans true/false, an undefined figure as an empty field.
 * The header names the unit where the value alone does not ("Coverage [fraction]").
 */
import type { Cell, Table, Unit } from './model';
import { isDecimalCell, isNumberCell } from './model';

const HEADER_UNITS: Partial<Record<Unit, string>> = { usd: 'USD', fraction: 'fraction', volPoints: 'vol points' };

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function rawCellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (isDecimalCell(cell)) return cell.decimal;
  if (isNumberCell(cell)) return Number.isFinite(cell.value) ? String(cell.value) : '';
  return '';
}

export function tableToCsv(table: Table): string {
  const header = table.columns.map((c) => csvField(HEADER_UNITS[c.unit] ? `${c.label} [${HEADER_UNITS[c.unit]}]` : c.label));
  const lines = [header.join(','), ...table.rows.map((row) => row.map((cell) => csvField(rawCellText(cell))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** A file-name-safe slug of a table id (letters, digits, dash). */
export function tableFileStem(id: string): string {
  const slug = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'table';
}
