// The BUILT `mwb` (out/cli/mwb.js, as a user runs it): bundle a margin run, a backtest run and a Monte
// Carlo stress run with the liquidation cascade (2,000 scenarios, seed 7) of the SYNTHETIC sample
// workspace, re-run the bundle in another process with no database, and check the exit codes
// automation relies on: 0 all match, 1 any mismatch, 2 unreadable bundle.
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
let stressRunId = '';

beforeAll(() => {
  const demo = jsonOf<{ dataset: { name: string } }>(runMwb(['--db', db, '--json', 'demo']));
  const m = jsonOf<{ runId: string; resultHash: string }>(runMwb(['--db', db, '--json', 'margin', '--book', 'sample-book-20260101', '--model', 'preset:scenario-span-16',
    '--prices', demo.dataset.name, '--no-explain']));
  const b = jsonOf<{ runId: string; resultHash: string }>(runMwb(['--db', db, '--json', 'backtest', '--prices', demo.dataset.name, '--asset', 'BTC', '--window', '250',
    '--confidence', '0.99', '--horizon', '1', '--method', 'hs']));
  const scenario = join(tmp.dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify({ schemaVersion: 1, name: 'Risk assets -20 %', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC', 'ETH', 'SOL', 'DOGE'], shockPct: -20 }] }));
  const s = jsonOf<{ runId: string; resultHash: string; seed: number }>(runMwb(['--db', db, '--json', 'stress', '--book', 'sample-book-20260101',
    '--model', 'preset:tiered-binance-btcusdt-mark', '--scenario', scenario, '--prices', demo.dataset.name, '--insurance-fund', '5000000', '--cascade',
    '--seed', '7', '--scenarios', '2000']));
  if (s.seed !== 7) throw new Error(`the stress run recorded seed ${s.seed}`);
  recorded[m.runId] = m.resultHash;
  recorded[b.runId] = b.resultHash;
  recorded[s.runId] = s.resultHash;
  stressRunId = s.runId;
  const r = runMwb(['--db', db, '--json', 'bundle', '--runs', `${m.runId},${b.runId},${s.runId}`, '--out', bundlePath]);
  if (r.code !== 0) throw new Error(r.stderr);
}, 120_000);

describe('built mwb rerun', () => {
  it('re-runs a margin run, a backtest run and a Monte Carlo stress run bit-identically in a process with no database (exit 0)', () => {
    const noDb = join(tmp.dir, 'absent', 'wb.db');
    const r = runMwb(['--db', noDb, '--json', 'rerun', bundlePath]);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonOf<{ matches: boolean; runs: { id: string; kind: string; expectedHash: string; actualHash: string; matches: boolean }[] }>(r);
    expect(out.matches).toBe(true);
    expect(out.runs.map((x) => x.kind)).toEqual(['margin', 'calibration:backtest', 'stress']);
    for (const x of out.runs) {
      expect(x.expectedHash).toBe(recorded[x.id]);
      expect(x.actualHash).toBe(recorded[x.id]);
    }
    expect(existsSync(noDb)).toBe(false);
  }, 120_000);

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
    // A changed shock of the stress run's (inline, recorded) scenario: only that run mismatches, and says why.
    const shocked = JSON.parse(readFileSync(bundlePath, 'utf8')) as { runs: { id: string; inputs: { scenario: { shocks: { shockPct: number }[] } } }[] };
    shocked.runs.find((x) => x.id === stressRunId)!.inputs.scenario.shocks[0]!.shockPct = -21;
    writeFileSync(join(tmp.dir, 'shocked.json'), JSON.stringify(shocked));
    const t = runMwb(['--json', 'rerun', join(tmp.dir, 'shocked.json')]);
    expect(t.code).toBe(1);
    const tout = jsonOf<{ runs: { id: string; matches: boolean; actualHash: string; expectedHash: string; problems: string[] }[] }>(t);
    expect(tout.runs.map((x) => x.matches)).toEqual([true, true, false]);
    expect(tout.runs[2].problems.join(' ')).toMatch(/do not hash to the recorded input hash/);
    expect(tout.runs[2].actualHash).not.toBe(tout.runs[2].expectedHash);
    const bad = runMwb(['rerun', join(tmp.dir, 'nope.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read');
  }, 180_000);
});
