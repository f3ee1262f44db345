/**
 * Price CSV import fuzz (hardening issue, "Bad input" 1): parsePriceCsv over generated files of the
 * four formats, each mutated 0–3 times. Property: it returns a valid result (every bar
 * OHLC-consistent and finite, dates strictly ascending) or throws an InputError that names the file
 * and, for a row fault, a line that exists; never any other exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../main/services/prices';
import { FUZZ_NOW, fuzzedCsvArb, validCsvArb, type CsvFormatName } from './fuzz/csv';
import { assertCsvRejection, assertValidPriceResult } from './fuzz/checks';

const RUNS = 5000;
const FORMATS: CsvFormatName[] = ['generic', 'binance', 'cryptodatadownload', 'yahoo'];

describe.each(FORMATS)('parsePriceCsv fuzz: %s', (format) => {
  it('accepts every generated file unchanged and returns exactly its bars (control)', () => {
    fc.assert(fc.property(validCsvArb(format), (file) => {
      const r = parsePriceCsv(file.text, file.fileName, { now: FUZZ_NOW });
      expect(r.format).toBe(format);
      assertValidPriceResult(r);
      expect(r.bars.map((b) => [b.open, b.high, b.low, b.close, b.volume])).toEqual(file.bars.map((b) => [b.open, b.high, b.low, b.close, b.volume]));
    }), { numRuns: 500 });
  });

  it(`${RUNS} mutated files: a valid result or an InputError naming the file and line`, () => {
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(fc.property(fuzzedCsvArb(format), ({ file, text }) => {
      let result;
      try {
        result = parsePriceCsv(text, file.fileName, { now: FUZZ_NOW });
      } catch (err) {
        assertCsvRejection(err, file.fileName, text);
        outcomes.rejected++;
        return;
      }
      assertValidPriceResult(result);
      outcomes.accepted++;
    }), { numRuns: RUNS });
    // Both branches must be exercised, or the property proves little.
    expect(outcomes.rejected).toBeGreaterThan(RUNS / 4);
    expect(outcomes.accepted).toBeGreaterThan(RUNS / 20);
  });
});
