import { z } from 'zod';
import { AssetSymbol, DecimalString, Id, IsoDate, JobId, Name, NonNegativeDecimalString, PositiveDecimalString } from './common';

/** The book file format (docs/formats.md). Decimals are strings; quantities are signed. */
export const InstrumentWire = z
  .strictObject({
    id: Id,
    kind: z.enum(['perpetual', 'future', 'option']),
    underlying: AssetSymbol,
    settlement: z.enum(['linear', 'inverse']),
    contractSizeUsd: PositiveDecimalString.optional(),
    expiry: IsoDate.optional(),
    strike: PositiveDecimalString.optional(),
    optionType: z.enum(['call', 'put']).optional(),
  })
  .superRefine((i, ctx) => {
    const need = (field: keyof typeof i, why: string): void => {
      if (i[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required ${why}` });
    };
    const forbid = (field: keyof typeof i, why: string): void => {
      if (i[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is not allowed ${why}` });
    };
    if (i.settlement === 'inverse' && i.kind !== 'option') need('contractSizeUsd', 'for inverse futures and perpetuals');
    if (i.kind !== 'perpetual') need('expiry', `for a ${i.kind}`);
    else forbid('expiry', 'for a perpetual');
    if (i.kind === 'option') {
      need('strike', 'for an option');
      need('optionType', 'for an option');
    } else {
      forbid('strike', `for a ${i.kind}`);
      forbid('optionType', `for a ${i.kind}`);
    }
  });

export const PositionWire = z.strictObject({
  instrumentId: Id,
  quantity: DecimalString.refine((s) => Number(s) !== 0, 'must not be zero (omit closed positions)'),
  entryPrice: PositiveDecimalString,
  isolatedMargin: NonNegativeDecimalString.optional(),
  leverage: PositiveDecimalString.optional(),
});

export const AccountWire = z.strictObject({
  id: Id,
  marginMode: z.enum(['cross', 'isolated']),
  collateral: z.array(z.strictObject({ asset: AssetSymbol, balance: DecimalString })).max(50),
  positions: z.array(PositionWire).max(10_000),
});

export const BookFile = z
  .strictObject({
    id: Id.optional(),
    name: Name,
    synthetic: z.boolean().optional(),
    instruments: z.array(InstrumentWire).min(1).max(100_000),
    accounts: z.array(AccountWire).min(1).max(1_000_000),
  })
  .superRefine((b, ctx) => {
    const instruments = new Set<string>();
    b.instruments.forEach((i, k) => {
      if (instruments.has(i.id)) ctx.addIssue({ code: 'custom', path: ['instruments', k, 'id'], message: `duplicate instrument id "${i.id}"` });
      instruments.add(i.id);
    });
    const accounts = new Set<string>();
    b.accounts.forEach((a, k) => {
      if (accounts.has(a.id)) ctx.addIssue({ code: 'custom', path: ['accounts', k, 'id'], message: `duplicate account id "${a.id}"` });
      accounts.add(a.id);
      const assets = new Set<string>();
      a.collateral.forEach((c, j) => {
        if (assets.has(c.asset)) ctx.addIssue({ code: 'custom', path: ['accounts', k, 'collateral', j, 'asset'], message: `duplicate collateral asset ${c.asset}` });
        assets.add(c.asset);
      });
      a.positions.forEach((p, j) => {
        if (!instruments.has(p.instrumentId)) {
          ctx.addIssue({ code: 'custom', path: ['accounts', k, 'positions', j, 'instrumentId'], message: `unknown instrument "${p.instrumentId}"` });
        }
        if (a.marginMode === 'isolated' && p.isolatedMargin === undefined && p.leverage === undefined) {
          ctx.addIssue({ code: 'custom', path: ['accounts', k, 'positions', j], message: 'an isolated position needs isolatedMargin or leverage' });
        }
      });
    });
  });
export type BookFile = z.infer<typeof BookFile>;

export const BookSummary = z.strictObject({
  id: Id,
  name: z.string(),
  synthetic: z.boolean(),
  contentHash: z.string(),
  source: z.string(),
  createdAt: z.string(),
  accounts: z.number().int(),
  positions: z.number().int(),
  instruments: z.number().int(),
});
export type BookSummary = z.infer<typeof BookSummary>;

export const BookListOutput = z.strictObject({ books: z.array(BookSummary) });
export const BookImportInput = z.strictObject({
  fileName: z.string().min(1).max(260),
  /** JSON (BookFile) or CSV text of the book, read in the renderer from a file the user picked. */
  text: z.string().max(256 * 1024 * 1024),
  jobId: JobId.optional(),
});
export const BookIdInput = z.strictObject({ bookId: Id });
