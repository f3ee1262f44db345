// Assembly of the report model from run parts: section selection and order, the executive summary's
// "not in the selected runs", comparison tables, unique table ids, provenance and the audit trail.
import { describe, expect, it } from 'vitest';
import type { RunReportPart, Table } from '../../../main/core/report';
import { buildReport, flattenParameters, reportTables, SECTION_IDS, selectSections, STANDARD_FIGURES } from '../../../main/core/report';
import { ReportSection } from '../../../preload/contract/schemas/reports';

const H = (c: string): string => c.repeat(64);

function backtestPart(id: string, coverage: number, exceptions: number): RunReportPart {
  const table: Table = { id: 'backtest-tests', title: 'tests', columns: [{ key: 'k', label: 'K', unit: 'text' }], rows: [['x']] };
  return {
    run: { id, kind: 'calibration:backtest', label: `bt ${id}`, status: 'succeeded', inputHash: H('a'), resultHash: H('b'), seed: null, appVersion: '0.1.0',
      createdAt: '2026-01-01T00:00:01.000Z', finishedAt: '2026-01-01T00:00:02.000Z', durationMs: 1000.4 },
    kindTitle: 'Backtest', synthetic: false,
    keyFigures: [
      { id: 'coverage', value: { value: coverage, unit: 'fraction' }, runId: id, runLabel: `bt ${id}` },
      { id: 'exceptions', value: { value: exceptions, unit: 'integer' }, runId: id, runLabel: `bt ${id}` },
    ],
    methodology: { key: 'backtest', title: 'Backtest method', paragraphs: ['P1'] },
    parameters: [['model.method', 'hs']],
    results: { section: 'backtest', blocks: [{ kind: 'table', table }, { kind: 'chart', chart: { kind: 'bar', id: 'c', title: 'C', categories: ['a'], xLabel: 'x', y: { label: 'y', unit: 'integer' }, series: [] } }] },
    comparison: { key: 'backtest', title: 'Backtests side by side', columns: [{ key: 'run', label: 'Run', unit: 'text' }], row: [id] },
    inputs: [{ role: 'series BTC', id: 'ds1', contentHash: H('c') }],
    provenance: [{
      datasetId: 'ds1', datasetName: 'Reference', synthetic: false, asset: 'BTC', firstDate: '2019-01-01', lastDate: '2025-12-31', rows: 2556, missingDays: 1,
      gaps: [{ from: '2020-02-02', to: '2020-02-02', days: 1 }], badPrints: [], format: 'generic', sourceFile: 'BTC.csv', recordedHash: H('c'), storedHash: H('c'),
    }],
  };
}

const base = { title: 'Committee pack', preparer: ' Risk team ', preparedAt: '2026-02-03T04:05:06.000Z', appVersion: '0.1.0' };
const tableIds = (r: ReturnType<typeof buildReport>): string[] => reportTables(r).map((t) => t.id);

