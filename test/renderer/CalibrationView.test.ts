import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import CalibrationView from '../../renderer/src/views/CalibrationView.vue';
import EChart from '../../renderer/src/components/EChart.vue';
import LinkedChart from '../../renderer/src/components/calibration/LinkedChart.vue';
import type { Result } from '../../preload/contract';
import { deferred, installFakeApi, type FakeApi, type FakeHandler } from './fakeApi';
import { calibrationHandlers, CALIBRATE_OUTPUT } from './calibrationFakes';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;

function install(extra: Partial<Record<string, FakeHandler>> = {}): Record<string, FakeHandler> {
  const handlers = { ...calibrationHandlers(), ...extra } as Record<string, FakeHandler>;
  fake = installFakeApi(handlers as Parameters<typeof installFakeApi>[0]);
  return handlers;
}

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(CalibrationView, { global: { stubs: { EChart: true, RouterLink: RouterLinkStub } } });
  await flushPromises();
  return wrapper;
}

const button = (w: VueWrapper, text: string) => w.findAll('button').find((b) => b.text() === text)!;
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);
const figure = (w: VueWrapper, key: string) => w.find(`[data-figure="${key}"]`).text();
const input = (w: VueWrapper, name: string) => w.find(`[name="${name}"]`).element as HTMLInputElement;
const chartTitles = (w: VueWrapper) => w.findAllComponents(EChart).map((c) => (c.props('option') as { title: { text: string } }).title.text);
const alertText = (w: VueWrapper) => w.find('[role="alert"]').text();

/** A handler held open until the test resolves it, answering with the real handler's result. */
function heldOpen(real: FakeHandler) {
  const gate = deferred<void>();
  let result: Result<unknown> | null = null;
  const handler: FakeHandler = async (i) => {
    result = await real(i);
    await gate.promise;
    return result;
  };
  return { handler, release: () => gate.resolve() };
}

