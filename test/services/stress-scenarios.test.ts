/**
 * scenario:*, episode:*, correlation:* and stress:stressedPeriod through IPC dispatch on the SYNTHETIC sample
 * workspace. Reference values are recomputed here from the stored closes (dataset:series) by plain loops:
 * Pearson and EWMA correlations (design.md conventions), replayed moves, and a brute-force worst window.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { contentHash } from '../../main/store/hash';
import { REPO } from '../helpers/mwb';
import { openTestWorkbench } from '../helpers/workbench';

const wb = openTestWorkbench();
afterAll(() => wb.close());
let bookId = '';
let datasetId = '';
const closes: Record<string, Map<string, number>> = {};

beforeAll(async () => {
  const r = await dispatch(wb.handlers, 'workspace:createSample', {});
  if (!r.ok) throw new Error(r.error.message);
  bookId = r.data.bookId;
  datasetId = r.data.datasetId;
  for (const asset of ['BTC', 'ETH', 'SOL', 'DOGE', 'USDT']) {
    const s = await dispatch(wb.handlers, 'dataset:series', { datasetId, asset });
    if (!s.ok) throw new Error(s.error.message);
    closes[asset] = new Map(s.data.dates.map((d, i) => [d, s.data.close[i]!]));
  }
}, 120_000);

const GOOD = { schemaVersion: 1, name: 'BTC −30 % with vol up', description: 'test', shocks: [
  { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -30 },
  { type: 'vol', assets: 'all', volPoints: 25 },
] };

describe('scenarios', () => {
  it('validate names every broken field; save refuses and stores nothing', async () => {
    const bad = { schemaVersion: 1, name: ' ', shocks: [
      { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -150 },
      { type: 'vol', assets: ['btc'], volPoints: 5 },
      { type: 'haircut', asset: 'USDT', haircutAddOn: 0.1 },
    ] };
    const v = await dispatch(wb.handlers, 'scenario:validate', { scenario: bad });
    if (!v.ok) throw new Error(v.error.message);
    expect(v.data.valid).toBe(false);
    expect(v.data.contentHash).toBeNull();
    const paths = v.data.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['scenario.name', 'scenario.shocks.0.shockPct', 'scenario.shocks.1.assets.0', 'scenario.shocks.2.haircutAddOn']));
    const s = await dispatch(wb.handlers, 'scenario:save', { scenario: bad });
    expect(s).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!s.ok && s.error.message).toMatch(/scenario\.shocks\.0\.shockPct: must be a number in \(-100, 1000\]/);
    expect(await dispatch(wb.handlers, 'scenario:list', {})).toEqual({ ok: true, data: { scenarios: [] } });
    // A correlation shock whose operations disagree on the base is refused at the shock that differs.
    const twoBases = { schemaVersion: 1, name: 'x', shocks: [
      { type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.5 }] },
      { type: 'correlation', base: { estimator: 'ewma' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.5 }] },
    ] };
    const t = await dispatch(wb.handlers, 'scenario:validate', { scenario: twoBases });
    expect(t.ok && t.data.issues[0]).toMatchObject({ path: 'scenario.shocks.1.base' });
  });

  it('save, list, get, replace and delete, with the content hash of the canonical JSON', async () => {
    const v = await dispatch(wb.handlers, 'scenario:validate', { scenario: GOOD });
    expect(v).toEqual({ ok: true, data: { valid: true, issues: [], contentHash: contentHash(GOOD), assets: ['BTC'] } });
    const saved = await dispatch(wb.handlers, 'scenario:save', { scenario: GOOD });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.data).toMatchObject({ name: GOOD.name, shockCount: 2, shockTypes: ['price', 'vol'], contentHash: contentHash(GOOD), scenario: GOOD });
    const id = saved.data.id;
    const list = await dispatch(wb.handlers, 'scenario:list', {});
    expect(list.ok && list.data.scenarios.map((x) => x.id)).toEqual([id]);
    const changed = { ...GOOD, name: 'renamed' };
    const replaced = await dispatch(wb.handlers, 'scenario:save', { id, scenario: changed });
    expect(replaced.ok && replaced.data.contentHash).toBe(contentHash(changed));
    // A run on the stored scenario records its id and hash.
    const run = await dispatch(wb.handlers, 'stress:run', { bookId, modelId: 'preset:tiered-binance-btcusdt-mark', datasetId, scenarioId: id });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.data.scenario).toEqual({ id, name: 'renamed', contentHash: contentHash(changed) });
    expect(wb.store.runs.get(run.data.runId)!.inputs).toMatchObject({ scenarioId: id, scenarioHash: contentHash(changed), scenario: changed });
    expect(await dispatch(wb.handlers, 'scenario:delete', { id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await dispatch(wb.handlers, 'scenario:get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(wb.handlers, 'stress:run', { bookId, modelId: 'preset:tiered-binance-btcusdt-mark', datasetId, scenarioId: id }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(wb.handlers, 'stress:run', { bookId, modelId: 'preset:tiered-binance-btcusdt-mark', datasetId, scenarioId: id, scenario: GOOD }))
      .toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/exactly one of scenarioId and scenario/) } });
  }, 60_000);
});

describe('episodes', () => {
  it('lists the library of resources/episodes.json', async () => {
    const file = JSON.parse(readFileSync(join(REPO, 'resources', 'episodes.json'), 'utf8')) as { episodes: { id: string; anchorDate: string }[] };
    const r = await dispatch(wb.handlers, 'episode:list', {});
    expect(r.ok && r.data.episodes.map((e) => [e.id, e.anchorDate])).toEqual(file.episodes.map((e) => [e.id, e.anchorDate]));
  });

  it('replays a library episode and a custom window on the dataset; the scenario is savable', async () => {
    const r = await dispatch(wb.handlers, 'episode:replay', { datasetId, episodeId: 'luna-ust-2022-05', assets: ['BTC', 'ETH', 'LUNA'] });
    if (!r.ok) throw new Error(r.error.message);
    // luna-ust-2022-05: from 2022-05-07, anchored 2022-05-12 → close of 2022-05-06 to close of 2022-05-12.
    expect(r.data.horizonDays).toBe(6);
    for (const m of r.data.moves) {
      const c = closes[m.asset]!;
      expect(m.returnPct).toBeCloseTo((c.get('2022-05-12')! / c.get('2022-05-06')! - 1) * 100, 10);
    }
    expect(r.data.missingAssets).toEqual([{ asset: 'LUNA', reason: 'no price series for this asset' }]);
    const saved = await dispatch(wb.handlers, 'scenario:save', { scenario: r.data.scenario });
    expect(saved.ok).toBe(true);

    const w = await dispatch(wb.handlers, 'episode:replay', { datasetId, window: { from: '2023-01-10', to: '2023-01-20' }, mode: 'worstWindow', horizonDays: 3, assets: ['SOL'] });
    if (!w.ok) throw new Error(w.error.message);
    expect(w.data.episode).toMatchObject({ id: 'custom:2023-01-10..2023-01-20', anchorDate: '2023-01-20' });
    const sol = closes.SOL!;
    const days = [...sol.keys()].filter((d) => d >= '2023-01-09' && d <= '2023-01-20');
    let worst = Infinity;
    for (let i = 3; i < days.length; i++) worst = Math.min(worst, (sol.get(days[i]!)! / sol.get(days[i - 3]!)! - 1) * 100);
    expect(w.data.moves[0]!.returnPct).toBeCloseTo(worst, 10);
  });

  it('refuses both or neither of episodeId and window, and an unknown episode', async () => {
    expect(await dispatch(wb.handlers, 'episode:replay', { datasetId })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'episode:replay', { datasetId, episodeId: 'ftx-2022-11', window: { from: '2022-11-01', to: '2022-11-02' } }))
      .toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch(wb.handlers, 'episode:replay', { datasetId, episodeId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(wb.handlers, 'episode:replay', { datasetId, window: { from: '2022-11-05', to: '2022-11-01' } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

/** Aligned daily simple returns of the assets on the dates every one of them has, up to `to`. */
function alignedReturns(assets: string[], from = '0000', to = '9999'): number[][] {
  const dates = [...closes[assets[0]!]!.keys()].filter((d) => assets.every((a) => closes[a]!.has(d))).sort();
  const out: number[][] = assets.map(() => []);
  for (let t = 1; t < dates.length; t++) {
    if (dates[t]! < from || dates[t]! > to) continue;
    assets.forEach((a, k) => out[k]!.push(closes[a]!.get(dates[t]!)! / closes[a]!.get(dates[t - 1]!)! - 1));
  }
  return out;
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0, sxx = 0, syy = 0;
  x.forEach((v, i) => { sxy += (v - mx) * (y[i]! - my); sxx += (v - mx) ** 2; syy += (y[i]! - my) ** 2; });
  return sxy / Math.sqrt(sxx * syy);
}

