import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ReportsView from '../../renderer/src/views/ReportsView.vue';
import type { Result } from '../../preload/contract';
import { deferred, installFakeApi, type FakeApi, type FakeHandler } from './fakeApi';

const run = (id: string, kind: string, label: string, status = 'succeeded') => ({
  id, kind, status, label, inputHash: 'sha256:11', seed: null, appVersion: '0.1.0', resultHash: status === 'succeeded' ? `sha256:${id}00000000000000` : null,
  error: null, createdAt: '2026-01-01T10:00:00.000Z', finishedAt: '2026-01-01T10:00:01.000Z', durationMs: 1000,
});
const RUNS = [
  run('m-1', 'margin', 'Sample book · Binance tiered · 2025-12-31'),
  run('m-2', 'margin', 'Sample book · Classic SPAN · 2025-12-31'),
  run('bt-1', 'calibration:backtest', 'hs 0.99 BTC'),
  run('bt-x', 'calibration:backtest', 'hs 0.99 ETH', 'failed'),
];
const HTML = '<!doctype html><html><head><style>h1{color:#0b4f8a}</style></head><body><h1>Margin committee</h1><svg></svg></body></html>';
const EXPORTS = '/data/mwb/exports';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

function install(extra: Partial<Record<string, FakeHandler>> = {}): void {
  fake = installFakeApi({
    'run:list': () => ({ ok: true, data: { runs: RUNS } }),
    'report:preview': () => ({ ok: true, data: { html: HTML } }),
    'audit:exportBundle': () => ({ ok: true, data: { fileName: 'audit-bundle-20260101-100000-abcd1234.json', bytes: 20_480, path: `${EXPORTS}/audit-bundle-20260101-100000-abcd1234.json` } }),
    'app:openExportsFolder': () => ({ ok: true, data: { opened: false, path: EXPORTS } }),
    ...extra,
  });
}

async function mountView(): Promise<VueWrapper> {
  setActivePinia(createPinia());
  wrapper = mount(ReportsView);
  await flushPromises();
  return wrapper;
}
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);

describe('Reports view', () => {
  it('lists succeeded runs by kind; chooses runs and sections; previews in a sandboxed frame', async () => {
    install();
    const w = await mountView();
    expect(w.findAll('[data-run-chooser] [data-kind]').map((g) => g.attributes('data-kind'))).toEqual(['margin', 'calibration:backtest']);
    expect(w.find('[data-run="bt-x"]').exists()).toBe(false); // failed runs have nothing to report
    expect(w.find('[data-preview]').attributes('disabled')).toBeDefined();
    await w.find('[data-kind="margin"] .group-head input').setValue(true);
    await w.find('[data-run="bt-1"] input').setValue(true);
    expect(w.find('[data-selected-count]').text()).toBe('3 selected');
    await w.find('input[name="title"]').setValue('  January committee ');
    await w.find('input[name="preparer"]').setValue('Risk analytics');
    await w.find('[data-section-id="provenance"] input').setValue(false);
    await w.find('[data-section-id="methodology"] input').setValue(false);
    await w.find('[data-preview]').trigger('click');
    await flushPromises();
    expect(calls('report:preview')).toEqual([{
      runIds: ['m-1', 'm-2', 'bt-1'], sections: ['summary', 'parameters', 'margin', 'calibration', 'backtest', 'stress', 'audit'],
      title: 'January committee', preparer: 'Risk analytics',
    }]);
    const frame = w.find('iframe[data-report-preview]');
    expect(frame.attributes('sandbox')).toBe('');
    expect(frame.attributes('srcdoc')).toBe(HTML);
  });

  it('exports with progress from the job events and shows the file written', async () => {
    const pending = deferred<Result<unknown>>();
    install({ 'report:export': () => pending.promise });
    const w = await mountView();
    await w.find('[data-run="m-1"] input').setValue(true);
    await w.find('input[name="format"][value="xlsx"]').setValue(true);
    await w.find('[data-export]').trigger('click');
    await flushPromises();
    const input = calls('report:export')[0];
    expect(input).toMatchObject({ runIds: ['m-1'], format: 'xlsx' });
    expect(input.sections).toHaveLength(9);
    expect(input.title).toBeUndefined(); // empty: the service's default title
    expect(typeof input.jobId).toBe('string');
    expect(w.find('[data-export]').attributes('disabled')).toBeDefined();
    fake.emit('job:progress', { jobId: input.jobId, kind: 'report:export', done: 1, total: 2, message: 'writing' });
    await flushPromises();
    expect(w.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('50');
    expect(w.find('.job .message').text()).toBe('1 / 2 · writing');
    pending.resolve({ ok: true, data: { fileName: 'report-20260101-100000-abcd1234.xlsx', bytes: 30_720, path: `${EXPORTS}/report-20260101-100000-abcd1234.xlsx` } });
    await flushPromises();
    expect(w.find('.job').attributes('data-phase')).toBe('succeeded');
    expect(w.find('[data-exported]').text()).toBe(`report-20260101-100000-abcd1234.xlsx · 30 KB${EXPORTS}/report-20260101-100000-abcd1234.xlsx`);
  });

  it('exports an audit bundle of the chosen runs and names the exports folder outside the desktop app', async () => {
    install();
    const w = await mountView();
    expect(w.find('[data-bundle]').attributes('disabled')).toBeDefined();
    await w.find('[data-run="bt-1"] input').setValue(true);
    await w.find('[data-bundle]').trigger('click');
    await flushPromises();
    expect(calls('audit:exportBundle')).toEqual([{ runIds: ['bt-1'] }]);
    expect(w.find('[data-bundled]').text()).toContain('audit-bundle-20260101-100000-abcd1234.json · 20 KB');
    await w.find('[data-open-folder]').trigger('click');
    await flushPromises();
    expect(w.find('[data-folder]').text()).toContain(EXPORTS);
    expect(w.find('[data-folder]').text()).toContain('only possible in the desktop app');
  });

  it('shows why an export failed and marks the job failed', async () => {
    install({ 'report:export': () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'run m-1 is a "stress" run; reports and bundles cover margin, calibration:backtest' } }) });
    const w = await mountView();
    await w.find('[data-run="m-1"] input').setValue(true);
    await w.find('[data-export]').trigger('click');
    await flushPromises();
    expect(w.find('[role="alert"]').text()).toContain('BAD_INPUT');
    expect(w.find('.job').attributes('data-phase')).toBe('failed');
    expect(w.find('[data-exported]').exists()).toBe(false);
  });
});
