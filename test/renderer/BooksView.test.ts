import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import BooksView from '../../renderer/src/views/BooksView.vue';
import EChart from '../../renderer/src/components/EChart.vue';
import type { Result } from '../../preload/contract';
import type { MarginAccountRow, MarginRunSummary } from '../../preload/contract/schemas/margin';
import { deferred, installFakeApi, type FakeApi, type FakeHandler } from './fakeApi';

const BOOK = {
  id: 'book-1', name: 'Sample book', synthetic: true, contentHash: 'sha256:abcdef0123456789abcd', source: 'sample workspace (seed 20260101)',
  createdAt: '2025-11-20T09:00:00.000Z', accounts: 120, positions: 300, instruments: 12,
};
const DATASET = {
  id: 'ds-1', name: 'Sample workspace', synthetic: true, createdAt: '2025-11-20T09:00:00.000Z',
  series: ['BTC', 'ETH'].map((asset) => ({
    asset, firstDate: '2022-01-01', lastDate: '2024-12-31', rows: 1096, format: 'synthetic' as const, sourceFile: 'generated',
    contentHash: 'sha256:aaaabbbbccccdddd', importedAt: '2025-11-20T09:00:00.000Z',
    report: { gaps: [], missingDays: 0, badPrints: [], sourceOrder: 'ascending' as const },
  })),
};
const model = (id: string, name: string, kind: string) => ({ id, name, kind, preset: true, contentHash: 'sha256:00', config: { kind, name } as never, provenance: null, createdAt: null, updatedAt: null });
const MODELS = [
  model('preset:hsvar-99-2d-1y', 'HS VaR 99 % 2-day', 'historicalVar'),
  model('preset:scenario-span-16', 'Classic SPAN', 'scenarioGrid'),
  model('preset:tiered-binance-btcusdt-mark', 'Binance tiered', 'tiered'),
];

/** 120 accounts; under "span" every margin figure is 4× the tiered one (a different model, different numbers). */
function rowsFor(modelId: string): MarginAccountRow[] {
  const scale = modelId.includes('span') ? 4 : 1;
  return Array.from({ length: 120 }, (_, i) => {
    const equity = i === 7 ? -500 : 10_000 + 250 * i;
    const mm = (100 + 13 * ((i * 37) % 120)) * scale;
    const notional = 20_000 + 1_000 * ((i * 53) % 120);
    return {
      accountId: `A${String(i).padStart(4, '0')}`, marginMode: 'cross', equityUsd: equity, initialMarginUsd: 2 * mm, maintenanceMarginUsd: mm,
      marginRatio: equity > 0 ? mm / equity : null, freeMarginUsd: equity - 2 * mm, grossNotionalUsd: notional,
      leverage: equity > 0 ? notional / equity : null, distanceToLiquidation: equity > 0 ? (equity - mm) / notional : null,
      liquidatable: equity <= 0 || mm >= equity,
    };
  });
}

function summary(runId: string, modelId: string): MarginRunSummary {
  const m = MODELS.find((x) => x.id === modelId)!;
  const rows = rowsFor(modelId);
  return {
    runId, bookId: BOOK.id, bookName: BOOK.name, synthetic: true, model: { id: m.id, name: m.name, kind: m.kind }, datasetId: DATASET.id,
    at: '2024-12-31', prices: { BTC: 94000, ETH: 3300 },
    totals: {
      accounts: rows.length, liquidatable: rows.filter((r) => r.liquidatable).length, initialMarginUsd: '123456.78', maintenanceMarginUsd: '61728.39',
      equityUsd: '2985000', grossNotionalUsd: '9000000',
    },
    excluded: [{ accountId: 'A0003', instrumentId: 'BTC-OPT', reason: 'options are not margined by the tiered model' }],
    durationMs: 1234, resultHash: 'sha256:ff',
  };
}

