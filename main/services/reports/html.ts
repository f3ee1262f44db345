/**
 * A report as ONE self-contained HTML document: inline CSS (screen and @media print, A4), charts as
 * inline SVG drawn server-side, no script, no external resource. Headless Chromium and Electron's
 * webContents.printToPDF print it as is.
 */
import type { Block, Column, Report, Section, Table } from '../../core/report';
import { formatCell, isDecimalCell, isNumberCell } from '../../core/report';
import type { ChartSpec } from '../../core/report';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const NUMERIC = new Set(['integer', 'number', 'usd', 'fraction', 'pvalue', 'ratio', 'volPoints']);

export const REPORT_CSS = `
:root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #c8c8c8; --band: #f3f5f8; --accent: #0b4f8a; --warn: #8a4b00; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt; color: var(--ink); }
body { margin: 0 auto; max-width: 1000px; padding: 24px; line-height: 1.4; }
h1 { font-size: 22pt; margin: 0 0 8px; color: var(--accent); }
h2 { font-size: 15pt; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 11.5pt; margin: 18px 0 6px; }
p { margin: 6px 0; }
.cover { padding: 48px 0 24px; border-bottom: 1px solid var(--rule); }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 20px 0 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
.notice { border-left: 4px solid var(--warn); background: #fff6ea; padding: 6px 10px; color: var(--warn); font-weight: bold; }
nav.toc ol { margin: 8px 0; padding-left: 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; font-size: 9.5pt; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: var(--band); font-weight: bold; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 7pt; word-break: break-all; }
p.note { font-size: 8pt; color: var(--muted); margin: 2px 0 10px; }
figure.chart { margin: 10px 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  .cover { break-after: page; padding-top: 120px; border-bottom: none; }
  nav.toc { break-after: page; }
  section.report-section { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure.chart, .notice { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function cellClass(column: Column, cell: Table['rows'][number][number]): string {
  if (column.unit === 'hash') return ' class="hash"';
  const unit = isNumberCell(cell) ? cell.unit : isDecimalCell(cell) ? (cell.unit ?? column.unit) : column.unit;
  return typeof cell !== 'string' && cell !== null && typeof cell !== 'boolean' && NUMERIC.has(unit) ? ' class="num"' : '';
}

export function tableHtml(table: Table): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((cell, i) => {
    const column = table.columns[i] ?? { key: '', label: '', unit: 'text' as const };
    return `<td${cellClass(column, cell)}>${escapeHtml(formatCell(cell, column.unit))}</td>`;
  }).join('')}</tr>`).join('\n');
  const note = table.note ? `<p class="note">${escapeHtml(table.note)}</p>` : '';
  return `<table id="table-${escapeHtml(table.id)}"><caption>${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}

function blockHtml(block: Block, renderChart: (spec: ChartSpec) => string): string {
  switch (block.kind) {
    case 'heading': return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'paragraph': return `<p>${escapeHtml(block.text)}</p>`;
    case 'notice': return `<p class="notice">${escapeHtml(block.text)}</p>`;
    case 'table': return tableHtml(block.table);
    // The SVG comes from ECharts' own serialiser (text in it is escaped there).
    case 'chart': return `<figure class="chart" id="chart-${escapeHtml(block.chart.id)}">${renderChart(block.chart)}</figure>`;
  }
}

function sectionHtml(section: Section, renderChart: (spec: ChartSpec) => string): string {
  return `<section class="report-section" id="${section.id}"><h2>${escapeHtml(section.title)}</h2>\n${section.blocks.map((b) => blockHtml(b, renderChart)).join('\n')}\n</section>`;
}

/** The whole document; `renderChart` turns a chart spec into inline SVG (./svg.ts). */
export function renderReportHtml(report: Report, renderChart: (spec: ChartSpec) => string): string {
  const c = report.cover;
  const cover = `<header class="cover"><h1>${escapeHtml(c.title)}</h1>
${c.synthetic ? '<p class="notice">Contains SYNTHETIC data: figures from generated prices or books are illustrations, not market data.</p>' : ''}
<dl><dt>Prepared (UTC)</dt><dd>${escapeHtml(c.preparedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</dd>
<dt>Prepared by</dt><dd>${escapeHtml(c.preparer || '—')}</dd>
<dt>Application</dt><dd>Margin Workbench ${escapeHtml(c.appVersion)}</dd>
<dt>Runs</dt><dd>${c.runCount}</dd></dl></header>`;
  const toc = `<nav class="toc"><h2>Contents</h2><ol>${report.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="Margin Workbench ${escapeHtml(c.appVersion)}">
<title>${escapeHtml(c.title)}</title><style>${REPORT_CSS}</style></head>
<body>
${cover}
${toc}
${report.sections.map((s) => sectionHtml(s, renderChart)).join('\n')}
</body></html>
`;
}
