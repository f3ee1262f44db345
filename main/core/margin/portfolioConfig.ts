/**
 * The three portfolio margin models (scenario grid, historical-simulation VaR/ES, parametric delta-normal
 * VaR) as values, and their conversion from the JSON form (files, IPC, resources/presets) that the zod
 * schemas ScenarioGridModelConfig / HistoricalVarModelConfig / ParametricVarModelConfig
 * (preload/contract/schemas/models.ts) validate. As in config.ts, the converter re-checks everything the
 * computation relies on and names the offending field. Money-like terms (fractions that multiply money)
 * stay Dec; statistical parameters (confidence, λ, shocks) are numbers (design.md).
 */
import { InputError } from '../errors';
import { parseDec, type Dec } from '../money/decimal';
import type { CollateralRulesWire } from './config';
import type { CollateralRules } from './types';

export interface ExtendedScenarioWire { priceShock: string; coverage: string }

export interface ScenarioGridModelWire {
  kind: 'scenarioGrid';
  name: string;
  description?: string;
  source?: string;
  priceRange: string;
  priceStepsPerSide: number;
  volUpPoints: string;
  volDownPoints: string;
  volScalingPower?: string;
  extremeMultiple: string;
  extremeCoverage: string;
  shortOptionContingencyFraction: string;
  offsettingFuturesContingencyFraction: string;
  shortOptionMinimumFraction: string;
  initialMarginFactor: string;
  extendedTable?: ExtendedScenarioWire[];
  volUnchanged?: boolean;
  collateral?: CollateralRulesWire;
}

export type AntiProcyclicalityWire =
  | { tool: 'buffer'; bufferFraction: string }
  | { tool: 'stressedWeight'; stressedWeight: string; stressedFrom: string; stressedTo: string }
  | { tool: 'tenYearFloor' };

export interface HistoricalVarModelWire {
  kind: 'historicalVar';
  name: string;
  description?: string;
  source?: string;
  confidence: string;
  horizonDays: number;
  lookbackDays: number;
  measure: 'var' | 'es';
  filteredHistorical?: { lambda: string };
  antiProcyclicality?: AntiProcyclicalityWire;
  collateral?: CollateralRulesWire;
}

export interface ParametricVarModelWire {
  kind: 'parametricVar';
  name: string;
  description?: string;
  source?: string;
  confidence: string;
  horizonDays: number;
  lambda: string;
  collateral?: CollateralRulesWire;
}

export interface ScenarioGridModel {
  kind: 'scenarioGrid';
  name: string;
  /** R, relative (0.16 = ±16 %). */
  priceRange: number;
  /** N: nodes R·k/N, k = 1..N, on each side of zero. */
  priceStepsPerSide: number;
  /** Vol shifts in vol points (1 point = 0.01 of annualised vol). */
  volUpPoints: number;
  volDownPoints: number;
  /** p of (30 / DTE)^p; null = shifts not scaled. */
  volScalingPower: number | null;
  volUnchanged: boolean;
  extremeMultiple: number;
  extremeCoverage: number;
  extendedTable: { priceShock: number; coverage: number }[];
  shortOptionContingencyFraction: Dec;
  offsettingFuturesContingencyFraction: Dec;
  shortOptionMinimumFraction: Dec;
  initialMarginFactor: Dec;
  collateral: CollateralRules;
}

export type AntiProcyclicality =
  | { tool: 'buffer'; bufferFraction: Dec }
  | { tool: 'stressedWeight'; stressedWeight: Dec; stressedFrom: string; stressedTo: string }
  | { tool: 'tenYearFloor' };

export interface HistoricalVarModel {
  kind: 'historicalVar';
  name: string;
  confidence: number;
  horizonDays: number;
  /** L: number of overlapping h-day returns in the window. */
  lookbackDays: number;
  measure: 'var' | 'es';
  /** EWMA λ of filtered HS; null = plain HS. */
  filterLambda: number | null;
  antiProcyclicality: AntiProcyclicality | null;
  collateral: CollateralRules;
}

export interface ParametricVarModel {
  kind: 'parametricVar';
  name: string;
  confidence: number;
  horizonDays: number;
  lambda: number;
  collateral: CollateralRules;
}

function dec(text: string, path: string): Dec {
  try {
    return parseDec(text, path);
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
}

/** A decimal in [min, max] (open ends where asked), as Dec. */
function decIn(text: string, path: string, min: number, max: number, open: { min?: boolean; max?: boolean } = {}): Dec {
  const v = dec(text, path);
  const okMin = open.min ? v.gt(min) : v.gte(min);
  const okMax = open.max ? v.lt(max) : v.lte(max);
  if (!okMin || !okMax) throw new InputError(`${path}: must be in ${open.min ? '(' : '['}${min}, ${max}${open.max ? ')' : ']'}, got "${text}"`);
  return v;
}

const num = (text: string, path: string, min: number, max: number, open: { min?: boolean; max?: boolean } = {}): number =>
  decIn(text, path, min, max, open).toNumber();

function integerIn(value: number, path: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`${path}: must be an integer in [${min}, ${max}], got ${String(value)}`);
  return value;
}

function requireKind(kind: unknown, expected: string): void {
  if (kind !== expected) throw new InputError(`kind: expected "${expected}", got "${String(kind)}"`);
}

/**
 * Haircut table in the tiered model's form (collateral.ts reads it). Absent = every asset at haircut 0
 * (the portfolio models measure coin collateral's price risk in their scenarios instead).
 */
