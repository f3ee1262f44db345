/**
 * The presets of the three portfolio kinds validate against the contract's zod union, convert to model values
 * and margin an account through the dispatcher; the schema fields added for these kinds (volUnchanged,
 * collateral) are checked, and the zod-inferred config types are assignable to the core's wire types.
 */
import { describe, expect, it } from 'vitest';
import { marginModelFromWire } from '../../../main/core/margin/modelDispatch';
import type { HistoricalVarModelWire, ParametricVarModelWire, ScenarioGridModelWire } from '../../../main/core/margin/portfolioConfig';
import { scenarioGridScenarios } from '../../../main/core/margin/scenarioGridScenarios';
import {
  MarginModelConfig, type HistoricalVarModelConfig, type ParametricVarModelConfig, type ScenarioGridModelConfig,
} from '../../../preload/contract/schemas/models';
import { DERIBIT_PRESET, HS_PRESET, PARAMETRIC_PRESET, SPAN_PRESET } from './portfolioFixtures';

// Compile-time: what the schema accepts is what the core converters take.
const _grid = (c: ScenarioGridModelConfig): ScenarioGridModelWire => c;
const _hs = (c: HistoricalVarModelConfig): HistoricalVarModelWire => c;
const _parametric = (c: ParametricVarModelConfig): ParametricVarModelWire => c;
void _grid; void _hs; void _parametric;

function issuePaths(value: unknown): string[] {
  const r = MarginModelConfig.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('portfolio presets', () => {
  it.each([['SPAN 16', SPAN_PRESET], ['Deribit PM', DERIBIT_PRESET], ['HS VaR', HS_PRESET], ['parametric', PARAMETRIC_PRESET]] as const)('%s validates and converts', (_n, preset) => {
    expect(issuePaths(preset)).toEqual([]);
    const model = marginModelFromWire(preset);
    expect(model.kind).toBe(preset.kind);
    expect(model.name).toBe(preset.name);
  });

  it('read as documented: SPAN R 15 % with 2 × 35 % extremes and IM 1.1 × MM; HS 99 % 2 d 365 d with a 25 % buffer', () => {
    const span = marginModelFromWire(SPAN_PRESET);
    if (span.kind !== 'scenarioGrid') throw new Error('kind');
    expect([span.priceRange, span.priceStepsPerSide, span.extremeMultiple, span.extremeCoverage]).toEqual([0.15, 3, 2, 0.35]);
    expect(span.initialMarginFactor.toString()).toBe('1.1');
    expect(scenarioGridScenarios(span)).toHaveLength(16);
    const hs = marginModelFromWire(HS_PRESET);
    if (hs.kind !== 'historicalVar') throw new Error('kind');
    expect([hs.confidence, hs.horizonDays, hs.lookbackDays, hs.measure, hs.filterLambda]).toEqual([0.99, 2, 365, 'var', null]);
    expect(hs.antiProcyclicality).toEqual({ tool: 'buffer', bufferFraction: expect.anything() });
    const deribit = marginModelFromWire(DERIBIT_PRESET);
    if (deribit.kind !== 'scenarioGrid') throw new Error('kind');
    expect([deribit.volUpPoints, deribit.volDownPoints, deribit.volScalingPower, deribit.extremeCoverage]).toEqual([38, 30, 0.3, 0]);
  });

  it('the schema takes volUnchanged and collateral haircuts for these kinds, naming bad fields', () => {
    expect(issuePaths({ ...DERIBIT_PRESET, volUnchanged: true, collateral: { haircuts: { BTC: '0.05' }, defaultHaircut: '0' } })).toEqual([]);
    expect(issuePaths({ ...DERIBIT_PRESET, volUnchanged: 'yes' })).toContain('volUnchanged');
    expect(issuePaths({ ...HS_PRESET, collateral: { haircuts: { BTC: '1.5' } } })).toContain('collateral.haircuts.BTC');
    expect(issuePaths({ ...PARAMETRIC_PRESET, collateral: { haircuts: {}, extra: 1 } })).toContain('collateral');
  });

  it('the core converters re-check what they rely on', () => {
    expect(() => marginModelFromWire({ ...HS_PRESET, lookbackDays: 10 })).toThrow(/lookbackDays/);
    expect(() => marginModelFromWire({ ...PARAMETRIC_PRESET, lambda: '1' })).toThrow(/lambda/);
    expect(() => marginModelFromWire({ ...SPAN_PRESET, collateral: { haircuts: { BTC: '-0.1' } } })).toThrow(/collateral.haircuts.BTC/);
    expect(() => marginModelFromWire({ ...SPAN_PRESET, kind: 'span' } as unknown as ScenarioGridModelWire)).toThrow(/kind/);
  });
});
