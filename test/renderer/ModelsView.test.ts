import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ModelsView from '../../renderer/src/views/ModelsView.vue';
import { MarginModelConfig } from '../../preload/contract/schemas/models';
import type { ModelRecord } from '../../renderer/src/stores/models';
import binance from '../../resources/presets/tiered-binance-btcusdt-mark.json';
import span from '../../resources/presets/scenario-span-16.json';
import hsvar from '../../resources/presets/hsvar-99-2d-1y.json';
import parametric from '../../resources/presets/parametric-var-99-1d.json';
import { installFakeApi, type FakeApi } from './fakeApi';

function record(id: string, raw: unknown, preset: boolean): ModelRecord {
  const config = MarginModelConfig.parse(raw);
  return {
    id, name: config.name, kind: config.kind, preset, contentHash: `sha256:${id.replace(/\W/g, '').padEnd(16, '0')}`, config, provenance: null,
    createdAt: preset ? null : '2025-11-20T09:00:00.000Z', updatedAt: preset ? null : '2025-11-20T09:00:00.000Z',
  };
}

const PRESETS = [
  record('preset:tiered-binance-btcusdt-mark', binance, true),
  record('preset:scenario-span-16', span, true),
  record('preset:hsvar-99-2d-1y', hsvar, true),
  record('preset:parametric-var-99-1d', parametric, true),
];

let saved: ModelRecord[];
let fake: FakeApi;
let wrapper: VueWrapper | null = null;

function install(extra: Parameters<typeof installFakeApi>[0] = {}): void {
  fake = installFakeApi({
    'model:list': () => ({ ok: true, data: { models: [...PRESETS, ...saved] } }),
    'model:save': (input) => {
      const id = (input.id as string | undefined) ?? 'm-new';
      const rec = record(id, input.config, false);
      saved = [...saved.filter((m) => m.id !== id), rec];
      return { ok: true, data: rec };
    },
    'model:delete': (input) => {
      const before = saved.length;
      saved = saved.filter((m) => m.id !== input.id);
      return { ok: true, data: { deleted: saved.length < before } };
    },
    ...extra,
  });
}

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(ModelsView);
  await flushPromises();
  return wrapper;
}

const field = (w: VueWrapper, path: string) => w.find(`[data-field="${path}"]`);
const issuesOf = (w: VueWrapper, path: string) => field(w, path).findAll('.issues li').map((li) => li.text());

