import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tieredBookMargin } from '../../main/core/margin/tieredBook';
import { compileTieredModel } from '../../main/core/margin/tieredBookModel';
import { tieredModelFromWire, type TieredModelWire } from '../../main/core/margin/config';
import { openWorkbench } from '../../main/workbench';
import { contentHash } from '../../main/store/hash';
import binanceTiered from '../../resources/presets/tiered-binance-btcusdt-mark.json';
import { benchHistoricalVar, benchParametricVar, benchScenarioGrid, scaledSampleBook } from '../core/margin/bench/marginBench';
import { report, timeMedianMs } from './util';

const ACCOUNTS = 10_000;

/**
 * Margin models over the SYNTHETIC sample book scaled to 10,000 accounts: each model single-threaded
 * (core whole-book path, book already compiled) and through the app's path — `margin:compute` on the
 * worker pool (serialise, compile per worker, margin an account range each, store the run).
 */
export async function benchMargin(workerFile: string): Promise<void> {
  const input = scaledSampleBook(ACCOUNTS);
  const n = input.compiled.accounts.count;
  report({ section: 'margin', name: `compile book: ${n} accounts, ${input.compiled.positions.count} positions`, medianMs: input.compileMs });
  const tiered = tieredModelFromWire(binanceTiered as unknown as TieredModelWire);
  const tieredMs = await timeMedianMs(() => tieredBookMargin(input.compiled, compileTieredModel(tiered, input.compiled)), 7, 2);
  report({ section: 'margin', name: `tiered (Binance BTCUSDT brackets), 1 thread`, medianMs: tieredMs, throughput: { value: (n / tieredMs) * 1000, unit: 'accounts/s' } });
  const grid = benchScenarioGrid(input);
  report({ section: 'margin', name: `scenario grid, ${grid.scenarios} scenarios, 1 thread`, medianMs: grid.medianMs, throughput: { value: (n / grid.medianMs) * 1000, unit: 'accounts/s' }, target: '< 1 s' });
  const hs = benchHistoricalVar(input);
  report({ section: 'margin', name: `HS VaR, ${hs.scenarios}-day lookback, 2-day horizon, 1 thread`, medianMs: hs.medianMs, throughput: { value: (n / hs.medianMs) * 1000, unit: 'accounts/s' }, target: '< 2 s' });
  const pv = benchParametricVar(input);
  report({ section: 'margin', name: `parametric delta-normal VaR, 1 thread`, medianMs: pv.medianMs, throughput: { value: (n / pv.medianMs) * 1000, unit: 'accounts/s' } });

  // The app path on the worker pool, end to end through the service and the store.
  const dir = mkdtempSync(join(tmpdir(), 'mwb-bench-'));
  const wb = openWorkbench({ dataDir: dir, workerFile });
  try {
    const sample = await wb.services.workspace.createSample({ seed: 20260101 });
    const scaled = { ...input.book, id: 'bench-10k', name: 'Sample book ×5 (SYNTHETIC)' };
    wb.store.transaction(() => wb.store.books.insert(scaled, { contentHash: contentHash(scaled.id), source: 'bench', createdAt: new Date().toISOString() }));
    for (const modelId of ['preset:tiered-binance-btcusdt-mark', 'preset:scenario-deribit-pm', 'preset:scenario-span-16', 'preset:hsvar-99-2d-1y', 'preset:parametric-var-99-1d']) {
      const ms = await timeMedianMs(() => wb.services.margin.compute({ bookId: 'bench-10k', modelId, datasetId: sample.datasetId }), 3, 1);
      report({ section: 'margin', name: `${modelId} via margin:compute, ${wb.services.ctx.pool.threads} worker threads (incl. store)`, medianMs: ms, throughput: { value: (n / ms) * 1000, unit: 'accounts/s' } });
    }
  } finally {
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
