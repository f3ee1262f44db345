import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import CompareView from '../../renderer/src/views/CompareView.vue';
import EChart from '../../renderer/src/components/EChart.vue';
import type { CompareAccountRow, CompareRunsOutput } from '../../preload/contract/schemas/compare';
import { installFakeApi, type FakeApi, type FakeHandler } from './fakeApi';

const run = (id: string, kind: string, label: string, createdAt: string) => ({
  id, kind, status: 'succeeded', label, inputHash: 'sha256:11', seed: null, appVersion: '0.1.0', resultHash: `sha256:${id}`, error: null, createdAt,
  finishedAt: createdAt, durationMs: 900,
});
const RUNS = [
  run('run-b', 'margin', 'Sample book · Classic SPAN · 2025-12-31', '2026-01-02T10:00:00.000Z'),
  run('run-a', 'margin', 'Sample book · Binance tiered · 2025-12-31', '2026-01-01T10:00:00.000Z'),
  run('bt-2', 'calibration:backtest', 'hs 0.99 BTC', '2026-01-04T10:00:00.000Z'),
  run('bt-1', 'calibration:backtest', 'hs 0.99 BTC', '2026-01-03T10:00:00.000Z'),
];
const header = (id: string, title: string) => ({ id, kind: 'margin', label: RUNS.find((r) => r.id === id)!.label, title, createdAt: '2026-01-01T10:00:00.000Z', appVersion: '0.1.0', seed: null, resultHash: `sha256:${id}`, synthetic: true });
const totals = (runId: string, im: string, mm: string, liq: number) => ({ runId, accounts: 3, liquidatable: liq, initialMarginUsd: im, maintenanceMarginUsd: mm, equityUsd: '30000.00', grossNotionalUsd: '90000.00' });

/** Two margin runs of three accounts; differences worked by hand (SPAN − tiered). */
const MARGIN: CompareRunsOutput = {
  kind: 'margin', kindTitle: 'Margin runs',
  runs: [header('run-a', 'Binance tiered'), header('run-b', 'Classic SPAN')],
  changes: [
    { group: 'inputs', field: 'modelId', values: ['preset:tiered', 'preset:span'], changed: true },
    { group: 'inputs', field: 'bookId', values: ['book-1', 'book-1'], changed: false },
    { group: 'run', field: 'app version', values: ['0.1.0', '0.1.0'], changed: false },
  ],
  omittedChanges: 0,
  view: {
    kind: 'margin', matchedAccounts: 3, unmatchedAccounts: [0, 0],
    totals: [totals('run-a', '600.00', '300.00', 0), totals('run-b', '4200.50', '2100.25', 1)],
    totalsDiff: [{ runId: 'run-b', accounts: 0, liquidatable: 1, initialMarginUsd: '3600.50', maintenanceMarginUsd: '1800.25', equityUsd: '0.00', grossNotionalUsd: '0.00' }],
    ratioHistogram: { edges: [0.01, 10 ** -1.8, 10 ** -1.6], counts: [[1, 1], [0, 1]], atOrAboveOne: [0, 1], zero: [1, 0], noRatio: [0, 0] },
    initialMarginHistogram: { edges: [100, 1000, 10000], counts: [[2, 0], [0, 3]], zero: [1, 0] },
    maintenanceMarginHistogram: { edges: [100, 1000, 10000], counts: [[2, 0], [0, 3]], zero: [1, 0] },
    ratioScatter: [{ runId: 'run-b', points: [[0.012, 0.02, 'A1'], [0.02, 1.2, 'A2']], eligible: 2 }],
  },
  notes: [],
};

const ROWS: CompareAccountRow[] = [
  ['A1', 200, 1400], ['A2', 100, 700.25], ['A3', 0, 0],
].map(([id, mmA, mmB]) => {
  const a = mmA as number;
  const b = mmB as number;
  return {
    accountId: id as string, equityUsdA: 10_000, equityUsdB: 10_000, equityDiffUsd: 0, initialMarginUsdA: 2 * a, initialMarginUsdB: 2 * b, initialMarginDiffUsd: 2 * (b - a),
    maintenanceMarginUsdA: a, maintenanceMarginUsdB: b, maintenanceMarginDiffUsd: b - a, maintenanceMarginChange: a > 0 ? b / a - 1 : null,
    absMaintenanceMarginDiffUsd: Math.abs(b - a), marginRatioA: a / 10_000, marginRatioB: b / 10_000, marginRatioDiff: (b - a) / 10_000,
    liquidatableA: false, liquidatableB: false,
  };
});

