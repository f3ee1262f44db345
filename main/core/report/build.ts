/**
 * Assembles a report from the parts of the selected runs: cover, executive summary, methodology,
 * parameters, one section per result kind (comparison table first when several runs share one),
 * data provenance and the audit trail. Result sections no selected run fills are left out (the
 * executive summary already says which figures are "not in the selected runs").
 */
import { InputError } from '../errors';
import { keyFiguresTable } from './figures';
import type { Block, Cell, Section, SectionId, Table, Report, ResultSectionId } from './model';
import { SECTION_TITLES } from './model';
import type { ProvenanceRecord, RunReportPart } from './parts';

export interface BuildReportInput {
  title: string;
  preparer: string;
  /** ISO-8601 UTC instant (injected clock). */
  preparedAt: string;
  appVersion: string;
  sections: readonly SectionId[];
  parts: readonly RunReportPart[];
}

/** Gives every table and chart a unique id (two backtests both have a "backtest-tests" table). */
function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  };
}

function withUniqueIds(blocks: readonly Block[], unique: (id: string) => string): Block[] {
  return blocks.map((b) => {
    if (b.kind === 'table') return { kind: 'table', table: { ...b.table, id: unique(b.table.id) } };
    if (b.kind === 'chart') return { kind: 'chart', chart: { ...b.chart, id: unique(b.chart.id) } };
    return b;
  });
}

const runHeading = (p: RunReportPart): string => `${p.kindTitle}: ${p.run.label || p.run.id} (run ${p.run.id})`;

function summaryBlocks(parts: readonly RunReportPart[], withAudit: boolean): Block[] {
  const kinds = [...new Set(parts.map((p) => p.kindTitle.toLowerCase()))];
  const blocks: Block[] = [{
    kind: 'paragraph',
    text: `This report covers ${parts.length} recorded run${parts.length === 1 ? '' : 's'} (${kinds.join(', ')}). ` +
      `Every figure below is read from the stored results of these runs; ${withAudit ? 'the audit trail (Appendix B) lists' : 'the audit trail records'} their ids, input hashes, seeds and result hashes, and an audit bundle re-runs them bit-identically.`,
  }];
  if (parts.some((p) => p.synthetic)) {
    blocks.push({ kind: 'notice', text: 'SYNTHETIC DATA: at least one run used generated (synthetic) prices or a synthetic book. Its figures illustrate the method; they are not market data.' });
  }
  blocks.push({ kind: 'table', table: keyFiguresTable(parts.flatMap((p) => p.keyFigures)) });
  return blocks;
}

function methodologyBlocks(parts: readonly RunReportPart[]): Block[] {
  const blocks: Block[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    if (seen.has(p.methodology.key)) continue;
    seen.add(p.methodology.key);
    blocks.push({ kind: 'heading', text: p.methodology.title }, ...p.methodology.paragraphs.map((text): Block => ({ kind: 'paragraph', text })));
  }
  return blocks;
}

function parameterBlocks(parts: readonly RunReportPart[]): Block[] {
  return parts.flatMap((p, i): Block[] => [
    { kind: 'heading', text: runHeading(p) },
    {
      kind: 'table',
      table: {
        id: `parameters-${i + 1}`, title: `Parameters of run ${p.run.id}`,
        columns: [{ key: 'parameter', label: 'Parameter', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }],
        rows: p.parameters.map(([k, v]) => [k, v]),
        note: 'The complete parameters, and the input data itself, are in the run\'s audit bundle.',
      },
    },
  ]);
}

function resultBlocks(section: ResultSectionId, parts: readonly RunReportPart[]): Block[] {
  const mine = parts.filter((p) => p.results.section === section);
  if (mine.length === 0) return [];
  const blocks: Block[] = [];
  const byKey = new Map<string, RunReportPart[]>();
  for (const p of mine) if (p.comparison) byKey.set(p.comparison.key, [...(byKey.get(p.comparison.key) ?? []), p]);
  for (const [key, group] of byKey) {
    if (group.length < 2) continue;
    const first = group[0].comparison!;
    blocks.push({ kind: 'table', table: { id: `compare-${key}`, title: first.title, columns: first.columns, rows: group.map((p) => p.comparison!.row) } });
  }
  for (const p of mine) blocks.push({ kind: 'heading', text: runHeading(p) }, ...p.results.blocks);
  return blocks;
}

