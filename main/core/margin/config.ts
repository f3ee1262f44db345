/**
 * JSON form of the tiered model (files, IPC, resources/presets) and its conversion to the TieredModel value.
 * The zod schema TieredModelConfig (preload/contract/schemas/models.ts) checks shapes and ranges; this
 * converter re-checks everything the computation relies on, so core never trusts its input, and every
 * error names the offending field path.
 */
import type { Settlement } from '../book/types';
import { InputError } from '../errors';
import { ONE, ZERO, parseDec, type Dec } from '../money/decimal';
import { maintenanceAmounts } from './brackets';
import type { Bracket, BracketTable, CollateralRules, MarginConvention, NotionalUnit, TieredModel } from './types';

export interface BracketWire {
  notionalCap: string;
  maxLeverage: string;
  /** Defaults to 1 / maxLeverage. */
  initialMarginRate?: string;
  maintenanceMarginRate: string;
  /** Optional published maintenance amount: if given it must equal the derived cum(n). */
  maintenanceAmount?: string;
}

export interface BracketTableWire {
  name: string;
  underlyings: string[];
  settlement: Settlement;
  notionalUnit: NotionalUnit;
  brackets: BracketWire[];
}

export interface CollateralRulesWire {
  haircuts: Record<string, string>;
  defaultHaircut?: string;
}

export interface TieredModelWire {
  kind: 'tiered';
  name: string;
  description?: string;
  source?: string;
  convention: MarginConvention;
  tables: BracketTableWire[];
  collateral: CollateralRulesWire;
}

function dec(text: string, path: string): Dec {
  try {
    return parseDec(text, path);
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
}

function fraction(text: string, path: string, opts: { allowZero: boolean; allowOne: boolean }): Dec {
  const v = dec(text, path);
  const low = opts.allowZero ? v.gte(0) : v.gt(0);
  const high = opts.allowOne ? v.lte(1) : v.lt(1);
  if (!low || !high) {
    throw new InputError(`${path}: must be in ${opts.allowZero ? '[0' : '(0'}, 1${opts.allowOne ? ']' : ')'}, got "${text}"`);
  }
  return v;
}

function bracketsFromWire(wire: BracketWire[], path: string): Bracket[] {
  if (wire.length === 0) throw new InputError(`${path}: needs at least one bracket`);
  const partial = wire.map((b, i) => {
    const p = `${path}[${i}]`;
    const cap = dec(b.notionalCap, `${p}.notionalCap`);
    const maxLeverage = dec(b.maxLeverage, `${p}.maxLeverage`);
    if (!maxLeverage.gte(1)) throw new InputError(`${p}.maxLeverage: must be >= 1, got "${b.maxLeverage}"`);
    const minImr = ONE.div(maxLeverage);
    const initialMarginRate = b.initialMarginRate === undefined ? minImr : fraction(b.initialMarginRate, `${p}.initialMarginRate`, { allowZero: false, allowOne: true });
    // Exchanges publish rounded leverages (Bybit 1.75 % IMR shows as 57.14×): allow 0.1 % rounding.
    if (initialMarginRate.mul(maxLeverage).lt('0.999')) {
      throw new InputError(`${p}.initialMarginRate: ${b.initialMarginRate} allows more than maxLeverage ${b.maxLeverage} (needs >= ${minImr.toSignificantDigits(10).toString()})`);
    }
    const maintenanceMarginRate = fraction(b.maintenanceMarginRate, `${p}.maintenanceMarginRate`, { allowZero: false, allowOne: false });
    if (!maintenanceMarginRate.lt(initialMarginRate)) {
      throw new InputError(`${p}.maintenanceMarginRate: must be below the initial margin rate ${initialMarginRate.toString()}, got "${b.maintenanceMarginRate}"`);
    }
    return { cap, maxLeverage, initialMarginRate, maintenanceMarginRate };
  });
  partial.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (i === 0 && !b.cap.gt(0)) throw new InputError(`${p}.notionalCap: must be > 0, got "${wire[i].notionalCap}"`);
    if (i === 0) return;
    const prev = partial[i - 1];
    if (!b.cap.gt(prev.cap)) throw new InputError(`${p}.notionalCap: caps must increase, ${wire[i].notionalCap} <= ${wire[i - 1].notionalCap}`);
    if (b.maintenanceMarginRate.lt(prev.maintenanceMarginRate)) {
      throw new InputError(`${p}.maintenanceMarginRate: rates must not decrease with notional, ${wire[i].maintenanceMarginRate} < ${wire[i - 1].maintenanceMarginRate}`);
    }
    if (b.initialMarginRate.lt(prev.initialMarginRate)) {
      throw new InputError(`${p}: the initial margin rate must not decrease with notional (maxLeverage ${wire[i].maxLeverage} after ${wire[i - 1].maxLeverage})`);
    }
  });
  const floors = partial.map((_, i) => (i === 0 ? ZERO : partial[i - 1].cap));
  const cums = maintenanceAmounts(partial.map((b, i) => ({ floor: floors[i], maintenanceMarginRate: b.maintenanceMarginRate })));
  return partial.map((b, i) => {
    const given = wire[i].maintenanceAmount;
    if (given !== undefined && !dec(given, `${path}[${i}].maintenanceAmount`).eq(cums[i])) {
      throw new InputError(`${path}[${i}].maintenanceAmount: "${given}" disagrees with the amount derived from the rates, ${cums[i].toString()}`);
    }
    return { level: i + 1, floor: floors[i], ...b, maintenanceAmount: cums[i] };
  });
}