describe('buildReport', () => {
  it('lists every standard figure, "not in the selected runs" where no run provides it, one row per run otherwise', () => {
    const r = buildReport({ ...base, sections: selectSections(undefined), parts: [backtestPart('r1', 0.99, 3), backtestPart('r2', 0.98, 6)] });
    const summary = r.sections.find((s) => s.id === 'summary')!;
    const kf = summary.blocks.find((b) => b.kind === 'table')!;
    if (kf.kind !== 'table') throw new Error('no table');
    const byFigure = (label: string) => kf.table.rows.filter((row) => row[0] === label);
    expect(byFigure(STANDARD_FIGURES[0].label).map((row) => row[1])).toEqual([{ value: 0.99, unit: 'fraction' }, { value: 0.98, unit: 'fraction' }]);
    for (const f of STANDARD_FIGURES.slice(2)) expect(byFigure(f.label).map((row) => row[1])).toEqual(['not in the selected runs']);
    expect(kf.table.rows).toHaveLength(2 + 2 + (STANDARD_FIGURES.length - 2));
  });

  it('keeps reading order, leaves out result sections no run fills, and makes table and chart ids unique', () => {
    const r = buildReport({ ...base, sections: selectSections(['audit', 'backtest', 'summary', 'stress', 'margin']), parts: [backtestPart('r1', 0.99, 3), backtestPart('r2', 0.98, 6)] });
    expect(r.sections.map((s) => s.id)).toEqual(['summary', 'backtest', 'audit']);
    expect(tableIds(r)).toEqual(['cover', 'key-figures', 'compare-backtest', 'backtest-tests', 'backtest-tests-2', 'audit-runs', 'audit-hashes', 'audit-inputs']);
    const charts = r.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart').map((b) => (b.kind === 'chart' ? b.chart.id : ''));
    expect(charts).toEqual(['c', 'c-2']);
    expect(r.cover).toEqual({ title: 'Committee pack', preparedAt: base.preparedAt, preparer: 'Risk team', appVersion: '0.1.0', runCount: 2, synthetic: false });
  });

  it('one run: no comparison table; methodology once per key; provenance deduplicated; audit rows per run', () => {
    const one = buildReport({ ...base, sections: [...SECTION_IDS], parts: [backtestPart('r1', 0.99, 3)] });
    expect(tableIds(one)).not.toContain('compare-backtest');
    const two = buildReport({ ...base, sections: [...SECTION_IDS], parts: [backtestPart('r1', 0.99, 3), backtestPart('r2', 0.98, 6)] });
    const method = two.sections.find((s) => s.id === 'methodology')!;
    expect(method.blocks.filter((b) => b.kind === 'heading')).toHaveLength(1);
    const tables = reportTables(two);
    expect(tables.find((t) => t.id === 'data-provenance')!.rows).toHaveLength(1);
    expect(tables.find((t) => t.id === 'data-gaps')!.rows).toEqual([['Reference', 'BTC', '2020-02-02', '2020-02-02', 1]]);
    expect(tables.find((t) => t.id === 'audit-runs')!.rows.map((row) => [row[0], row[6]])).toEqual([['r1', 1000], ['r2', 1000]]);
    expect(tables.find((t) => t.id === 'audit-hashes')!.rows[0]).toEqual(['r1', H('a'), H('b')]);
  });

  it('flags synthetic data on the cover and in the summary', () => {
    const r = buildReport({ ...base, sections: ['summary'], parts: [{ ...backtestPart('r1', 0.99, 3), synthetic: true }] });
    expect(r.cover.synthetic).toBe(true);
    expect(r.sections[0].blocks.some((b) => b.kind === 'notice' && b.text.includes('SYNTHETIC'))).toBe(true);
  });

  it('refuses no runs, an empty title and unknown sections', () => {
    expect(() => buildReport({ ...base, sections: ['summary'], parts: [] })).toThrow(/at least one run/);
    expect(() => buildReport({ ...base, title: '  ', sections: ['summary'], parts: [backtestPart('r1', 0.99, 3)] })).toThrow(/title/);
    expect(() => selectSections(['summary', 'appendix'])).toThrow(/"appendix"/);
    expect(() => selectSections([])).toThrow(/at least one/);
  });

  it('the contract offers exactly the core sections', () => {
    expect(ReportSection.options).toEqual([...SECTION_IDS]);
  });
});

describe('flattenParameters', () => {
  it('dots nested keys, joins scalar arrays, indexes object arrays and caps the rows', () => {
    const rows = flattenParameters({ model: { method: 'hs', windowDays: 250, nested: [{ a: 1 }, { a: 2 }] }, assets: ['BTC', 'ETH'], skip: undefined, x: null });
    expect(rows).toEqual([['model.method', 'hs'], ['model.windowDays', 250], ['model.nested[0].a', 1], ['model.nested[1].a', 2], ['assets', 'BTC, ETH'], ['x', null]]);
    const capped = flattenParameters({ a: 1, b: 2, c: 3, d: 4 }, 2);
    expect(capped).toEqual([['a', 1], ['b', 2], ['… 2 more', 'see the audit bundle']]);
  });
});
