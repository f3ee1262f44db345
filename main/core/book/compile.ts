/**
 * The compiled book: a Book + MarketSnapshot flattened into typed arrays so whole-book rules (tiered margin,
 * scenario grids, HS VaR, Monte Carlo) run as tight loops over 10⁴–10⁵ accounts without touching Dec or
 * objects. This is the settlement → analytics boundary: every Dec becomes a float64 here, once.
 *
 * Layout (docs/methodology margin-tiered, "Compiled book"):
 *   assets       string[A]   every underlying and collateral asset, underlyings first (book order), then
 *                            the remaining collateral assets in order of first appearance
 *   instruments  SoA of length I, in book order
 *     kind Uint8 (KIND_*), underlying Int32 (asset index), settlement Uint8 (SETTLEMENT_*),
 *     contractSizeUsd F64 (0 for linear), strike F64 (NaN unless option), daysToExpiry F64 (calendar days
 *     from the snapshot date to expiry; NaN for perpetuals), optionType Int8 (+1 call, −1 put, 0 none)
 *   positions    SoA of length P, grouped by account (CSR): account Int32, instrument Int32, quantity F64
 *                (signed, book units), entryPrice F64, isolatedMargin F64 (NaN if absent), leverage F64 (NaN)
 *   accounts     ids string[N], marginMode Uint8 (MODE_*), positionStart Int32[N+1] (positions of account k
 *                are positionStart[k] ≤ p < positionStart[k+1]), collateral F64[N × A] row-major
 *                (collateral[k*A + a] = balance of asset a)
 *   market       spot F64[A] and vol F64[A] from the snapshot (NaN where the snapshot has none), rate
 * A model compiles its own per-instrument / per-asset parameters against these indices (e.g. tieredBook.ts);
 * a scenario passes its own spot vector of length A instead of `spot`.
 */
import { InputError } from '../errors';
import type { MarketSnapshot } from '../market/types';
import type { Book } from './types';

export const KIND_PERPETUAL = 0;
export const KIND_FUTURE = 1;
export const KIND_OPTION = 2;
export const SETTLEMENT_LINEAR = 0;
export const SETTLEMENT_INVERSE = 1;
export const MODE_CROSS = 0;
export const MODE_ISOLATED = 1;

export interface CompiledInstruments {
  count: number;
  ids: string[];
  kind: Uint8Array;
  underlying: Int32Array;
  settlement: Uint8Array;
  contractSizeUsd: Float64Array;
  strike: Float64Array;
  daysToExpiry: Float64Array;
  optionType: Int8Array;
}

export interface CompiledPositions {
  count: number;
  account: Int32Array;
  instrument: Int32Array;
  quantity: Float64Array;
  entryPrice: Float64Array;
  isolatedMargin: Float64Array;
  leverage: Float64Array;
}

export interface CompiledAccounts {
  count: number;
  ids: string[];
  marginMode: Uint8Array;
  positionStart: Int32Array;
  collateral: Float64Array;
}

export interface CompiledBook {
  bookId: string;
  date: string;
  assets: string[];
  instruments: CompiledInstruments;
  positions: CompiledPositions;
  accounts: CompiledAccounts;
  spot: Float64Array;
  vol: Float64Array;
  rate: number;
}

const DAY_MS = 86_400_000;

function daysBetween(fromDate: string, toDate: string, where: string): number {
  const a = Date.parse(`${fromDate}T00:00:00Z`);
  const b = Date.parse(`${toDate}T00:00:00Z`);
  if (!Number.isFinite(a)) throw new InputError(`market snapshot date: "${fromDate}" is not a date`);
  if (!Number.isFinite(b)) throw new InputError(`${where}: "${toDate}" is not a date`);
  return Math.round((b - a) / DAY_MS);
}

function finite(value: number, where: string): number {
  if (!Number.isFinite(value)) throw new InputError(`${where}: ${value} is not a finite number`);
  return value;
}

