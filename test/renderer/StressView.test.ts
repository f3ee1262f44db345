import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import StressView from '../../renderer/src/views/StressView.vue';
import EChart from '../../renderer/src/components/EChart.vue';
import type { Result } from '../../preload/contract';
import { deferred, installFakeApi, type FakeApi, type FakeHandler } from './fakeApi';
import { BASE, REPLAY, RUN, stressHandlers } from './stressFakes';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;

function install(extra: Partial<Record<string, FakeHandler>> = {}): void {
  fake = installFakeApi({ ...stressHandlers(), ...extra } as Parameters<typeof installFakeApi>[0]);
}

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(StressView, { global: { stubs: { EChart: true, RouterLink: RouterLinkStub } } });
  await flushPromises();
  return wrapper;
}

const button = (w: VueWrapper, text: string) => w.findAll('button').find((b) => b.text() === text)!;
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);
const figure = (w: VueWrapper, key: string) => w.find(`[data-figure="${key}"]`).text();
const chartTitles = (w: VueWrapper) => w.findAllComponents(EChart).map((c) => (c.props('option') as { title: { text: string } }).title.text);
const alertText = (w: VueWrapper) => w.find('[role="alert"]').text();
async function type(w: VueWrapper, name: string, value: string): Promise<void> {
  await w.find(`[name="${name}"]`).setValue(value);
}

