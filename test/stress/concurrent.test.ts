/**
 * Concurrent writers (hardening issue, "Faults" 4): several built-CLI processes writing one
 * database at once. SQLite in WAL mode allows one writer at a time; every store write is one short
 * IMMEDIATE transaction and a waiting writer retries for the busy timeout (10 s, main/store/db.ts),
 * so concurrent imports and margin runs serialise and all succeed with all their results. A writer
 * that cannot get the lock within the timeout refuses with one clear line (exit 1) and stores nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDigest, tempDir } from '../helpers/tmp';
import { assertSound, jsonOut, runCli, startCli } from './faults/cli';

const tmp = tempDir('mwb-concurrent-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'shared.db');
let datasetName = '';

/** `assets` daily files of `days` bars each; returns their paths and the bars as the store keeps them. */
function dailyFiles(prefix: string, assets: number, days: number): { paths: string[]; bars: Map<string, string[][]> } {
  const paths: string[] = [];
  const bars = new Map<string, string[][]>();
  for (let a = 0; a < assets; a++) {
    const asset = `${prefix}${a}`;
    const rows: string[][] = [];
    for (let d = 0; d < days; d++) {
      const open = (100 + a + (d % 50) / 10).toFixed(2);
      rows.push([new Date(Date.UTC(2012, 0, 1) + d * 86_400_000).toISOString().slice(0, 10), open, (Number(open) + 2).toFixed(2),
        (Number(open) - 2).toFixed(2), (Number(open) + 0.5).toFixed(2), String(1000 + d)]);
    }
    const path = join(tmp.dir, `${asset}-USD.csv`);
    writeFileSync(path, `date,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    paths.push(path);
    bars.set(asset, rows);
  }
  return { paths, bars };
}

function storedBars(datasetName: string): Map<string, string[][]> {
  const raw = new Database(db, { readonly: true });
  try {
    const rows = raw.prepare(
      `SELECT b.asset, b.date, b.open, b.high, b.low, b.close, b.volume FROM bars b JOIN datasets d ON d.id = b.dataset_id
       WHERE d.name = ? ORDER BY b.asset, b.date`,
    ).all(datasetName) as { asset: string; date: string; open: string; high: string; low: string; close: string; volume: string }[];
    const out = new Map<string, string[][]>();
    for (const r of rows) {
      if (!out.has(r.asset)) out.set(r.asset, []);
      out.get(r.asset)!.push([r.date, r.open, r.high, r.low, r.close, r.volume]);
    }
    return out;
  } finally {
    raw.close();
  }
}

beforeAll(async () => {
  const demo = await runCli(['--db', db, '--json', 'demo']);
  expect(demo.code, demo.stderr).toBe(0);
  datasetName = jsonOut<{ dataset: { name: string } }>(demo).dataset.name;
}, 300_000);

describe('two or more CLI processes writing one database', () => {
  it('four imports of different datasets at once: all succeed, every bar of every file stored', async () => {
    const sets = ['P', 'Q', 'R', 'S'].map((prefix) => ({ prefix, ...dailyFiles(prefix, 5, 3000) }));
    const started = Date.now();
    const runs = await Promise.all(sets.map((s) => runCli(['--db', db, '--json', 'import', 'prices', ...s.paths, '--dataset', `set ${s.prefix}`])));
    console.log(`concurrent imports: 4 × 5 files × 3,000 days in ${Date.now() - started} ms (each ${runs.map((r) => r.wallMs).join(', ')} ms)`);
    for (const [i, r] of runs.entries()) {
      expect(r.code, r.stderr).toBe(0);
      expect(jsonOut<{ series: unknown[] }>(r).series).toHaveLength(5);
      expect(storedBars(`set ${sets[i]!.prefix}`)).toEqual(sets[i]!.bars);
    }
    assertSound(db);
  });

  it('two margin runs at once: both succeed and both runs are stored, with the same result hash', async () => {
    const args = ['--db', db, '--json', 'margin', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
      '--prices', datasetName, '--no-explain'];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ra = jsonOut<{ runId: string; resultHash: string }>(a);
    const rb = jsonOut<{ runId: string; resultHash: string }>(b);
    expect(ra.runId).not.toBe(rb.runId);
    expect(ra.resultHash).toBe(rb.resultHash);
    const raw = new Database(db, { readonly: true });
    const stored = raw.prepare(`SELECT id, status, result_hash AS hash, (SELECT COUNT(*) FROM run_vectors v WHERE v.run_id = runs.id) AS vectors
      FROM runs WHERE id IN (?, ?) ORDER BY id`).all(ra.runId, rb.runId) as { status: string; hash: string; vectors: number }[];
    raw.close();
    expect(stored.map((s) => [s.status, s.hash])).toEqual([['succeeded', ra.resultHash], ['succeeded', ra.resultHash]]);
    expect(stored[0]!.vectors).toBeGreaterThan(0);
    expect(stored[1]!.vectors).toBe(stored[0]!.vectors);
    assertSound(db);
  });

  it('an import and a margin run interleaved with two more imports: all six writers succeed', async () => {
    const sets = ['T', 'U', 'V', 'W'].map((prefix) => ({ prefix, ...dailyFiles(prefix, 2, 2000) }));
    const margin = ['--db', db, '--json', 'margin', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
      '--prices', datasetName, '--no-explain'];
    const runs = await Promise.all([
      ...sets.map((s) => runCli(['--db', db, '--json', 'import', 'prices', ...s.paths, '--dataset', `set ${s.prefix}`])),
      runCli(margin), runCli(margin),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    for (const s of sets) expect(storedBars(`set ${s.prefix}`)).toEqual(s.bars);
    assertSound(db);
  });

  it('a writer that holds the lock past the busy timeout: the other refuses with "busy" (exit 1) and stores nothing', async () => {
    const { paths } = dailyFiles('X', 1, 100);
    const holder = new Database(db);
    holder.pragma('busy_timeout = 10000');
    holder.prepare('BEGIN IMMEDIATE').run();
    let digest: string;
    try {
      digest = fileDigest(db);
      const started = Date.now();
      const refused = await runCli(['--db', db, 'import', 'prices', ...paths, '--dataset', 'blocked']);
      const waitedMs = Date.now() - started;
      console.log(`busy: refused after ${waitedMs} ms: ${refused.stderr.trim()}`);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(new RegExp(`^mwb: error: ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is busy: another process is writing it; try again`));
      // It waited for the busy timeout (10 s) before giving up.
      expect(waitedMs).toBeGreaterThanOrEqual(10_000);
      expect(fileDigest(db)).toBe(digest);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    assertSound(db);
  });

  it('a writer that holds the lock for 2 s: the other waits and succeeds', async () => {
    const { paths, bars } = dailyFiles('Y', 1, 100);
    const holder = new Database(db);
    holder.prepare('BEGIN IMMEDIATE').run();
    const { done } = startCli(['--db', db, 'import', 'prices', ...paths, '--dataset', 'waited']);
    await new Promise((r) => setTimeout(r, 2000));
    holder.prepare('COMMIT').run();
    holder.close();
    const run = await done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.wallMs).toBeGreaterThanOrEqual(2000);
    expect(storedBars('waited')).toEqual(bars);
    assertSound(db);
  });
});
