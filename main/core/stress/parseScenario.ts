/**
 * ScenarioWire (JSON) → Scenario (value). The zod schema ScenarioFile in
 * preload/contract/schemas/scenarios.ts checks the same shapes and ranges at the boundary; core
 * re-checks everything it relies on, so a scenario from any path (file, store, CLI) fails with an
 * InputError naming the field path (`shocks[2].shockPct`) and the rule it broke.
 */
import { InputError } from '../errors';
import { parseIsoDay } from '../market/calendar';
import { requireCorrelationShape, squareMatrixFromRows } from '../market/ncm';
import { parseDec } from '../money/decimal';
import type {
  AssetTarget, CorrelationBase, CorrelationOperation, Scenario, Shock,
} from './scenario';

type Obj = Record<string, unknown>;

const ASSET = /^[A-Z0-9]{1,20}$/;

/**
 * A value for a message that never throws: JSON for JSON values (cut at 80 characters), `NaN` or
 * `Infinity` as such (JSON would say null), and the type for what JSON cannot write (bigint, a cycle).
 */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return `a ${typeof value} JSON cannot write`;
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function fail(path: string, rule: string): never {
  throw new InputError(`${path}: ${rule}`);
}

export function requireObject(value: unknown, path: string, allowed: readonly string[]): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(`${path}.${key}`, 'is not a known field');
  return value as Obj;
}

export function requireString(value: unknown, path: string, maxLength = 4000): string {
  if (typeof value !== 'string') fail(path, `must be a string, got ${shown(value)}`);
  if (value.length > maxLength) fail(path, `must be at most ${maxLength} characters`);
  return value;
}

export function requireAsset(value: unknown, path: string): string {
  const s = requireString(value, path, 20);
  if (!ASSET.test(s)) fail(path, `must be an upper-case asset symbol such as BTC, got "${s}"`);
  return s;
}

export function requireDay(value: unknown, path: string): string {
  const s = requireString(value, path, 10);
  if (parseIsoDay(s) === undefined) fail(path, `"${s}" is not a calendar day (YYYY-MM-DD)`);
  return s;
}

