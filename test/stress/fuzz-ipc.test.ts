/**
 * IPC payload fuzz, every channel (hardening issue, "Bad input" 3): fc.anything() payloads and
 * mutations of a valid payload per channel through dispatch(handlers, channel, payload) on a real
 * workbench (store, worker pool, services). Property: dispatch resolves (never rejects) to
 * { ok: true, data } or { ok: false, error: { code, message } } with code BAD_INPUT, NOT_FOUND or
 * CANCELLED — never INTERNAL, STORE or CONFLICT for a payload — and after every ok:false the
 * database file is byte-for-byte what it was. No 'unhandledRejection' during the suite.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../preload/contract';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import type { Services } from '../../main/services';
import { openIpcFixture, type IpcFixture } from './fuzz/ipcFixture';
import { mutatedJsonArb } from './fuzz/mutateJson';
import { watchDb, type DbWatch } from './fuzz/dbWatch';
import { assertAllFinite } from './fuzz/checks';
import { hostileVariants } from './fuzz/hostile';
import { fileDigest } from '../helpers/tmp';


const ANYTHING_RUNS = 2500;
const MUTATION_RUNS = 2500;
/**
 * Schema-valid payloads are capped where one costs real time: the sample workspace (~0.3 s each),
 * report rendering (HTML with server-side charts; PDF through Chromium) and audit bundles.
 */
const VALID_BUDGET: Partial<Record<Channel, number>> = { 'workspace:createSample': 2, 'report:export': 5, 'report:preview': 100, 'audit:exportBundle': 100 };
const ALLOWED = new Set(['BAD_INPUT', 'NOT_FOUND', 'CANCELLED']);

let fx: IpcFixture;
let watch: DbWatch;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  fx = await openIpcFixture();
  watch = watchDb(fx.wb, { fullEvery: 100 });
}, 120_000);
afterAll(async () => {
  await fx?.wb.close();
  process.off('unhandledRejection', onUnhandled);
});

interface Tally { accepted: number; rejected: number; codes: Record<string, number> }

async function checkOne(channel: Channel, payload: unknown, tally: Tally, budget: { left: number }): Promise<void> {
  if (budget.left !== Infinity && contract[channel].input.safeParse(payload ?? {}).success) {
    fc.pre(budget.left > 0);
    budget.left--;
  }
  const t0 = performance.now();
  const r = await dispatch(fx.wb.handlers, channel, payload);
  const ms = performance.now() - t0;
  if (r.ok) {
    tally.accepted++;
    watch.accepted();
    assertAllFinite(r.data, `${channel} output`);
    return;
  }
  tally.rejected++;
  tally.codes[r.error.code] = (tally.codes[r.error.code] ?? 0) + 1;
  // Plain checks on this hot path (expect() costs more than the dispatch of a rejected payload).
  if (!ALLOWED.has(r.error.code)) throw new Error(`${channel}: ${r.error.code} for a payload: ${r.error.message}`);
  if (typeof r.error.message !== 'string' || r.error.message.length === 0) throw new Error(`${channel}: empty error message`);
  if (Object.keys(r).length !== 2) throw new Error(`${channel}: result has extra keys ${Object.keys(r).join(', ')}`);
  watch.assertUnchanged(`${channel}: ${r.error.message.slice(0, 300)}`);
  // A rejection must be quick: no real work is done for a bad payload.
  if (ms > 5000) throw new Error(`${channel} took ${ms} ms to reject: ${r.error.message.slice(0, 200)}`);
}

/** Channels whose handler exists (the contract may list a domain's channels before its handlers land). */
const HANDLED = CHANNELS.filter((c) => typeof (createHandlers({} as Services) as Partial<Record<Channel, unknown>>)[c] === 'function');

