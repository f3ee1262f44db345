/**
 * Book file fuzz (hardening issue, "Bad input" 2): generated books, mutated (wrong types, missing and
 * unknown fields, negative or zero quantities and prices, NaN-like strings, huge values), written as
 * JSON text (and cut at a random byte) or in the book CSV format with broken cells, through
 * book:import on a real store. Property: { ok: true } only for a file the contract's BookFile schema
 * accepts, with the stored counts of that file; otherwise BAD_INPUT naming the file, the database
 * bytes unchanged.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookFile } from '../../preload/contract/schemas/books';
import { dispatch } from '../../main/ipc/dispatch';
import { openTestWorkbench } from '../helpers/workbench';
import { bookArb, bookCsv, csvCellMutationArb, mutateCsvCells } from './fuzz/documents';
import { applyJsonMutation, jsonMutationArb } from './fuzz/mutateJson';
import { fileText } from './fuzz/jsonText';
import { watchDb, type DbWatch } from './fuzz/dbWatch';

const RUNS = 5000;
let wb: ReturnType<typeof openTestWorkbench>;
let watch: DbWatch;
beforeAll(() => {
  wb = openTestWorkbench({ frozen: true });
  watch = watchDb(wb, { fullEvery: 50 });
});
afterAll(async () => { await wb.close(); });

function schemaAccepts(text: string): ReturnType<typeof BookFile.safeParse> | null {
  try {
    return BookFile.safeParse(JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch {
    return null;
  }
}

describe('book:import fuzz', () => {
  it(`${RUNS} mutated JSON books: accepted only when the schema accepts them, else BAD_INPUT naming the file and nothing stored`, async () => {
    const tally = { accepted: 0, rejected: 0 };
    const arb = fc.tuple(bookArb, fc.array(jsonMutationArb, { maxLength: 3 }), fc.option(fc.nat(), { freq: 8 }));
    await fc.assert(fc.asyncProperty(arb, async ([book, mutations, cut]) => {
      let value: unknown = book;
      for (const m of mutations) value = applyJsonMutation(value, m).value;
      let text = fileText(value);
      if (cut !== null) text = text.slice(0, cut % (text.length + 1));
      const r = await dispatch(wb.handlers, 'book:import', { fileName: 'fuzz.json', text });
      const schema = schemaAccepts(text);
      if (r.ok) {
        tally.accepted++;
        watch.accepted();
        expect(schema?.success, text.slice(0, 300)).toBe(true);
        const file = schema!.data!;
        expect(r.data).toMatchObject({ accounts: file.accounts.length, instruments: file.instruments.length, positions: file.accounts.reduce((s, a) => s + a.positions.length, 0) });
        return;
      }
      tally.rejected++;
      expect(r.error.code, r.error.message).toBe('BAD_INPUT');
      expect(r.error.message, r.error.message).toMatch(/^(fuzz\.json[: ]|book:import: )/);
      watch.assertUnchanged(r.error.message);
    }), { numRuns: RUNS });
    expect(tally.accepted).toBeGreaterThan(RUNS / 50);
    expect(tally.rejected).toBeGreaterThan(RUNS / 4);
  });

  it(`${RUNS} CSV books with broken cells: accepted only as a schema-valid book, else BAD_INPUT naming the file`, async () => {
    const tally = { accepted: 0, rejected: 0 };
    await fc.assert(fc.asyncProperty(bookArb, fc.array(csvCellMutationArb, { maxLength: 3 }), async (book, mutations) => {
      const text = mutateCsvCells(bookCsv(book), mutations);
      const r = await dispatch(wb.handlers, 'book:import', { fileName: 'fuzz.csv', text });
      if (r.ok) {
        tally.accepted++;
        watch.accepted();
        return;
      }
      tally.rejected++;
      expect(r.error.code, r.error.message).toBe('BAD_INPUT');
      expect(r.error.message, r.error.message).toMatch(/^fuzz\.csv( line \d+)?: \S/);
      watch.assertUnchanged(r.error.message);
    }), { numRuns: RUNS });
    expect(tally.accepted).toBeGreaterThan(RUNS / 20);
    expect(tally.rejected).toBeGreaterThan(RUNS / 4);
  });
});