export function collateralRulesFromWire(w: CollateralRulesWire | undefined, path = 'collateral'): CollateralRules {
  if (w === undefined) return { haircuts: {}, defaultHaircut: dec('0', path) };
  const haircuts: Record<string, Dec> = {};
  for (const [asset, h] of Object.entries(w.haircuts)) haircuts[asset] = decIn(h, `${path}.haircuts.${asset}`, 0, 1);
  const defaultHaircut = w.defaultHaircut === undefined ? null : decIn(w.defaultHaircut, `${path}.defaultHaircut`, 0, 1);
  return { haircuts, defaultHaircut };
}

export function scenarioGridModelFromWire(w: ScenarioGridModelWire): ScenarioGridModel {
  requireKind(w.kind, 'scenarioGrid');
  const extendedTable = (w.extendedTable ?? []).map((e, i) => ({
    priceShock: num(e.priceShock, `extendedTable[${i}].priceShock`, -1, 100, { min: true }),
    coverage: num(e.coverage, `extendedTable[${i}].coverage`, 0, 1, { min: true }),
  }));
  if (w.volUnchanged !== undefined && typeof w.volUnchanged !== 'boolean') throw new InputError(`volUnchanged: must be true or false, got ${String(w.volUnchanged)}`);
  const priceRange = num(w.priceRange, 'priceRange', 0, 1, { min: true, max: true });
  const extremeMultiple = num(w.extremeMultiple, 'extremeMultiple', 1, 20);
  const extremeCoverage = num(w.extremeCoverage, 'extremeCoverage', 0, 1);
  // The extreme down move must leave a positive price: S (1 − multiple × R) > 0.
  if (extremeCoverage > 0 && !(extremeMultiple * priceRange < 1)) {
    throw new InputError(`extremeMultiple: ${w.extremeMultiple} × priceRange ${w.priceRange} moves the price down by 100 % or more`);
  }
  return {
    kind: 'scenarioGrid',
    name: w.name,
    priceRange,
    priceStepsPerSide: integerIn(w.priceStepsPerSide, 'priceStepsPerSide', 1, 50),
    volUpPoints: num(w.volUpPoints, 'volUpPoints', 0, 500),
    volDownPoints: num(w.volDownPoints, 'volDownPoints', 0, 500),
    volScalingPower: w.volScalingPower === undefined ? null : num(w.volScalingPower, 'volScalingPower', 0, 2),
    volUnchanged: w.volUnchanged ?? false,
    extremeMultiple,
    extremeCoverage,
    extendedTable,
    shortOptionContingencyFraction: decIn(w.shortOptionContingencyFraction, 'shortOptionContingencyFraction', 0, 1),
    offsettingFuturesContingencyFraction: decIn(w.offsettingFuturesContingencyFraction, 'offsettingFuturesContingencyFraction', 0, 1),
    shortOptionMinimumFraction: decIn(w.shortOptionMinimumFraction, 'shortOptionMinimumFraction', 0, 1),
    initialMarginFactor: decIn(w.initialMarginFactor, 'initialMarginFactor', 1, 10),
    collateral: collateralRulesFromWire(w.collateral),
  };
}

function isoDate(text: string, path: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!ok) throw new InputError(`${path}: "${text}" is not a date written YYYY-MM-DD`);
  return text;
}

function apcFromWire(w: AntiProcyclicalityWire | undefined): AntiProcyclicality | null {
  if (w === undefined) return null;
  const path = 'antiProcyclicality';
  switch (w.tool) {
    case 'buffer':
      return { tool: 'buffer', bufferFraction: decIn(w.bufferFraction, `${path}.bufferFraction`, 0.25, 1) };
    case 'stressedWeight': {
      const from = isoDate(w.stressedFrom, `${path}.stressedFrom`);
      const to = isoDate(w.stressedTo, `${path}.stressedTo`);
      if (to < from) throw new InputError(`${path}.stressedTo: ${to} is before stressedFrom ${from}`);
      return { tool: 'stressedWeight', stressedWeight: decIn(w.stressedWeight, `${path}.stressedWeight`, 0.25, 1), stressedFrom: from, stressedTo: to };
    }
    case 'tenYearFloor':
      return { tool: 'tenYearFloor' };
    default:
      throw new InputError(`${path}.tool: expected "buffer", "stressedWeight" or "tenYearFloor", got "${String((w as { tool: unknown }).tool)}"`);
  }
}

export function historicalVarModelFromWire(w: HistoricalVarModelWire): HistoricalVarModel {
  requireKind(w.kind, 'historicalVar');
  if (w.measure !== 'var' && w.measure !== 'es') throw new InputError(`measure: expected "var" or "es", got "${String(w.measure)}"`);
  return {
    kind: 'historicalVar',
    name: w.name,
    confidence: num(w.confidence, 'confidence', 0.5, 1, { max: true }),
    horizonDays: integerIn(w.horizonDays, 'horizonDays', 1, 60),
    lookbackDays: integerIn(w.lookbackDays, 'lookbackDays', 30, 7300),
    measure: w.measure,
    filterLambda: w.filteredHistorical === undefined ? null : num(w.filteredHistorical.lambda, 'filteredHistorical.lambda', 0, 1, { min: true, max: true }),
    antiProcyclicality: apcFromWire(w.antiProcyclicality),
    collateral: collateralRulesFromWire(w.collateral),
  };
}

export function parametricVarModelFromWire(w: ParametricVarModelWire): ParametricVarModel {
  requireKind(w.kind, 'parametricVar');
  return {
    kind: 'parametricVar',
    name: w.name,
    confidence: num(w.confidence, 'confidence', 0.5, 1, { max: true }),
    horizonDays: integerIn(w.horizonDays, 'horizonDays', 1, 60),
    lambda: num(w.lambda, 'lambda', 0, 1, { min: true, max: true }),
    collateral: collateralRulesFromWire(w.collateral),
  };
}