beforeEach(() => {
  setActivePinia(createPinia());
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('Calibration view', () => {
  it('backtests BTC on the synthetic dataset with progress, then shows the figures, charts and distribution', async () => {
    const real = calibrationHandlers()['calibration:backtest']!;
    const held = heldOpen(real);
    install({ 'calibration:backtest': held.handler });
    const w = await mountView();
    expect((w.find('select[name="dataset"]').element as HTMLSelectElement).value).toBe('ds-1');
    expect(w.findAll('select[name="dataset"] option').map((o) => o.text())).toEqual(['— choose a dataset —', 'Sample market (SYNTHETIC, seed 20260101)', 'Desk closes']);
    expect(w.find('[data-section="backtest"]').text()).toContain('SYNTHETIC');
    expect((w.find('select[name="asset"]').element as HTMLSelectElement).value).toBe('BTC');

    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    const sent = calls('calibration:backtest')[0];
    expect(sent).toEqual({
      prices: 'ds-1', target: { type: 'asset', asset: 'BTC' },
      model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 500, lambda: 0.94, measure: 'var' }, apc: 'none', jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    fake.emit('job:progress', { jobId: sent.jobId, kind: 'calibration:backtest', done: 500, total: 2000, message: 'walk-forward backtest' });
    await flushPromises();
    const bar = w.find('[data-section="backtest"] [role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('25');
    expect(w.find('[data-section="backtest"] .job').text()).toContain('500 / 2000 · walk-forward backtest');
    expect(button(w, 'Run backtest').attributes('disabled')).toBeDefined();

    held.release();
    await flushPromises();
    expect(w.find('[data-section="backtest"] .job').attributes('data-phase')).toBe('succeeded');
    // The figures are the handler's (the core's) result, formatted.
    const out = (await real(sent)) as { ok: true; data: { observations: number; exceptions: number; kupiec: { lr: number; pValue: number }; coverage: number; christoffersen: { lrCc: number } } };
    const b = out.data;
    expect(b.observations).toBe(900 - 500 - 1);
    expect(figure(w, 'observations')).toBe(String(b.observations));
    expect(figure(w, 'exceptions')).toBe(`${b.exceptions} (expected ${(b.observations * 0.01).toFixed(1)})`);
    expect(figure(w, 'kupiec')).toBe(`LR ${b.kupiec.lr.toFixed(4)} · p ${Number(b.kupiec.pValue.toPrecision(4))}`);
    expect(figure(w, 'coverage')).toBe(`${(b.coverage * 100).toFixed(2)} % (target 99.0 %)`);
    expect(figure(w, 'christoffersen-cc')).toContain(`LRcc ${b.christoffersen.lrCc.toFixed(4)}`);
    expect(w.find('[data-backtest-summary] h3').text()).toContain('SYNTHETIC');

    // Diagnostics, QQ and lookback of the same asset with the form's h, α and method.
    expect(calls('calibration:diagnose')).toEqual([{ prices: 'ds-1', asset: 'BTC', horizonDays: 1 }]);
    expect(calls('calibration:qq')).toEqual([{ prices: 'ds-1', asset: 'BTC', horizonDays: 1 }]);
    expect(calls('calibration:lookback')).toEqual([{
      prices: 'ds-1', asset: 'BTC', method: 'hs', confidence: 0.99, horizonDays: 1, lambda: 0.94, lookbacks: [125, 250, 375, 500, 750],
      bootstrap: { seed: 1, resamples: 200, level: 0.9 },
    }]);
    expect(w.findAll('[data-worst-move]').length).toBe(5);
    expect(w.find('[data-diag="vol"]').text()).toMatch(/^\d+\.\d{2} %$/);
    expect(chartTitles(w)).toEqual([
      'BTC: realised 1-day P&L against the margin — SYNTHETIC',
      'Traffic light: exceptions in the last 250 test days — SYNTHETIC',
      'BTC QQ plot of 1-day returns — SYNTHETIC',
      'Lookback stability: BTC · HS α 0.99 · h 1 at 2024-06-18 — SYNTHETIC',
    ]);
    // The two time-series charts share one ECharts group; the others are not linked.
    expect(w.findAllComponents(LinkedChart).map((c) => c.props('group') ?? null)).toEqual(['calibration-backtest', 'calibration-backtest', null, null]);
    expect(alertText(w)).toBe('');
  });

  it('cancels a running backtest: job:cancel with its job id, the bar says cancelled, no error', async () => {
    const gate = deferred<Result<unknown>>();
    install({ 'calibration:backtest': () => gate.promise });
    const w = await mountView();
    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    const jobId = calls('calibration:backtest')[0].jobId;
    await button(w, 'Cancel').trigger('click');
    await flushPromises();
    expect(calls('job:cancel')).toEqual([{ jobId }]);
    expect(button(w, 'Cancelling…').attributes('disabled')).toBeDefined();
    gate.resolve({ ok: false, error: { code: 'CANCELLED', message: `job ${String(jobId)} was cancelled` } });
    await flushPromises();
    expect(w.find('[data-section="backtest"] .job').attributes('data-phase')).toBe('cancelled');
    expect(alertText(w)).toBe('');
    expect(w.find('[data-backtest-summary]').exists()).toBe(false);
  });

  it('names a bad field before calling anything, and shows a server error with its code', async () => {
    install({ 'calibration:backtest': () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'BTC: no test days in 2030-01-01 .. 2024-06-18 with a full window and a realised 1-day loss' } }) });
    const w = await mountView();
    await w.find('input[name="confidence"]').setValue('1.2');
    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    expect(alertText(w)).toContain('BAD_INPUT');
    expect(alertText(w)).toContain('Backtest: model.confidence: must be below 1');
    expect(alertText(w)).toContain('(in the window, not from the app)');
    expect(calls('calibration:backtest')).toEqual([]);

    await w.find('input[name="confidence"]').setValue('0.99');
    await w.find('input[name="from"]').setValue('2030-01-01');
    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    expect(calls('calibration:backtest')[0].from).toBe('2030-01-01');
    expect(alertText(w)).toContain('BAD_INPUT');
    expect(alertText(w)).toContain('BTC: no test days in 2030-01-01');
    expect(alertText(w)).not.toContain('in the window');
    expect(w.find('[data-section="backtest"] .job').attributes('data-phase')).toBe('failed');
    await button(w, 'Dismiss').trigger('click');
    expect(alertText(w)).toBe('');
  });

  it('backtests a fixed portfolio with weights, and labels a real dataset without SYNTHETIC', async () => {
    install();
    const w = await mountView();
    await w.find('input[value="portfolio"]').setValue(true);
    await w.find('input[name="weight-BTC"]').setValue('0.6');
    await w.find('input[name="weight-ETH"]').setValue('-0.4');
    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    expect(calls('calibration:backtest')[0].target).toEqual({ type: 'portfolio', weights: { BTC: 0.6, ETH: -0.4 } });
    expect(calls('calibration:diagnose')[0].asset).toBe('BTC');
    expect(w.find('[data-backtest-summary]').exists()).toBe(true);

    await w.find('select[name="dataset"]').setValue('ds-2');
    await w.find('input[value="asset"]').setValue(true);
    expect(w.find('[data-section="backtest"] .synthetic').exists()).toBe(false);
    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    expect(calls('calibration:backtest')[1]).toMatchObject({ prices: 'ds-2', target: { type: 'asset', asset: 'BTC' } });
    expect(chartTitles(w)[0]).toBe('BTC: realised 1-day P&L against the margin');
    expect(w.find('[data-backtest-summary] h3').text()).not.toContain('SYNTHETIC');
  });

  it('sweeps a grid, loads a set from the frontier and from the table, and saves it as a model in one click', async () => {
    install();
    const w = await mountView();
    const sweep = w.find('[data-section="sweep"]');
    await sweep.find('input[name="sweep-confidences"]').setValue('0.99, 0.975');
    await sweep.find('input[name="sweep-windowDays"]').setValue('250, 500');
    expect(sweep.find('[data-grid-size]').text()).toBe('1 × 2 × 2 × 1 × 1 × 1 = 4 parameter sets on BTC');
    await button(w, 'Run sweep').trigger('click');
    await flushPromises();
    expect(calls('calibration:sweep')[0]).toEqual({
      prices: 'ds-1', assets: ['BTC'], jobId: expect.any(String),
      axes: { methods: ['hs'], confidences: [0.99, 0.975], windowDays: [250, 500], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] },
    });
    const rows = w.findAll('tr[data-set]');
    expect(rows.length).toBe(4);
    // Frontier first (rank 0), each row's rank in its first cell.
    const ranks = rows.map((r) => r.find('td').text()).map((t) => (t === '—' ? Infinity : Number(t)));
    expect(ranks[0]).toBe(0);
    ranks.forEach((r, i) => expect(r).toBeGreaterThanOrEqual(ranks[Math.max(0, i - 1)]));

    const frontier = w.findAllComponents(LinkedChart).find((c) => c.attributes('data-chart') === 'frontier' || (c.props('label') as string).startsWith('Sweep frontier'))!;
    frontier.vm.$emit('pick', 'hs|a0.975|L250|lam-|h1|none');
    await flushPromises();
    expect(input(w, 'confidence').value).toBe('0.975');
    expect(input(w, 'windowDays').value).toBe('250');
    expect(w.find('[data-selected-set] b').text()).toBe('hs|a0.975|L250|lam-|h1|none');
    expect(w.find('tr.selected').attributes('data-set')).toBe('hs|a0.975|L250|lam-|h1|none');

    await w.find('tr[data-set="hs|a0.99|L500|lam-|h1|none"]').find('button').trigger('click');
    expect(input(w, 'confidence').value).toBe('0.99');
    expect(input(w, 'windowDays').value).toBe('500');
    await w.find('input[name="sweepModelName"]').setValue('Desk HS 99 L500');
    await button(w, 'Save as model configuration').trigger('click');
    await flushPromises();
    expect(calls('calibration:saveModel')).toEqual([{ runId: 'run-sweep-1', candidate: 'hs|a0.99|L500|lam-|h1|none', name: 'Desk HS 99 L500' }]);
    expect(w.find('[data-saved-model]').text()).toBe(
      'Saved model configuration “Desk HS 99 L500” (id model-7) from parameter set hs|a0.99|L500|lam-|h1|none; it is listed in Models.');
    // The sweep's lookback studies (α 0.99 and 0.975 over L 250, 500) join the lookback plot's picker once a backtest ran.
    await button(w, 'Run backtest').trigger('click');
    await flushPromises();
    expect(w.findAll('select[name="lookbackStudy"] option').map((o) => o.text())).toEqual([
      'this asset: BTC · HS α 0.99 · h 1 at 2024-06-18',
      expect.stringMatching(/^sweep: BTC · HS α 0.99 · h 1 at 2024-06-1\d$/),
      expect.stringMatching(/^sweep: BTC · HS α 0.975 · h 1 at 2024-06-1\d$/),
    ]);
  });

  it('calibrates the chosen assets and saves a candidate configuration in one click', async () => {
    install();
    const w = await mountView();
    const cal = w.find('[data-section="calibrate"]');
    expect((cal.find('input[name="cal-asset-BTC"]').element as HTMLInputElement).checked).toBe(true);
    await cal.find('input[name="cal-brackets"]').setValue('100000, 1000000');
    await button(w, 'Run calibration').trigger('click');
    await flushPromises();
    expect(calls('calibration:calibrate')[0]).toEqual({
      prices: 'ds-1', assets: ['BTC'], confidence: 0.99, lookbackDays: 365, horizonDays: 2, advDays: 30,
      brackets: { notionalCapsUsd: [100000, 1000000], participationRate: 0.1 }, bootstrap: { seed: 1, resamples: 1000, level: 0.9 }, jobId: expect.any(String),
    });
    const scan = w.find('[data-table="scan"] tr[data-asset="BTC"]').findAll('td').map((td) => td.text());
    expect(scan).toEqual(['BTC', '12.09 %', '0.1209', '—', '7.82 % – 13.19 % (90 %)', '2023-06-17 .. 2024-06-18 (365)', 'abs-return-quantile']);
    expect(w.find('[data-table="vol"] tr[data-asset="BTC"]').text()).toContain('+7.76');
    await w.find('[data-candidate="scenarioGrid:BTC"] button').trigger('click');
    await flushPromises();
    expect(calls('calibration:saveModel')).toEqual([{ runId: CALIBRATE_OUTPUT.runId, candidate: 'scenarioGrid:BTC' }]);
    expect(w.find('[data-candidate="scenarioGrid:BTC"] [data-saved-model]').text()).toBe('Saved “BTC calibrated scenario grid” (id model-7)');
  });

  it('says where prices come from when there are none', async () => {
    install({ 'dataset:list': () => ({ ok: true, data: { datasets: [] } }) });
    const w = await mountView();
    expect(w.find('[data-no-datasets]').text()).toContain('Import daily closes or create the sample workspace in Data');
    expect(w.findComponent(RouterLinkStub).props('to')).toBe('/data');
    expect(w.find('[data-section="backtest"]').exists()).toBe(false);
  });
});
