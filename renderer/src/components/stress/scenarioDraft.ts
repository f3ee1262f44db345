/**
 * The scenario builder's draft: a per-asset shock table (plus an "all assets" row), the correlation
 * editor and any shocks kept as written, translated to a scenario file (docs/formats scenarios) and
 * back. Each generated shock remembers the table cell it came from, so a schema issue at
 * `shocks.3.shockPct` is shown next to that cell.
 *
 * Order matters only among price-like shocks (price and de-peg: relative shocks compound, a level or a
 * de-peg is measured from the price before it — core/stress/priceShocks.ts); every other shock adds
 * up or multiplies and commutes. So a loaded scenario fills the table only when, for every asset, its
 * price-like shocks come out of the table in the same order; otherwise they are all kept as written.
 */
import { correlationDraftOf, correlationFieldOf, correlationShockOfDraft, defaultCorrelationDraft, type CorrelationDraft } from './correlationDraft';
import { addIssue, numberField, type FieldIssues, type ScenarioWire, type ShockWire } from './draftTypes';

export type PriceMode = 'relative' | 'absolute' | 'level';

/** One table row; every field as typed, empty = no shock of that kind. */
export interface ShockRow {
  priceMode: PriceMode;
  /** % for relative, USD for absolute (added) and level (the new price). */
  price: string;
  volPoints: string;
  futureBasisBp: string;
  perpetualBasisBp: string;
  /** Funding rate per period as a fraction ("0.0001" = 0.01 %) and the number of periods. */
  fundingRate: string;
  fundingPeriods: string;
  markDeviationPct: string;
  /** Per asset only (the schema has no "all" form for these two). */
  haircutAddOn: string;
  depegPriceUsd: string;
  depthMultiplier: string;
}

export type Column = keyof Omit<ShockRow, 'priceMode'>;
/** Columns the "all assets" row has (shocks with an `assets: "all"` form). */
export const ALL_ROW_COLUMNS: readonly Column[] = [
  'price', 'volPoints', 'futureBasisBp', 'perpetualBasisBp', 'fundingRate', 'fundingPeriods', 'markDeviationPct', 'depthMultiplier',
];

export interface ScenarioDraft {
  name: string;
  description: string;
  source: string;
  /** The "all assets" row (relative price only) and the assets it leaves out. */
  all: ShockRow;
  except: string[];
  rows: Record<string, ShockRow>;
  correlation: CorrelationDraft;
  /** Shocks the table cannot hold, kept exactly as written (appended after the table's). */
  kept: ShockWire[];
}

/** Assets named like dollar stablecoins start outside the "all assets" row (a −30 % move is not a de-peg). */
export const STABLECOIN_SYMBOLS: readonly string[] = ['USDT', 'USDC', 'DAI', 'BUSD', 'TUSD', 'FDUSD', 'USDE', 'PYUSD', 'USDP'];

export function emptyRow(): ShockRow {
  return {
    priceMode: 'relative', price: '', volPoints: '', futureBasisBp: '', perpetualBasisBp: '', fundingRate: '', fundingPeriods: '',
    markDeviationPct: '', haircutAddOn: '', depegPriceUsd: '', depthMultiplier: '',
  };
}

export function defaultScenarioDraft(assets: readonly string[]): ScenarioDraft {
  return {
    name: '', description: '', source: '', all: emptyRow(), except: assets.filter((a) => STABLECOIN_SYMBOLS.includes(a)),
    rows: Object.fromEntries(assets.map((a) => [a, emptyRow()])), correlation: defaultCorrelationDraft(), kept: [],
  };
}

export interface BuiltScenario {
  /** The scenario as JSON (not yet schema-checked). */
  scenario: ScenarioWire;
  /** Field key of each shock, by index. */
  fields: string[];
  /** Text that is not a number, by field key (the scenario is not sent while there are any). */
  issues: FieldIssues;
}

const ALL = 'all';

