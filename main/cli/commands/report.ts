import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { SECTION_IDS } from '../../core/report';
import { chromiumPdfPrinter, type ReportFormat } from '../../services/reports';
import type { Command, ParsedCommandArgs } from '../command';
import { requiredString, stringFlag } from '../flags';

/** `--runs ID[,ID…]`: run ids, in order, without repeats. */
export function runIdsFlag(args: ParsedCommandArgs): string[] {
  const ids = requiredString(args, 'runs').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InputError('--runs needs at least one run id (see `mwb runs list`)');
  return [...new Set(ids)];
}

/** The output format from --out: FILE.pdf / .html / .xlsx, FILE.csv or DIR/ (one CSV per table). */
export function outputOf(out: string): { format: ReportFormat; path: string; csvDir?: string; csvPrefix?: string } {
  const path = resolve(out);
  const isDir = /[\\/]$/.test(out) || (existsSync(path) && statSync(path).isDirectory());
  if (isDir) return { format: 'csv', path, csvDir: path, csvPrefix: '' };
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') return { format: 'pdf', path };
  if (ext === '.html' || ext === '.htm') return { format: 'html', path };
  if (ext === '.xlsx') return { format: 'xlsx', path };
  if (ext === '.csv') return { format: 'csv', path, csvDir: dirname(path), csvPrefix: `${path.slice(dirname(path).length + 1, -ext.length)}-` };
  throw new InputError(`--out ${out}: the extension says the format; use .pdf, .html, .xlsx, .csv or a directory ending in / (one CSV per table)`);
}

export const reportCommand: Command = {
  path: ['report'],
  summary: 'Committee report of stored runs as PDF, HTML, XLSX or CSV (one file per table)',
  usage: 'mwb report --runs ID[,ID...] --out FILE.pdf|FILE.html|FILE.xlsx|FILE.csv|DIR/ [--title T] [--preparer NAME] ' +
    `[--sections ${SECTION_IDS.join(',')}] [--browser PATH] [--json]\n\n` +
    'PDF needs a Chromium-based browser: found on PATH (chromium, chromium-browser, google-chrome) or in the usual install folders,\n' +
    'or named with --browser PATH (or $MWB_BROWSER). FILE.csv writes FILE-NN-<table>.csv; DIR/ writes DIR/NN-<table>.csv.',
  options: { runs: { type: 'string' }, out: { type: 'string' }, title: { type: 'string' }, preparer: { type: 'string' }, sections: { type: 'string' }, browser: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const runIds = runIdsFlag(args);
    const target = outputOf(requiredString(args, 'out'));
    const sections = stringFlag(args, 'sections')?.split(',').map((s) => s.trim()).filter(Boolean);
    const browser = stringFlag(args, 'browser');
    if (browser !== undefined && target.format !== 'pdf') throw new InputError('--browser applies to PDF output only');
    const printer = target.format === 'pdf' ? chromiumPdfPrinter({ browser }) : undefined;
    const rendered = await ctx.workbench().services.reports.render(
      { runIds, sections, title: stringFlag(args, 'title'), preparer: stringFlag(args, 'preparer') }, target.format, printer);
    if (rendered.format === 'csv') {
      mkdirSync(target.csvDir!, { recursive: true });
      const files = rendered.files.map((f) => {
        const path = join(target.csvDir!, `${target.csvPrefix}${f.fileName}`);
        writeFileSync(path, f.text);
        return { path, bytes: Buffer.byteLength(f.text) };
      });
      return { format: 'csv', runIds, files, bytes: files.reduce((a, f) => a + f.bytes, 0) };
    }
    mkdirSync(dirname(target.path), { recursive: true });
    writeFileSync(target.path, rendered.bytes);
    return { format: rendered.format, runIds, path: target.path, bytes: rendered.bytes.byteLength };
  },
  text(result) {
    const r = result as { format: string; path?: string; files?: { path: string }[]; bytes: number };
    return r.files ? `Wrote ${r.files.length} CSV files (${r.bytes} bytes):\n${r.files.map((f) => `  ${f.path}`).join('\n')}` : `Wrote ${r.path} (${r.format.toUpperCase()}, ${r.bytes} bytes)`;
  },
};
