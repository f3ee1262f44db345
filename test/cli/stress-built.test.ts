// The BUILT `mwb` (out/cli/mwb.js, workers out/main/worker.js) for the Stress lab commands; the figures are
// checked in depth in stress.test.ts (in-process) and test/services/stress-*.test.ts. Here: the bundle runs
// the same code, worker threads included, and exit codes reach the shell.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runMwb } from '../helpers/mwb';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir('mwb-stress-built-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'built.db');
let dataset = '';
const scenario = join(tmp.dir, 'scenario.json');

beforeAll(() => {
  writeFileSync(scenario, JSON.stringify({ schemaVersion: 1, name: 'BTC −30 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -30 }] }));
  dataset = jsonOf<{ dataset: { name: string } }>(runMwb(['--db', db, '--json', 'demo'])).dataset.name;
}, 300_000);

describe('built mwb: Stress lab', () => {
  it("mwb ncm: Higham (2002)'s example → 0.7607 and 0.1573; a NaN entry exits 2 naming it", () => {
    const m = join(tmp.dir, 'higham.json');
    writeFileSync(m, '[[1,1,0],[1,1,1],[0,1,1]]');
    const r = jsonOf<{ matrix: number[][] }>(runMwb(['ncm', '--matrix', m, '--json']));
    // Higham, IMA J. Numer. Anal. 22 (2002) 329–343, section 4.
    expect(r.matrix[0]![1]).toBeCloseTo(0.7607, 4);
    expect(r.matrix[0]![2]).toBeCloseTo(0.1573, 4);
    const bad = join(tmp.dir, 'nan.json');
    writeFileSync(bad, '[[1,"NaN"],[0.5,1]]');
    const b = runMwb(['ncm', '--matrix', bad, '--json']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/entry \[0,1\] is NaN/);
  });

  it('mwb stress with a Monte Carlo on worker threads: same seed, same resultHash; conservation holds', () => {
    const args = ['--db', db, 'stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark', '--scenario', scenario,
      '--prices', dataset, '--cascade', '--seed', '7', '--scenarios', '1000', '--json'];
    const a = jsonOf<{ resultHash: string; conservation: { holds: boolean }; totals: { accounts: number }; monteCarlo: { hash: string; scenarios: number } }>(runMwb(args));
    const b = jsonOf<{ resultHash: string }>(runMwb(args));
    expect(a.totals.accounts).toBe(2000);
    expect(a.conservation.holds).toBe(true);
    expect(a.monteCarlo.scenarios).toBe(1000);
    expect(b.resultHash).toBe(a.resultHash);
  }, 300_000);

  it('mwb episode and mwb reverse-stress shapes; bad input exits 2', () => {
    const e = jsonOf<{ moves: { asset: string; fromDate: string; toDate: string }[]; scenario: unknown }>(
      runMwb(['--db', db, 'episode', '--prices', dataset, '--name', 'covid-2020-03-12', '--assets', 'BTC', '--json']));
    expect(e.moves[0]).toMatchObject({ asset: 'BTC', fromDate: '2020-03-11', toDate: '2020-03-12' });
    const r = jsonOf<{ severity: number | null; curve: unknown[]; bracket: unknown }>(runMwb(['--db', db, 'reverse-stress', '--book', 'sample-book-20260101',
      '--model', 'preset:tiered-binance-btcusdt-mark', '--scenario', scenario, '--prices', dataset, '--target', 'bad-debt=1000000', '--grid', '6', '--json']));
    expect(r.curve.length).toBeGreaterThanOrEqual(6);
    expect(runMwb(['--db', db, 'reverse-stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark', '--scenario', scenario,
      '--prices', dataset, '--target', 'everything']).code).toBe(2);
    expect(runMwb(['--db', db, 'episode', '--prices', dataset, '--name', 'no-such-episode']).code).toBe(2);
  }, 300_000);
});