/** The shocks of one row ("all" or an asset), each with its field key, in the row's fixed order. */
function rowShocks(row: ShockRow, who: string, except: string[], issues: FieldIssues): [ShockWire, string][] {
  const out: [ShockWire, string][] = [];
  const key = (c: string) => `${who}.${c}`;
  const target = who === ALL ? { assets: 'all' as const, ...(except.length ? { except: [...except] } : {}) } : { assets: [who] };
  const price = row.price.trim();
  if (price !== '') {
    if (who === ALL || row.priceMode === 'relative') {
      const shockPct = numberField(price, key('price'), issues);
      if (shockPct !== undefined) out.push([{ type: 'price', shift: 'relative', ...target, shockPct }, key('price')]);
    } else if (row.priceMode === 'absolute') out.push([{ type: 'price', shift: 'absolute', asset: who, changeUsd: price }, key('price')]);
    else out.push([{ type: 'price', shift: 'level', asset: who, newPriceUsd: price }, key('price')]);
  }
  const volPoints = numberField(row.volPoints, key('volPoints'), issues);
  if (volPoints !== undefined) out.push([{ type: 'vol', ...target, volPoints }, key('volPoints')]);
  for (const [instrument, column] of [['future', 'futureBasisBp'], ['perpetual', 'perpetualBasisBp']] as const) {
    const bp = numberField(row[column], key(column), issues);
    if (bp !== undefined) out.push([{ type: 'basis', instrument, ...target, basisShockBp: bp }, key(column)]);
  }
  const rate = row.fundingRate.trim();
  const periods = numberField(row.fundingPeriods, key('fundingPeriods'), issues, rate !== '');
  if (rate === '' && periods !== undefined) addIssue(issues, key('fundingRate'), 'is required with periods');
  if (rate !== '' && periods !== undefined) out.push([{ type: 'funding', ...target, ratePerPeriod: rate, periods }, key('fundingRate')]);
  const deviationPct = numberField(row.markDeviationPct, key('markDeviationPct'), issues);
  if (deviationPct !== undefined) out.push([{ type: 'markDeviation', ...target, deviationPct }, key('markDeviationPct')]);
  if (who !== ALL && row.haircutAddOn.trim() !== '') out.push([{ type: 'haircut', asset: who, haircutAddOn: row.haircutAddOn.trim() }, key('haircutAddOn')]);
  if (who !== ALL && row.depegPriceUsd.trim() !== '') out.push([{ type: 'depeg', asset: who, priceUsd: row.depegPriceUsd.trim() }, key('depegPriceUsd')]);
  const depthMultiplier = numberField(row.depthMultiplier, key('depthMultiplier'), issues);
  if (depthMultiplier !== undefined) out.push([{ type: 'liquidity', ...target, depthMultiplier }, key('depthMultiplier')]);
  return out;
}

/** The draft as a scenario file: the "all" row, the asset rows in table order, the correlation shock, then the kept shocks. */
export function scenarioOfDraft(d: ScenarioDraft): BuiltScenario {
  const issues: FieldIssues = {};
  const pairs: [ShockWire, string][] = [...rowShocks(d.all, ALL, d.except, issues)];
  for (const [asset, row] of Object.entries(d.rows)) pairs.push(...rowShocks(row, asset, [], issues));
  const corr = correlationShockOfDraft(d.correlation, issues);
  if (corr) pairs.push([corr, 'corr']);
  d.kept.forEach((s, i) => pairs.push([s, `kept.${i}`]));
  const scenario: ScenarioWire = {
    schemaVersion: 1,
    name: d.name.trim(),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    ...(d.source.trim() ? { source: d.source.trim() } : {}),
    shocks: pairs.map(([s]) => s),
  };
  return { scenario, fields: pairs.map(([, f]) => f), issues };
}

/**
 * Issues of a schema check or of scenario:validate (paths like "shocks.3.shockPct", "name") by field
 * key. A path may carry the payload's own prefix ("scenario.shocks.3") which is dropped.
 */
