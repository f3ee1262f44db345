import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import DataView from '../../renderer/src/views/DataView.vue';
import { useJobsStore } from '../../renderer/src/stores/jobs';
import type { Result } from '../../preload/contract';
import { deferred, installFakeApi } from './fakeApi';

const report = (missingDays = 0, sourceOrder: 'ascending' | 'descending' = 'ascending') => ({
  gaps: missingDays ? [{ from: '2024-02-10', to: '2024-02-11', days: missingDays }] : [],
  missingDays,
  badPrints: [] as { date: string; line: number; field: string; value: string; reason: string }[],
  sourceOrder,
});

const DATASETS = [
  {
    id: 'ds-1',
    name: 'Desk prices',
    synthetic: false,
    createdAt: '2025-11-20T09:15:00.000Z',
    series: [
      {
        asset: 'BTC', firstDate: '2023-01-01', lastDate: '2024-02-04', rows: 400, format: 'generic' as const,
        sourceFile: 'BTC-USD.csv', contentHash: 'sha256:0123456789abcdef0123', importedAt: '2025-11-20T09:15:00.000Z', report: report(),
      },
      {
        asset: 'ETH', firstDate: '2023-01-01', lastDate: '2024-02-06', rows: 400, format: 'binance' as const,
        sourceFile: 'Binance_ETHUSDT_d.csv', contentHash: 'sha256:fedcba9876543210fedc', importedAt: '2025-11-20T09:16:00.000Z',
        report: { ...report(2, 'descending'), badPrints: [{ date: '2023-06-01', line: 214, field: 'high', value: '9999', reason: 'high 9999 is +220.0% vs open 3120 and +221.0% vs close 3110' }] },
      },
    ],
  },
  {
    id: 'ds-2', name: 'Sample workspace', synthetic: true, createdAt: '2025-11-21T10:00:00.000Z',
    series: [{
      asset: 'SOL', firstDate: '2022-01-01', lastDate: '2022-01-10', rows: 10, format: 'synthetic' as const,
      sourceFile: 'generated', contentHash: 'sha256:aaaabbbbccccdddd', importedAt: '2025-11-21T10:00:00.000Z', report: report(),
    }],
  },
];

function series(asset: string, synthetic: boolean) {
  const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  const close = [100, 102, 99, 101, 104];
  return { ok: true as const, data: { asset, synthetic, dates, open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: [1, 2, 3, 4, 5] } };
}

let wrapper: VueWrapper | null = null;

function mountView(): VueWrapper {
  wrapper = mount(DataView, { global: { stubs: { EChart: true } } });
  return wrapper;
}

