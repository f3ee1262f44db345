// Committee report of the SYNTHETIC sample workspace (two margin runs, two backtests) through the
// report:* channels: the PDF read back with pdftotext shows the key figures of the STORED runs
// (formatted here by hand from the store, not by the report's formatter), every page has ink, the
// XLSX read back with exceljs holds the model's table values, CSV files parse back with papaparse.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { Cell } from '../../main/core/report';
import { isDecimalCell, isNumberCell, reportTables } from '../../main/core/report';
import { openTestWorkbench } from '../helpers/workbench';
import { hasPoppler, inkPerPage, pdfInfo, pdfText } from './reportPdf';

const wb = openTestWorkbench();
afterAll(() => wb.close());
const runIds: string[] = [];
const margins: { runId: string; model: string }[] = [];
const backtests: string[] = [];

beforeAll(async () => {
  const s = await dispatch(wb.handlers, 'workspace:createSample', {});
  if (!s.ok) throw new Error(s.error.message);
  for (const modelId of ['preset:scenario-span-16', 'preset:tiered-binance-btcusdt-mark']) {
    const m = await dispatch(wb.handlers, 'margin:compute', { bookId: s.data.bookId, modelId, datasetId: s.data.datasetId });
    if (!m.ok) throw new Error(m.error.message);
    margins.push({ runId: m.data.runId, model: m.data.model.name });
  }
  for (const [asset, method] of [['BTC', 'hs'], ['ETH', 'fhs']] as const) {
    const b = await dispatch(wb.handlers, 'calibration:backtest', {
      prices: s.data.datasetId, target: { type: 'asset', asset }, model: { method, confidence: 0.99, horizonDays: 1, windowDays: 250 },
    });
    if (!b.ok) throw new Error(b.error.message);
    backtests.push(b.data.runId!);
  }
  runIds.push(...margins.map((m) => m.runId), ...backtests);
}, 120_000);

// Hand formatting of stored figures (docs/formats.md, "Display rules").
const grouped = (integerText: string): string => integerText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const usd = (decimal: string): string => {
  const [i, f = ''] = decimal.split('.');
  return `${grouped(i)}.${f.padEnd(2, '0')}`;
};
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

type MarginSummary = { model: { name: string }; totals: { initialMarginUsd: string; maintenanceMarginUsd: string; equityUsd: string; liquidatable: number; accounts: number } };
type BacktestFigures = { exceptions: number; observations: number; coverage: number; kupiec: { pValue: number }; christoffersen: { pValueCc: number }; trafficLight: { zone: string }; label: string };