beforeEach(() => {
  setActivePinia(createPinia());
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('Stress view', () => {
  it('builds the table from the dataset and shows a bad cell next to the cell, sending nothing', async () => {
    install();
    const w = await mountView();
    expect(w.find('[data-section="setup"]').text()).toContain('SYNTHETIC');
    expect(w.findAll('[data-shock-table] tbody tr').map((r) => r.attributes('data-row'))).toEqual(['all', 'BTC', 'ETH', 'SOL', 'USDT']);
    // Stablecoins start outside the "all assets" row.
    expect((w.find('input[name="in-all-USDT"]').element as HTMLInputElement).checked).toBe(false);
    expect((w.find('input[name="in-all-BTC"]').element as HTMLInputElement).checked).toBe(true);
    expect((w.find('select[name="model"]').element as HTMLSelectElement).value).toBe('preset:tiered-test');

    await type(w, 'shock-all-price', '-150');
    await type(w, 'shock-ETH-volPoints', 'lots');
    await button(w, 'Run stress test').trigger('click');
    await flushPromises();
    expect(w.find('[data-row="ETH"]').text()).toContain('"lots" is not a number');
    await type(w, 'shock-ETH-volPoints', '25');
    await button(w, 'Run stress test').trigger('click');
    await flushPromises();
    // The contract's own message (ScenarioFile: shockPct in (−100, 1000]) under the all-assets price cell; the name is required.
    expect(w.find('[data-row="all"]').text()).toContain('must be a number in (-100, 1000]');
    expect(w.find('[data-scenario-library]').text()).toContain('Too small: expected string to have >=1 characters');
    expect(alertText(w)).toContain('BAD_INPUT');
    expect(calls('stress:run')).toEqual([]);
  });

  it('runs with cascade, shows progress, then the totals, conservation, charts and accounts of the run', async () => {
    const gate = deferred<void>();
    install({ 'stress:run': async (i) => { await gate.promise; return stressHandlers()['stress:run']!(i) as Result<unknown>; } });
    const w = await mountView();
    await type(w, 'scenarioName', 'BTC −20 %');
    await type(w, 'shock-BTC-price', '-20');
    await type(w, 'insuranceFundUsd', '5000');
    await button(w, 'Run stress test').trigger('click');
    await flushPromises();
    const sent = calls('stress:run')[0];
    expect(sent).toEqual({
      bookId: 'sample-book-20260101', modelId: 'preset:tiered-test', datasetId: 'ds-1', insuranceFundUsd: '5000', cascade: true, maxRounds: 5,
      penaltyRate: '0.01', severity: 1, jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      scenario: { schemaVersion: 1, name: 'BTC −20 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -20 }] },
    });
    fake.emit('job:progress', { jobId: sent.jobId, kind: 'stress:run', done: 1, total: 4, message: 'cascade round 1' });
    await flushPromises();
    expect(w.find('[data-section="run"] [role="progressbar"]').attributes('aria-valuenow')).toBe('25');
    expect(button(w, 'Run stress test').attributes('disabled')).toBeDefined();

    gate.resolve();
    await flushPromises();
    expect(w.find('[data-section="run"] .job').attributes('data-phase')).toBe('succeeded');
    // The hand-worked book: 2 of 3 liquidated, bad debt 10,000, fund 5,000 → 0, ADL 4,600 on C.
    expect(figure(w, 'accountsLiquidated')).toBe('2 of 3');
    expect(figure(w, 'notionalLiquidated')).toBe('120,000.00 USD');
    expect(figure(w, 'badDebt')).toBe('10,000.00 USD');
    expect(figure(w, 'fund')).toBe('5,000.00 USD → 0.00 USD');
    expect(figure(w, 'fundRemainder')).toBe('0.00 USD · exhausted in round 1');
    expect(figure(w, 'adl')).toBe('triggered: 1 counterparties hit');
    expect(figure(w, 'socialisedLoss')).toBe('4,600.00 USD');
    expect(w.find('[data-conservation]').attributes('data-holds')).toBe('true');
    expect(w.find('[data-conservation] strong').text()).toBe('Conservation holds');
    expect(w.find('[data-result-hash]').text()).toBe(RUN.resultHash);
    expect(chartTitles(w)).toEqual([
      'Account losses under the scenario — SYNTHETIC', 'Liquidation waterfall by cascade round — SYNTHETIC', 'Insurance fund path — SYNTHETIC',
    ]);
    expect(w.find('[data-adl-hits]').text()).toContain('4,600.00');
    // Every account for the histogram (by id), and the first page of the table by shortfall.
    expect(calls('stress:accounts')).toEqual([
      { runId: 'run-stress-1', offset: 0, limit: 25, sortBy: 'shortfallUsd', descending: true, onlyLiquidated: false },
      { runId: 'run-stress-1', offset: 0, limit: 3, sortBy: 'accountId', descending: false },
    ]);
    expect(w.findAll('[data-stress-accounts] tbody tr').map((r) => r.attributes('data-account'))).toEqual(['A', 'B', 'C']);
    await w.find('input[name="onlyLiquidated"]').setValue(true);
    await flushPromises();
    expect(w.find('[data-rows-shown]').text()).toBe('1–2 of 2');
    await w.find('[data-sort-key="badDebtUsd"] button').trigger('click');
    await flushPromises();
    expect(calls('stress:accounts').at(-1)).toMatchObject({ sortBy: 'badDebtUsd', descending: true, onlyLiquidated: true });
    expect(alertText(w)).toBe('');
  });

  it('cancels a running stress test: job:cancel with its id, the bar says cancelled, no error', async () => {
    const gate = deferred<Result<unknown>>();
    install({ 'stress:run': () => gate.promise });
    const w = await mountView();
    await type(w, 'scenarioName', 'x');
    await type(w, 'shock-all-price', '-30');
    await button(w, 'Run stress test').trigger('click');
    await flushPromises();
    const jobId = calls('stress:run')[0].jobId;
    await button(w, 'Cancel').trigger('click');
    await flushPromises();
    expect(calls('job:cancel')).toEqual([{ jobId }]);
    gate.resolve({ ok: false, error: { code: 'CANCELLED', message: 'cancelled by the user' } });
    await flushPromises();
    expect(w.find('[data-section="run"] .job').attributes('data-phase')).toBe('cancelled');
    expect(alertText(w)).toBe('');
    expect(w.find('[data-section="totals"]').exists()).toBe(false);
  });

  it('replays an episode, lists missing assets, and turns the moves into the scenario', async () => {
    install();
    const w = await mountView();
    await w.find('select[name="episode"]').setValue('covid-2020-03-12');
    await w.findAll('[data-episode-picker] button').find((b) => b.text().startsWith('Replay on'))!.trigger('click');
    await flushPromises();
    expect(calls('episode:replay')).toEqual([{ datasetId: 'ds-1', episodeId: 'covid-2020-03-12', mode: 'closeToClose' }]);
    expect(w.find('[data-move="BTC"]').text()).toContain('-39.91 %');
    expect(w.find('[data-missing]').text()).toContain('SOL: no close on 2020-03-11');
    await button(w, 'Use as scenario').trigger('click');
    expect((w.find('input[name="shock-BTC-price"]').element as HTMLInputElement).value).toBe(String(REPLAY.moves[0].returnPct));
    expect((w.find('input[name="shock-SOL-price"]').element as HTMLInputElement).value).toBe('');
    expect((w.find('input[name="scenarioName"]').element as HTMLInputElement).value).toBe(REPLAY.scenario.name);
  });

  it('shows base, shocked and repaired heatmaps and what the Higham repair moved', async () => {
    install();
    const w = await mountView();
    await button(w, '+ Flip sign').trigger('click');
    await type(w, 'op-0-pairs', 'BTC:ETH');
    await button(w, 'Show matrices').trigger('click');
    await flushPromises();
    expect(calls('correlation:shock')).toEqual([{
      datasetId: 'ds-1', assets: ['BTC', 'ETH', 'SOL'], base: { estimator: 'sample' }, operations: [{ op: 'flipSign', pairs: [['BTC', 'ETH']], weight: 1 }], severity: 1,
    }]);
    expect(chartTitles(w)).toEqual([
      'Base — SYNTHETIC', 'Shocked — SYNTHETIC', 'Repaired (nearest correlation) — SYNTHETIC', 'What the repair changed (repaired − shocked) — SYNTHETIC',
    ]);
    // Flipping ρ(BTC,ETH) = 0.8 with ρ(BTC,SOL) = 0.6 and ρ(ETH,SOL) = 0.7 left: det = 1 − 0.64 − 0.36 − 0.49 − 2·0.8·0.6·0.7 < 0,
    // so the shocked matrix is indefinite and the repair must move entries.
    const shocked = [[1, -0.8, 0.6], [-0.8, 1, 0.7], [0.6, 0.7, 1]];
    const det = shocked[0][0] * (shocked[1][1] * shocked[2][2] - shocked[1][2] ** 2) - shocked[0][1] * (shocked[0][1] * shocked[2][2] - shocked[1][2] * shocked[0][2])
      + shocked[0][2] * (shocked[0][1] * shocked[1][2] - shocked[1][1] * shocked[0][2]);
    expect(det).toBeCloseTo(1 - 0.64 - 0.36 - 0.49 - 2 * 0.8 * 0.6 * 0.7, 12);
    expect(figure(w, 'repair-needed')).toContain('yes');
    expect(w.find('[data-eigenvalues] tbody tr td.bad').exists()).toBe(true);
    const moved = w.findAll('[data-changed-entries] tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(moved[0].slice(0, 2)).toEqual(['BTC / ETH', (-BASE[0][1]).toFixed(4)]);
    // Frobenius change over the whole matrix: twice each moved off-diagonal pair.
    const frob = Math.sqrt(2 * moved.reduce((s, r) => s + (Number(r[2].replace('→', '')) - Number(r[1])) ** 2, 0));
    expect(Number(figure(w, 'repair-frobenius'))).toBeCloseTo(frob, 3);
  });

  it('saves the scenario, lists it, and reverse-stresses to the insurance fund', async () => {
    install();
    const w = await mountView();
    await type(w, 'scenarioName', 'BTC −20 %');
    await type(w, 'shock-BTC-price', '-20');
    await button(w, 'Save as new scenario').trigger('click');
    await flushPromises();
    expect(calls('scenario:save')).toEqual([{ scenario: { schemaVersion: 1, name: 'BTC −20 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -20 }] } }]);
    expect(w.find('[data-notice]').text()).toBe('saved as "BTC −20 %" (scn-1)');
    expect(w.find('[data-saved-scenarios]').text()).toContain('1: price');

    await button(w, 'Run reverse stress').trigger('click');
    await flushPromises();
    expect(calls('stress:reverse')[0]).toMatchObject({ target: { kind: 'insuranceFund' }, severityMax: 4, gridPoints: 21, cascade: true });
    expect(figure(w, 'breaking-severity')).toBe('k* = 0.6000 (not met at 0.5995, met at 0.6000)');
    expect(chartTitles(w)).toContain('Reverse stress: bad debt against severity — SYNTHETIC');
  });

  it('shows a server-side scenario issue next to its cell', async () => {
    install({
      'scenario:validate': () => ({ ok: true, data: { valid: false, issues: [{ path: 'scenario.shocks.0.assets.0', message: 'DOGE has no price in the market snapshot' }], contentHash: null, assets: [] } }),
    });
    const w = await mountView();
    await type(w, 'scenarioName', 'x');
    await type(w, 'shock-SOL-volPoints', '10');
    await button(w, 'Validate').trigger('click');
    await flushPromises();
    expect(w.find('[data-row="SOL"]').text()).toContain('DOGE has no price in the market snapshot');
    expect(calls('scenario:save')).toEqual([]);
  });
});
