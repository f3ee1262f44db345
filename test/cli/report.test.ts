// `mwb runs list | report | bundle | rerun` in-process (runCli from source with the tsx worker shim)
// on the SYNTHETIC sample workspace: output files per format, exit codes, and a rerun that never
// opens --db. The built CLI is exercised by rerun.test.ts.
import ExcelJS from 'exceljs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDigest, tempDir } from '../helpers/tmp';
import { hasPoppler, pdfText } from '../services/reportPdf';
import { mwbInProcess, parsed } from './calibrationCli';

const tmp = tempDir('mwb-cli-report-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'wb.db');
const mwb = (...args: string[]) => mwbInProcess(['--db', db, ...args]);
let margin = '';
let marginMm = '';
let backtest = '';
let dataset = '';

beforeAll(async () => {
  dataset = parsed<{ dataset: { name: string } }>(await mwb('--json', 'demo')).dataset.name;
  const m = parsed<{ runId: string; totals: { maintenanceMarginUsd: string } }>(await mwb('--json', 'margin', '--book', 'sample-book-20260101', '--model', 'preset:tiered-bybit-entry', '--prices', dataset, '--no-explain'));
  margin = m.runId;
  marginMm = m.totals.maintenanceMarginUsd;
  backtest = parsed<{ runId: string }>(await mwb('--json', 'backtest', '--prices', dataset, '--asset', 'ETH', '--window', '500', '--confidence', '0.975', '--horizon', '2', '--method', 'fhs')).runId;
}, 120_000);

describe('mwb report, runs list, bundle, rerun', () => {
  it('runs list shows the recorded runs, newest first', async () => {
    const out = parsed<{ runs: { id: string; kind: string; status: string }[] }>(await mwb('--json', 'runs', 'list'));
    expect(out.runs.slice(0, 2).map((r) => [r.id, r.kind, r.status])).toEqual([[backtest, 'calibration:backtest', 'succeeded'], [margin, 'margin', 'succeeded']]);
    // demo's smoke pipeline records two margin runs; the test's own is the newest.
    const margins = parsed<{ runs: { id: string; kind: string }[] }>(await mwb('--json', 'runs', 'list', '--kind', 'margin')).runs;
    expect(margins).toHaveLength(3);
    expect(margins.every((r) => r.kind === 'margin')).toBe(true);
    expect(margins[0]!.id).toBe(margin);
  });

  it('writes PDF, HTML, XLSX and CSV by the --out extension', async () => {
    const pdf = parsed<{ format: string; path: string; bytes: number }>(await mwb('--json', 'report', '--runs', `${margin},${backtest}`, '--out', join(tmp.dir, 'out', 'pack.pdf'), '--title', 'CLI pack'));
    expect(pdf.format).toBe('pdf');
    expect(readFileSync(pdf.path).byteLength).toBe(pdf.bytes);
    expect(hasPoppler(), 'pdftotext missing: apt-get install -y poppler-utils').toBe(true);
    const text = pdfText(pdf.path);
    const [i, f] = marginMm.split('.');
    expect(text).toContain(`${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`); // the stored total, grouped by hand
    expect(text).toContain('CLI pack');
    const html = parsed<{ path: string }>(await mwb('--json', 'report', '--runs', backtest, '--out', join(tmp.dir, 'pack.html'), '--sections', 'summary,backtest'));
    const page = readFileSync(html.path, 'utf8');
    expect(page).toContain('Backtest results');
    expect(page).not.toContain('Appendix B');
    expect(page).not.toContain('id="audit"');
    const xlsx = parsed<{ path: string }>(await mwb('--json', 'report', '--runs', backtest, '--out', join(tmp.dir, 'pack.xlsx')));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx.path) as unknown as ArrayBuffer);
    expect(book.worksheets[0].name).toBe('Contents');
    expect(book.getWorksheet('backtest-tests')).toBeDefined();
    const dir = parsed<{ files: { path: string }[] }>(await mwb('--json', 'report', '--runs', backtest, '--out', `${join(tmp.dir, 'csv')}/`));
    expect(readdirSync(join(tmp.dir, 'csv'))).toEqual(dir.files.map((f) => f.path.slice(join(tmp.dir, 'csv').length + 1)).sort());
    expect(dir.files[0].path).toBe(join(tmp.dir, 'csv', '01-cover.csv'));
    const named = parsed<{ files: { path: string }[] }>(await mwb('--json', 'report', '--runs', backtest, '--out', join(tmp.dir, 'pack.csv')));
    expect(named.files[1].path).toBe(join(tmp.dir, 'pack-02-key-figures.csv'));
  }, 60_000);

  it('bad flags exit 2 with the reason', async () => {
    for (const [args, fragment] of [
      [['--runs', backtest, '--out', join(tmp.dir, 'x.docx')], '.docx'],
      [['--runs', 'no-such-run', '--out', join(tmp.dir, 'x.pdf')], 'no-such-run'],
      [['--runs', backtest, '--out', join(tmp.dir, 'x.pdf'), '--browser', '/nonexistent/chrome'], '--browser'],
      [['--runs', backtest, '--out', join(tmp.dir, 'x.html'), '--sections', 'summary,letter'], 'letter'],
      [['--out', join(tmp.dir, 'x.pdf')], '--runs'],
    ] as const) {
      const r = await mwb('report', ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(fragment);
    }
  });

  it('bundle → rerun: exit 0 with matches:true; never opens --db; a changed bar exits 1 with matches:false', async () => {
    const path = join(tmp.dir, 'bundle.json');
    const b = parsed<{ runs: { id: string; resultHash: string }[]; series: number; books: number }>(await mwb('--json', 'bundle', '--runs', `${margin},${backtest}`, '--out', path));
    expect(b.runs.map((r) => r.id)).toEqual([margin, backtest]);
    expect(b.books).toBe(1);
    const before = fileDigest(db);
    const elsewhere = join(tmp.dir, 'never-created.db');
    const ok = await mwbInProcess(['--db', elsewhere, '--json', 'rerun', path]);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout) as { matches: boolean; runs: { id: string; expectedHash: string; actualHash: string; matches: boolean }[] };
    expect(report.matches).toBe(true);
    expect(report.runs.map((r) => [r.id, r.actualHash])).toEqual(b.runs.map((r) => [r.id, r.resultHash]));
    expect(existsSync(elsewhere)).toBe(false);
    expect(fileDigest(db)).toBe(before);

    const bundle = JSON.parse(readFileSync(path, 'utf8')) as { inputs: { series: { asset: string; bars: string[][] }[] } };
    const eth = bundle.inputs.series.find((s) => s.asset === 'ETH')!;
    eth.bars[eth.bars.length - 10][4] = String(Number(eth.bars[eth.bars.length - 10][4]) * 0.97);
    writeFileSync(join(tmp.dir, 'tampered.json'), JSON.stringify(bundle));
    const bad = await mwbInProcess(['--json', 'rerun', join(tmp.dir, 'tampered.json')]);
    expect(bad.code).toBe(1);
    const badReport = JSON.parse(bad.stdout) as { matches: boolean; runs: { matches: boolean; problems: string[] }[] };
    expect(badReport.matches).toBe(false);
    expect(badReport.runs.map((r) => r.matches)).toEqual([false, false]);

    writeFileSync(join(tmp.dir, 'not-a-bundle.json'), '{"format":"something else"}');
    const unreadable = await mwbInProcess(['rerun', join(tmp.dir, 'not-a-bundle.json')]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('not an audit bundle');
  }, 60_000);
});