/** A finite JSON number in [min, max] (open ends when asked). */
function number(value: unknown, path: string, min: number, max: number, open: { min?: boolean; max?: boolean } = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be a finite number, got ${shown(value)}`);
  if ((open.min ? !(value > min) : !(value >= min)) || (open.max ? !(value < max) : !(value <= max))) {
    fail(path, `must be in ${open.min ? '(' : '['}${min}, ${max}${open.max ? ')' : ']'}, got ${value}`);
  }
  return value;
}

/** A decimal string (money-like input) in [min, max], returned as a float64 for analytics. */
function decimal(value: unknown, path: string, min: number, max: number, open: { min?: boolean } = {}): number {
  const text = requireString(value, path, 64);
  let v: number;
  try {
    v = parseDec(text, path).toNumber();
  } catch (e) {
    fail(path, `must be a decimal number written as a string, e.g. "0.95" (${e instanceof Error ? e.message : String(e)})`);
  }
  if ((open.min ? !(v > min) : !(v >= min)) || !(v <= max)) fail(path, `must be in ${open.min ? '(' : '['}${min}, ${max}], got "${text}"`);
  return v;
}

function assetList(value: unknown, path: string, min = 1): string[] {
  if (!Array.isArray(value)) fail(path, 'must be a list of asset symbols');
  if (value.length < min) fail(path, `needs at least ${min} asset(s)`);
  const out = value.map((a, i) => requireAsset(a, `${path}[${i}]`));
  const seen = new Set<string>();
  out.forEach((a, i) => {
    if (seen.has(a)) fail(`${path}[${i}]`, `${a} is listed twice`);
    seen.add(a);
  });
  return out;
}

function target(o: Obj, path: string): AssetTarget {
  if (o.assets === 'all') return { kind: 'all', except: o.except === undefined ? [] : assetList(o.except, `${path}.except`, 0) };
  if (o.except !== undefined) fail(`${path}.except`, 'is only allowed with assets: "all"');
  return { kind: 'assets', assets: assetList(o.assets, `${path}.assets`) };
}

function pair(value: unknown, path: string): [string, string] {
  if (!Array.isArray(value) || value.length !== 2) fail(path, 'must be a pair of two asset symbols');
  const a = requireAsset(value[0], `${path}[0]`);
  const b = requireAsset(value[1], `${path}[1]`);
  if (a === b) fail(path, `a pair needs two different assets, got ${a} twice`);
  return [a, b];
}

function weight(value: unknown, path: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  return number(value, path, 0, 1);
}

function operation(value: unknown, path: string): CorrelationOperation {
  const kind = requireObject(value, path, ['op', 'toward', 'weight', 'assets', 'pairs', 'target']).op;
  if (kind === 'blend') {
    const o = requireObject(value, path, ['op', 'toward', 'weight', 'assets']);
    if (o.toward !== 'ones' && o.toward !== 'zero') fail(`${path}.toward`, `must be "ones" or "zero", got ${shown(o.toward)}`);
    return { op: 'blend', toward: o.toward, weight: weight(o.weight, `${path}.weight`), assets: o.assets === undefined ? null : assetList(o.assets, `${path}.assets`, 2) };
  }
  if (kind === 'flipSign' || kind === 'override') {
    const o = requireObject(value, path, ['op', 'pairs', 'weight']);
    if (!Array.isArray(o.pairs) || o.pairs.length === 0) fail(`${path}.pairs`, 'needs at least one pair');
    const w = weight(o.weight, `${path}.weight`, 1);
    if (kind === 'flipSign') return { op: 'flipSign', pairs: o.pairs.map((p, i) => pair(p, `${path}.pairs[${i}]`)), weight: w };
    const pairs = o.pairs.map((p, i) => {
      const q = requireObject(p, `${path}.pairs[${i}]`, ['assets', 'correlation']);
      return { assets: pair(q.assets, `${path}.pairs[${i}].assets`), correlation: number(q.correlation, `${path}.pairs[${i}].correlation`, -1, 1) };
    });
    return { op: 'override', pairs, weight: w };
  }
  if (kind === 'blendTarget') {
    const o = requireObject(value, path, ['op', 'target', 'weight']);
    const t = requireObject(o.target, `${path}.target`, ['assets', 'matrix']);
    const assets = assetList(t.assets, `${path}.target.assets`, 2);
    if (!Array.isArray(t.matrix) || !t.matrix.every((row) => Array.isArray(row))) fail(`${path}.target.matrix`, 'must be a list of rows');
    const rows = (t.matrix as unknown[][]).map((row, i) => row.map((x, j) => number(x, `${path}.target.matrix[${i}][${j}]`, -1, 1)));
    const { matrix, n } = squareMatrixFromRows(rows, `${path}.target.matrix`);
    if (n !== assets.length) fail(`${path}.target.matrix`, `is ${n}×${n} but target.assets lists ${assets.length} assets`);
    return { op: 'blendTarget', target: { assets, matrix: requireCorrelationShape(matrix, n, 1e-12, `${path}.target.matrix`) }, weight: weight(o.weight, `${path}.weight`) };
  }
  return fail(`${path}.op`, `must be one of blend, flipSign, override, blendTarget; got ${shown(kind)}`);
}

function correlationBase(value: unknown, path: string): CorrelationBase {
  const o = requireObject(value, path, ['estimator', 'lambda', 'window']);
  if (o.estimator !== 'sample' && o.estimator !== 'ewma') fail(`${path}.estimator`, `must be "sample" or "ewma", got ${shown(o.estimator)}`);
  if (o.estimator === 'sample' && o.lambda !== undefined) fail(`${path}.lambda`, 'is only used by the ewma estimator');
  const lambda = o.lambda === undefined ? 0.94 : number(o.lambda, `${path}.lambda`, 0, 1, { min: true, max: true });
  let window: CorrelationBase['window'] = null;
  if (o.window !== undefined) {
    const w = requireObject(o.window, `${path}.window`, ['from', 'to']);
    window = { from: requireDay(w.from, `${path}.window.from`), to: requireDay(w.to, `${path}.window.to`) };
    if (window.from > window.to) fail(`${path}.window.to`, `${window.to} is before window.from ${window.from}`);
  }
  return { estimator: o.estimator, lambda, window };
}

const TARGET_FIELDS = ['type', 'assets', 'except'];

function shock(value: unknown, path: string): Shock {
  const type = requireObject(value, path, [
    'type', 'shift', 'assets', 'except', 'asset', 'shockPct', 'changeUsd', 'newPriceUsd', 'volPoints', 'termScalingPower',
    'instrument', 'basisShockPct', 'basisShockBp', 'ratePerPeriod', 'periods', 'deviationPct', 'haircutAddOn', 'priceUsd',
    'depthMultiplier', 'base', 'operations',
  ]).type;
  switch (type) {
    case 'price': {
      const shift = (value as Obj).shift;
      if (shift === 'relative') {
        const o = requireObject(value, path, [...TARGET_FIELDS, 'shift', 'shockPct']);
        return { type, shift, target: target(o, path), shockPct: number(o.shockPct, `${path}.shockPct`, -100, 1000, { min: true }) };
      }
      if (shift === 'absolute') {
        const o = requireObject(value, path, ['type', 'shift', 'asset', 'changeUsd']);
        return { type, shift, asset: requireAsset(o.asset, `${path}.asset`), changeUsd: decimal(o.changeUsd, `${path}.changeUsd`, -1e15, 1e15) };
      }
      if (shift === 'level') {
        const o = requireObject(value, path, ['type', 'shift', 'asset', 'newPriceUsd']);
        return { type, shift, asset: requireAsset(o.asset, `${path}.asset`), newPriceUsd: decimal(o.newPriceUsd, `${path}.newPriceUsd`, 0, 1e15, { min: true }) };
      }
      return fail(`${path}.shift`, `must be "relative", "absolute" or "level", got ${shown(shift)}`);
    }
    case 'vol': {
      const o = requireObject(value, path, [...TARGET_FIELDS, 'volPoints', 'termScalingPower']);
      return {
        type, target: target(o, path), volPoints: number(o.volPoints, `${path}.volPoints`, -500, 500),
        termScalingPower: o.termScalingPower === undefined ? null : number(o.termScalingPower, `${path}.termScalingPower`, 0, 2),
      };
    }
    case 'basis': {
      const o = requireObject(value, path, [...TARGET_FIELDS, 'instrument', 'basisShockPct', 'basisShockBp']);
      if (o.instrument !== 'future' && o.instrument !== 'perpetual') fail(`${path}.instrument`, `must be "future" or "perpetual", got ${shown(o.instrument)}`);
      if ((o.basisShockPct === undefined) === (o.basisShockBp === undefined)) fail(path, 'needs exactly one of basisShockPct, basisShockBp');
      const pct = o.basisShockPct !== undefined
        ? number(o.basisShockPct, `${path}.basisShockPct`, -100, 100)
        : number(o.basisShockBp, `${path}.basisShockBp`, -10000, 10000) / 100;
      return { type, instrument: o.instrument, target: target(o, path), basisShockPct: pct };
    }
    case 'funding': {
      const o = requireObject(value, path, [...TARGET_FIELDS, 'ratePerPeriod', 'periods']);
      const periods = number(o.periods, `${path}.periods`, 1, 100000);
      if (!Number.isInteger(periods)) fail(`${path}.periods`, `must be a whole number of funding periods, got ${periods}`);
      return { type, target: target(o, path), ratePerPeriod: decimal(o.ratePerPeriod, `${path}.ratePerPeriod`, -1, 1), periods };
    }
    case 'markDeviation': {
      const o = requireObject(value, path, [...TARGET_FIELDS, 'deviationPct']);
      return { type, target: target(o, path), deviationPct: number(o.deviationPct, `${path}.deviationPct`, -100, 100, { min: true }) };
    }
    case 'haircut': {
      const o = requireObject(value, path, ['type', 'asset', 'haircutAddOn']);
      return { type, asset: requireAsset(o.asset, `${path}.asset`), haircutAddOn: decimal(o.haircutAddOn, `${path}.haircutAddOn`, 0, 1) };
    }
    case 'depeg': {
      const o = requireObject(value, path, ['type', 'asset', 'priceUsd']);
      return { type, asset: requireAsset(o.asset, `${path}.asset`), priceUsd: decimal(o.priceUsd, `${path}.priceUsd`, 0, 10, { min: true }) };
    }
    case 'liquidity': {
      const o = requireObject(value, path, [...TARGET_FIELDS, 'depthMultiplier']);
      return { type, target: target(o, path), depthMultiplier: number(o.depthMultiplier, `${path}.depthMultiplier`, 0, 100, { min: true }) };
    }
    case 'correlation': {
      const o = requireObject(value, path, ['type', 'base', 'operations']);
      if (!Array.isArray(o.operations) || o.operations.length === 0) fail(`${path}.operations`, 'needs at least one operation');
      if (o.operations.length > 1000) fail(`${path}.operations`, 'at most 1000 operations');
      return { type, base: correlationBase(o.base, `${path}.base`), operations: o.operations.map((op, i) => operation(op, `${path}.operations[${i}]`)) };
    }
    default:
      return fail(`${path}.type`, `must be one of price, vol, basis, funding, markDeviation, haircut, depeg, liquidity, correlation; got ${shown(type)}`);
  }
}

function sameBase(a: CorrelationBase, b: CorrelationBase): boolean {
  return a.estimator === b.estimator && a.lambda === b.lambda && a.window?.from === b.window?.from && a.window?.to === b.window?.to;
}

/** The one correlation base of a scenario's correlation shocks (they must agree), or null. */
export function scenarioCorrelationBase(shocks: readonly Shock[], path = 'shocks'): CorrelationBase | null {
  let first: { base: CorrelationBase; index: number } | null = null;
  shocks.forEach((s, i) => {
    if (s.type !== 'correlation') return;
    if (first === null) first = { base: s.base, index: i };
    else if (!sameBase(first.base, s.base)) fail(`${path}[${i}].base`, `differs from ${path}[${first.index}].base: a scenario has one correlation base`);
  });
  return first === null ? null : (first as { base: CorrelationBase }).base;
}

/** Validate and convert a scenario in its JSON form. */
export function parseScenario(wire: unknown): Scenario {
  const o = requireObject(wire, 'scenario', ['schemaVersion', 'name', 'description', 'source', 'shocks']);
  if (o.schemaVersion !== 1) fail('scenario.schemaVersion', `must be 1, got ${shown(o.schemaVersion)}`);
  const name = requireString(o.name, 'scenario.name', 200).trim();
  if (name.length === 0) fail('scenario.name', 'must not be empty');
  if (!Array.isArray(o.shocks) || o.shocks.length === 0) fail('scenario.shocks', 'needs at least one shock');
  if (o.shocks.length > 1000) fail('scenario.shocks', 'at most 1000 shocks');
  const shocks = o.shocks.map((s, i) => shock(s, `shocks[${i}]`));
  scenarioCorrelationBase(shocks);
  return {
    name,
    description: o.description === undefined ? '' : requireString(o.description, 'scenario.description'),
    source: o.source === undefined ? '' : requireString(o.source, 'scenario.source'),
    shocks,
  };
}

/**
 * One scenario made of several, shocks concatenated in order (so the second scenario's relative
 * price shocks compound on the first's). Correlation shocks must share one base.
 */
export function composeScenarios(name: string, parts: readonly Scenario[]): Scenario {
  if (parts.length === 0) throw new InputError('composeScenarios: no scenarios given');
  if (name.trim().length === 0) throw new InputError('composeScenarios: name must not be empty');
  const shocks = parts.flatMap((p) => p.shocks);
  scenarioCorrelationBase(shocks, 'composed shocks');
  return {
    name: name.trim(),
    description: `Composed of: ${parts.map((p) => p.name).join(' + ')}`,
    source: parts.map((p) => p.source).filter((s) => s.length > 0).join('; '),
    shocks,
  };
}