/** compare:accounts as the workbench answers it: filter, sort (nulls last), page. */
const accounts: FakeHandler = (input) => {
  let rows = [...ROWS];
  if (input.onlyChanged) rows = rows.filter((r) => Math.abs(r.maintenanceMarginDiffUsd) >= 0.005);
  const key = input.sortBy as keyof CompareAccountRow;
  const dir = input.descending ? -1 : 1;
  rows.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  const offset = Number(input.offset);
  return { ok: true, data: { total: rows.length, matched: 3, rows: rows.slice(offset, offset + Number(input.limit)) } };
};

let fake: FakeApi;
let wrapper: VueWrapper | null = null;
let router: Router;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

function install(extra: Partial<Record<string, FakeHandler>> = {}): void {
  fake = installFakeApi({
    'run:list': () => ({ ok: true, data: { runs: RUNS } }),
    'compare:runs': () => ({ ok: true, data: MARGIN }),
    'compare:accounts': accounts,
    ...extra,
  });
}

async function mountAt(path: string): Promise<VueWrapper> {
  setActivePinia(createPinia());
  router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/compare', component: CompareView }] });
  await router.push(path);
  wrapper = mount(CompareView, { global: { plugins: [router], stubs: { EChart: true } } });
  await flushPromises();
  return wrapper;
}
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);

