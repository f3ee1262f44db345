/** Every preset in resources/presets validates against the MarginModelConfig union; bad configs name the field. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { tieredModelFromWire, type TieredModelWire } from '../../../main/core/margin/config';
import { MarginModelConfig, type TieredModelConfig } from '../../../preload/contract/schemas/models';
import { BINANCE_PRESET } from './helpers';

const DIR = join(__dirname, '../../../resources/presets');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

// Compile-time: what the schema accepts is what the core converter takes.
const _wireFromSchema = (c: TieredModelConfig): TieredModelWire => c;
void _wireFromSchema;

function issuePaths(value: unknown): string[] {
  const r = MarginModelConfig.safeParse(value);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('model presets', () => {
  it('cover the six required presets', () => {
    const kinds = files.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { kind: string }).kind);
    expect(kinds.sort()).toEqual(['historicalVar', 'parametricVar', 'scenarioGrid', 'scenarioGrid', 'tiered', 'tiered']);
  });

  for (const file of files) {
    it(`${file} is a valid model config`, () => {
      const json: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
      const parsed = MarginModelConfig.safeParse(json);
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (parsed.data.kind === 'tiered') {
        const model = tieredModelFromWire(parsed.data);
        expect(model.tables.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('model config validation', () => {
  it('refuses unknown fields, wrong kinds and decimals written as numbers, naming the field', () => {
    expect(issuePaths({ ...BINANCE_PRESET, extra: 1 })).toContain('');
    expect(issuePaths({ ...BINANCE_PRESET, kind: 'span' })).toContain('kind');
    const numeric = structuredClone(BINANCE_PRESET) as unknown as { tables: { brackets: { maintenanceMarginRate: unknown }[] }[] };
    numeric.tables[0].brackets[0].maintenanceMarginRate = 0.004;
    expect(issuePaths(numeric)).toContain('tables.0.brackets.0.maintenanceMarginRate');
  });

  it('checks ranges and bracket order', () => {
    const bad = structuredClone(BINANCE_PRESET);
    bad.tables[0].brackets[1].notionalCap = '40000';
    bad.tables[0].brackets[2].maintenanceMarginRate = '0.001';
    bad.collateral.haircuts.BTC = '1.5';
    const paths = issuePaths(bad);
    expect(paths).toContain('tables.0.brackets.1.notionalCap');
    expect(paths).toContain('tables.0.brackets.2.maintenanceMarginRate');
    expect(paths).toContain('collateral.haircuts.BTC');
    expect(issuePaths({ kind: 'historicalVar', name: 'x', confidence: '1', horizonDays: 0, lookbackDays: 10, measure: 'var' }))
      .toEqual(expect.arrayContaining(['confidence', 'horizonDays', 'lookbackDays']));
    expect(issuePaths({
      kind: 'historicalVar', name: 'x', confidence: '0.99', horizonDays: 2, lookbackDays: 365, measure: 'es',
      antiProcyclicality: { tool: 'stressedWeight', stressedWeight: '0.2', stressedFrom: '2022-06-01', stressedTo: '2022-05-01' },
    })).toEqual(expect.arrayContaining(['antiProcyclicality.stressedWeight', 'antiProcyclicality.stressedTo']));
    expect(issuePaths({ kind: 'parametricVar', name: 'x', confidence: '0.99', horizonDays: 1, lambda: '1' })).toEqual(['lambda']);
  });

  it('the core converter re-checks and names the field', () => {
    const wrongCum = structuredClone(BINANCE_PRESET);
    wrongCum.tables[0].brackets[2].maintenanceAmount = '900';
    expect(() => tieredModelFromWire(wrongCum)).toThrow(InputError);
    expect(() => tieredModelFromWire(wrongCum)).toThrow(/tables\[0\]\.brackets\[2\]\.maintenanceAmount: "900" disagrees .* 950/);
    const overLevered = structuredClone(BINANCE_PRESET);
    overLevered.tables[0].brackets[0].initialMarginRate = '0.005';
    expect(() => tieredModelFromWire(overLevered)).toThrow(/tables\[0\]\.brackets\[0\]\.initialMarginRate/);
    const duplicate = structuredClone(BINANCE_PRESET);
    duplicate.tables.push({ ...duplicate.tables[0], name: 'again' });
    expect(() => tieredModelFromWire(duplicate)).toThrow(/tables\[3\]: linear default is already covered by tables\[0\]/);
  });
});
