/**
 * A report as an XLSX workbook (exceljs): a "Contents" sheet, then ONE WORKSHEET PER TABLE with the
 * column labels in row 1 and the values from row 2. Numbers are numbers with a number format from
 * their unit (fractions as 0.00 %, so the stored value is the fraction itself). Decimal money (the
 * exact strings the store keeps) is written as a number so a spreadsheet can sum it; when the double
 * does not hold the decimal exactly (more than ~15 significant digits) the exact string is kept in
 * the cell's note. Dates and timestamps stay ISO-8601 text (no time-zone conversion by a spreadsheet).
 */
import ExcelJS from 'exceljs';
import type { Cell, Report, Table, Unit } from '../../core/report';
import { isDecimalCell, isNumberCell, reportTables } from '../../core/report';
import { Dec } from '../../core/money/decimal';

const NUM_FMT: Partial<Record<Unit, string>> = {
  integer: '#,##0', usd: '#,##0.00', fraction: '0.00%', pvalue: '0.0000', ratio: '0.0000', volPoints: '0.00',
};

const MAX_SHEET_NAME = 31;

/** A legal, unique worksheet name (≤ 31 characters, none of : \ / ? * [ ], unique ignoring case). */
export function sheetName(id: string, used: Set<string>): string {
  const base = id.replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').slice(0, MAX_SHEET_NAME) || 'table';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, MAX_SHEET_NAME - String(n).length - 1)}-${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** True when the double nearest to the decimal prints back as the same decimal value. */
export function decimalFitsDouble(decimal: string): boolean {
  const x = Number(decimal);
  return Number.isFinite(x) && new Dec(decimal).equals(new Dec(x));
}

function writeCell(target: ExcelJS.Cell, cell: Cell, columnUnit: Unit): void {
  if (cell === null) return;
  if (typeof cell === 'string' || typeof cell === 'boolean') {
    target.value = cell;
    return;
  }
  const unit = isNumberCell(cell) ? cell.unit : isDecimalCell(cell) ? (cell.unit ?? columnUnit) : columnUnit;
  const fmt = NUM_FMT[unit];
  if (typeof cell === 'number' || isNumberCell(cell)) {
    target.value = typeof cell === 'number' ? cell : cell.value;
  } else {
    target.value = Number(cell.decimal);
    if (!decimalFitsDouble(cell.decimal)) target.note = `exact value: ${cell.decimal}`;
  }
  if (fmt) target.numFmt = fmt;
}

function addTableSheet(wb: ExcelJS.Workbook, table: Table, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.getRow(1);
  table.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.label;
  });
  header.font = { bold: true };
  table.rows.forEach((row, r) => {
    const out = ws.getRow(r + 2);
    row.forEach((cell, i) => writeCell(out.getCell(i + 1), cell, table.columns[i]?.unit ?? 'text'));
  });
  table.columns.forEach((c, i) => {
    const widest = Math.max(c.label.length, ...table.rows.slice(0, 200).map((row) => {
      const v = row[i];
      return typeof v === 'string' ? Math.min(v.length, 80) : 12;
    }));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
}

/** The workbook as .xlsx bytes. */
export async function reportXlsx(report: Report): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `Margin Workbench ${report.cover.appVersion}`;
  wb.created = new Date(report.cover.preparedAt);
  wb.modified = wb.created;
  wb.title = report.cover.title;
  const tables = reportTables(report);
  const used = new Set<string>(['contents']);
  const names = tables.map((t) => sheetName(t.id, used));
  const contents = wb.addWorksheet('Contents');
  contents.addRow(['Sheet', 'Table', 'Note']).font = { bold: true };
  tables.forEach((t, i) => contents.addRow([names[i], t.title, t.note ?? '']));
  contents.getColumn(1).width = 32;
  contents.getColumn(2).width = 60;
  contents.getColumn(3).width = 80;
  tables.forEach((t, i) => addTableSheet(wb, t, names[i]));
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