describe('Compare view', () => {
  it('opens the runs named in ?runs=, base first: runs, what changed, totals, linked charts and the server-sorted account table', async () => {
    install();
    const w = await mountAt('/compare?runs=run-a,run-b');
    expect(calls('compare:runs')).toEqual([{ runIds: ['run-a', 'run-b'] }]);
    expect(calls('compare:accounts')).toEqual([{ runIds: ['run-a', 'run-b'], offset: 0, limit: 25, sortBy: 'absMaintenanceMarginDiffUsd', descending: true, onlyChanged: false }]);
    expect(w.findAll('[data-compared-runs] td.title').map((t) => t.text().replace(/\s+/g, ' '))).toEqual(['Binance tiered base SYNTHETIC', 'Classic SPAN SYNTHETIC']);
    // Only the changed field is listed until "show unchanged".
    expect(w.find('[data-changed-count]').text()).toBe('1 of 3 fields differ');
    expect(w.findAll('[data-changes] tbody tr').map((r) => r.attributes('data-field'))).toEqual(['modelId']);
    await w.find('input[name="showUnchanged"]').setValue(true);
    expect(w.findAll('[data-changes] tbody tr')).toHaveLength(3);
    // Totals: exact decimal differences (4200.50 − 600.00 = 3600.50).
    expect(w.find('[data-total="initialMarginUsd"]').findAll('td').map((t) => t.text())).toEqual(['Initial margin', '600.00 USD', '4,200.50 USD', '+3,600.50 USD']);
    expect(w.find('[data-total="liquidatable"]').findAll('td').at(-1)!.text()).toBe('+1');
    // Two histograms per measure (one per run, one y scale) and one scatter.
    const charts = w.findAllComponents(EChart);
    expect(charts.map((c) => c.attributes('data-chart'))).toEqual(['ratio-histogram-0', 'ratio-histogram-1', 'mm-histogram-0', 'mm-histogram-1', 'ratio-scatter-0']);
    const yMax = charts.slice(0, 2).map((c) => (c.props('option').yAxis as { max: number }).max);
    expect(yMax).toEqual([1, 1]);
    const bars = charts.slice(0, 2).map((c) => (c.props('option').series as { data: { value: number }[] }[])[0].data.map((d) => d.value));
    expect(bars).toEqual([[1, 1, 0, 1, 0], [0, 1, 1, 0, 0]]); // bins, then ≥ 100 %, MM = 0, equity ≤ 0
    // The account table in the workbench's order: |ΔMM| 1200, 600.25, 0.
    expect(w.findAll('[data-account-diffs] tbody tr').map((r) => r.attributes('data-account'))).toEqual(['A1', 'A2', 'A3']);
    expect(w.find('[data-account="A2"]').findAll('td')[6].text()).toBe('+600.25');
    expect(w.find('[data-rows-shown]').text()).toBe('1–3 of 3');
  });

  it('sorts on the server by header clicks and keeps only changed accounts', async () => {
    install();
    const w = await mountAt('/compare?runs=run-a,run-b');
    await w.find('[data-account-diffs] th[data-sort-key="accountId"] button').trigger('click');
    await flushPromises();
    expect(calls('compare:accounts').at(-1)).toMatchObject({ sortBy: 'accountId', descending: false });
    await w.find('[data-account-diffs] th[data-sort-key="accountId"] button').trigger('click');
    await flushPromises();
    expect(calls('compare:accounts').at(-1)).toMatchObject({ sortBy: 'accountId', descending: true });
    expect(w.findAll('[data-account-diffs] tbody tr').map((r) => r.attributes('data-account'))).toEqual(['A3', 'A2', 'A1']);
    await w.find('input[name="onlyChanged"]').setValue(true);
    await flushPromises();
    expect(calls('compare:accounts').at(-1)).toMatchObject({ onlyChanged: true, offset: 0 });
    expect(w.findAll('[data-account-diffs] tbody tr')).toHaveLength(2);
  });

  it('picks runs of one kind, makes the second chosen the base, and compares them through the route', async () => {
    install();
    const w = await mountAt('/compare');
    expect(calls('compare:runs')).toEqual([]);
    expect(w.findAll('[data-section="pick"] tr[data-run]').map((r) => r.attributes('data-run'))).toEqual(['run-b', 'run-a']);
    expect(w.find('[data-compare]').attributes('disabled')).toBeDefined();
    await w.find('tr[data-run="run-b"] input').setValue(true);
    await w.find('tr[data-run="run-a"] input').setValue(true);
    await w.find('tr[data-run="run-a"] .link').trigger('click');
    await w.find('[data-compare]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/compare?runs=run-a,run-b');
    expect(calls('compare:runs')).toEqual([{ runIds: ['run-a', 'run-b'] }]);
  });

  it('offers typical pairs from the stored runs: two models on one book, a backtest before and after', async () => {
    install();
    const w = await mountAt('/compare');
    const pairs = w.findAll('[data-pairs] button');
    expect(pairs.map((b) => b.text())).toEqual(['Binance tiered vs Classic SPAN on Sample book', 'Before vs after recalibration: BTC backtests']);
    await pairs[1].trigger('click');
    await flushPromises();
    expect(calls('compare:runs')).toEqual([{ runIds: ['bt-1', 'bt-2'] }]); // the older run is the base
  });

  it('shows backtests on the shared date axis with their differences', async () => {
    const backtest: CompareRunsOutput = {
      ...MARGIN, kind: 'calibration:backtest', kindTitle: 'Backtests',
      runs: [{ ...header('bt-1', 'W 250'), kind: 'calibration:backtest' }, { ...header('bt-2', 'W 500'), kind: 'calibration:backtest' }],
      view: {
        kind: 'backtest', dates: ['2024-01-01', '2024-01-02'],
        series: [
          { runId: 'bt-1', margin: [0.05, 0.06], realisedLoss: [0.07, 0.01], exception: [true, false] },
          { runId: 'bt-2', margin: [null, 0.08], realisedLoss: [null, 0.01], exception: [null, false] },
        ],
        figures: [{ key: 'exceptions', label: 'Exceptions', unit: 'integer', values: [9, 5], diff: [-4] }, { key: 'coverage', label: 'Coverage', unit: 'fraction', values: [0.988, 0.99], diff: [0.002] }],
        exceptionOverlap: [{ runId: 'bt-2', commonDays: 1, both: 0, onlyBase: 0, onlyOther: 0 }],
      },
    };
    install({ 'compare:runs': () => ({ ok: true, data: backtest }) });
    const w = await mountAt('/compare?runs=bt-1,bt-2');
    expect(w.findAllComponents(EChart).map((c) => c.attributes('data-chart'))).toEqual(['backtest-0', 'backtest-1', 'backtest-difference']);
    expect(w.find('[data-figure="exceptions"]').findAll('td').map((t) => t.text())).toEqual(['Exceptions', '9', '5', '−4']);
    expect(w.find('[data-figure="coverage"]').findAll('td').at(-1)!.text()).toBe('+0.20 pp');
    expect(calls('compare:accounts')).toEqual([]); // account differences are for margin runs only
  });

  it('shows the workbench\'s refusal', async () => {
    install({ 'compare:runs': () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'runIds: compare runs of one kind; got run-a (margin), bt-1 (calibration:backtest)' } }) });
    const w = await mountAt('/compare?runs=run-a,bt-1');
    expect(w.find('[role="alert"]').text()).toContain('BAD_INPUT');
    expect(w.find('[role="alert"]').text()).toContain('compare runs of one kind');
    expect(w.find('[data-section="result"]').exists()).toBe(false);
  });
});