describe('committee report of the sample workspace', () => {
  it('PDF: the stored key figures read back through pdftotext, A4, and no page is blank', async () => {
    expect(hasPoppler(), 'pdftotext/pdftoppm missing: apt-get install -y poppler-utils').toBe(true);
    const r = await dispatch(wb.handlers, 'report:export', { runIds, format: 'pdf', title: 'Sample committee pack', preparer: 'Risk analytics' });
    expect(r.ok, !r.ok ? r.error.message : '').toBe(true);
    if (!r.ok) return;
    expect(r.data.path).toBe(join(wb.dir, 'exports', r.data.fileName));
    expect(r.data.fileName).toMatch(/^report-\d{8}-\d{6}-[A-Za-z0-9]+\.pdf$/);
    expect(readFileSync(r.data.path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(r.data.path);
    expect(text).toContain('Sample committee pack');
    expect(text).toContain('Risk analytics');
    for (const { runId } of margins) {
      const s = wb.store.runs.summaries(runId).summary as MarginSummary;
      for (const v of [s.totals.initialMarginUsd, s.totals.maintenanceMarginUsd, s.totals.equityUsd]) expect(text, `${runId} ${v}`).toContain(usd(v));
      expect(text).toContain(s.model.name);
    }
    for (const runId of backtests) {
      const f = wb.store.runs.summaries(runId).figures as BacktestFigures;
      expect(text, `${runId} coverage`).toContain(pct(f.coverage));
      expect(text).toContain(f.kupiec.pValue.toFixed(4));
      expect(text).toContain(f.christoffersen.pValueCc.toFixed(4));
      expect(text).toMatch(new RegExp(`Exceptions\\s+${f.exceptions}\\s`));
      expect(text).toMatch(new RegExp(`Test days\\s+${grouped(String(f.observations))}\\s`));
      expect(text).toMatch(new RegExp(`Basel traffic light \\(whole period\\)\\s+${f.trafficLight.zone}`));
    }
    // Stress figures are not in these runs, and the report says so for each of the four (the phrase wraps in its cell).
    expect(text.match(/not in the\s+selected runs/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(text.match(/selected runs/g)?.length).toBe(4);
    for (const label of ['Worst stress loss', 'Bad debt', 'Insurance-fund use', 'Reverse-stress']) expect(text).toContain(label);
    // The charts are in the PDF (their SVG text survives printing).
    expect(text).toContain('Margin against realised loss');
    expect(text).toContain('Accounts by margin ratio');
    expect(pdfInfo(r.data.path)['Page size']).toMatch(/^594\.\d+ x 841\.\d+ pts \(A4\)/);
    const ink = inkPerPage(r.data.path);
    expect(ink.length).toBeGreaterThanOrEqual(8);
    // The sparsest page (the contents) measured 0.57 % of pixels below grey 200 at 40 dpi; a blank page has 0.
    for (const [i, share] of ink.entries()) expect(share, `page ${i + 1}`).toBeGreaterThan(0.003);
  }, 60_000);

  it('XLSX: one worksheet per table of the report model, with the same values (numbers as numbers)', async () => {
    const request = { runIds, title: 'Sample committee pack' };
    const r = await dispatch(wb.handlers, 'report:export', { ...request, format: 'xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(r.data.path) as unknown as ArrayBuffer);
    const tables = reportTables(wb.services.reports.build(request));
    const contents = book.getWorksheet('Contents')!;
    expect(contents.rowCount).toBe(tables.length + 1);
    tables.forEach((table, t) => {
      const name = String(contents.getRow(t + 2).getCell(1).value);
      expect(contents.getRow(t + 2).getCell(2).value).toBe(table.title);
      const ws = book.getWorksheet(name)!;
      expect(table.columns.map((c, i) => ws.getRow(1).getCell(i + 1).value)).toEqual(table.columns.map((c) => c.label));
      table.rows.forEach((row, k) => {
        if (table.id === 'cover' && row[0] === 'Prepared (UTC)') return; // the clock moved between the two builds
        row.forEach((cell: Cell, i) => {
          const got = ws.getRow(k + 2).getCell(i + 1);
          const where = `${name}!R${k + 2}C${i + 1}`;
          if (cell === null) expect(got.value ?? null, where).toBeNull();
          else if (isDecimalCell(cell)) expect(got.value, where).toBe(Number(cell.decimal));
          else if (isNumberCell(cell)) expect(got.value, where).toBe(cell.value);
          else expect(got.value, where).toBe(cell);
        });
      });
    });
    // Independently of the model: the key-figures sheet holds the stored totals as numbers in USD format.
    const s = wb.store.runs.summaries(margins[0].runId).summary as MarginSummary;
    const kf = book.getWorksheet('key-figures')!;
    const imRow = [...Array(kf.rowCount).keys()].map((i) => kf.getRow(i + 1)).find((row) => row.getCell(1).value === 'Book initial margin' && row.getCell(6).value === margins[0].runId)!;
    expect(imRow.getCell(2).value).toBe(Number(s.totals.initialMarginUsd));
    expect(imRow.getCell(2).numFmt).toBe('#,##0.00');
    const f = wb.store.runs.summaries(backtests[0]).figures as BacktestFigures;
    const covRow = [...Array(kf.rowCount).keys()].map((i) => kf.getRow(i + 1)).find((row) => String(row.getCell(1).value).startsWith('Backtest coverage') && row.getCell(6).value === backtests[0])!;
    expect(covRow.getCell(2).value).toBe(f.coverage);
    expect(covRow.getCell(2).numFmt).toBe('0.00%');
  }, 60_000);

  it('CSV: a folder with one RFC 4180 file per table; raw values parse back', async () => {
    const events: { event: string; kind: string; jobId: string }[] = [];
    const off = wb.onEvent((event, payload) => events.push({ event, kind: (payload as { kind: string }).kind, jobId: (payload as { jobId: string }).jobId }));
    const r = await dispatch(wb.handlers, 'report:export', { runIds, format: 'csv', sections: ['summary', 'backtest'], jobId: 'report-job-1' });
    off();
    if (!r.ok) throw new Error(r.error.message);
    expect(events.at(-1)).toEqual({ event: 'job:finished', kind: 'report:export', jobId: 'report-job-1' });
    expect(events.filter((e) => e.event === 'job:progress').length).toBeGreaterThanOrEqual(3);
    const files = readdirSync(r.data.path).sort();
    expect(files[0]).toBe('01-cover.csv');
    expect(files[1]).toBe('02-key-figures.csv');
    expect(files).toContain('03-compare-backtest.csv');
    const rows = Papa.parse<string[]>(readFileSync(join(r.data.path, '02-key-figures.csv'), 'utf8'), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Figure', 'Value', 'Unit', 'Detail', 'Run', 'Run id']);
    const f = wb.store.runs.summaries(backtests[0]).figures as BacktestFigures;
    const cov = rows.find((row) => row[0].startsWith('Backtest coverage') && row[5] === backtests[0])!;
    expect(Number(cov[1])).toBe(f.coverage); // shortest round-trip text: the exact double
    const s = wb.store.runs.summaries(margins[1].runId).summary as MarginSummary;
    expect(rows.find((row) => row[0] === 'Book maintenance margin' && row[5] === margins[1].runId)![1]).toBe(s.totals.maintenanceMarginUsd);
    expect(r.data.bytes).toBe(files.reduce((a, name) => a + readFileSync(join(r.data.path, name)).byteLength, 0));
  }, 60_000);

  it('HTML preview: self-contained (inline CSS with a print stylesheet, inline SVG charts, no script, nothing fetched)', async () => {
    const r = await dispatch(wb.handlers, 'report:preview', { runIds });
    if (!r.ok) throw new Error(r.error.message);
    const html = r.data.html;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@media print');
    expect(html).toContain('@page { size: A4');
    expect(html).not.toMatch(/<script|<link|<img|<iframe/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/|file:)/i);
    expect(html.match(/<svg /g)?.length).toBe(4); // two margin-ratio histograms, two backtest charts
    for (const id of runIds) expect(html).toContain(id);
    const summaryOnly = await dispatch(wb.handlers, 'report:preview', { runIds, sections: ['summary'] });
    expect(summaryOnly.ok && summaryOnly.data.html.includes('<svg')).toBe(false);
  });

  it('refuses unknown runs, unknown sections and any path from the window', async () => {
    expect(await dispatch(wb.handlers, 'report:preview', { runIds: ['nope'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(wb.handlers, 'report:preview', { runIds, sections: ['cover-letter'] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'report:export', { runIds, format: 'pdf', path: '/etc/report.pdf' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'report:export', { runIds, format: 'docx' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'report:preview', { runIds: [] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
