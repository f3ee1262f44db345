/**
 * Calibrated values in the shapes of the margin-model configurations of
 * preload/contract/schemas/models.ts (`historicalVar`, `parametricVar`, `scenarioGrid`,
 * anti-procyclicality). main/core may not import the contract, so the shapes are restated here as
 * plain interfaces; decimals are strings as the schemas require. IPC validates them on the way in.
 */
import { InputError } from '../errors';
import { TEN_YEARS_DAYS } from './apc';
import type { ApcSettings } from './apc';
import type { SweepParameterSet } from './sweep';
import type { MarginMeasure } from './var';

export type AntiProcyclicalityValue =
  | { tool: 'buffer'; bufferFraction: string }
  | { tool: 'stressedWeight'; stressedWeight: string; stressedFrom: string; stressedTo: string }
  | { tool: 'tenYearFloor' };

export interface HistoricalVarConfigValue {
  kind: 'historicalVar';
  name: string;
  source?: string;
  confidence: string;
  horizonDays: number;
  lookbackDays: number;
  measure: MarginMeasure;
  filteredHistorical?: { lambda: string };
  antiProcyclicality?: AntiProcyclicalityValue;
}

export interface ParametricVarConfigValue {
  kind: 'parametricVar';
  name: string;
  source?: string;
  confidence: string;
  horizonDays: number;
  lambda: string;
}

/** The contract's AntiProcyclicality (one tool) → the engine's settings. */
export function apcSettingsFromConfig(config: AntiProcyclicalityValue | undefined): ApcSettings {
  if (!config) return {};
  switch (config.tool) {
    case 'buffer':
      return { bufferFraction: Number(config.bufferFraction) };
    case 'stressedWeight':
      return { stressedWeight: Number(config.stressedWeight), stressedFrom: config.stressedFrom, stressedTo: config.stressedTo };
    case 'tenYearFloor':
      return { floorLookbackDays: TEN_YEARS_DAYS };
    default:
      throw new InputError(`unknown anti-procyclicality tool ${String((config as { tool: unknown }).tool)}`);
  }
}

/**
 * Engine settings → the contract's single-tool form. The contract holds one tool and needs a fixed
 * stressed period for the stressed weight; anything else is refused by name.
 */
export function apcConfigFromSettings(s: ApcSettings, stressedPeriod?: { from: string; to: string }): AntiProcyclicalityValue | undefined {
  const tools = [s.bufferFraction ? 'buffer' : '', s.stressedWeight ? 'stressedWeight' : '', s.floorLookbackDays !== undefined ? 'tenYearFloor' : ''].filter(Boolean);
  if (tools.length === 0) return undefined;
  if (tools.length > 1) throw new InputError(`a model configuration holds one anti-procyclicality tool, got ${tools.join(' + ')}`);
  if (s.bufferFraction) return { tool: 'buffer', bufferFraction: String(s.bufferFraction) };
  if (s.stressedWeight) {
    const from = s.stressedFrom ?? stressedPeriod?.from;
    const to = s.stressedTo ?? stressedPeriod?.to;
    if (!from || !to) throw new InputError('the stressedWeight tool needs a stressed period (stressedFrom, stressedTo)');
    return { tool: 'stressedWeight', stressedWeight: String(s.stressedWeight), stressedFrom: from, stressedTo: to };
  }
  if (s.floorLookbackDays !== TEN_YEARS_DAYS) throw new InputError(`the tenYearFloor tool is a ${TEN_YEARS_DAYS}-day floor, got ${s.floorLookbackDays}`);
  return { tool: 'tenYearFloor' };
}

/** A chosen sweep set as a margin-model configuration (historicalVar for hs/fhs, parametricVar). */
export function modelConfigFromSweepSet(
  set: SweepParameterSet,
  name: string,
  apc: ApcSettings,
  options: { measure?: MarginMeasure; source?: string; stressedPeriod?: { from: string; to: string } } = {},
): HistoricalVarConfigValue | ParametricVarConfigValue {
  if (!name.trim()) throw new InputError('model name is empty');
  const confidence = String(set.confidence);
  if (set.method === 'parametric') {
    if (Object.keys(apc).length) throw new InputError('parametricVar configurations carry no anti-procyclicality tool');
    return { kind: 'parametricVar', name, source: options.source, confidence, horizonDays: set.horizonDays, lambda: String(set.ewmaLambda) };
  }
  if (!(Number.isInteger(set.windowDays) && set.windowDays >= 30 && set.windowDays <= 7300)) {
    throw new InputError(`historicalVar lookbackDays must be an integer in [30, 7300], got ${set.windowDays}`);
  }
  const config: HistoricalVarConfigValue = {
    kind: 'historicalVar',
    name,
    source: options.source,
    confidence,
    horizonDays: set.horizonDays,
    lookbackDays: set.windowDays,
    measure: options.measure ?? 'var',
  };
  if (set.method === 'fhs') config.filteredHistorical = { lambda: String(set.ewmaLambda) };
  const tool = apcConfigFromSettings(apc, options.stressedPeriod);
  if (tool) config.antiProcyclicality = tool;
  if (config.source === undefined) delete config.source;
  return config;
}

/** The policy fields of a scenarioGrid configuration that calibration does not estimate. */
export interface ScenarioGridPolicy {
  name: string;
  description?: string;
  priceStepsPerSide: number;
  volScalingPower?: string;
  extremeMultiple: string;
  extremeCoverage: string;
  shortOptionContingencyFraction: string;
  offsettingFuturesContingencyFraction: string;
  shortOptionMinimumFraction: string;
  initialMarginFactor: string;
  extendedTable?: { priceShock: string; coverage: string }[];
}

export interface ScenarioGridConfigValue extends ScenarioGridPolicy {
  kind: 'scenarioGrid';
  source: string;
  priceRange: string;
  volUpPoints: string;
  volDownPoints: string;
}

/** Calibrated scan range and vol shifts (decimal strings) + policy → a scenarioGrid configuration. */
export function scenarioGridConfig(
  calibrated: { priceRangeDecimal: string; volUpPointsDecimal: string; volDownPointsDecimal: string; source: string },
  policy: ScenarioGridPolicy,
): ScenarioGridConfigValue {
  const r = Number(calibrated.priceRangeDecimal);
  if (!(r > 0 && r < 1)) throw new InputError(`priceRange must lie in (0, 1), got ${calibrated.priceRangeDecimal}`);
  for (const [k, v] of [['volUpPoints', calibrated.volUpPointsDecimal], ['volDownPoints', calibrated.volDownPointsDecimal]] as const) {
    if (!(Number(v) >= 0 && Number(v) <= 500)) throw new InputError(`${k} must lie in [0, 500] vol points, got ${v}`);
  }
  return {
    kind: 'scenarioGrid',
    ...policy,
    source: calibrated.source,
    priceRange: calibrated.priceRangeDecimal,
    volUpPoints: calibrated.volUpPointsDecimal,
    volDownPoints: calibrated.volDownPointsDecimal,
  };
}
