/**
 * stress:run / stress:get / stress:accounts / stress:reverse / stress:penaltySweep on the SYNTHETIC sample
 * workspace (2,000 accounts) through IPC dispatch, with the worker pool: agreement with margin:compute at
 * severity 0, runs with and without the cascade, Monte Carlo reproducibility by seed and across splits,
 * cancellation, reverse stress against direct runs, the penalty sweep, and the conservation check on every run.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { StressRunOutput } from '../../preload/contract';
import { openWorkbench } from '../../main/workbench';
import { tempDir } from '../helpers/tmp';
import { WORKER_SHIM, openTestWorkbench } from '../helpers/workbench';

const wb = openTestWorkbench();
afterAll(() => wb.close());
let bookId = '';
let datasetId = '';
const modelId = 'preset:tiered-binance-btcusdt-mark';
const REL = 1e-9;
const relClose = (a: number, b: number, rel = REL): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

const CRASH = { schemaVersion: 1, name: 'risk assets −25 %, vol +20', shocks: [
  { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -25 },
  { type: 'vol', assets: ['BTC', 'ETH', 'SOL', 'DOGE'], volPoints: 20 },
] };
const MILD = { schemaVersion: 1, name: 'risk assets −10 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC', 'ETH', 'SOL', 'DOGE'], shockPct: -10 }] };

beforeAll(async () => {
  const r = await dispatch(wb.handlers, 'workspace:createSample', {});
  if (!r.ok) throw new Error(r.error.message);
  bookId = r.data.bookId;
  datasetId = r.data.datasetId;
}, 120_000);

async function stress(input: Record<string, unknown>): Promise<StressRunOutput> {
  const r = await dispatch(wb.handlers, 'stress:run', { bookId, modelId, datasetId, scenario: CRASH, insuranceFundUsd: '5000000', ...input });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

async function allAccounts(runId: string) {
  const p = await dispatch(wb.handlers, 'stress:accounts', { runId, limit: 100_000, sortBy: 'accountId', descending: false });
  if (!p.ok) throw new Error(p.error.message);
  return p.data.rows;
}

describe('book runs on the sample book', () => {
  // A scenario-grid model values every position (the tiered one leaves options out of its equity, while a
  // stress run's equity always includes them: docs/methodology stress-book-runs, "Valuation under a shock").
  it('at severity 0 every account has the equity and MM of margin:compute under the same (SPAN-style) model', async () => {
    const span = 'preset:scenario-span-16';
    const s = await stress({ severity: 0, modelId: span });
    const m = await dispatch(wb.handlers, 'margin:compute', { bookId, modelId: span, datasetId });
    if (!m.ok) throw new Error(m.error.message);
    const margin = await dispatch(wb.handlers, 'margin:accounts', { runId: m.data.runId, limit: 100_000, sortBy: 'accountId', descending: false });
    if (!margin.ok) throw new Error(margin.error.message);
    const rows = await allAccounts(s.runId);
    expect(rows).toHaveLength(2000);
    rows.forEach((r, k) => {
      const g = margin.data.rows[k]!;
      expect(r.accountId).toBe(g.accountId);
      expect(r.scenarioPnlUsd).toBe(0);
      expect(relClose(r.postShockEquityUsd, g.equityUsd), `${r.accountId} equity ${r.postShockEquityUsd} vs ${g.equityUsd}`).toBe(true);
      expect(relClose(r.maintenanceMarginUsd, g.maintenanceMarginUsd), `${r.accountId} MM`).toBe(true);
    });
  }, 120_000);

  it('without and with the cascade: totals match the per-account table, the cascade liquidates at least as many', async () => {
    const plain = await stress({});
    const cascade = await stress({ cascade: true, maxRounds: 5 });
    for (const r of [plain, cascade]) {
      const rows = await allAccounts(r.runId);
      const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((s, x) => s + f(x), 0);
      expect(rows.filter((x) => x.liquidated)).toHaveLength(r.totals.accountsLiquidated);
      expect(relClose(sum((x) => x.badDebtUsd), r.totals.badDebtUsd)).toBe(true);
      expect(relClose(sum((x) => x.penaltyUsd), r.totals.penaltiesUsd)).toBe(true);
      expect(relClose(sum((x) => x.adlUsd), r.totals.adl.socialisedLossUsd)).toBe(true);
      expect(relClose(sum((x) => x.liquidatedNotionalUsd), r.totals.notionalLiquidatedUsd)).toBe(true);
      expect(r.conservation.holds).toBe(true);
      const got = await dispatch(wb.handlers, 'stress:get', { runId: r.runId });
      expect(got.ok && { ...got.data, durationMs: 0 }).toEqual({ ...r, durationMs: 0 });
    }
    expect(plain.rounds).toHaveLength(1);
    expect(plain.cascade).toBeNull();
    expect(plain.totals.impactCostUsd).toBe(0);
    expect(cascade.rounds.length).toBeGreaterThan(1);
    expect(cascade.totals.accountsLiquidated).toBeGreaterThanOrEqual(plain.totals.accountsLiquidated);
    expect(cascade.totals.impactCostUsd).toBeGreaterThan(0);
    // Liquidation sells push every traded price below the shocked one.
    for (const a of ['BTC', 'ETH']) expect(cascade.prices.final[a]!).toBeLessThan(cascade.prices.shocked[a]!);
    const info = await dispatch(wb.handlers, 'run:get', { runId: cascade.runId });
    expect(info).toMatchObject({ ok: true, data: { kind: 'stress', status: 'succeeded', resultHash: cascade.resultHash } });
  }, 180_000);

  it('stores only finite vectors; pages sort by shortfall and filter liquidated accounts', async () => {
    const r = await stress({ cascade: true });
    for (const name of wb.store.runs.vectorNames(r.runId)) {
      const v = wb.store.runs.vector(r.runId, name)!;
      expect(v.every(Number.isFinite), name).toBe(true);
    }
    const page = await dispatch(wb.handlers, 'stress:accounts', { runId: r.runId, limit: 50, onlyLiquidated: true });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.data.total).toBe(r.totals.accountsLiquidated);
    const shortfall = page.data.rows.map((x) => x.shortfallUsd);
    expect([...shortfall].sort((a, b) => b - a)).toEqual(shortfall);
    expect(page.data.rows.slice(0, 20).map((x) => x.accountId)).toEqual(r.topAccounts.map((x) => x.accountId));
  }, 120_000);
});

describe('Monte Carlo', () => {
  const mc = (seed: number) => stress({ scenario: MILD, monteCarlo: { seed, scenarios: 2000, horizonDays: 2, copula: 't', dof: 5 } });

  it('identical seeds give identical result hashes, different seeds different ones', async () => {
    const a = await mc(101);
    const b = await mc(101);
    const c = await mc(102);
    expect(b.resultHash).toBe(a.resultHash);
    expect(b.monteCarlo!.hash).toBe(a.monteCarlo!.hash);
    expect(c.resultHash).not.toBe(a.resultHash);
    expect(c.monteCarlo!.hash).not.toBe(a.monteCarlo!.hash);
    expect(a.seed).toBe(101);
    expect((await dispatch(wb.handlers, 'run:get', { runId: a.runId }))).toMatchObject({ ok: true, data: { seed: 101 } });
    // The stored per-scenario vectors are what the summary describes.
    const badDebt = wb.store.runs.vector(a.runId, 'mc.book.badDebtUsd')!;
    expect(badDebt).toHaveLength(2000);
    expect(relClose(badDebt.reduce((s, x) => s + x, 0) / 2000, a.monteCarlo!.book.badDebtUsd.mean)).toBe(true);
    const deficit = wb.store.runs.vector(a.runId, 'mc.book.deficitUsd')!;
    expect(a.monteCarlo!.book.probabilityFundExhausted).toBe(deficit.filter((x) => x > 0).length / 2000);
    const q = a.monteCarlo!.book.badDebtUsd.quantiles;
    expect([...q].sort((x, y) => x - y)).toEqual(q);
    expect(a.monteCarlo!.copula).toEqual({ kind: 't', dof: 5 });
  }, 240_000);

  it('one worker thread gives the same figures as two (account ranges fold in block order)', async () => {
    const a = await mc(101);
    const tmp = tempDir('mwb-stress-1t-');
    const one = openWorkbench({ dataDir: tmp.dir, dbPath: join(tmp.dir, 'wb.db'), workerFile: WORKER_SHIM, maxThreads: 1 });
    try {
      // The same SYNTHETIC workspace (deterministic in its seed), split into 2 account ranges instead of 4.
      const s = await dispatch(one.handlers, 'workspace:createSample', {});
      if (!s.ok) throw new Error(s.error.message);
      const r = await dispatch(one.handlers, 'stress:run', {
        bookId: s.data.bookId, modelId, datasetId: s.data.datasetId, scenario: MILD, insuranceFundUsd: '5000000',
        monteCarlo: { seed: 101, scenarios: 2000, horizonDays: 2, copula: 't', dof: 5 },
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.data.monteCarlo!.hash).toBe(a.monteCarlo!.hash);
      for (const name of ['mc.expectedShortfallUsd', 'mc.book.badDebtUsd', 'mc.book.fundDrawdownUsd']) {
        expect(one.store.runs.vector(r.data.runId, name), name).toEqual(wb.store.runs.vector(a.runId, name));
      }
    } finally {
      await one.close();
      tmp.cleanup();
    }
  }, 240_000);

  it('a cancelled Monte Carlo leaves a cancelled run with no results', async () => {
    const jobId = 'stress-cancel-0001';
    const finished = new Promise<{ status: string; runId: string | null }>((resolve) => {
      const off = wb.onEvent((event, payload) => {
        const p = payload as { jobId: string; status: string; runId: string | null };
        if (event === 'job:finished' && p.jobId === jobId) {
          off();
          resolve(p);
        }
      });
    });
    const running = dispatch(wb.handlers, 'stress:run', { bookId, modelId, datasetId, scenario: MILD, jobId, monteCarlo: { seed: 1, scenarios: 200_000 } });
    for (let i = 0; i < 600; i++) {
      const jobs = await dispatch(wb.handlers, 'job:list', {});
      if (jobs.ok && jobs.data.jobs.some((j) => j.jobId === `${jobId}-part-1`)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cancel = await dispatch(wb.handlers, 'job:cancel', { jobId });
    expect(cancel).toEqual({ ok: true, data: { cancelled: true } });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const done = await finished;
    expect(done.status).toBe('cancelled');
    const info = await dispatch(wb.handlers, 'run:get', { runId: done.runId! });
    expect(info).toMatchObject({ ok: true, data: { kind: 'stress', status: 'cancelled', resultHash: null } });
    expect(wb.store.runs.summaries(done.runId!)).toEqual({});
    expect(wb.store.runs.vectorNames(done.runId!)).toEqual([]);
    expect(await dispatch(wb.handlers, 'stress:get', { runId: done.runId! })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  }, 240_000);
});

describe('reverse stress and the penalty sweep', () => {
  it('bad debt > X: the direct run at k* meets the target, at k* − tolerance it does not', async () => {
    const tolerance = 1e-3;
    const r = await dispatch(wb.handlers, 'stress:reverse', {
      bookId, modelId, datasetId, scenario: MILD, insuranceFundUsd: '5000000', target: { kind: 'badDebt', thresholdUsd: '20000000' },
      severityMax: 4, gridPoints: 21, tolerance,
    });
    if (!r.ok) throw new Error(r.error.message);
    const k = r.data.severity!;
    expect(k).toBeGreaterThan(0);
    expect(r.data.bracket!.above).toBe(k);
    expect(r.data.bracket!.above - r.data.bracket!.below).toBeLessThanOrEqual(tolerance);
    expect(r.data.nonMonotone).toEqual([]);
    const at = await stress({ scenario: MILD, severity: k });
    const below = await stress({ scenario: MILD, severity: k - tolerance });
    expect(at.totals.badDebtUsd).toBeGreaterThan(20_000_000);
    expect(below.totals.badDebtUsd).toBeLessThanOrEqual(20_000_000);
    // The curve is the same run: a grid point equals a direct run at its severity.
    const point = r.data.curve.filter((p) => p.source === 'grid')[5]!;
    const direct = await stress({ scenario: MILD, severity: point.severity });
    expect(relClose(point.badDebtUsd, direct.totals.badDebtUsd, 1e-12)).toBe(true);
    expect(point.accountsLiquidated).toBe(direct.totals.accountsLiquidated);
    const info = await dispatch(wb.handlers, 'run:get', { runId: r.data.runId });
    expect(info).toMatchObject({ ok: true, data: { kind: 'reverseStress', status: 'succeeded', resultHash: r.data.resultHash } });
  }, 240_000);

  it('insurance fund: exhausted at k*, not at the bracket below', async () => {
    const r = await dispatch(wb.handlers, 'stress:reverse', { bookId, modelId, datasetId, scenario: MILD, insuranceFundUsd: '5000000', target: { kind: 'insuranceFund' } });
    if (!r.ok) throw new Error(r.error.message);
    expect((await stress({ scenario: MILD, severity: r.data.bracket!.above })).totals.insuranceFund.exhausted).toBe(true);
    expect((await stress({ scenario: MILD, severity: r.data.bracket!.below })).totals.insuranceFund.exhausted).toBe(false);
  }, 240_000);

  it('penalty sweep: bad debt does not depend on the rate; users pay more, the uncovered loss falls', async () => {
    const rates = ['0', '0.005', '0.01', '0.02', '0.05'];
    const r = await dispatch(wb.handlers, 'stress:penaltySweep', { bookId, modelId, datasetId, scenario: MILD, severity: 1.5, insuranceFundUsd: '5000000', rates });
    if (!r.ok) throw new Error(r.error.message);
    const rows = r.data.rows;
    expect(rows.map((x) => x.penaltyRate)).toEqual(rates);
    for (const row of rows) {
      expect(relClose(row.badDebtUsd, rows[0]!.badDebtUsd, 1e-12)).toBe(true);
      expect(row.conservationHolds).toBe(true);
    }
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.costToLiquidatedUsersUsd).toBeGreaterThanOrEqual(rows[i - 1]!.costToLiquidatedUsersUsd);
      expect(rows[i]!.uncoveredLossUsd).toBeLessThanOrEqual(rows[i - 1]!.uncoveredLossUsd + 1e-6);
    }
    expect(rows[0]!.costToLiquidatedUsersUsd).toBe(0);
    expect(r.data.minimalRate).toBe(rows.find((x) => x.uncoveredLossUsd === 0)?.penaltyRate ?? null);
    // The 1 % row is the plain run at the same severity.
    const direct = await stress({ scenario: MILD, severity: 1.5, penaltyRate: '0.01' });
    expect(relClose(rows[2]!.costToLiquidatedUsersUsd, direct.totals.penaltiesUsd, 1e-12)).toBe(true);
  }, 240_000);
});

describe('conservation', () => {
  it('holds on every stress run made in this file', async () => {
    const list = await dispatch(wb.handlers, 'run:list', { kind: 'stress', limit: 1000 });
    if (!list.ok) throw new Error(list.error.message);
    const succeeded = list.data.runs.filter((x) => x.status === 'succeeded');
    expect(succeeded.length).toBeGreaterThanOrEqual(10);
    for (const run of succeeded) {
      const r = await dispatch(wb.handlers, 'stress:get', { runId: run.id });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.data.conservation.holds, run.label).toBe(true);
      expect(Math.abs(r.data.conservation.losses.residualUsd)).toBeLessThanOrEqual(r.data.conservation.losses.toleranceUsd);
      expect(Math.abs(r.data.conservation.ledger.residualUsd)).toBeLessThanOrEqual(r.data.conservation.ledger.toleranceUsd);
    }
  }, 120_000);
});