beforeEach(() => {
  setActivePinia(createPinia());
  saved = [{ ...record('m-1', { ...span, name: 'Desk SPAN' }, false) }];
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('Models view', () => {
  it('lists presets (read-only) and saved configurations with kind, name and source', async () => {
    install();
    const w = await mountView();
    const presetRows = w.findAll('table.models')[0].findAll('tbody tr');
    expect(presetRows.map((r) => r.attributes('data-model-id'))).toEqual(PRESETS.map((p) => p.id));
    const first = presetRows[0].findAll('td').map((td) => td.text());
    expect(first[0]).toBe('Tiered brackets');
    expect(first[1]).toContain(binance.name);
    expect(first[2]).toBe(binance.source);
    expect(first[3]).toBe('preset (read-only)');
    // Presets can only be copied; saved ones can be edited and deleted.
    expect(presetRows[0].findAll('button').map((b) => b.text())).toEqual(['Copy & edit']);
    const savedRow = w.find('[data-model-id="m-1"]');
    expect(savedRow.findAll('button').map((b) => b.text())).toEqual(['Copy & edit', 'Edit', 'Delete…']);
    expect(savedRow.find('td').text()).toBe('Scenario grid');
  });

  it('copies a tiered preset: derived maintenance amounts, schema messages at the fields, save as new', async () => {
    install();
    const w = await mountView();
    await w.find('[data-model-id="preset:tiered-binance-btcusdt-mark"]').findAll('button')[0].trigger('click');
    expect(w.find('[data-editor] h3').text()).toContain('New configuration');
    expect((field(w, 'name').find('input').element as HTMLInputElement).value).toBe(`${binance.name} (copy)`);
    // Derived cum column of the first table = Binance's published BTCUSDT cum values (leverageBracket).
    const derived = w.find('[data-table="0"]').findAll('[data-derived-amount]').map((td) => td.text());
    expect(derived.slice(0, 4)).toEqual(['0', '50', '950', '11450']);
    expect(w.find('[data-validation]').text()).toBe('Valid against the MarginModelConfig schema.');

    await field(w, 'tables.0.brackets.1.maintenanceMarginRate').find('input').setValue('0.0035');
    expect(issuesOf(w, 'tables.0.brackets.1.maintenanceMarginRate')).toEqual(["must not be lower than the previous bracket's"]);
    // The derived amount follows the edited rate: 50000 × (0.0035 − 0.004) = −25.
    expect(w.find('[data-table="0"]').findAll('[data-derived-amount]')[1].text()).toBe('-25');
    // The published amount 50 no longer matches the rates either.
    expect(issuesOf(w, 'tables.0.brackets.1.maintenanceAmount')).toEqual(['disagrees with the amount derived from the rates, -25']);
    const submit = w.find('[data-editor] button[type="submit"]');
    expect(submit.attributes('disabled')).toBeDefined();
    expect(w.find('[data-validation]').text()).toContain('2 problems to fix before saving');

    // One click publishes the derived amounts; −25 is no valid published amount, and the schema says so.
    const publish = () => w.find('[data-table="0"]').findAll('button').find((b) => b.text() === 'Copy derived amounts into published')!.trigger('click');
    await publish();
    expect((field(w, 'tables.0.brackets.1.maintenanceAmount').find('input').element as HTMLInputElement).value).toBe('-25');
    expect(issuesOf(w, 'tables.0.brackets.1.maintenanceAmount')).toEqual(['must be a decimal string in [0, 1000000000000000]']);
    await field(w, 'tables.0.brackets.1.maintenanceMarginRate').find('input').setValue('0.005');
    // Back to Binance's rate: the published −25 now disagrees (derived 50) until published again.
    expect(issuesOf(w, 'tables.0.brackets.1.maintenanceAmount')).toEqual(['must be a decimal string in [0, 1000000000000000]', 'disagrees with the amount derived from the rates, 50']);
    await publish();
    expect((field(w, 'tables.0.brackets.1.maintenanceAmount').find('input').element as HTMLInputElement).value).toBe('50');
    // Bracket 3 on: 600,000 × (0.0065 − 0.005) + 50 = 950 again, Binance's published value.
    expect((field(w, 'tables.0.brackets.2.maintenanceAmount').find('input').element as HTMLInputElement).value).toBe('950');
    await field(w, 'name').find('input').setValue('Desk tiered');
    expect(submit.attributes('disabled')).toBeUndefined();
    await w.find('[data-editor] form').trigger('submit');
    await flushPromises();
    const call = fake.calls.find((c) => c.channel === 'model:save');
    expect(call?.input.id).toBeUndefined();
    expect((call?.input.config as { name: string }).name).toBe('Desk tiered');
    expect(w.find('[data-saved]').text()).toContain('Saved “Desk tiered” as m-new');
    expect(w.find('[data-model-id="m-new"]').exists()).toBe(true);
    // The editor now overwrites what it saved.
    expect(w.find('[data-editor] h3').text()).toContain('Edit saved configuration');
  });

  it('edits a saved scenario grid: integer fields, scan nodes, extended table, overwrite by id', async () => {
    install();
    const w = await mountView();
    await w.find('[data-model-id="m-1"]').findAll('button')[1].trigger('click');
    expect(w.find('[data-scan-nodes]').text()).toBe('Scan nodes: 0, ±5.00 %, ±10.00 %, ±15.00 %; extreme move ±30.00 %');
    await field(w, 'priceStepsPerSide').find('input').setValue('2.5');
    expect(issuesOf(w, 'priceStepsPerSide')).toEqual(['Invalid input: expected number, received string']);
    await field(w, 'priceStepsPerSide').find('input').setValue('5');
    expect(w.find('[data-scan-nodes]').text()).toContain('±3.00 %, ±6.00 %, ±9.00 %, ±12.00 %, ±15.00 %');
    await w.findAll('button').find((b) => b.text() === 'Add far move')!.trigger('click');
    expect(issuesOf(w, 'extendedTable.0.priceShock')).toContain('must be a decimal number written as a string, e.g. "1234.5"');
    await field(w, 'extendedTable.0.priceShock').find('input').setValue('-0.5');
    await field(w, 'extendedTable.0.coverage').find('input').setValue('0.3');
    await w.find('[data-editor] form').trigger('submit');
    await flushPromises();
    const call = fake.calls.find((c) => c.channel === 'model:save');
    expect(call?.input.id).toBe('m-1');
    expect((call?.input.config as { priceStepsPerSide: number }).priceStepsPerSide).toBe(5);
    expect((call?.input.config as { extendedTable: unknown }).extendedTable).toEqual([{ priceShock: '-0.5', coverage: '0.3' }]);
  });

  it('historical VaR: the anti-procyclicality tool brings its own fields and the schema asks for the stressed dates', async () => {
    install();
    const w = await mountView();
    await w.find('[data-model-id="preset:hsvar-99-2d-1y"]').findAll('button')[0].trigger('click');
    expect((field(w, 'antiProcyclicality.bufferFraction').find('input').element as HTMLInputElement).value).toBe('0.25');
    await w.find('select[aria-label="Anti-procyclicality tool"]').setValue('stressedWeight');
    expect(issuesOf(w, 'antiProcyclicality.stressedFrom')).toContain('must be a date written YYYY-MM-DD');
    await field(w, 'antiProcyclicality.stressedFrom').find('input').setValue('2022-11-10');
    await field(w, 'antiProcyclicality.stressedTo').find('input').setValue('2022-11-01');
    expect(issuesOf(w, 'antiProcyclicality.stressedTo')).toEqual(['must not be before stressedFrom']);
    await field(w, 'antiProcyclicality.stressedTo').find('input').setValue('2022-11-30');
    await field(w, 'confidence').find('input').setValue('1');
    expect(issuesOf(w, 'confidence')).toEqual(['must be a decimal string in [0.5, 1)']);
    await field(w, 'confidence').find('input').setValue('0.975');
    // FHS on: λ defaults to RiskMetrics' 0.94 and is validated in (0, 1).
    await w.find('.var-form fieldset input[type="checkbox"]').setValue(true);
    await field(w, 'filteredHistorical.lambda').find('input').setValue('1');
    expect(issuesOf(w, 'filteredHistorical.lambda')).toEqual(['must be a decimal string in (0, 1)']);
    await field(w, 'filteredHistorical.lambda').find('input').setValue('0.97');
    expect(w.find('[data-validation]').text()).toBe('Valid against the MarginModelConfig schema.');
  });

  it('deletes a saved configuration after an inline confirmation; a server refusal shows in the alert', async () => {
    install({ 'model:save': () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'config.name: Too big' } }) });
    const w = await mountView();
    const row = () => w.find('[data-model-id="m-1"]');
    await row().findAll('button')[2].trigger('click');
    await row().findAll('button').find((b) => b.text().startsWith('Delete “'))!.trigger('click');
    await flushPromises();
    expect(fake.calls.filter((c) => c.channel === 'model:delete').map((c) => c.input)).toEqual([{ id: 'm-1' }]);
    expect(row().exists()).toBe(false);

    await w.find('[data-model-id="preset:parametric-var-99-1d"]').findAll('button')[0].trigger('click');
    await w.find('[data-editor] form').trigger('submit');
    await flushPromises();
    expect(w.find('[role="alert"]').text()).toContain('BAD_INPUT');
    expect(w.find('[role="alert"]').text()).toContain('config.name: Too big');
  });
});