export function compileBook(book: Book, market: MarketSnapshot): CompiledBook {
  const assetIndex = new Map<string, number>();
  const assets: string[] = [];
  const addAsset = (a: string): number => {
    let k = assetIndex.get(a);
    if (k === undefined) {
      k = assets.length;
      assets.push(a);
      assetIndex.set(a, k);
    }
    return k;
  };
  for (const i of book.instruments) addAsset(i.underlying);
  for (const a of book.accounts) for (const c of a.collateral) addAsset(c.asset);

  const I = book.instruments.length;
  const instruments: CompiledInstruments = {
    count: I,
    ids: book.instruments.map((i) => i.id),
    kind: new Uint8Array(I),
    underlying: new Int32Array(I),
    settlement: new Uint8Array(I),
    contractSizeUsd: new Float64Array(I),
    strike: new Float64Array(I).fill(NaN),
    daysToExpiry: new Float64Array(I).fill(NaN),
    optionType: new Int8Array(I),
  };
  const instrumentIndex = new Map<string, number>();
  book.instruments.forEach((spec, k) => {
    const where = `instrument ${spec.id}`;
    if (instrumentIndex.has(spec.id)) throw new InputError(`${where}: duplicate instrument id`);
    instrumentIndex.set(spec.id, k);
    instruments.kind[k] = spec.kind === 'perpetual' ? KIND_PERPETUAL : spec.kind === 'future' ? KIND_FUTURE : KIND_OPTION;
    instruments.underlying[k] = assetIndex.get(spec.underlying)!;
    instruments.settlement[k] = spec.settlement === 'linear' ? SETTLEMENT_LINEAR : SETTLEMENT_INVERSE;
    if (spec.settlement === 'inverse' && spec.kind !== 'option') {
      if (!spec.contractSizeUsd || !spec.contractSizeUsd.gt(0)) throw new InputError(`${where}: an inverse contract needs contractSizeUsd > 0`);
    }
    instruments.contractSizeUsd[k] = spec.contractSizeUsd ? finite(spec.contractSizeUsd.toNumber(), `${where}.contractSizeUsd`) : 0;
    if (spec.kind !== 'perpetual') instruments.daysToExpiry[k] = daysBetween(market.date, spec.expiry, `${where}.expiry`);
    if (spec.kind === 'option') {
      instruments.strike[k] = finite(spec.strike.toNumber(), `${where}.strike`);
      instruments.optionType[k] = spec.optionType === 'call' ? 1 : -1;
    }
  });

  const N = book.accounts.length;
  const A = assets.length;
  const P = book.accounts.reduce((s, a) => s + a.positions.length, 0);
  const positions: CompiledPositions = {
    count: P,
    account: new Int32Array(P),
    instrument: new Int32Array(P),
    quantity: new Float64Array(P),
    entryPrice: new Float64Array(P),
    isolatedMargin: new Float64Array(P).fill(NaN),
    leverage: new Float64Array(P).fill(NaN),
  };
  const accounts: CompiledAccounts = {
    count: N,
    ids: book.accounts.map((a) => a.id),
    marginMode: new Uint8Array(N),
    positionStart: new Int32Array(N + 1),
    collateral: new Float64Array(N * A),
  };
  let p = 0;
  book.accounts.forEach((account, k) => {
    accounts.marginMode[k] = account.marginMode === 'cross' ? MODE_CROSS : MODE_ISOLATED;
    accounts.positionStart[k] = p;
    for (const c of account.collateral) {
      const cell = k * A + assetIndex.get(c.asset)!;
      accounts.collateral[cell] += finite(c.balance.toNumber(), `account ${account.id} collateral ${c.asset}`);
    }
    account.positions.forEach((pos, j) => {
      const where = `account ${account.id} positions[${j}]`;
      const inst = instrumentIndex.get(pos.instrumentId);
      if (inst === undefined) throw new InputError(`${where}.instrumentId: unknown instrument "${pos.instrumentId}"`);
      positions.account[p] = k;
      positions.instrument[p] = inst;
      positions.quantity[p] = finite(pos.quantity.toNumber(), `${where}.quantity`);
      positions.entryPrice[p] = finite(pos.entryPrice.toNumber(), `${where}.entryPrice`);
      if (pos.isolatedMargin !== undefined) positions.isolatedMargin[p] = finite(pos.isolatedMargin.toNumber(), `${where}.isolatedMargin`);
      if (pos.leverage !== undefined) positions.leverage[p] = finite(pos.leverage.toNumber(), `${where}.leverage`);
      p++;
    });
  });
  accounts.positionStart[N] = p;

  const spot = new Float64Array(A).fill(NaN);
  const vol = new Float64Array(A).fill(NaN);
  assets.forEach((a, k) => {
    if (market.spot[a] !== undefined) spot[k] = market.spot[a];
    if (market.vol[a] !== undefined) vol[k] = market.vol[a];
  });
  return { bookId: book.id, date: market.date, assets, instruments, positions, accounts, spot, vol, rate: market.rate };
}