/** margin:accounts as the workbench answers it: filter, sort (nulls last), page. */
const accounts: FakeHandler = (input) => {
  const modelId = String(input.runId).replace(/^run-/, '');
  let rows = rowsFor(modelId);
  if (input.filter) rows = rows.filter((r) => r.accountId.includes(String(input.filter)));
  if (input.onlyLiquidatable) rows = rows.filter((r) => r.liquidatable);
  const key = input.sortBy as keyof MarginAccountRow;
  const dir = input.descending ? -1 : 1;
  rows = [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  const offset = Number(input.offset);
  return { ok: true, data: { total: rows.length, rows: rows.slice(offset, offset + Number(input.limit)) } };
};

const EXPLAIN = {
  accountId: 'A0001', model: { id: 'preset:tiered-binance-btcusdt-mark', name: 'Binance tiered', kind: 'tiered' }, at: '2024-12-31',
  summary: { equityUsd: '10250', initialMarginUsd: '1162', maintenanceMarginUsd: '581', marginRatio: '0.0566829268', freeMarginUsd: '9088' },
  drivers: ['BTC-PERP notional 47,000 USD in bracket 1 (MMR 0.4 %)'],
  components: [{ name: 'BTC-PERP', amountUsd: '581', detail: 'bracket 1: 47,000 × 0.004 − 0' }],
  detail: { convention: 'markPrice', positions: [{ instrumentId: 'BTC-PERP', quantity: '0.5', bracket: { level: 1, maintenanceMarginRate: '0.004' } }] },
};

let fake: FakeApi;
let wrapper: VueWrapper | null = null;
let books: (typeof BOOK)[];

function install(extra: Partial<Record<string, FakeHandler>> = {}): void {
  fake = installFakeApi({
    'book:list': () => ({ ok: true, data: { books } }),
    'dataset:list': () => ({ ok: true, data: { datasets: books.length ? [DATASET] : [] } }),
    'model:list': () => ({ ok: true, data: { models: MODELS } }),
    'margin:compute': (input) => ({ ok: true, data: summary(`run-${String(input.modelId)}`, String(input.modelId)) }),
    'margin:accounts': accounts,
    'margin:explain': (input) => ({ ok: true, data: { ...EXPLAIN, accountId: String(input.accountId) } }),
    ...extra,
  } as Parameters<typeof installFakeApi>[0]);
}

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(BooksView, { global: { stubs: { EChart: true, RouterLink: RouterLinkStub } } });
  await flushPromises();
  return wrapper;
}

const button = (w: VueWrapper, text: string) => w.findAll('button').find((b) => b.text() === text)!;
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);
const cells = (w: VueWrapper, account: string) => w.find(`[data-account="${account}"]`).findAll('td').map((td) => td.text());