describe('control: the valid payloads the fuzz mutates', () => {
  it('are accepted', async () => {
    for (const channel of HANDLED) {
      const payload = fx.valid[channel];
      if (payload === undefined) continue;
      const r = await dispatch(fx.wb.handlers, channel, payload);
      expect(r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`, channel).toBe('ok');
    }
    watch.accepted();
  });
});

describe.each([...HANDLED])('IPC fuzz %s', (channel) => {
  const budget = { left: VALID_BUDGET[channel] ?? Infinity };
  const tally: Tally = { accepted: 0, rejected: 0, codes: {} };

  it(`${channel}: ${ANYTHING_RUNS} fc.anything() payloads`, async () => {
    // Depth ≤ 2 and ≤ 5 keys: generation costs 12× less than fc.anything()'s defaults, and deeper
    // structure is what the mutations of a valid payload and the hostile structures probe.
    await fc.assert(fc.asyncProperty(fc.anything({ maxDepth: 2, maxKeys: 5, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
      (payload) => checkOne(channel, payload, tally, budget)), { numRuns: ANYTHING_RUNS });
  });

  it(`${channel}: ${MUTATION_RUNS} mutations of a valid payload`, async () => {
    await fc.assert(fc.asyncProperty(mutatedJsonArb(fx.valid[channel] ?? {}), ({ value }) => checkOne(channel, value, tally, budget)), { numRuns: MUTATION_RUNS });
    expect(tally.accepted + tally.rejected).toBeGreaterThanOrEqual(ANYTHING_RUNS + MUTATION_RUNS);
    expect(tally.rejected).toBeGreaterThan(MUTATION_RUNS / 4);
  });
});

/**
 * Known slow rejection, reported to the contract's owner: report:preview / report:export `sections`
 * has no length limit, so zod checks a million entries before refusing them (4–20 s measured here,
 * depending on load). Still rejected with BAD_INPUT; only the time bound is relaxed for it.
 */
const KNOWN_SLOW = new Set(['report:preview sections = 1,000,000-element array', 'report:export sections = 1,000,000-element array']);

describe('hostile structures: cyclic, 10,000-deep, huge', () => {
  it.each([...HANDLED])('%s answers { ok: false } quickly and stores nothing', async (channel) => {
    for (const { name, payload } of hostileVariants(fx.valid[channel] ?? {})) {
      const t0 = performance.now();
      const r = await dispatch(fx.wb.handlers, channel, payload);
      const ms = performance.now() - t0;
      const what = `${channel} ${name}`;
      if (r.ok) {
        // scenario:validate answers a question: "is this a valid scenario?" — no, with the issues.
        expect(channel === 'scenario:validate' && (r.data as { valid: boolean }).valid === false, what).toBe(true);
      } else {
        expect(ALLOWED.has(r.error.code), `${what}: ${r.error.code} ${r.error.message}`).toBe(true);
      }
      // Validating a million entries costs seconds in zod; everything else must be refused at once.
      if (!KNOWN_SLOW.has(what)) expect(ms, `${what}: ${ms} ms`).toBeLessThan(name.includes('1,000,000') ? 10_000 : 3000);
      watch.assertUnchanged(what);
    }
  });
});

describe('schema-valid payloads that the work itself rejects store nothing', () => {
  const cases = (): [Channel, unknown][] => {
    const { bookId, modelId, datasetId } = fx.ids;
    const model = { method: 'hs', confidence: 0.95, horizonDays: 1, windowDays: 30 };
    return [
      ['margin:compute', { bookId, modelId, datasetId, at: '2023-01-05' }],
      ['margin:compute', { bookId, modelId: 'preset:hsvar-99-2d-1y', datasetId, at: '2023-06-01' }],
      ['calibration:backtest', { prices: datasetId, target: { type: 'asset', asset: 'BTC' }, model, from: '9999-12-31', to: '2024-02-01' }],
      ['calibration:backtest', { prices: datasetId, target: { type: 'asset', asset: 'BTC' }, model: { ...model, windowDays: 7300 } }],
      ['calibration:calibrate', { prices: datasetId, assets: ['BTC'], lookbackDays: 420, bootstrap: { seed: 1, resamples: 50, level: 0.9 } }],
      ['calibration:calibrate', { prices: datasetId, assets: ['BTC'], lookbackDays: 60, at: '2023-01-10', bootstrap: { seed: 1, resamples: 50, level: 0.9 } }],
      ['calibration:sweep', { prices: datasetId, assets: ['BTC'], axes: { methods: ['hs'], confidences: [0.95], windowDays: [7300], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] } }],
      ['calibration:lookback', { prices: datasetId, asset: 'BTC', method: 'hs', confidence: 0.95, lookbacks: [30, 7300] }],
      ['calibration:var', { prices: datasetId, asset: 'BTC', model: { ...model, windowDays: 7300 }, bootstrap: { seed: 1, resamples: 50, level: 0.9 } }],
      ['calibration:qq', { prices: datasetId, asset: 'BTC', horizonDays: 60, from: '2023-01-01', to: '2023-01-10' }],
      // Found by this fuzz: a 1e308 USD fund overflowed the run's sums to Infinity (an internal error, a failed run stored).
      ['stress:run', { ...(fx.valid['stress:run'] as object), insuranceFundUsd: '1e308' }],
      ['stress:penaltySweep', { ...(fx.valid['stress:penaltySweep'] as object), insuranceFundUsd: '1e300' }],
    ];
  };
  it('each answers BAD_INPUT naming the reason, and the database bytes are unchanged', async () => {
    for (const [channel, payload] of cases()) {
      const before = fileDigest(fx.wb.dbPath);
      const r = await dispatch(fx.wb.handlers, channel, payload);
      expect(r, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(fileDigest(fx.wb.dbPath), `${channel} ${JSON.stringify(payload)}`).toBe(before);
    }
  });
});

describe('channel names', () => {
  it('5,000 names that are not channels (strings and anything else) answer FORBIDDEN, never throw', async () => {
    const name = fc.oneof(fc.string(), fc.constantFrom('app:Info', ' app:info', 'app:info ', '__proto__', 'constructor', 'toString', 'dataset:', ':'), fc.anything({ maxDepth: 1 }));
    await fc.assert(fc.asyncProperty(name.filter((n) => !(CHANNELS as readonly unknown[]).includes(n)), fc.anything({ maxDepth: 1 }), async (channel, payload) => {
      const r = await dispatch(fx.wb.handlers, channel, payload);
      if (r.ok || r.error.code !== 'FORBIDDEN') throw new Error(`channel ${String(channel)}: ${JSON.stringify(r).slice(0, 200)}`);
    }), { numRuns: 5000 });
    watch.assertUnchanged('unknown channels');
  });
});

describe('the suite', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