export function issuesByField(list: readonly { path: readonly (string | number)[] | string; message: string }[], fields: readonly string[]): FieldIssues {
  const out: FieldIssues = {};
  for (const { path, message } of list) {
    let parts = typeof path === 'string' ? (path === '' ? [] : path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))) : [...path];
    if (parts[0] === 'scenario') parts = parts.slice(1);
    let key = parts.length === 0 ? 'scenario' : String(parts[0]);
    if (parts[0] === 'shocks' && typeof parts[1] === 'number') {
      const field = fields[parts[1]];
      key = field === undefined ? 'shocks' : field === 'corr' ? correlationFieldOf(parts.slice(2)) : field;
    } else if (parts[0] === 'shocks') key = 'shocks';
    addIssue(out, key, message);
  }
  return out;
}

// ---------------------------------------------------------------- loading a scenario into the table

/** What a shock does to each asset's price, for comparing the order of price-like shocks. */
function priceTouches(s: ShockWire, assets: readonly string[]): [string, string][] {
  if (s.type === 'depeg') return [[s.asset, `depeg ${s.priceUsd}`]];
  if (s.type !== 'price') return [];
  if (s.shift === 'absolute') return [[s.asset, `absolute ${s.changeUsd}`]];
  if (s.shift === 'level') return [[s.asset, `level ${s.newPriceUsd}`]];
  const named = s.assets === 'all' ? assets.filter((a) => !(s.except ?? []).includes(a)) : s.assets;
  return named.map((a) => [a, `relative ${s.shockPct}`]);
}

function priceSequences(shocks: readonly ShockWire[], assets: readonly string[]): string {
  const seq: Record<string, string[]> = {};
  for (const s of shocks) for (const [a, what] of priceTouches(s, assets)) (seq[a] ??= []).push(what);
  return JSON.stringify(Object.keys(seq).sort().map((a) => [a, seq[a]]));
}

const isPriceLike = (s: ShockWire) => s.type === 'price' || s.type === 'depeg';

/** Puts one shock in its cell when it fits (the cell is empty and the shock has a table form); false otherwise. */
function place(d: ScenarioDraft, s: ShockWire, assets: readonly string[], allSet: { except: boolean }): boolean {
  const rowOf = (who: string): ShockRow | undefined => (who === ALL ? d.all : d.rows[who]);
  /** The rows a targeted shock fills, or null when it names an asset outside the table or another "except". */
  const targets = (t: { assets: string[] | 'all'; except?: string[] }): string[] | null => {
    if (t.assets !== 'all') return t.assets.every((a) => assets.includes(a)) ? t.assets : null;
    const sorted = (x: readonly string[]) => JSON.stringify([...x].sort());
    return allSet.except && sorted(t.except ?? []) !== sorted(d.except) ? null : [ALL];
  };
  /** Fills `columns` of the target rows with `values` if every one of those cells is empty. */
  const fill = (t: { assets: string[] | 'all'; except?: string[] } | string, columns: Column[], values: string[], mode?: PriceMode): boolean => {
    const who = typeof t === 'string' ? (assets.includes(t) ? [t] : null) : targets(t);
    if (!who || who.some((w) => columns.some((c) => rowOf(w)?.[c] !== ''))) return false;
    for (const w of who) {
      const row = rowOf(w)!;
      columns.forEach((c, i) => (row[c] = values[i]));
      if (mode) row.priceMode = mode;
    }
    if (typeof t !== 'string' && t.assets === 'all') {
      d.except = [...(t.except ?? [])];
      allSet.except = true;
    }
    return true;
  };
  switch (s.type) {
    case 'price':
      if (s.shift === 'relative') return fill(s, ['price'], [String(s.shockPct)], 'relative');
      return s.shift === 'absolute' ? fill(s.asset, ['price'], [s.changeUsd], 'absolute') : fill(s.asset, ['price'], [s.newPriceUsd], 'level');
    case 'vol':
      return s.termScalingPower === undefined && fill(s, ['volPoints'], [String(s.volPoints)]);
    case 'basis':
      return s.basisShockBp !== undefined && fill(s, [s.instrument === 'future' ? 'futureBasisBp' : 'perpetualBasisBp'], [String(s.basisShockBp)]);
    case 'funding':
      return fill(s, ['fundingRate', 'fundingPeriods'], [s.ratePerPeriod, String(s.periods)]);
    case 'markDeviation':
      return fill(s, ['markDeviationPct'], [String(s.deviationPct)]);
    case 'haircut':
      return fill(s.asset, ['haircutAddOn'], [s.haircutAddOn]);
    case 'depeg':
      return fill(s.asset, ['depegPriceUsd'], [s.priceUsd]);
    case 'liquidity':
      return fill(s, ['depthMultiplier'], [String(s.depthMultiplier)]);
    default:
      return false;
  }
}