/** Zero-mean EWMA of cross products, seeded with the mean over the first 30 (design.md, ewma.ts). */
function ewmaCorrelation(x: number[], y: number[], lambda: number): number {
  const cov = (a: number[], b: number[]) => {
    let c = a.slice(0, 30).reduce((s, v, i) => s + v * b[i]!, 0) / 30;
    for (let t = 30; t < a.length; t++) c = lambda * c + (1 - lambda) * a[t]! * b[t]!;
    return c;
  };
  return cov(x, y) / Math.sqrt(cov(x, x) * cov(y, y));
}

describe('correlation', () => {
  const assets = ['BTC', 'ETH', 'SOL', 'DOGE'];
  it('build: sample (whole history and a window) and EWMA equal a direct recomputation', async () => {
    const all = alignedReturns(assets);
    const s = await dispatch(wb.handlers, 'correlation:build', { datasetId, assets, base: { estimator: 'sample' } });
    if (!s.ok) throw new Error(s.error.message);
    expect(s.data.observations).toBe(all[0]!.length);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(s.data.matrix[i]![j]).toBeCloseTo(i === j ? 1 : pearson(all[i]!, all[j]!), 12);
    const win = alignedReturns(assets, '2022-05-01', '2022-06-30');
    const w = await dispatch(wb.handlers, 'correlation:build', { datasetId, assets, base: { estimator: 'sample', window: { from: '2022-05-01', to: '2022-06-30' } } });
    expect(w.ok && w.data).toMatchObject({ from: '2022-05-01', to: '2022-06-30', observations: 61 });
    expect(w.ok && w.data.matrix[0]![1]).toBeCloseTo(pearson(win[0]!, win[1]!), 12);
    const e = await dispatch(wb.handlers, 'correlation:build', { datasetId, assets, base: { estimator: 'ewma', lambda: 0.97 } });
    expect(e.ok && e.data.lambda).toBe(0.97);
    expect(e.ok && e.data.matrix[1]![2]).toBeCloseTo(ewmaCorrelation(all[1]!, all[2]!, 0.97), 12);
  });

  it('shock: a blend toward ones needs no repair; a sign flip breaks PSD and is repaired to the nearest correlation matrix', async () => {
    const blend = await dispatch(wb.handlers, 'correlation:shock', { datasetId, assets, base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.5 }] });
    if (!blend.ok) throw new Error(blend.error.message);
    const b = blend.data;
    // ρ' = (1 − w)ρ + w·1, a convex combination of two correlation matrices: PSD, no repair.
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(b.shocked[i]![j]).toBeCloseTo(0.5 * b.base.matrix[i]![j]! + 0.5, 14);
    expect(b.repair).toMatchObject({ needed: false, iterations: 0, changedEntries: [] });
    expect(b.change[0]![1]).toBeCloseTo(b.repaired[0]![1]! - b.base.matrix[0]![1]!, 14);

    const flip = await dispatch(wb.handlers, 'correlation:shock', { datasetId, assets, base: { estimator: 'sample' }, operations: [{ op: 'flipSign', pairs: [['BTC', 'ETH']] }] });
    if (!flip.ok) throw new Error(flip.error.message);
    const f = flip.data;
    expect(f.shocked[0]![1]).toBeCloseTo(-f.base.matrix[0]![1]!, 14);
    expect(f.repair.needed).toBe(true);
    expect(f.repair.eigenvaluesBefore[0]).toBeLessThan(0);
    expect(f.repair.eigenvaluesAfter[0]).toBeGreaterThan(-1e-10);
    expect(f.repaired.map((row, i) => row[i])).toEqual([1, 1, 1, 1]);
    let frob = 0;
    let max = 0;
    f.repaired.forEach((row, i) => row.forEach((x, j) => { const d = x - f.shocked[i]![j]!; frob += d * d; max = Math.max(max, Math.abs(d)); }));
    expect(f.repair.frobeniusChange).toBeCloseTo(Math.sqrt(frob), 12);
    expect(f.repair.maxChange).toBeCloseTo(max, 12);
    const moved = f.repair.changedEntries.find((c) => c.i === 0 && c.j === 1)!;
    expect(moved).toMatchObject({ assets: ['BTC', 'ETH'] });
    expect(moved.before).toBeCloseTo(f.shocked[0]![1]!, 14);
    expect(moved.after).toBeCloseTo(f.repaired[0]![1]!, 14);
  });

  it('refuses an asset without history and an operation on an asset outside the matrix', async () => {
    const r = await dispatch(wb.handlers, 'correlation:build', { datasetId, assets: ['BTC', 'XRP'], base: { estimator: 'sample' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const o = await dispatch(wb.handlers, 'correlation:shock', { datasetId, assets: ['BTC', 'ETH'], base: { estimator: 'sample' }, operations: [{ op: 'flipSign', pairs: [['BTC', 'SOL']] }] });
    expect(!o.ok && o.error.message).toMatch(/SOL is not in the base correlation matrix/);
  });
});

describe('stress:stressedPeriod', () => {
  it('the worst 5-day window for a long-BTC book equals a brute-force search of the stored closes', async () => {
    const text = JSON.stringify({
      name: 'long BTC', instruments: [{ id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' }],
      accounts: [{ id: 'a', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '1000' }], positions: [{ instrumentId: 'BTC-PERP', quantity: '2', entryPrice: '30000' }] }],
    });
    const b = await dispatch(wb.handlers, 'book:import', { fileName: 'long.json', text });
    if (!b.ok) throw new Error(b.error.message);
    const at = '2024-12-31';
    const r = await dispatch(wb.handlers, 'stress:stressedPeriod', { bookId: b.data.id, datasetId, windowDays: 5, at });
    if (!r.ok) throw new Error(r.error.message);
    // Loss of window [s, e] at today's positions: −(2·S_BTC·R_BTC + 1000·S_USDT·R_USDT), R = close(e)/close(s − 1) − 1.
    const dates = [...closes.BTC!.keys()].filter((d) => closes.USDT!.has(d) && d <= at).sort();
    const spot = (a: string) => closes[a]!.get(at)!;
    let best = { loss: -Infinity, from: '', to: '', btc: 0 };
    for (let e = 5; e < dates.length; e++) {
      const R = (a: string) => closes[a]!.get(dates[e]!)! / closes[a]!.get(dates[e - 5]!)! - 1;
      const loss = -(2 * spot('BTC') * R('BTC') + 1000 * spot('USDT') * R('USDT'));
      if (loss > best.loss) best = { loss, from: dates[e - 4]!, to: dates[e]!, btc: R('BTC') };
    }
    expect(r.data).toMatchObject({ from: best.from, to: best.to, windowDays: 5, windowsEvaluated: dates.length - 5, window: { from: best.from, to: best.to, anchorDate: best.to } });
    expect(r.data.lossUsd).toBeCloseTo(best.loss, 6);
    expect(r.data.returnsPct.BTC).toBeCloseTo(best.btc * 100, 10);
    const v = await dispatch(wb.handlers, 'scenario:validate', { scenario: r.data.scenario });
    expect(v.ok && v.data.valid).toBe(true);
    expect(await dispatch(wb.handlers, 'stress:stressedPeriod', { bookId: b.data.id, datasetId, windowDays: 9000 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  }, 60_000);
});
