import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { createRng } from '../../main/core/numeric/rng';
import { startMwb, runMwb } from '../helpers/mwb';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir('mwb-crash-');
afterAll(() => tmp.cleanup());

/** Many assets × years of daily bars: an import whose single write transaction takes a while. */
function writeBigImport(dir: string, assets: number, days: number): string[] {
  const files: string[] = [];
  for (let a = 0; a < assets; a++) {
    const lines = ['date,open,high,low,close,volume'];
    let p = 100 + a;
    for (let d = 0; d < days; d++) {
      const date = new Date(Date.UTC(2010, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      const next = p * (1 + 0.01 * Math.sin(d + a));
      lines.push(`${date},${p.toFixed(4)},${(Math.max(p, next) * 1.01).toFixed(4)},${(Math.min(p, next) * 0.99).toFixed(4)},${next.toFixed(4)},${1000 + d}`);
      p = next;
    }
    const file = join(dir, `A${a}-USD.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  return files;
}

/** What must hold after any crash: a sound file, whole series, no run left "running". */
function assertConsistent(dbPath: string): { series: number; interrupted: number } {
  // A kill before the first migration committed leaves a file without tables: opening applies them.
  openStore(dbPath, { appVersion: 'test' }).close();
  const raw = new Database(dbPath);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(raw.pragma('foreign_key_check')).toEqual([]);
  // Every stored series has exactly the bars its header row promises: no half-written import.
  const partial = raw.prepare(
    `SELECT s.asset, s.row_count, (SELECT COUNT(*) FROM bars b WHERE b.dataset_id = s.dataset_id AND b.asset = s.asset) AS n
     FROM series s WHERE s.row_count <> (SELECT COUNT(*) FROM bars b WHERE b.dataset_id = s.dataset_id AND b.asset = s.asset)`,
  ).all();
  expect(partial).toEqual([]);
  const series = (raw.prepare('SELECT COUNT(*) AS n FROM series').get() as { n: number }).n;
  raw.close();
  // Reopening through the app marks runs of dead processes interrupted; none keep results.
  const store = openStore(dbPath, { appVersion: 'test' });
  const runs = store.runs.list();
  expect(runs.filter((r) => r.status === 'running')).toEqual([]);
  for (const r of runs.filter((x) => x.status !== 'succeeded')) {
    expect(store.runs.summaries(r.id)).toEqual({});
    expect(store.runs.vectorNames(r.id)).toEqual([]);
  }
  const interrupted = runs.filter((r) => r.status === 'interrupted').length;
  store.close();
  return { series, interrupted };
}

async function killAfter(args: string[], delayMs: number): Promise<number | null> {
  const child = startMwb(args);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  return exited;
}

describe('crash safety: a writer killed with SIGKILL', () => {
  it('leaves a sound database with no partial import, and the next import succeeds', async () => {
    const db = join(tmp.dir, 'import.db');
    const files = writeBigImport(tmp.dir, 20, 4000);
    const rng = createRng(42);
    // Calibrate the kill window on one full run, then kill at random points inside it.
    const t0 = Date.now();
    const full = runMwb(['--db', join(tmp.dir, 'timing.db'), 'import', 'prices', ...files]);
    expect(full.code, full.stderr).toBe(0);
    const durationMs = Date.now() - t0;
    let killedMidway = 0;
    for (let i = 0; i < 5; i++) {
      const code = await killAfter(['--db', db, 'import', 'prices', ...files, '--dataset', `Run ${i}`], 150 + rng.uniform() * durationMs);
      if (code === null) killedMidway++;
      const { series } = assertConsistent(db);
      expect(series % 20).toBe(0);
    }
    expect(killedMidway).toBeGreaterThan(0);
    const after = runMwb(['--db', db, 'import', 'prices', ...files, '--dataset', 'After the crashes']);
    expect(after.code, after.stderr).toBe(0);
    assertConsistent(db);
  });

  it('kills `mwb demo` mid-run: the run in flight is recorded interrupted, never half-stored, and a new demo succeeds', async () => {
    const db = join(tmp.dir, 'demo.db');
    const rng = createRng(7);
    // Calibrate on one full demo (sample workspace, two margin runs, a backtest), then kill inside its
    // run phase, where a recorded run is in flight.
    const t0 = Date.now();
    const full = runMwb(['--db', join(tmp.dir, 'demo-timing.db'), 'demo']);
    expect(full.code, full.stderr).toBe(0);
    const durationMs = Date.now() - t0;
    let interrupted = 0;
    for (let i = 0; i < 5; i++) {
      await killAfter(['--db', db, 'demo'], (0.45 + 0.5 * rng.uniform()) * durationMs);
      interrupted = assertConsistent(db).interrupted;
    }
    expect(interrupted).toBeGreaterThan(0);
    const ok = runMwb(['--db', db, '--json', 'demo']);
    expect(ok.code, ok.stderr).toBe(0);
    assertConsistent(db);
  });
});