function tableFromWire(w: BracketTableWire, path: string): BracketTable {
  if (w.settlement === 'linear' && w.notionalUnit !== 'usd') {
    throw new InputError(`${path}.notionalUnit: a linear table is in usd notional, got "${w.notionalUnit}"`);
  }
  return {
    name: w.name,
    underlyings: [...w.underlyings],
    settlement: w.settlement,
    notionalUnit: w.notionalUnit,
    brackets: bracketsFromWire(w.brackets, `${path}.brackets`),
  };
}

function collateralFromWire(w: CollateralRulesWire, path: string): CollateralRules {
  const haircuts: Record<string, Dec> = {};
  for (const [asset, h] of Object.entries(w.haircuts)) {
    haircuts[asset] = fraction(h, `${path}.haircuts.${asset}`, { allowZero: true, allowOne: true });
  }
  const defaultHaircut = w.defaultHaircut === undefined ? null : fraction(w.defaultHaircut, `${path}.defaultHaircut`, { allowZero: true, allowOne: true });
  return { haircuts, defaultHaircut };
}

export function tieredModelFromWire(w: TieredModelWire): TieredModel {
  if (w.kind !== 'tiered') throw new InputError(`kind: expected "tiered", got "${String(w.kind)}"`);
  if (w.convention !== 'markPrice' && w.convention !== 'entryPrice') {
    throw new InputError(`convention: expected "markPrice" or "entryPrice", got "${String(w.convention)}"`);
  }
  if (w.tables.length === 0) throw new InputError('tables: needs at least one bracket table');
  const tables = w.tables.map((t, i) => tableFromWire(t, `tables[${i}]`));
  // Two tables claiming the same (underlying, settlement), or two defaults, would make the choice ambiguous.
  const claimed = new Map<string, number>();
  tables.forEach((t, i) => {
    const keys = t.underlyings.length === 0 ? [`${t.settlement}:*`] : t.underlyings.map((u) => `${t.settlement}:${u}`);
    for (const key of keys) {
      const other = claimed.get(key);
      if (other !== undefined) throw new InputError(`tables[${i}]: ${key.replace(':', ' ').replace('*', 'default')} is already covered by tables[${other}] ("${tables[other].name}")`);
      claimed.set(key, i);
    }
  });
  return { kind: 'tiered', name: w.name, convention: w.convention, tables, collateral: collateralFromWire(w.collateral, 'collateral') };
}