const provenanceKey = (r: ProvenanceRecord): string => `${r.datasetId}\u0000${r.asset}\u0000${r.recordedHash}`;

/** Data provenance: every series read (once), its gaps and its suspected bad prints. */
export function provenanceTables(parts: readonly RunReportPart[], maxDetailRows = 200): Table[] {
  const records = new Map<string, ProvenanceRecord>();
  for (const p of parts) for (const r of p.provenance) if (!records.has(provenanceKey(r))) records.set(provenanceKey(r), r);
  const all = [...records.values()];
  const tables: Table[] = [{
    id: 'data-provenance', title: 'Price series used',
    columns: [
      { key: 'dataset', label: 'Dataset', unit: 'text' }, { key: 'synthetic', label: 'Synthetic', unit: 'text' },
      { key: 'asset', label: 'Asset', unit: 'text' }, { key: 'first', label: 'First date', unit: 'date' }, { key: 'last', label: 'Last date', unit: 'date' },
      { key: 'rows', label: 'Rows', unit: 'integer' }, { key: 'missing', label: 'Missing days', unit: 'integer' },
      { key: 'gaps', label: 'Gaps', unit: 'integer' }, { key: 'badPrints', label: 'Suspected bad prints', unit: 'integer' },
      { key: 'source', label: 'Source', unit: 'text' }, { key: 'hash', label: 'Content hash (as run)', unit: 'hash' },
      { key: 'changed', label: 'Re-imported since', unit: 'text' },
    ],
    rows: all.map((r): Cell[] => [
      r.datasetName, r.synthetic, r.asset, r.firstDate, r.lastDate, r.rows, r.missingDays, r.gaps.length, r.badPrints.length,
      `${r.format}: ${r.sourceFile}`, r.recordedHash, r.storedHash === null ? 'series deleted' : r.storedHash === r.recordedHash ? 'no' : 'yes',
    ]),
    note: 'Gaps are reported, never filled (design.md). Ranges and counts are those of the series as stored; a series re-imported after the run is flagged.',
  }];
  const gaps = all.flatMap((r) => r.gaps.map((g): Cell[] => [r.datasetName, r.asset, g.from, g.to, g.days]));
  if (gaps.length) {
    tables.push({
      id: 'data-gaps', title: 'Gaps (calendar days without a price)',
      columns: [{ key: 'dataset', label: 'Dataset', unit: 'text' }, { key: 'asset', label: 'Asset', unit: 'text' },
        { key: 'from', label: 'From', unit: 'date' }, { key: 'to', label: 'To', unit: 'date' }, { key: 'days', label: 'Days', unit: 'integer' }],
      rows: gaps.slice(0, maxDetailRows),
      ...(gaps.length > maxDetailRows ? { note: `First ${maxDetailRows} of ${gaps.length} gaps; the audit bundle holds the full import reports.` } : {}),
    });
  }
  const bad = all.flatMap((r) => r.badPrints.map((b): Cell[] => [r.datasetName, r.asset, b.date, b.field, b.value, b.reason]));
  if (bad.length) {
    tables.push({
      id: 'bad-prints', title: 'Suspected bad prints (kept as imported, flagged)',
      columns: [{ key: 'dataset', label: 'Dataset', unit: 'text' }, { key: 'asset', label: 'Asset', unit: 'text' }, { key: 'date', label: 'Date', unit: 'date' },
        { key: 'field', label: 'Field', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }, { key: 'reason', label: 'Reason', unit: 'text' }],
      rows: bad.slice(0, maxDetailRows),
      ...(bad.length > maxDetailRows ? { note: `First ${maxDetailRows} of ${bad.length} suspected bad prints; the audit bundle holds the full import reports.` } : {}),
    });
  }
  return tables;
}

