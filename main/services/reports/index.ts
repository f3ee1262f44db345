/**
 * Committee reports from stored runs: the report model (main/core/report) built by each run kind's
 * adapter (./kinds), rendered as self-contained HTML (charts as server-side SVG), PDF (headless
 * Chromium, or the app's own printer), XLSX (one worksheet per table) and CSV (one file per table).
 * The window's exports go to `<data dir>/exports/` only; the CLI writes where the user says.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, NotFoundError } from '../../core/errors';
import type { Report } from '../../core/report';
import { buildReport, reportTables, selectSections, tableFileStem, tableToCsv } from '../../core/report';
import type { ServiceContext } from '../context';
import { tracked } from '../tracked';
import { exportTarget } from './files';
import { renderReportHtml } from './html';
import { adapterFor } from './kinds';
import { chromiumPdfPrinter, type PdfPrinter } from './pdf';
import { renderChartSvg } from './svg';
import { reportXlsx } from './xlsx';

export const MAX_REPORT_RUNS = 50;
export const DEFAULT_REPORT_TITLE = 'Margin risk committee report';
export const REPORT_FORMATS = ['pdf', 'html', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRequest {
  runIds: readonly string[];
  /** Section ids (core/report SECTION_IDS); default all. */
  sections?: readonly string[];
  title?: string;
  preparer?: string;
}

/** What a render produced: one file, or (CSV) one file per table. */
export type RenderedReport =
  | { format: 'pdf' | 'html' | 'xlsx'; bytes: Uint8Array }
  | { format: 'csv'; files: { fileName: string; text: string }[] };

export function reportHtml(report: Report): string {
  return renderReportHtml(report, (spec) => renderChartSvg(spec));
}

/** One CSV per table, named `NN-<table id>.csv` in reading order (cover first). */
export function reportCsvFiles(report: Report): { fileName: string; text: string }[] {
  const tables = reportTables(report);
  const width = String(tables.length).length;
  return tables.map((t, i) => ({ fileName: `${String(i + 1).padStart(Math.max(2, width), '0')}-${tableFileStem(t.id)}.csv`, text: tableToCsv(t) }));
}

export interface ReportsDeps {
  /** The PDF printer (default: headless Chromium; the desktop app passes webContents.printToPDF, main/ipc/pdf.ts). */
  printPdf?: PdfPrinter;
}

export function reportsService(ctx: ServiceContext, deps: ReportsDeps = {}) {
  const build = (req: ReportRequest): Report => {
    const ids = [...new Set(req.runIds)];
    if (ids.length === 0) throw new InputError('runIds: choose at least one run');
    if (ids.length > MAX_REPORT_RUNS) throw new InputError(`runIds: at most ${MAX_REPORT_RUNS} runs per report, got ${ids.length}`);
    const sections = selectSections(req.sections);
    const parts = ids.map((id) => {
      const run = ctx.store.runs.get(id);
      if (!run) throw new NotFoundError(`no run with id "${id}"`);
      if (run.status !== 'succeeded') throw new InputError(`run ${id} is ${run.status}; only succeeded runs have results to report`);
      return adapterFor(run.kind, id).reportPart(run, ctx.store);
    });
    return buildReport({
      title: req.title ?? DEFAULT_REPORT_TITLE, preparer: req.preparer ?? '', preparedAt: ctx.now().toISOString(), appVersion: ctx.appVersion, sections, parts,
    });
  };

  const render = async (req: ReportRequest, format: ReportFormat, printPdf?: PdfPrinter): Promise<RenderedReport> => {
    const report = build(req);
    switch (format) {
      case 'html': return { format, bytes: new TextEncoder().encode(reportHtml(report)) };
      case 'pdf': return { format, bytes: await (printPdf ?? deps.printPdf ?? chromiumPdfPrinter())(reportHtml(report)) };
      case 'xlsx': return { format, bytes: await reportXlsx(report) };
      case 'csv': return { format, files: reportCsvFiles(report) };
    }
  };

  return {
    /** The report model (format-independent). */
    build,
    /** The report as one self-contained HTML document (report:preview). */
    preview(req: ReportRequest): { html: string } {
      return { html: reportHtml(build(req)) };
    },
    render,
    /**
     * Renders and writes into `<data dir>/exports/` (report:export); CSV writes a folder with one
     * file per table. Runs as a job with progress events.
     */
    async export(req: ReportRequest & { format: ReportFormat; jobId?: string }): Promise<{ fileName: string; bytes: number; path: string }> {
      const { result } = await tracked(ctx, {
        kind: 'report:export', jobId: req.jobId,
        work: async (_jobId, onProgress) => {
          onProgress(0, 2, `building the ${req.format.toUpperCase()} report`);
          const out = await render(req, req.format);
          onProgress(1, 2, 'writing');
          const target = exportTarget(ctx, 'report', out.format === 'csv' ? '' : out.format);
          let bytes = 0;
          if (out.format === 'csv') {
            mkdirSync(target.path);
            for (const f of out.files) {
              writeFileSync(join(target.path, f.fileName), f.text, { flag: 'wx' });
              bytes += Buffer.byteLength(f.text);
            }
          } else {
            writeFileSync(target.path, out.bytes, { flag: 'wx' });
            bytes = out.bytes.byteLength;
          }
          onProgress(2, 2, 'done');
          return { ...target, bytes };
        },
      });
      return result;
    },
  };
}
export type ReportsService = ReturnType<typeof reportsService>;
export { chromiumPdfPrinter, findBrowser, type PdfPrinter } from './pdf';
