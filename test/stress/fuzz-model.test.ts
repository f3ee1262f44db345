/**
 * Model configuration fuzz (hardening issue, "Bad input" 2): the bundled preset of every kind,
 * mutated (wrong types, missing and unknown fields, out-of-range rates, NaN-like strings, huge
 * values), through model:save on a real store. Property: { ok: true } only for a configuration the
 * contract's MarginModelConfig accepts, stored as parsed, and one the core can build a model from
 * (marginModelFromWire); otherwise BAD_INPUT and the database bytes unchanged.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarginModelConfig } from '../../preload/contract/schemas/models';
import { dispatch } from '../../main/ipc/dispatch';
import { marginModelFromWire, type MarginModelWire } from '../../main/core/margin/modelDispatch';
import { openTestWorkbench } from '../helpers/workbench';
import { MODEL_CONFIGS } from './fuzz/documents';
import { applyJsonMutation, jsonMutationArb } from './fuzz/mutateJson';
import { watchDb, type DbWatch } from './fuzz/dbWatch';

const RUNS = 5000;
let wb: ReturnType<typeof openTestWorkbench>;
let watch: DbWatch;
beforeAll(() => {
  wb = openTestWorkbench({ frozen: true });
  watch = watchDb(wb, { fullEvery: 50 });
});
afterAll(async () => { await wb.close(); });

describe('model:save fuzz', () => {
  it(`${RUNS} mutated configurations of every kind`, async () => {
    const tally = { accepted: 0, rejected: 0, kinds: new Set<string>() };
    const arb = fc.tuple(fc.constantFrom(...MODEL_CONFIGS), fc.array(jsonMutationArb, { maxLength: 3 }));
    await fc.assert(fc.asyncProperty(arb, async ([config, mutations]) => {
      let value: unknown = config;
      for (const m of mutations) value = applyJsonMutation(value, m).value;
      const r = await dispatch(wb.handlers, 'model:save', { config: value });
      if (r.ok) {
        tally.accepted++;
        tally.kinds.add(r.data.kind);
        watch.accepted();
        const parsed = MarginModelConfig.safeParse(value);
        expect(parsed.success).toBe(true);
        expect(r.data.config).toEqual(parsed.data);
        // A configuration the store holds is one the engine can run.
        expect(() => marginModelFromWire(r.data.config as MarginModelWire)).not.toThrow();
        return;
      }
      tally.rejected++;
      expect(r.error.code, r.error.message).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/^(model:save: )?(config|\(payload\))/);
      watch.assertUnchanged(r.error.message);
    }), { numRuns: RUNS });
    expect(tally.kinds.size).toBe(4);
    expect(tally.rejected).toBeGreaterThan(RUNS / 4);
  });
});
