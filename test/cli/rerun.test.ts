// The BUILT `mwb` (out/cli/mwb.js, as a user runs it): bundle a margin run and a backtest run of the
// SYNTHETIC sample workspace, re-run the bundle in another process with no database, and check the
// exit codes automation relies on: 0 all match, 1 any mismatch, 2 unreadable bundle.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runMwb } from '../helpers/mwb';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir('mwb-cli-rerun-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'wb.db');
const bundlePath = join(tmp.dir, 'bundle.json');
const recorded: Record<string, string> = {};

beforeAll(() => {
  const demo = jsonOf<{ dataset: { name: string } }>(runMwb(['--db', db, '--json', 'demo']));
  const m = jsonOf<{ runId: string; resultHash: string }>(runMwb(['--db', db, '--json', 'margin', '--book', 'sample-book-20260101', '--model', 'preset:scenario-span-16',
    '--prices', demo.dataset.name, '--no-explain']));
  const b = jsonOf<{ runId: string; resultHash: string }>(runMwb(['--db', db, '--json', 'backtest', '--prices', demo.dataset.name, '--asset', 'BTC', '--window', '250',
    '--confidence', '0.99', '--horizon', '1', '--method', 'hs']));
  recorded[m.runId] = m.resultHash;
  recorded[b.runId] = b.resultHash;
  const r = runMwb(['--db', db, '--json', 'bundle', '--runs', `${m.runId},${b.runId}`, '--out', bundlePath]);
  if (r.code !== 0) throw new Error(r.stderr);
}, 120_000);

describe('built mwb rerun', () => {
  it('re-runs a margin run and a backtest run bit-identically in a process with no database (exit 0)', () => {
    const noDb = join(tmp.dir, 'absent', 'wb.db');
    const r = runMwb(['--db', noDb, '--json', 'rerun', bundlePath]);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonOf<{ matches: boolean; runs: { id: string; kind: string; expectedHash: string; actualHash: string; matches: boolean }[] }>(r);
    expect(out.matches).toBe(true);
    expect(out.runs.map((x) => x.kind)).toEqual(['margin', 'calibration:backtest']);
    for (const x of out.runs) {
      expect(x.expectedHash).toBe(recorded[x.id]);
      expect(x.actualHash).toBe(recorded[x.id]);
    }
    expect(existsSync(noDb)).toBe(false);
  }, 60_000);

  it('one changed bar exits 1 with matches:false; a file that is not a bundle exits 2', () => {
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as { inputs: { series: { asset: string; bars: string[][] }[] } };
    const btc = bundle.inputs.series.find((s) => s.asset === 'BTC')!;
    btc.bars[btc.bars.length - 1][4] = String(Number(btc.bars[btc.bars.length - 1][4]) + 0.01);
    writeFileSync(join(tmp.dir, 'tampered.json'), JSON.stringify(bundle));
    const r = runMwb(['--json', 'rerun', join(tmp.dir, 'tampered.json')]);
    expect(r.code).toBe(1);
    const out = jsonOf<{ matches: boolean; runs: { matches: boolean; actualHash: string; expectedHash: string }[] }>(r);
    expect(out.matches).toBe(false);
    for (const x of out.runs) {
      expect(x.matches).toBe(false);
      expect(x.actualHash).not.toBe(x.expectedHash);
    }
    const bad = runMwb(['rerun', join(tmp.dir, 'nope.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read');
  }, 60_000);
});
