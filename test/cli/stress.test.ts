// `mwb ncm | episode | stress | reverse-stress` in-process (runCli from source, worker threads through the tsx
// shim) on a temp database holding the SYNTHETIC sample workspace. Exit codes: 0 ok, 2 bad input with a reason.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/workbench';
import { fileDigest, tempDir } from '../helpers/tmp';
import { WORKER_SHIM } from '../helpers/workbench';
import { mwbInProcess, parsed } from './calibrationCli';

const tmp = tempDir('mwb-cli-stress-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'wb.db');
const file = (name: string, content: unknown): string => {
  const path = join(tmp.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
let datasetName = '';
let closes: Record<string, Map<string, number>> = {};

beforeAll(async () => {
  const wb = openWorkbench({ dataDir: tmp.dir, dbPath: db, workerFile: WORKER_SHIM, maxThreads: 2 });
  try {
    const s = await wb.services.workspace.createSample({ seed: 20260101 });
    datasetName = wb.services.datasets.get(s.datasetId).name;
    closes = Object.fromEntries(['BTC', 'ETH'].map((a) => {
      const series = wb.store.datasets.readSeries(s.datasetId, a);
      return [a, new Map(series.dates.map((d, i) => [d, series.close[i]!]))];
    }));
  } finally {
    await wb.close();
  }
}, 120_000);

describe('mwb ncm', () => {
  it("Higham (2002)'s example [[1,1,0],[1,1,1],[0,1,1]]: off-diagonals 0.7607 and 0.1573", async () => {
    const r = parsed<{ matrix: number[][]; iterations: number; frobeniusChange: number; maxChange: number; eigenvaluesBefore: number[]; eigenvaluesAfter: number[] }>(
      await mwbInProcess(['--json', 'ncm', '--matrix', file('higham.json', [[1, 1, 0], [1, 1, 1], [0, 1, 1]])]));
    expect(Object.keys(r).sort()).toEqual(['eigenvaluesAfter', 'eigenvaluesBefore', 'frobeniusChange', 'iterations', 'matrix', 'maxChange']);
    // Higham, "Computing the nearest correlation matrix", IMA J. Numer. Anal. 22 (2002) 329–343, section 4:
    // X = [[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]] to 4 decimals.
    expect(r.matrix[0]![1]).toBeCloseTo(0.7607, 4);
    expect(r.matrix[1]![2]).toBeCloseTo(0.7607, 4);
    expect(r.matrix[0]![2]).toBeCloseTo(0.1573, 4);
    // numpy 2.4.6 alternating projections with Dykstra's correction to a 1e-14 relative step: 0.76068985, 0.15729811.
    expect(r.matrix[0]![1]).toBeCloseTo(0.76068985, 6);
    expect(r.matrix[0]![2]).toBeCloseTo(0.15729811, 6);
    expect(r.matrix.map((row, i) => row[i])).toEqual([1, 1, 1]);
    // The input's eigenvalues are 1 − √2, 1, 1 + √2 (numpy.linalg.eigvalsh: −0.41421356, 1, 2.41421356).
    [1 - Math.SQRT2, 1, 1 + Math.SQRT2].forEach((x, i) => expect(r.eigenvaluesBefore[i]).toBeCloseTo(x, 12));
    // numpy.linalg.eigvalsh(X): ≈ 0, 0.842701894, 2.15729811.
    expect(Math.abs(r.eigenvaluesAfter[0]!)).toBeLessThan(1e-8);
    expect(r.eigenvaluesAfter[1]).toBeCloseTo(0.842701894, 6);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.maxChange).toBeCloseTo(1 - 0.76068985, 6);
  });

  it('names a non-square matrix, a NaN entry (null, "NaN", a string) and a diagonal that is not 1; exit 2', async () => {
    const cases: [unknown, RegExp][] = [
      [[[1, 0.5, 0], [0.5, 1]], /not square: row 0 has 3 entries, expected 2/],
      [[[1, null], [null, 1]], /entry \[0,1\] is NaN/],
      [[[1, 0.2], ['NaN', 1]], /entry \[1,0\] is NaN/],
      [[[1, 0.2], [0.2, 'x']], /entry \[1,1\] is NaN/],
      [[[1, 0.5], [0.5, 2]], /diagonal entry \[1,1\] is 2, not 1/],
      ['{"not": "rows"}', /array of rows/],
      ['[[1, 0.5], [0.5, 1]', /not valid JSON/],
    ];
    for (const [i, [content, message]] of cases.entries()) {
      const r = await mwbInProcess(['--json', 'ncm', '--matrix', file(`bad-${i}.json`, content)]);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect((await mwbInProcess(['ncm'])).code).toBe(2);
  });
});

describe('mwb episode', () => {
  it('replays a library episode close-to-close on a dataset: the moves are the stored closes', async () => {
    const r = parsed<{ prices: string; episode: { id: string }; mode: string; horizonDays: number; moves: { asset: string; fromDate: string; toDate: string; fromClose: number; toClose: number; returnPct: number }[]; missingAssets: unknown[]; scenario: { shocks: { shockPct: number }[] } }>(
      await mwbInProcess(['--db', db, '--json', 'episode', '--prices', datasetName, '--name', 'covid-2020-03-12', '--assets', 'BTC,ETH,XRP']));
    expect(r).toMatchObject({ episode: { id: 'covid-2020-03-12' }, mode: 'closeToClose', horizonDays: 1 });
    expect(r.missingAssets).toEqual([{ asset: 'XRP', reason: 'no price series for this asset' }]);
    for (const m of r.moves) {
      const c = closes[m.asset]!;
      expect(m).toMatchObject({ fromDate: '2020-03-11', toDate: '2020-03-12', fromClose: c.get('2020-03-11'), toClose: c.get('2020-03-12') });
      expect(m.returnPct).toBeCloseTo((c.get('2020-03-12')! / c.get('2020-03-11')! - 1) * 100, 10);
    }
    expect(r.scenario.shocks.map((s) => s.shockPct)).toEqual(r.moves.map((m) => m.returnPct));
  });

  it('worst-window: the most negative 2-day move inside the window, per asset', async () => {
    const r = parsed<{ horizonDays: number; moves: { asset: string; fromDate: string; toDate: string; returnPct: number }[] }>(
      await mwbInProcess(['--db', db, '--json', 'episode', '--prices', datasetName, '--name', 'ftx-2022-11', '--mode', 'worst-window', '--horizon', '2', '--assets', 'BTC']));
    expect(r.horizonDays).toBe(2);
    const [m] = r.moves;
    const c = closes.BTC!;
    // Brute force over every pair of closes two days apart in [from − 1, to] (resources/episodes.json: ftx-2022-11).
    const days = [...c.keys()].filter((d) => d >= '2022-11-05' && d <= '2022-11-14');
    let worst = Infinity;
    for (let i = 2; i < days.length; i++) worst = Math.min(worst, (c.get(days[i]!)! / c.get(days[i - 2]!)! - 1) * 100);
    expect(m!.returnPct).toBeCloseTo(worst, 10);
  });

  it('bad input exits 2 with a reason', async () => {
    const run = (args: string[]) => mwbInProcess(['--db', db, '--json', 'episode', '--prices', datasetName, ...args]);
    expect((await run(['--name', 'no-such-episode'])).stderr).toMatch(/no episode "no-such-episode"/);
    expect((await run(['--name', 'covid-2020-03-12', '--mode', 'sideways'])).code).toBe(2);
    expect((await run(['--name', 'covid-2020-03-12', '--horizon', '2'])).stderr).toMatch(/--horizon is only used with --mode worst-window/);
    const long = await run(['--name', 'covid-2020-03-12', '--mode', 'worst-window', '--horizon', '9']);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/horizonDays must be an integer in \[1, 5\]/);
    expect((await run(['--name', 'covid-2020-03-12', '--assets', 'btc'])).stderr).toMatch(/--assets: "btc"/);
  });
});

const SCENARIO = { schemaVersion: 1, name: 'BTC −30 %, ETH −35 %', shocks: [
  { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -30 },
  { type: 'price', shift: 'relative', assets: ['ETH'], shockPct: -35 },
] };

interface StressJson {
  runId: string; resultHash: string; totals: { accounts: number; accountsLiquidated: number; badDebtUsd: number };
  conservation: { holds: boolean }; topAccounts: { accountId: string; shortfallUsd: number }[]; rounds: unknown[];
  monteCarlo: { hash: string; seed: number; scenarios: number } | null; seed: number | null;
}

describe('mwb stress', () => {
  const base = () => ['--db', db, '--json', 'stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
    '--scenario', file('scenario.json', SCENARIO), '--prices', datasetName, '--insurance-fund', '2000000'];

  it('prints totals, conservation, the largest shortfalls and a resultHash; the same inputs give the same hash', async () => {
    const a = parsed<StressJson>(await mwbInProcess([...base(), '--top', '5']));
    expect(a.totals.accounts).toBe(2000);
    expect(a.totals.accountsLiquidated).toBeGreaterThan(0);
    expect(a.conservation.holds).toBe(true);
    expect(a.topAccounts).toHaveLength(5);
    const shortfalls = a.topAccounts.map((r) => r.shortfallUsd);
    expect([...shortfalls].sort((x, y) => y - x)).toEqual(shortfalls);
    expect(a.monteCarlo).toBeNull();
    expect(a.resultHash).toMatch(/^[0-9a-f]{64}$/);
    const b = parsed<StressJson>(await mwbInProcess([...base(), '--top', '5']));
    expect(b.resultHash).toBe(a.resultHash);
    expect(b.runId).not.toBe(a.runId);
  }, 120_000);

  it('--seed / --scenarios add a Monte Carlo: same seed, same hash; another seed, another', async () => {
    const mc = (seed: string) => mwbInProcess([...base(), '--seed', seed, '--scenarios', '500']);
    const a = parsed<StressJson>(await mc('11'));
    const b = parsed<StressJson>(await mc('11'));
    const c = parsed<StressJson>(await mc('12'));
    expect(a.monteCarlo).toMatchObject({ seed: 11, scenarios: 500 });
    expect(a.seed).toBe(11);
    expect(b.resultHash).toBe(a.resultHash);
    expect(b.monteCarlo!.hash).toBe(a.monteCarlo!.hash);
    expect(c.resultHash).not.toBe(a.resultHash);
    expect(c.monteCarlo!.hash).not.toBe(a.monteCarlo!.hash);
    // A run file that asks for the Monte Carlo itself.
    const runFile = file('run.json', { scenario: SCENARIO, monteCarlo: { seed: 11, scenarios: 500 } });
    const d = parsed<StressJson>(await mwbInProcess([...base().slice(0, -6), '--scenario', runFile, '--prices', datasetName, '--insurance-fund', '2000000']));
    expect(d.monteCarlo!.hash).toBe(a.monteCarlo!.hash);
  }, 240_000);

  it('bad input exits 2 with a reason and stores nothing', async () => {
    const before = fileDigest(db);
    const cases: [string[], RegExp][] = [
      [['--scenario', file('bad-scenario.json', { ...SCENARIO, shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -150 }] })], /scenario\.shocks\.0\.shockPct/],
      [['--penalty', '2'], /penaltyRate.*--penalty/],
      [['--insurance-fund=-5'], /insuranceFundUsd: must not be negative.*--insurance-fund/],
      [['--horizon', '5'], /--horizon is a Monte Carlo option/],
      [['--max-rounds', '3'], /--max-rounds is only used with --cascade/],
      [['--scenario', 'no-such-scenario'], /no scenario with id "no-such-scenario"/],
      [['--scenario', file('wrapped.json', { scenario: SCENARIO, extra: 1 })], /extra: is not a known field of a run file/],
      [['--seed', '1', '--copula', 'clayton'], /monteCarlo\.copula/],
      [['--at', '2030-01-01'], /no common close on 2030-01-01/],
    ];
    for (const [extra, message] of cases) {
      const r = await mwbInProcess([...base(), ...extra]);
      expect(r.code, `${extra.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(fileDigest(db)).toBe(before);
  }, 120_000);
});

describe('mwb reverse-stress', () => {
  it('finds the severity that exhausts the fund, with its bracket and the bad-debt curve', async () => {
    const r = parsed<{ severity: number; bracket: { below: number; above: number }; curve: { severity: number; badDebtUsd: number; met: boolean; source: string }[]; resultHash: string; target: { kind: string } }>(
      await mwbInProcess(['--db', db, '--json', 'reverse-stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
        '--scenario', file('scenario.json', SCENARIO), '--prices', datasetName, '--insurance-fund', '2000000', '--target', 'insurance-fund', '--severity-max', '2', '--grid', '11']));
    expect(r.target).toEqual({ kind: 'insuranceFund' });
    expect(r.bracket.above - r.bracket.below).toBeLessThanOrEqual(1e-3);
    expect(r.severity).toBe(r.bracket.above);
    expect(r.curve.filter((p) => p.source === 'grid')).toHaveLength(11);
    expect(r.curve.find((p) => p.severity === r.bracket.below)!.met).toBe(false);
    expect(r.curve.find((p) => p.severity === r.bracket.above)!.met).toBe(true);
    expect(r.resultHash).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('a bad --target exits 2', async () => {
    const r = await mwbInProcess(['--db', db, '--json', 'reverse-stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
      '--scenario', file('scenario.json', SCENARIO), '--prices', datasetName, '--target', 'bad-debt=lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target\.thresholdUsd/);
    expect((await mwbInProcess(['--db', db, 'reverse-stress', '--book', 'x', '--model', 'y', '--scenario', 'z', '--target', 'moon'])).stderr).toMatch(/--target "moon"/);
  });
});
