/**
 * The tiered model compiled against a compiled book (main/core/book/compile.ts): bracket tables flattened
 * into float64 arrays, the table of each instrument and the haircut of each asset resolved to indices once,
 * so the whole-book loop (tieredBook.ts) does no lookups.
 *
 * Layout: tables t = 0..T−1 with brackets tableStart[t] ≤ j < tableStart[t+1]; per bracket floor, cap,
 * initialMarginRate, maintenanceMarginRate, maintenanceAmount, level; per table coinNotional (1 for a
 * `coin` table); per instrument tableOf (−1 for options, which this model does not margin); per asset
 * haircut (NaN when the model has none for it; a non-zero balance in such an asset is refused here).
 */
import { InputError } from '../errors';
import { KIND_OPTION, type CompiledBook } from '../book/compile';
import { tableFor } from './brackets';
import type { TieredModel } from './types';

export interface CompiledTieredModel {
  name: string;
  markConvention: boolean;
  tableNames: string[];
  tableStart: Int32Array;
  coinNotional: Uint8Array;
  level: Int32Array;
  floor: Float64Array;
  cap: Float64Array;
  initialMarginRate: Float64Array;
  maintenanceMarginRate: Float64Array;
  maintenanceAmount: Float64Array;
  tableOf: Int32Array;
  haircut: Float64Array;
  /** 1 for assets whose price the model reads (underlyings of margined positions, held collateral). */
  pricedAsset: Uint8Array;
}

export function compileTieredModel(model: TieredModel, book: CompiledBook): CompiledTieredModel {
  const T = model.tables.length;
  const total = model.tables.reduce((s, t) => s + t.brackets.length, 0);
  const out: CompiledTieredModel = {
    name: model.name,
    markConvention: model.convention === 'markPrice',
    tableNames: model.tables.map((t) => t.name),
    tableStart: new Int32Array(T + 1),
    coinNotional: new Uint8Array(T),
    level: new Int32Array(total),
    floor: new Float64Array(total),
    cap: new Float64Array(total),
    initialMarginRate: new Float64Array(total),
    maintenanceMarginRate: new Float64Array(total),
    maintenanceAmount: new Float64Array(total),
    tableOf: new Int32Array(book.instruments.count).fill(-1),
    haircut: new Float64Array(book.assets.length).fill(NaN),
    pricedAsset: new Uint8Array(book.assets.length),
  };
  let j = 0;
  model.tables.forEach((t, k) => {
    out.tableStart[k] = j;
    out.coinNotional[k] = t.notionalUnit === 'coin' ? 1 : 0;
    for (const b of t.brackets) {
      out.level[j] = b.level;
      out.floor[j] = b.floor.toNumber();
      out.cap[j] = b.cap.toNumber();
      out.initialMarginRate[j] = b.initialMarginRate.toNumber();
      out.maintenanceMarginRate[j] = b.maintenanceMarginRate.toNumber();
      out.maintenanceAmount[j] = b.maintenanceAmount.toNumber();
      j++;
    }
  });
  out.tableStart[T] = j;

  const used = new Uint8Array(book.instruments.count);
  for (let p = 0; p < book.positions.count; p++) used[book.positions.instrument[p]] = 1;
  const { instruments } = book;
  for (let i = 0; i < instruments.count; i++) {
    if (instruments.kind[i] === KIND_OPTION || !used[i]) continue;
    const underlying = book.assets[instruments.underlying[i]];
    const table = tableFor(model, underlying, instruments.settlement[i] === 0 ? 'linear' : 'inverse');
    out.tableOf[i] = model.tables.indexOf(table);
    out.pricedAsset[instruments.underlying[i]] = 1;
  }

  const A = book.assets.length;
  book.assets.forEach((asset, a) => {
    const h = model.collateral.haircuts[asset] ?? model.collateral.defaultHaircut;
    if (h !== null) out.haircut[a] = h.toNumber();
  });
  for (let k = 0; k < book.accounts.count; k++) {
    for (let a = 0; a < A; a++) {
      if (book.accounts.collateral[k * A + a] === 0) continue;
      out.pricedAsset[a] = 1;
      if (Number.isNaN(out.haircut[a])) {
        throw new InputError(`collateral: no haircut for ${book.assets[a]} (held by account ${book.accounts.ids[k]}) and the model has no defaultHaircut`);
      }
    }
  }
  return out;
}
