import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../main/ipc/dispatch';
import { streamPriceFile } from '../../main/services/prices/streamImport';
import { contentHash } from '../../main/store/hash';
import { openWorkbench } from '../../main/workbench';
import { scaleBook } from '../core/margin/bench/scaleBook';
import { peakRssMb, report } from './util';

const ACCOUNTS = 100_000;
const MODELS = ['preset:tiered-binance-btcusdt-mark', 'preset:scenario-deribit-pm', 'preset:scenario-span-16', 'preset:hsvar-99-2d-1y',
  'preset:parametric-var-99-1d'];
const CRASH = { schemaVersion: 1, name: 'risk assets −25 %, vol +20', shocks: [
  { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -25 },
  { type: 'vol', assets: ['BTC', 'ETH', 'SOL', 'DOGE'], volPoints: 20 },
] };

const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;

/** 1,000,000 one-minute bars (2023-01-01 on, ~67 MB) of a deterministic walk, written in 1 MB chunks. */
async function writeMinuteBars(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = 'timestamp,open,high,low,close,volume\n';
  let price = 20_000;
  for (let i = 0; i < rows; i++) {
    const next = price * (1 + 0.0004 * Math.sin(i * 0.37));
    chunk += `${new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString()},${price.toFixed(2)},${(Math.max(price, next) + 1).toFixed(2)},`
      + `${(Math.min(price, next) - 1).toFixed(2)},${next.toFixed(2)},${(1 + (i % 97) * 0.013).toFixed(3)}\n`;
    price = next;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve) => out.end(chunk, () => resolve()));
}

/**
 * Scale (hardening issue): a streamed import of 1,000,000 one-minute bars (main/services/prices/stream*.ts),
 * and the SYNTHETIC sample book scaled to 100,000 accounts (scaleBook: the 2,000
 * sample accounts repeated with fresh ids) through the app's paths, once each (a run at this size
 * is the measurement; there is no warm-up): margin:compute under every preset model on the worker
 * pool (book wire to each worker, account ranges, results stored as a run), and stress:run with the
 * liquidation cascade on. Prints wall time, accounts/s, the process's resident set after the step and
 * its peak so far (getrusage maxRSS: piscina workers are threads of this process, so it covers
 * them). Asserts nothing.
 */
export async function benchScale(workerFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mwb-bench-scale-'));
  const wb = openWorkbench({ dataDir: dir, workerFile });
  try {
    const csv = join(dir, 'BTC-USD.csv');
    await writeMinuteBars(csv, 1_000_000);
    const s0 = performance.now();
    const streamed = await streamPriceFile(csv, { fileName: 'BTC-USD.csv', interval: 'auto', now: new Date() });
    const streamMs = performance.now() - s0;
    report({ section: 'scale', name: `stream-import 1,000,000 one-minute bars → ${streamed.stats.days} daily bars (1 thread)`, medianMs: streamMs,
      throughput: { value: (streamed.stats.rowsRead / streamMs) * 1000, unit: 'rows/s' }, note: `1 run; rss now ${rssMb().toFixed(0)} MB` });

    const sample = await wb.services.workspace.createSample({ seed: 20260101 });
    const base = wb.store.books.load(sample.bookId)!;
    const t0 = performance.now();
    const book = { ...scaleBook(base, ACCOUNTS), id: 'bench-100k', name: `Sample book scaled to ${ACCOUNTS} accounts (SYNTHETIC)` };
    wb.store.transaction(() => wb.store.books.insert(book, { contentHash: contentHash(book.id), source: 'bench', createdAt: new Date().toISOString() }));
    const positions = book.accounts.reduce((s, a) => s + a.positions.length, 0);
    report({ section: 'scale', name: `store a ${ACCOUNTS.toLocaleString('en-US')}-account book (${positions.toLocaleString('en-US')} positions)`,
      medianMs: performance.now() - t0, note: `rss now ${rssMb().toFixed(0)} MB` });

    for (const modelId of MODELS) {
      const t = performance.now();
      const run = await wb.services.margin.compute({ bookId: book.id, modelId, datasetId: sample.datasetId });
      const ms = performance.now() - t;
      report({
        section: 'scale', name: `margin:compute ${modelId}, ${wb.services.ctx.pool.threads} threads`, medianMs: ms,
        throughput: { value: (ACCOUNTS / ms) * 1000, unit: 'accounts/s' },
        note: `1 run; ${run.totals.accounts} accounts; rss now ${rssMb().toFixed(0)} MB, peak ${peakRssMb().toFixed(0)} MB`,
      });
    }

    const t = performance.now();
    const r = await dispatch(wb.handlers, 'stress:run', {
      bookId: book.id, modelId: 'preset:tiered-binance-btcusdt-mark', datasetId: sample.datasetId, scenario: CRASH,
      insuranceFundUsd: '5000000', cascade: true,
    });
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(`stress:run on ${ACCOUNTS} accounts: ${r.error.message}`);
    report({
      section: 'scale', name: `stress:run, cascade on (${r.data.rounds.length} rounds)`, medianMs: ms,
      throughput: { value: (ACCOUNTS / ms) * 1000, unit: 'accounts/s' },
      note: `1 run; ${r.data.totals.accountsLiquidated} liquidated, conservation ${r.data.conservation.holds ? 'holds' : 'FAILS'}; `
        + `rss now ${rssMb().toFixed(0)} MB, peak ${peakRssMb().toFixed(0)} MB`,
    });
  } finally {
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
