import Papa from 'papaparse';
import { InputError } from '../../core/errors';
import type { BookFile } from '../../../preload/contract/schemas/books';

/**
 * The book CSV format (docs/formats.md, "Book CSV"): one row per position or collateral balance.
 *   record,account,margin_mode,instrument,kind,underlying,settlement,contract_size_usd,expiry,strike,option_type,
 *   quantity,entry_price,isolated_margin,leverage,asset,balance
 * `record` is `position` or `collateral`. Instrument columns may repeat on every position row; they must agree.
 * The result is a BookFile-shaped object that the caller validates with the same zod schema as JSON books.
 */
export const BOOK_CSV_COLUMNS = [
  'record', 'account', 'margin_mode', 'instrument', 'kind', 'underlying', 'settlement', 'contract_size_usd', 'expiry', 'strike',
  'option_type', 'quantity', 'entry_price', 'isolated_margin', 'leverage', 'asset', 'balance',
] as const;

type Row = Record<(typeof BOOK_CSV_COLUMNS)[number], string>;

export function parseBookCsv(text: string, fileName: string, bookName: string): unknown {
  const parsed = Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const fatal = parsed.errors.find((e) => e.type !== 'FieldMismatch' || e.code === 'TooFewFields' || e.code === 'TooManyFields');
  // Papa's row index is 0-based over data rows; the header is line 1, so data row r sits on line r + 2.
  if (fatal) throw new InputError(`${fileName} line ${(fatal.row ?? 0) + 2}: ${fatal.message}`);
  const header = parsed.meta.fields ?? [];
  const missing = BOOK_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new InputError(`${fileName} line 1: missing column(s) ${missing.join(', ')}`);
  const extra = header.filter((h) => !(BOOK_CSV_COLUMNS as readonly string[]).includes(h));
  if (extra.length) throw new InputError(`${fileName} line 1: unknown column(s) ${extra.join(', ')}`);
  if (parsed.data.length === 0) throw new InputError(`${fileName}: no rows after the header`);

  const instruments = new Map<string, Record<string, string>>();
  const accounts = new Map<string, { id: string; marginMode: string; collateral: { asset: string; balance: string }[]; positions: Record<string, string>[] }>();
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const at = (what: string) => `${fileName} line ${line}: ${what}`;
    const account = row.account?.trim();
    if (!account) throw new InputError(at('account is empty'));
    const mode = row.margin_mode?.trim() || 'cross';
    let acc = accounts.get(account);
    if (!acc) accounts.set(account, (acc = { id: account, marginMode: mode, collateral: [], positions: [] }));
    else if (acc.marginMode !== mode) throw new InputError(at(`margin_mode "${mode}" differs from "${acc.marginMode}" earlier for account ${account}`));
    const opt = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
    if (row.record === 'collateral') {
      acc.collateral.push({ asset: row.asset?.trim() ?? '', balance: row.balance?.trim() ?? '' });
    } else if (row.record === 'position') {
      const spec = Object.fromEntries(Object.entries({
        id: opt(row.instrument), kind: opt(row.kind), underlying: opt(row.underlying), settlement: opt(row.settlement),
        contractSizeUsd: opt(row.contract_size_usd), expiry: opt(row.expiry), strike: opt(row.strike), optionType: opt(row.option_type),
      }).filter(([, v]) => v !== undefined)) as Record<string, string>;
      if (!spec.id) throw new InputError(at('instrument is empty'));
      const known = instruments.get(spec.id);
      if (!known) instruments.set(spec.id, spec);
      else if (JSON.stringify(known) !== JSON.stringify(spec)) throw new InputError(at(`instrument ${spec.id} is described differently than on an earlier row`));
      acc.positions.push(Object.fromEntries(Object.entries({
        instrumentId: spec.id, quantity: row.quantity?.trim(), entryPrice: row.entry_price?.trim(),
        isolatedMargin: opt(row.isolated_margin), leverage: opt(row.leverage),
      }).filter(([, v]) => v !== undefined)) as Record<string, string>);
    } else {
      throw new InputError(at(`record "${row.record}" must be "position" or "collateral"`));
    }
  });
  const book: Omit<BookFile, 'instruments' | 'accounts'> & { instruments: unknown[]; accounts: unknown[] } = {
    name: bookName, instruments: [...instruments.values()], accounts: [...accounts.values()],
  };
  return book;
}