/** The audit trail: runs (ids, seeds, timestamps, app version), their hashes, and their inputs by content hash. */
export function auditTables(parts: readonly RunReportPart[]): Table[] {
  return [{
    id: 'audit-runs', title: 'Runs',
    columns: [
      { key: 'id', label: 'Run id', unit: 'text' }, { key: 'kind', label: 'Kind', unit: 'text' }, { key: 'label', label: 'Label', unit: 'text' },
      { key: 'status', label: 'Status', unit: 'text' }, { key: 'created', label: 'Started (UTC)', unit: 'timestamp' },
      { key: 'finished', label: 'Finished (UTC)', unit: 'timestamp' }, { key: 'durationMs', label: 'Duration (ms)', unit: 'integer' },
      { key: 'appVersion', label: 'App version', unit: 'text' }, { key: 'seed', label: 'Seed', unit: 'integer' },
    ],
    rows: parts.map(({ run: r }): Cell[] => [r.id, r.kind, r.label, r.status, r.createdAt, r.finishedAt, r.durationMs === null ? null : Math.round(r.durationMs),
      r.appVersion, r.seed]),
  }, {
    id: 'audit-hashes', title: 'Input and result hashes',
    columns: [{ key: 'id', label: 'Run id', unit: 'text' }, { key: 'inputHash', label: 'Input hash', unit: 'hash' }, { key: 'resultHash', label: 'Result hash', unit: 'hash' }],
    rows: parts.map(({ run: r }): Cell[] => [r.id, r.inputHash, r.resultHash]),
    note: 'Input hash = sha256 of the canonical JSON of {inputs, params, seed}; result hash = sha256 of the canonical summaries and the exact bytes of the result vectors.',
  }, {
    id: 'audit-inputs', title: 'Inputs by content hash',
    columns: [{ key: 'run', label: 'Run id', unit: 'text' }, { key: 'role', label: 'Input', unit: 'text' }, { key: 'id', label: 'Id', unit: 'text' },
      { key: 'hash', label: 'Content hash', unit: 'hash' }],
    rows: parts.flatMap((p) => p.inputs.map((i): Cell[] => [p.run.id, i.role, i.id, i.contentHash])),
  }];
}

export function buildReport(input: BuildReportInput): Report {
  if (input.parts.length === 0) throw new InputError('runIds: choose at least one run');
  if (input.title.trim() === '') throw new InputError('title: must not be empty');
  const unique = uniqueIds();
  const sections: Section[] = [];
  for (const id of input.sections) {
    let blocks: Block[];
    switch (id) {
      case 'summary': blocks = summaryBlocks(input.parts, input.sections.includes('audit')); break;
      case 'methodology': blocks = methodologyBlocks(input.parts); break;
      case 'parameters': blocks = parameterBlocks(input.parts); break;
      case 'provenance': {
        const tables = provenanceTables(input.parts);
        blocks = tables[0].rows.length ? tables.map((table): Block => ({ kind: 'table', table })) : [{ kind: 'paragraph', text: 'The selected runs read no stored price series.' }];
        break;
      }
      case 'audit': blocks = auditTables(input.parts).map((table): Block => ({ kind: 'table', table })); break;
      default: blocks = resultBlocks(id, input.parts);
    }
    if (blocks.length) sections.push({ id, title: SECTION_TITLES[id], blocks: withUniqueIds(blocks, unique) });
  }
  return {
    cover: {
      title: input.title.trim(), preparedAt: input.preparedAt, preparer: input.preparer.trim(), appVersion: input.appVersion,
      runCount: input.parts.length, synthetic: input.parts.some((p) => p.synthetic),
    },
    sections,
  };
}

/** Every table of a report in reading order, the cover first (for XLSX worksheets and CSV files). */
export function reportTables(report: Report): Table[] {
  const cover: Table = {
    id: 'cover', title: report.cover.title,
    columns: [{ key: 'field', label: 'Field', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }],
    rows: [['Title', report.cover.title], ['Prepared (UTC)', report.cover.preparedAt], ['Prepared by', report.cover.preparer || '—'],
      ['App version', report.cover.appVersion], ['Runs', report.cover.runCount], ['Synthetic data', report.cover.synthetic]],
  };
  return [cover, ...report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])))];
}
