/**
 * NaN scan of stored results (hardening issue, "Numerical guards"): a representative pipeline on the
 * SYNTHETIC sample workspace — margin runs under one preset of each of the four model kinds, a
 * backtest, a calibration, a sweep and stress runs (one round and cascade with Monte Carlo) — then
 * EVERY stored result is scanned: run_results JSON and run_vectors BLOBs decoded as Float64Array.
 * JSON cannot hold NaN (JSON.stringify writes null), so the outputs handed to the store are also
 * scanned before they are serialised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../preload/contract';
import { dispatch } from '../../main/ipc/dispatch';
import { PRESETS } from '../../main/services/models';
import type { RunOutput } from '../../main/store/runs';
import { openTestWorkbench } from '../helpers/workbench';


let wb: ReturnType<typeof openTestWorkbench>;
/** Non-finite numbers found in outputs handed to runs.complete, by run id and path. */
const beforeSerialising: string[] = [];

/** Paths of NaN / ±Infinity in a value (typed arrays element by element). */
function nonFinitePaths(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) out.push(`${path}[${i}] = ${a[i]}`);
    return;
  }
  for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out);
}

async function call<T>(channel: Channel, payload: unknown): Promise<T> {
  const r = await dispatch(wb.handlers, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  wb = openTestWorkbench({ frozen: true });
  const complete = wb.store.runs.complete.bind(wb.store.runs);
  wb.store.runs.complete = (id: string, output: RunOutput, now: string, durationMs: number) => {
    nonFinitePaths(output, id, beforeSerialising);
    return complete(id, output, now, durationMs);
  };
  const sample = await call<{ datasetId: string; bookId: string; assets: string[]; lastDate: string }>('workspace:createSample', {});
  const { datasetId, bookId } = sample;
  const assets = sample.assets.filter((a) => !/^USD/.test(a)).slice(0, 2);
  for (const kind of ['tiered', 'scenarioGrid', 'historicalVar', 'parametricVar']) {
    await call('margin:compute', { bookId, modelId: PRESETS.find((p) => p.kind === kind)!.id, datasetId });
  }
  const model = { method: 'fhs', confidence: 0.99, horizonDays: 1, windowDays: 250 };
  await call('calibration:backtest', { prices: datasetId, target: { type: 'asset', asset: assets[0] }, model, apc: 'all' });
  await call('calibration:backtest', { prices: datasetId, target: { type: 'portfolio', weights: { [assets[0]!]: 0.7, [assets[1]!]: -0.3 } }, model: { ...model, method: 'parametric' } });
  await call('calibration:calibrate', {
    prices: datasetId, assets, lookbackDays: 365, horizonDays: 2, volScaledLambda: 0.94,
    brackets: { notionalCapsUsd: [1e5, 1e6, 1e7] }, haircuts: { liquidationAmountUsd: 1e6 }, bootstrap: { seed: 1, resamples: 100, level: 0.9 },
  });
  await call('calibration:sweep', {
    prices: datasetId, assets,
    axes: { methods: ['hs', 'fhs', 'parametric'], confidences: [0.975, 0.99], windowDays: [250, 500], ewmaLambdas: [0.94], horizonDays: [1, 5], apcVariants: ['none', 'all'] },
  });
  // Stablecoins: near-flat prices, where a figure such as the peak-to-trough ratio can be undefined.
  const stable = sample.assets.filter((a) => /^USD/.test(a));
  if (stable.length > 0) {
    await call('calibration:sweep', {
      prices: datasetId, assets: stable,
      axes: { methods: ['hs', 'parametric'], confidences: [0.99], windowDays: [250], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none', 'floor10y'] },
    });
  }
  const scenario = {
    schemaVersion: 1, name: 'NaN scan: crash with vol and correlation stress',
    shocks: [
      { type: 'price', shift: 'relative', assets: assets, shockPct: -35 },
      { type: 'vol', assets: 'all', volPoints: 30 },
      { type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.5 }] },
    ],
  };
  const run = { bookId, modelId: PRESETS.find((p) => p.kind === 'scenarioGrid')!.id, datasetId, scenario, insuranceFundUsd: '1000000' };
  await call('stress:run', run);
  await call('stress:run', { ...run, cascade: true, monteCarlo: { scenarios: 500, seed: 7, copula: 't', marginal: 't', volSource: 'ewma' } });
}, 600_000);
afterAll(async () => { await wb?.close(); });

describe('NaN scan of every stored result', () => {
  it('the pipeline stored the runs it was meant to', () => {
    const kinds = wb.store.db.sqlite.prepare("SELECT kind, COUNT(*) AS n FROM runs WHERE status = 'succeeded' GROUP BY kind").all() as { kind: string; n: number }[];
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    expect(byKind).toMatchObject({ margin: 4, 'calibration:backtest': 2, 'calibration:calibrate': 1 });
    expect(byKind['calibration:sweep']).toBeGreaterThanOrEqual(1);
    expect(Object.entries(byKind).filter(([k]) => k.startsWith('stress')).reduce((s, [, n]) => s + n, 0)).toBeGreaterThanOrEqual(2);
  });

  it('no output handed to the store holds NaN or Infinity (JSON would have hidden it as null)', () => {
    expect(beforeSerialising.slice(0, 20)).toEqual([]);
  });

  it('every run_results JSON document: numbers finite, no NaN/Infinity text', () => {
    const rows = wb.store.db.sqlite.prepare('SELECT run_id, name, summary_json FROM run_results').all() as { run_id: string; name: string; summary_json: string }[];
    expect(rows.length).toBeGreaterThan(8);
    const found: string[] = [];
    for (const r of rows) {
      if (/\b(NaN|-?Infinity)\b/.test(r.summary_json.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) found.push(`${r.run_id}/${r.name}: non-JSON number`);
      nonFinitePaths(JSON.parse(r.summary_json), `${r.run_id}/${r.name}`, found);
    }
    expect(found.slice(0, 20)).toEqual([]);
  });

  it('every run_vectors BLOB, decoded as Float64Array: length as recorded, every value finite', () => {
    const rows = wb.store.db.sqlite.prepare('SELECT run_id, name, length, data FROM run_vectors').all() as { run_id: string; name: string; length: number; data: Buffer }[];
    expect(rows.length).toBeGreaterThan(8);
    const found: string[] = [];
    let values = 0;
    for (const r of rows) {
      expect(r.data.byteLength, `${r.run_id}/${r.name}`).toBe(r.length * 8);
      const copy = new Uint8Array(r.data.byteLength);
      copy.set(r.data);
      const v = new Float64Array(copy.buffer);
      values += v.length;
      nonFinitePaths(v, `${r.run_id}/${r.name}`, found);
    }
    expect(values).toBeGreaterThan(10_000);
    expect(found.slice(0, 20)).toEqual([]);
  });
});
