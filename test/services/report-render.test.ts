// Renderers on a hand-built report (no store): HTML escaping and self-containment, ECharts SSR
// charts, XLSX cell types / number formats / exact-decimal notes / sheet names, and the Chromium
// printer's errors.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../main/core/report';
import { reportCsvFiles, reportHtml } from '../../main/services/reports';
import { chromiumPdfPrinter, findBrowser } from '../../main/services/reports/pdf';
import { renderChartSvg } from '../../main/services/reports/svg';
import { decimalFitsDouble, reportXlsx, sheetName } from '../../main/services/reports/xlsx';

const LONG_ID = 'a-table-id-that-is-much-longer-than-thirty-one-characters';
const REPORT: Report = {
  cover: { title: '<script>alert(1)</script> & "Q"', preparedAt: '2026-02-03T04:05:06.000Z', preparer: 'Risk & Co', appVersion: '0.1.0', runCount: 1, synthetic: true },
  sections: [{
    id: 'summary', title: 'Executive summary',
    blocks: [
      { kind: 'paragraph', text: 'a < b' },
      {
        kind: 'table',
        table: {
          id: LONG_ID, title: 'Money', note: 'n',
          columns: [{ key: 'a', label: 'Amount', unit: 'usd' }, { key: 'b', label: 'Share', unit: 'fraction' }, { key: 'c', label: 'Text', unit: 'text' }, { key: 'd', label: 'Hash', unit: 'hash' }],
          rows: [
            [{ decimal: '137397853.18' }, 0.9831, 'x', 'f'.repeat(64)],
            [{ decimal: '123456789012345678.91' }, null, true, null],
          ],
        },
      },
      { kind: 'table', table: { id: LONG_ID, title: 'Same id', columns: [{ key: 'a', label: 'A', unit: 'integer' }], rows: [[{ value: 7, unit: 'integer' }]] } },
      { kind: 'chart', chart: { kind: 'scatter', id: 'sc', title: 'Cost & coverage', x: { label: 'Cost', unit: 'fraction' }, y: { label: 'p', unit: 'number' }, series: [{ name: 'sets', points: [[0.05, 0.3], [0.07, 0.9]] }] } },
    ],
  }],
};

describe('report renderers', () => {
  it('HTML escapes every text, flags synthetic data and embeds the chart as SVG', () => {
    const html = reportHtml(REPORT);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot;');
    expect(html).toContain('Risk &amp; Co');
    expect(html).toContain('<p>a &lt; b</p>');
    expect(html).toContain('Contains SYNTHETIC data');
    expect(html).toContain('<td class="num">137,397,853.18</td>');
    expect(html).toContain('<td class="num">98.31 %</td>');
    expect(html).toContain(`<td class="hash">${'f'.repeat(64)}</td>`);
    expect(html.match(/<svg /g)?.length).toBe(1);
  });

  it('ECharts SSR gives a scalable SVG (viewBox) for each chart kind', () => {
    const svg = renderChartSvg({ kind: 'line', id: 'l', title: 'L', dates: ['2024-01-01', '2024-01-02'], y: { label: 'y', unit: 'fraction' }, series: [{ name: 's', values: [0.1, 0.2], style: 'line' }] });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 900 360"/);
    expect(svg).toContain('y (%)');
  });

  it('XLSX: numbers as numbers with formats from their unit, exact decimals in a note when a double cannot hold them, legal unique sheet names', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await reportXlsx(REPORT)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Contents', 'cover', 'a-table-id-that-is-much-longer-', 'a-table-id-that-is-much-longe-2']);
    const ws = book.getWorksheet('a-table-id-that-is-much-longer-')!;
    const short = ws.getRow(2).getCell(1);
    expect(short.value).toBe(137397853.18);
    expect(short.numFmt).toBe('#,##0.00');
    expect(short.note).toBeUndefined();
    const long = ws.getRow(3).getCell(1);
    expect(long.value).toBe(Number('123456789012345678.91'));
    expect(long.note).toBe('exact value: 123456789012345678.91');
    expect(ws.getRow(2).getCell(2).value).toBe(0.9831);
    expect(ws.getRow(2).getCell(2).numFmt).toBe('0.00%');
    expect(ws.getRow(3).getCell(2).value).toBeNull();
    expect(ws.getRow(3).getCell(3).value).toBe(true);
    expect(book.getWorksheet('cover')!.getRow(2).getCell(2).value).toBe(REPORT.cover.title);
  });

  it('sheet names and decimal fit', () => {
    const used = new Set<string>();
    expect(sheetName('[bad]:name/with*chars?', used)).toBe('-bad--name-with-chars-');
    expect(sheetName('KEY', used)).toBe('KEY');
    expect(sheetName('key', used)).toBe('key-2');
    expect(decimalFitsDouble('0.1')).toBe(true);
    expect(decimalFitsDouble('137397853.18')).toBe(true);
    expect(decimalFitsDouble('12345678901234567.891')).toBe(false);
  });

  it('CSV files are numbered in reading order', () => {
    expect(reportCsvFiles(REPORT).map((f) => f.fileName)).toEqual(['01-cover.csv', `02-${LONG_ID}.csv`, `03-${LONG_ID}.csv`]);
  });

  it('the Chromium printer says what is wrong: a missing browser, or one that wrote no PDF', async () => {
    expect(() => findBrowser('/nonexistent/chromium')).toThrow(/--browser \/nonexistent\/chromium: not an executable file/);
    expect(() => findBrowser(undefined, { MWB_BROWSER: '/nonexistent/chrome' })).toThrow(/MWB_BROWSER/);
    await expect(chromiumPdfPrinter({ browser: '/bin/true' })('<p>x</p>')).rejects.toThrow(/did not write a PDF \(exit 0\)/);
  });
});