/**
 * A stored or replayed scenario as a draft over `assets` (the table's rows). Shocks the table cannot
 * hold are kept as written; if the table would change the order of some asset's price-like shocks,
 * all price-like shocks are kept as written instead (so the scenario's result never changes).
 */
export function draftOfScenario(scenario: ScenarioWire, assets: readonly string[]): { draft: ScenarioDraft; keptPriceOrder: boolean } {
  const attempt = (keepPrices: boolean): ScenarioDraft => {
    const d = defaultScenarioDraft(assets);
    d.except = [];
    d.name = scenario.name;
    d.description = scenario.description ?? '';
    d.source = scenario.source ?? '';
    const allSet = { except: false };
    let corrPlaced = false;
    for (const s of scenario.shocks) {
      if (s.type === 'correlation' && !corrPlaced) {
        d.correlation = correlationDraftOf(s);
        corrPlaced = true;
      } else if ((keepPrices && isPriceLike(s)) || s.type === 'correlation' || !place(d, s, assets, allSet)) d.kept.push(s);
    }
    if (!allSet.except) d.except = assets.filter((a) => STABLECOIN_SYMBOLS.includes(a));
    return d;
  };
  const universe = [...new Set([...assets, ...scenario.shocks.flatMap((s) => ('asset' in s ? [s.asset] : []))])];
  const draft = attempt(false);
  const same = priceSequences(scenarioOfDraft(draft).scenario.shocks, universe) === priceSequences(scenario.shocks, universe);
  return same ? { draft, keptPriceOrder: false } : { draft: attempt(true), keptPriceOrder: true };
}

/** A short description of a kept shock for the list under the table. */
export function describeShock(s: ShockWire): string {
  const target = (t: { assets: string[] | 'all'; except?: string[] }) =>
    t.assets === 'all' ? `all${t.except?.length ? ` except ${t.except.join(', ')}` : ''}` : t.assets.join(', ');
  switch (s.type) {
    case 'price':
      if (s.shift === 'relative') return `price ${target(s)} ${s.shockPct} %`;
      return s.shift === 'absolute' ? `price ${s.asset} ${s.changeUsd} USD` : `price ${s.asset} to ${s.newPriceUsd} USD`;
    case 'vol': return `vol ${target(s)} ${s.volPoints} pts${s.termScalingPower === undefined ? '' : ` × (30/DTE)^${s.termScalingPower}`}`;
    case 'basis': return `${s.instrument} basis ${target(s)} ${s.basisShockBp !== undefined ? `${s.basisShockBp} bp` : `${s.basisShockPct} %`}`;
    case 'funding': return `funding ${target(s)} ${s.ratePerPeriod} × ${s.periods}`;
    case 'markDeviation': return `mark deviation ${target(s)} ${s.deviationPct} %`;
    case 'haircut': return `haircut ${s.asset} +${s.haircutAddOn}`;
    case 'depeg': return `de-peg ${s.asset} to ${s.priceUsd} USD`;
    case 'liquidity': return `depth ${target(s)} × ${s.depthMultiplier}`;
    default: return `correlation (${s.operations.length} operations on a ${s.base.estimator} base)`;
  }
}
