import { Dec } from '../money/decimal';
import type { Account, Book, InstrumentSpec, Position } from './types';

/**
 * The JSON form of a book (files, IPC, worker messages): every decimal is a string. Validated by the
 * BookFile schema in preload/contract/schemas/books.ts before `bookFromWire` is called.
 */
export interface InstrumentWire {
  id: string;
  kind: InstrumentSpec['kind'];
  underlying: string;
  settlement: InstrumentSpec['settlement'];
  contractSizeUsd?: string;
  expiry?: string;
  strike?: string;
  optionType?: 'call' | 'put';
}

export interface PositionWire {
  instrumentId: string;
  quantity: string;
  entryPrice: string;
  isolatedMargin?: string;
  leverage?: string;
}

export interface AccountWire {
  id: string;
  marginMode: Account['marginMode'];
  collateral: { asset: string; balance: string }[];
  positions: PositionWire[];
}

export interface BookWire {
  id?: string;
  name: string;
  synthetic?: boolean;
  instruments: InstrumentWire[];
  accounts: AccountWire[];
}

export function instrumentToWire(i: InstrumentSpec): InstrumentWire {
  const w: InstrumentWire = { id: i.id, kind: i.kind, underlying: i.underlying, settlement: i.settlement };
  if (i.contractSizeUsd) w.contractSizeUsd = i.contractSizeUsd.toString();
  if (i.kind !== 'perpetual') w.expiry = i.expiry;
  if (i.kind === 'option') {
    w.strike = i.strike.toString();
    w.optionType = i.optionType;
  }
  return w;
}

export function instrumentFromWire(w: InstrumentWire): InstrumentSpec {
  const base = { id: w.id, underlying: w.underlying, settlement: w.settlement, ...(w.contractSizeUsd !== undefined ? { contractSizeUsd: new Dec(w.contractSizeUsd) } : {}) };
  if (w.kind === 'perpetual') return { ...base, kind: 'perpetual' };
  if (w.kind === 'future') return { ...base, kind: 'future', expiry: w.expiry! };
  return { ...base, kind: 'option', expiry: w.expiry!, strike: new Dec(w.strike!), optionType: w.optionType! };
}

function positionToWire(p: Position): PositionWire {
  const w: PositionWire = { instrumentId: p.instrumentId, quantity: p.quantity.toString(), entryPrice: p.entryPrice.toString() };
  if (p.isolatedMargin) w.isolatedMargin = p.isolatedMargin.toString();
  if (p.leverage) w.leverage = p.leverage.toString();
  return w;
}

function positionFromWire(w: PositionWire): Position {
  const p: Position = { instrumentId: w.instrumentId, quantity: new Dec(w.quantity), entryPrice: new Dec(w.entryPrice) };
  if (w.isolatedMargin !== undefined) p.isolatedMargin = new Dec(w.isolatedMargin);
  if (w.leverage !== undefined) p.leverage = new Dec(w.leverage);
  return p;
}

export function bookToWire(book: Book): Required<Pick<BookWire, 'id' | 'synthetic'>> & BookWire {
  return {
    id: book.id,
    name: book.name,
    synthetic: book.synthetic,
    instruments: book.instruments.map(instrumentToWire),
    accounts: book.accounts.map((a) => ({
      id: a.id,
      marginMode: a.marginMode,
      collateral: a.collateral.map((c) => ({ asset: c.asset, balance: c.balance.toString() })),
      positions: a.positions.map(positionToWire),
    })),
  };
}

export function bookFromWire(w: BookWire, id: string): Book {
  return {
    id: w.id ?? id,
    name: w.name,
    synthetic: w.synthetic ?? false,
    instruments: w.instruments.map(instrumentFromWire),
    accounts: w.accounts.map((a) => ({
      id: a.id,
      marginMode: a.marginMode,
      collateral: a.collateral.map((c) => ({ asset: c.asset, balance: new Dec(c.balance) })),
      positions: a.positions.map(positionFromWire),
    })),
  };
}
