import type Database from 'better-sqlite3';
import type { Account, Book, InstrumentSpec, Position } from '../core/book/types';
import { Dec } from '../core/money/decimal';

export interface BookSummary {
  id: string;
  name: string;
  synthetic: boolean;
  contentHash: string;
  source: string;
  createdAt: string;
  accounts: number;
  positions: number;
  instruments: number;
}

interface InstrumentRow {
  id: string; kind: InstrumentSpec['kind']; underlying: string; settlement: 'linear' | 'inverse';
  contract_size_usd: string | null; expiry: string | null; strike: string | null; option_type: 'call' | 'put' | null;
}

function toInstrument(r: InstrumentRow): InstrumentSpec {
  const base = {
    id: r.id, underlying: r.underlying, settlement: r.settlement,
    ...(r.contract_size_usd !== null ? { contractSizeUsd: new Dec(r.contract_size_usd) } : {}),
  };
  if (r.kind === 'perpetual') return { ...base, kind: 'perpetual' };
  if (r.kind === 'future') return { ...base, kind: 'future', expiry: r.expiry! };
  return { ...base, kind: 'option', expiry: r.expiry!, strike: new Dec(r.strike!), optionType: r.option_type! };
}

/** Books of accounts: instruments, accounts, positions and collateral balances (decimals as TEXT). */
export function booksRepo(db: Database.Database) {
  const summarySql = `SELECT b.*,
      (SELECT COUNT(*) FROM accounts a WHERE a.book_id = b.id) AS n_accounts,
      (SELECT COUNT(*) FROM positions p WHERE p.book_id = b.id) AS n_positions,
      (SELECT COUNT(*) FROM instruments i WHERE i.book_id = b.id) AS n_instruments
    FROM books b`;
  type SummaryRow = { id: string; name: string; synthetic: number; content_hash: string; source: string; created_at: string;
    n_accounts: number; n_positions: number; n_instruments: number };
  const toSummary = (r: SummaryRow): BookSummary => ({
    id: r.id, name: r.name, synthetic: r.synthetic === 1, contentHash: r.content_hash, source: r.source,
    createdAt: r.created_at, accounts: r.n_accounts, positions: r.n_positions, instruments: r.n_instruments,
  });

  return {
    list(): BookSummary[] {
      return (db.prepare(`${summarySql} ORDER BY b.created_at, b.name`).all() as SummaryRow[]).map(toSummary);
    },
    summary(id: string): BookSummary | undefined {
      const row = db.prepare(`${summarySql} WHERE b.id = ?`).get(id) as SummaryRow | undefined;
      return row && toSummary(row);
    },
    findByHash(contentHash: string): BookSummary | undefined {
      const row = db.prepare(`${summarySql} WHERE b.content_hash = ?`).get(contentHash) as SummaryRow | undefined;
      return row && toSummary(row);
    },
    /** Inserts a whole book. Call inside the caller's transaction. */
    insert(book: Book, meta: { contentHash: string; source: string; createdAt: string }): void {
      db.prepare('INSERT INTO books (id, name, synthetic, content_hash, source, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(book.id, book.name, book.synthetic ? 1 : 0, meta.contentHash, meta.source, meta.createdAt);
      const ins = db.prepare(
        `INSERT INTO instruments (book_id, id, seq, kind, underlying, settlement, contract_size_usd, expiry, strike, option_type)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      book.instruments.forEach((i, seq) => {
        ins.run(book.id, i.id, seq, i.kind, i.underlying, i.settlement, i.contractSizeUsd?.toString() ?? null,
          i.kind === 'perpetual' ? null : i.expiry, i.kind === 'option' ? i.strike.toString() : null,
          i.kind === 'option' ? i.optionType : null);
      });
      const acc = db.prepare('INSERT INTO accounts (book_id, id, seq, margin_mode) VALUES (?, ?, ?, ?)');
      const pos = db.prepare(
        `INSERT INTO positions (book_id, account_id, seq, instrument_id, quantity, entry_price, isolated_margin, leverage)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const col = db.prepare('INSERT INTO collateral (book_id, account_id, asset, balance) VALUES (?, ?, ?, ?)');
      book.accounts.forEach((a, seq) => {
        acc.run(book.id, a.id, seq, a.marginMode);
        a.positions.forEach((p, k) => pos.run(book.id, a.id, k, p.instrumentId, p.quantity.toString(), p.entryPrice.toString(),
          p.isolatedMargin?.toString() ?? null, p.leverage?.toString() ?? null));
        for (const c of a.collateral) col.run(book.id, a.id, c.asset, c.balance.toString());
      });
    },
    load(id: string): Book | undefined {
      const head = db.prepare('SELECT * FROM books WHERE id = ?').get(id) as { id: string; name: string; synthetic: number } | undefined;
      if (!head) return undefined;
      const instruments = (db.prepare('SELECT * FROM instruments WHERE book_id = ? ORDER BY seq').all(id) as InstrumentRow[]);
      const accounts = new Map<string, Account>();
      for (const r of db.prepare('SELECT id, margin_mode FROM accounts WHERE book_id = ? ORDER BY seq').all(id) as
        { id: string; margin_mode: Account['marginMode'] }[]) {
        accounts.set(r.id, { id: r.id, marginMode: r.margin_mode, collateral: [], positions: [] });
      }
      for (const r of db.prepare('SELECT * FROM positions WHERE book_id = ? ORDER BY account_id, seq').all(id) as
        { account_id: string; instrument_id: string; quantity: string; entry_price: string; isolated_margin: string | null; leverage: string | null }[]) {
        const p: Position = { instrumentId: r.instrument_id, quantity: new Dec(r.quantity), entryPrice: new Dec(r.entry_price) };
        if (r.isolated_margin !== null) p.isolatedMargin = new Dec(r.isolated_margin);
        if (r.leverage !== null) p.leverage = new Dec(r.leverage);
        accounts.get(r.account_id)!.positions.push(p);
      }
      for (const r of db.prepare('SELECT * FROM collateral WHERE book_id = ? ORDER BY account_id, asset').all(id) as
        { account_id: string; asset: string; balance: string }[]) {
        accounts.get(r.account_id)!.collateral.push({ asset: r.asset, balance: new Dec(r.balance) });
      }
      return { id: head.id, name: head.name, synthetic: head.synthetic === 1, instruments: instruments.map(toInstrument), accounts: [...accounts.values()] };
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM books WHERE id = ?').run(id).changes > 0;
    },
  };
}
export type BooksRepo = ReturnType<typeof booksRepo>;
