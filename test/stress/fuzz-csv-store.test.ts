/**
 * Price CSV import fuzz through the real import path (dataset:import → worker parse → one store
 * transaction): 1–3 fuzzed files per import. A rejected import answers { ok: false, BAD_INPUT } naming
 * a file, and leaves the database file byte-for-byte unchanged (sha256 of the file and its WAL after
 * every rejection); an accepted one stores every file (all-or-nothing).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { openTestWorkbench } from '../helpers/workbench';
import { fuzzedCsvArb } from './fuzz/csv';
import { watchDb } from './fuzz/dbWatch';


const RUNS = 500;
let wb: ReturnType<typeof openTestWorkbench>;
beforeAll(() => { wb = openTestWorkbench({ frozen: true }); });
afterAll(async () => { await wb.close(); });

describe('dataset:import fuzz: a rejected import changes nothing stored', () => {
  it(`${RUNS} imports of 1–3 fuzzed files`, async () => {
    const watch = watchDb(wb);
    const outcomes = { accepted: 0, rejected: 0 };
    const filesArb = fc.array(fuzzedCsvArb(), { minLength: 1, maxLength: 3 });
    await fc.assert(fc.asyncProperty(filesArb, fc.constantFrom('Fuzz A', 'Fuzz B'), async (files, datasetName) => {
      const payload = { datasetName, files: files.map((f, i) => ({ fileName: `${i}-${f.file.fileName}`, text: f.text })) };
      const r = await dispatch(wb.handlers, 'dataset:import', payload);
      if (r.ok) {
        outcomes.accepted++;
        watch.accepted();
        expect(r.data.series).toHaveLength(files.length);
        const stored = wb.services.datasets.get(r.data.datasetId);
        for (const s of r.data.series) expect(stored.series.find((x) => x.asset === s.asset)?.rows).toBe(s.rows);
        return;
      }
      outcomes.rejected++;
      expect(r.error.code, r.error.message).toBe('BAD_INPUT');
      expect(payload.files.some((f) => r.error.message.includes(f.fileName)), r.error.message).toBe(true);
      watch.assertUnchanged(r.error.message);
    }), { numRuns: RUNS });
    expect(watch.fullChecks).toBe(outcomes.rejected);
    expect(outcomes.rejected).toBeGreaterThan(RUNS / 4);
    expect(outcomes.accepted).toBeGreaterThan(RUNS / 50);
  });
});