beforeEach(() => {
  setActivePinia(createPinia());
  books = [BOOK];
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('Books view', () => {
  it('creates the sample book when there is none, and selects it with its synthetic dataset', async () => {
    books = [];
    install({
      'workspace:createSample': () => {
        books = [BOOK];
        return { ok: true, data: { synthetic: true, seed: 20260101, datasetId: 'ds-1', bookId: 'book-1', assets: ['BTC', 'ETH'], days: 1096, firstDate: '2022-01-01', lastDate: '2024-12-31', accounts: 120, positions: 300, durationMs: 900 } };
      },
    });
    const w = await mountView();
    expect(w.text()).toContain('No books yet.');
    await button(w, 'Create the sample book').trigger('click');
    await flushPromises();
    expect(calls('workspace:createSample')[0].jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect((w.find('select[name="book"]').element as HTMLSelectElement).value).toBe('book-1');
    expect((w.find('select[name="dataset"]').element as HTMLSelectElement).value).toBe('ds-1');
    // The tiered preset is the default model.
    expect((w.find('select[name="model"]').element as HTMLSelectElement).value).toBe('preset:tiered-binance-btcusdt-mark');
    expect(w.find('[data-book-info]').text()).toContain('120 accounts · 300 positions · 12 instruments');
    expect(w.find('[data-book-info]').text()).toContain('SYNTHETIC');
    expect(w.findAll('button').some((b) => b.text() === 'Create the sample book')).toBe(false);
  });

  it('imports a book file chosen in the file input', async () => {
    install({ 'book:import': (input) => ({ ok: true, data: { ...BOOK, id: 'book-2', name: String(input.fileName), synthetic: false } }) });
    const w = await mountView();
    const input = w.find('input[type="file"]');
    const file = new File(['{"name":"Desk","instruments":[],"accounts":[]}'], 'desk.json', { type: 'application/json' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await w.find('form.book-import').trigger('submit');
    await flushPromises();
    const call = calls('book:import')[0];
    expect(call.fileName).toBe('desk.json');
    expect(call.text).toBe('{"name":"Desk","instruments":[],"accounts":[]}');
    expect(w.find('[data-imported]').text()).toContain('Imported “desk.json” (book-2)');
  });

  it('computes with progress, then shows totals and the first page sorted by margin ratio', async () => {
    const hold = deferred<Result<unknown>>();
    install({ 'margin:compute': () => hold.promise });
    const w = await mountView();
    await button(w, 'Compute').trigger('click');
    await flushPromises();
    const input = calls('margin:compute')[0];
    expect(input).toMatchObject({ bookId: 'book-1', modelId: 'preset:tiered-binance-btcusdt-mark', datasetId: 'ds-1' });
    fake.emit('job:progress', { jobId: input.jobId, kind: 'margin', done: 60, total: 120, message: 'accounts' });
    await flushPromises();
    expect(w.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('50');
    expect(w.find('.job .message').text()).toBe('60 / 120 · accounts');
    hold.resolve({ ok: true, data: summary('run-preset:tiered-binance-btcusdt-mark', 'preset:tiered-binance-btcusdt-mark') });
    await flushPromises();

    // All rows for the charts, then the table's page.
    const acc = calls('margin:accounts');
    expect(acc[0]).toMatchObject({ offset: 0, limit: 120, sortBy: 'accountId', descending: false });
    expect(acc[1]).toMatchObject({ offset: 0, limit: 50, sortBy: 'marginRatio', descending: true, onlyLiquidatable: false });
    expect(w.find('[data-total="accounts"]').text()).toBe('120');
    expect(w.find('[data-total="im"]').text()).toBe('123,456.78 USD');
    expect(w.find('[data-rows-shown]').text()).toBe('1–50 of 120');
    // A0001: equity 10,250; MM 100 + 13·37 = 581; IM 1,162; ratio 581/10,250 = 5.67 %; free 9,088;
    // notional 20,000 + 1,000·53 = 73,000; leverage 7.12×; distance (10,250 − 581)/73,000 = 13.25 %.
    expect(cells(w, 'A0001')).toEqual(['A0001', '10,250.00', '1,162.00', '581.00', '5.67 %', '9,088.00', '73,000.00', '7.12×', '13.25 %']);
    expect(w.find('[data-account="A0007"]').exists()).toBe(false);
    expect(w.find('.excluded summary').text()).toBe('1 position not margined by this model');
  });

  it('sorts by header clicks, filters, shows only liquidatable accounts and pages on the server', async () => {
    install();
    const w = await mountView();
    await button(w, 'Compute').trigger('click');
    await flushPromises();
    const last = () => calls('margin:accounts').at(-1)!;
    const header = (key: string) => w.find(`th[data-sort-key="${key}"]`);
    await header('leverage').find('button').trigger('click');
    await flushPromises();
    expect(last()).toMatchObject({ sortBy: 'leverage', descending: true, offset: 0 });
    expect(header('leverage').attributes('aria-sort')).toBe('descending');
    await header('leverage').find('button').trigger('click');
    await flushPromises();
    expect(last()).toMatchObject({ sortBy: 'leverage', descending: false });
    expect(header('leverage').attributes('aria-sort')).toBe('ascending');

    await button(w, 'Next').trigger('click');
    await flushPromises();
    expect(last()).toMatchObject({ offset: 50, limit: 50 });
    expect(w.find('[data-rows-shown]').text()).toBe('51–100 of 120');

    await w.find('input[name="filter"]').setValue('A000');
    await flushPromises();
    expect(last()).toMatchObject({ filter: 'A000', offset: 0 });
    // A0000..A0009, with A0007 (equity ≤ 0, no leverage) sorted last.
    expect(w.find('[data-rows-shown]').text()).toBe('1–10 of 10');
    expect(w.findAll('tbody tr[data-account]').at(-1)!.attributes('data-account')).toBe('A0007');
    // A0007: equity −500, MM 100 + 13·(259 mod 120) = 347, IM 694 → free −1,194; notional 20,000 + 1,000·(371 mod 120) = 31,000.
    expect(cells(w, 'A0007').slice(4)).toEqual(['—', '-1,194.00', '31,000.00', '—', '—']);

    await w.find('input[name="onlyLiquidatable"]').setValue(true);
    await flushPromises();
    expect(last()).toMatchObject({ onlyLiquidatable: true, filter: 'A000' });
    expect(w.findAll('tbody tr[data-account]').every((tr) => tr.classes('liquidatable'))).toBe(true);
  });

  it('explains the selected account: summary, drivers, components and the model detail as tables', async () => {
    install();
    const w = await mountView();
    await button(w, 'Compute').trigger('click');
    await flushPromises();
    await w.find('[data-account="A0001"]').trigger('click');
    await flushPromises();
    expect(calls('margin:explain')).toEqual([{ runId: 'run-preset:tiered-binance-btcusdt-mark', accountId: 'A0001' }]);
    const panel = w.find('[data-explain="A0001"]');
    expect(panel.find('[data-explain-total="mm"]').text()).toBe('581.00 USD');
    expect(panel.find('[data-explain-total="ratio"]').text()).toBe('5.67 %');
    expect(panel.find('.drivers').text()).toBe('BTC-PERP notional 47,000 USD in bracket 1 (MMR 0.4 %)');
    expect(panel.find('.components tbody td').text()).toBe('BTC-PERP');
    expect(panel.find('.model-detail').text()).toContain('convention');
    expect(panel.find('.model-detail table.rows thead').text()).toContain('instrumentId');
    expect(w.find('[data-account="A0001"]').classes()).toContain('selected');
  });

  it('recomputes when the model changes and overlays both runs in the charts, one series per model', async () => {
    install();
    const w = await mountView();
    await button(w, 'Compute').trigger('click');
    await flushPromises();
    await w.find('select[name="model"]').setValue('preset:scenario-span-16');
    await flushPromises();
    expect(calls('margin:compute').map((c) => c.modelId)).toEqual(['preset:tiered-binance-btcusdt-mark', 'preset:scenario-span-16']);
    expect(w.findAll('[data-run-chip]').map((c) => c.attributes('data-run-chip'))).toEqual(['preset:tiered-binance-btcusdt-mark', 'preset:scenario-span-16']);
    // One click to the Compare view with both runs, the first computed as the base.
    expect(w.findComponent(RouterLinkStub).props('to')).toEqual({ path: '/compare', query: { runs: 'run-preset:tiered-binance-btcusdt-mark,run-preset:scenario-span-16' } });
    const charts = w.findAllComponents(EChart);
    const scatter = charts.find((c) => c.attributes('data-chart') === 'leverage-scatter')!;
    const series = scatter.props('option').series as { name: string; data: unknown[] }[];
    // 119 accounts with positive equity in each run; A0007 has none.
    expect(series.map((s) => [s.name, s.data.length])).toEqual([['Binance tiered', 119], ['Classic SPAN', 119]]);
    const histogram = charts.find((c) => c.attributes('data-chart') === 'margin-ratio')!;
    const bars = histogram.props('option').series as { name: string; data: number[] }[];
    expect(bars.map((b) => b.name)).toEqual(['Binance tiered', 'Classic SPAN']);
    // Every account with a ratio lands in exactly one bar of each run.
    expect(bars.map((b) => b.data.reduce((a, c) => a + c, 0))).toEqual([119, 119]);
    // The table follows the newest run; a chip brings the other back.
    expect(w.text()).toContain('Accounts under Classic SPAN');
    await w.find('[data-run-chip="preset:tiered-binance-btcusdt-mark"] .link').trigger('click');
    await flushPromises();
    expect(w.text()).toContain('Accounts under Binance tiered');
  });

  it('cancels a running computation and shows why it stopped', async () => {
    const hold = deferred<Result<unknown>>();
    install({ 'margin:compute': () => hold.promise, 'job:cancel': () => ({ ok: true, data: { cancelled: true } }) });
    const w = await mountView();
    await button(w, 'Compute').trigger('click');
    await flushPromises();
    await button(w, 'Cancel').trigger('click');
    await flushPromises();
    const jobId = calls('margin:compute')[0].jobId;
    expect(calls('job:cancel')).toEqual([{ jobId }]);
    hold.resolve({ ok: false, error: { code: 'CANCELLED', message: 'margin run cancelled' } });
    await flushPromises();
    expect(w.find('.job').attributes('data-phase')).toBe('cancelled');
    expect(w.find('[role="alert"]').text()).toContain('CANCELLED');
    expect(w.find('[data-run-id]').exists()).toBe(false);
  });
});