async function pickAndSubmit(w: VueWrapper, files: File[]): Promise<void> {
  const input = w.find('input[type="file"]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
  await w.find('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => {
  setActivePinia(createPinia());
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('Data view', () => {
  it('lists datasets with provenance: one row per series, short hash, dates, rows, SYNTHETIC label', async () => {
    installFakeApi({ 'dataset:list': () => ({ ok: true, data: { datasets: DATASETS } }) });
    const w = mountView();
    await flushPromises();
    const rows = w.findAll('tr.series-row');
    expect(rows).toHaveLength(3);
    const btc = rows[0].findAll('td').map((td) => td.text());
    expect(btc).toEqual(['BTC', 'generic', 'BTC-USD.csv', '2023-01-01', '2024-02-04', '400', '0', '0', '0123456789ab', '2025-11-20 09:15 UTC']);
    expect(rows[1].find('td.num.warn').text()).toBe('2');
    expect(rows[2].text()).toContain('SYNTHETIC');
    expect(w.find('tbody[data-dataset-id="ds-2"] .dataset-row').text()).toContain('SYNTHETIC');
    expect(w.find('tbody[data-dataset-id="ds-1"] .dataset-row').text()).not.toContain('SYNTHETIC');
  });

  it('shows a failed import verbatim (code and message) in the alert region', async () => {
    const message = 'BAD.csv line 3: close "abc" is not a number';
    const fake = installFakeApi({
      'dataset:list': () => ({ ok: true, data: { datasets: [] } }),
      'dataset:import': () => ({ ok: false, error: { code: 'BAD_INPUT', message } }),
    });
    const w = mountView();
    await flushPromises();
    expect(w.find('[role="alert"]').text()).toBe('');
    await pickAndSubmit(w, [new File(['date,close\n2024-01-01,1\n2024-01-02,abc\n'], 'BAD.csv', { type: 'text/csv' })]);
    const alert = w.find('[role="alert"]');
    expect(alert.text()).toContain('BAD_INPUT');
    expect(alert.text()).toContain(message);
    const sent = fake.calls.find((c) => c.channel === 'dataset:import')!.input;
    expect(sent.files).toEqual([{ fileName: 'BAD.csv', text: 'date,close\n2024-01-01,1\n2024-01-02,abc\n' }]);
    expect(sent.datasetName).toBe('Imported prices');
    expect(w.find('.job').attributes('data-phase')).toBe('failed');
  });

  it('feeds the progress bar from job:progress events for its own job id, and cancels that job', async () => {
    const pending = deferred<Result<unknown>>();
    const fake = installFakeApi({
      'dataset:list': () => ({ ok: true, data: { datasets: [] } }),
      'dataset:import': () => pending.promise,
      'job:cancel': () => ({ ok: true, data: { cancelled: true } }),
    });
    const w = mountView();
    await flushPromises();
    await pickAndSubmit(w, [new File(['x'], 'BTC-USD.csv')]);
    const jobId = fake.calls.find((c) => c.channel === 'dataset:import')!.input.jobId as string;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    fake.emit('job:progress', { jobId: 'someone-elses-job', kind: 'dataset:import', done: 9, total: 10, message: 'other' });
    fake.emit('job:progress', { jobId, kind: 'dataset:import', done: 1, total: 4, message: 'parsing BTC-USD.csv' });
    await flushPromises();
    expect(w.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('25');
    expect(w.find('.job .message').text()).toContain('parsing BTC-USD.csv');
    await w.find('.job button').trigger('click');
    await flushPromises();
    expect(fake.calls.find((c) => c.channel === 'job:cancel')!.input).toEqual({ jobId });
    pending.resolve({ ok: false, error: { code: 'CANCELLED', message: 'import cancelled by the user' } });
    await flushPromises();
    expect(w.find('.job').attributes('data-phase')).toBe('cancelled');
    expect(w.find('[role="alert"]').text()).toContain('CANCELLED');
  });

  it('after a successful import lists the datasets and charts the first imported series', async () => {
    let listed = false;
    const fake = installFakeApi({
      'dataset:list': () => ({ ok: true, data: { datasets: listed ? DATASETS : [] } }),
      'dataset:import': () => {
        listed = true;
        return {
          ok: true,
          data: { datasetId: 'ds-1', series: [{ asset: 'BTC', fileName: 'BTC-USD.csv', format: 'generic', rows: 400, firstDate: '2023-01-01', lastDate: '2024-02-04', action: 'created', report: report() }] },
        };
      },
      'dataset:series': (input) => series(input.asset as string, false),
    });
    const w = mountView();
    await flushPromises();
    expect(w.text()).toContain('No datasets yet');
    await pickAndSubmit(w, [new File(['x'], 'BTC-USD.csv')]);
    expect(w.findAll('tr.series-row')).toHaveLength(3);
    expect(w.find('[data-summary="import"]').text()).toContain('created');
    expect(fake.calls.find((c) => c.channel === 'dataset:series')!.input).toEqual({ datasetId: 'ds-1', asset: 'BTC' });
    expect(w.find('tr.series-row.selected').attributes('data-asset')).toBe('BTC');
    const panel = w.find('.series-panel');
    expect(panel.attributes('data-asset')).toBe('BTC');
    // 5 consecutive closes → 4 one-day log returns.
    expect(panel.find('[data-stat="count"]').text()).toBe('4');
    expect(w.find('.job').attributes('data-phase')).toBe('succeeded');
  });

  it('shows the selected series\' gaps, bad prints and source order in readable tables', async () => {
    installFakeApi({
      'dataset:list': () => ({ ok: true, data: { datasets: DATASETS } }),
      'dataset:series': (input) => series(input.asset as string, false),
    });
    const w = mountView();
    await flushPromises();
    await w.find('tr.series-row[data-asset="ETH"]').trigger('click');
    await flushPromises();
    expect(w.findAll('.gaps tbody td').map((td) => td.text())).toEqual(['2024-02-10', '2024-02-11', '2']);
    expect(w.findAll('.bad-prints tbody td').map((td) => td.text())).toEqual(
      ['2023-06-01', '214', 'high', '9999', 'high 9999 is +220.0% vs open 3120 and +221.0% vs close 3110']);
    expect(w.find('[data-source-order]').text()).toContain('newest first');
    expect(w.find('tr.series-row[data-asset="ETH"] td.num.warn:nth-of-type(8)').text()).toBe('1');
  });

  it('labels a selected synthetic series SYNTHETIC next to its charts', async () => {
    installFakeApi({
      'dataset:list': () => ({ ok: true, data: { datasets: DATASETS } }),
      'dataset:series': (input) => series(input.asset as string, true),
    });
    const w = mountView();
    await flushPromises();
    await w.find('tr.series-row[data-asset="SOL"]').trigger('click');
    await flushPromises();
    expect(w.find('.series-panel h3').text()).toBe('SOL SYNTHETIC');
  });

  it('shows a failed list call in the alert region', async () => {
    installFakeApi({ 'dataset:list': () => ({ ok: false, error: { code: 'STORE', message: 'database is locked' } }) });
    const w = mountView();
    await flushPromises();
    expect(w.find('[role="alert"]').text()).toContain('STORE');
    expect(w.find('[role="alert"]').text()).toContain('database is locked');
  });

  it('unsubscribes from job events when asked', async () => {
    const fake = installFakeApi({ 'dataset:list': () => ({ ok: true, data: { datasets: [] } }) });
    mountView();
    await flushPromises();
    expect(fake.listenerCount('job:progress')).toBe(1);
    useJobsStore().stopListening();
    expect(fake.listenerCount('job:progress')).toBe(0);
  });
});
