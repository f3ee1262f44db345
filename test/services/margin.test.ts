import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { openTestWorkbench } from '../helpers/workbench';

const wb = openTestWorkbench();
afterAll(() => wb.close());
let bookId = '';
let datasetId = '';

beforeAll(async () => {
  const r = await dispatch(wb.handlers, 'workspace:createSample', {});
  if (!r.ok) throw new Error(r.error.message);
  bookId = r.data.bookId;
  datasetId = r.data.datasetId;
}, 120_000);

const REL = 1e-9;
const relClose = (a: number, b: number): boolean => Math.abs(a - b) <= REL * Math.max(1, Math.abs(b));

describe('margin service', () => {
  for (const modelId of ['preset:tiered-binance-btcusdt-mark', 'preset:scenario-span-16', 'preset:hsvar-99-2d-1y', 'preset:parametric-var-99-1d']) {
    it(`${modelId}: the whole-book run agrees with the single-account Dec path, and is stored as a run`, async () => {
      const events: string[] = [];
      const off = wb.onEvent((e) => events.push(e));
      const run = await dispatch(wb.handlers, 'margin:compute', { bookId, modelId, datasetId });
      off();
      expect(run.ok, !run.ok ? run.error.message : '').toBe(true);
      if (!run.ok) return;
      expect(run.data.totals.accounts).toBe(2000);
      expect(run.data.synthetic).toBe(true);
      expect(events).toContain('job:progress');
      expect(events.at(-1)).toBe('job:finished');
      const page = await dispatch(wb.handlers, 'margin:accounts', { runId: run.data.runId, limit: 2000, sortBy: 'accountId', descending: false });
      expect(page.ok && page.data.total).toBe(2000);
      if (!page.ok) return;
      // A spread of accounts: the Dec explain re-run equals the stored vectorised figures.
      for (const row of page.data.rows.filter((_, i) => i % 250 === 0)) {
        const e = await dispatch(wb.handlers, 'margin:explain', { runId: run.data.runId, accountId: row.accountId });
        expect(e.ok, !e.ok ? e.error.message : '').toBe(true);
        if (!e.ok) continue;
        expect(relClose(row.equityUsd, Number(e.data.summary.equityUsd)), `${row.accountId} equity`).toBe(true);
        expect(relClose(row.maintenanceMarginUsd, Number(e.data.summary.maintenanceMarginUsd)), `${row.accountId} MM`).toBe(true);
        expect(relClose(row.initialMarginUsd, Number(e.data.summary.initialMarginUsd)), `${row.accountId} IM`).toBe(true);
        expect(e.data.drivers.length).toBeGreaterThan(0);
      }
      const info = await dispatch(wb.handlers, 'run:get', { runId: run.data.runId });
      expect(info).toMatchObject({ ok: true, data: { kind: 'margin', status: 'succeeded', resultHash: run.data.resultHash } });
    }, 120_000);
  }

  it('sorts, filters and pages accounts server-side', async () => {
    const run = await dispatch(wb.handlers, 'margin:compute', { bookId, modelId: 'preset:scenario-span-16', datasetId });
    if (!run.ok) throw new Error(run.error.message);
    const top = await dispatch(wb.handlers, 'margin:accounts', { runId: run.data.runId, limit: 5, sortBy: 'maintenanceMarginUsd', descending: true });
    if (!top.ok) throw new Error(top.error.message);
    const mm = top.data.rows.map((r) => r.maintenanceMarginUsd);
    expect([...mm].sort((a, b) => b - a)).toEqual(mm);
    const liq = await dispatch(wb.handlers, 'margin:accounts', { runId: run.data.runId, onlyLiquidatable: true, limit: 100_000 });
    expect(liq.ok && liq.data.total).toBe(run.data.totals.liquidatable);
  }, 120_000);

  it('the same inputs give the same result hash', async () => {
    const a = await dispatch(wb.handlers, 'margin:compute', { bookId, modelId: 'preset:tiered-bybit-entry', datasetId });
    const b = await dispatch(wb.handlers, 'margin:compute', { bookId, modelId: 'preset:tiered-bybit-entry', datasetId });
    expect(a.ok && b.ok && a.data.resultHash === b.data.resultHash).toBe(true);
    expect(a.ok && b.ok && a.data.runId !== b.data.runId).toBe(true);
  }, 120_000);

  it('rejects unknown ids and dates with clear errors', async () => {
    expect(await dispatch(wb.handlers, 'margin:compute', { bookId: 'nope', modelId: 'preset:scenario-span-16', datasetId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(wb.handlers, 'margin:compute', { bookId, modelId: 'preset:nope', datasetId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const r = await dispatch(wb.handlers, 'margin:compute', { bookId, modelId: 'preset:scenario-span-16', datasetId, at: '2030-01-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
