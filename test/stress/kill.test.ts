/**
 * Kill during a run (hardening issue, "Faults" 2): `kill -9` of the built CLI during a stress run,
 * a sweep and an import, 20 times each at seeded random points of a window calibrated on one full
 * run. After every kill: integrity_check = ok, no partial results (a run that did not succeed has
 * no run_results / run_vectors; every series holds exactly row_count bars; an import is all or
 * nothing), no run left 'running' once the app reopens the file, and at the end a new run succeeds.
 *
 * A recorded run is written once its job ends, results and status in one transaction
 * (main/services/tracked.ts); while it runs, an in-flight journal entry sits beside the database
 * (main/store/inflight.ts). A run killed mid-way therefore leaves no results, and the next open of the
 * store records it as 'interrupted' from the journal: each kill adds at most one run, 'succeeded' (killed
 * after its commit) or 'interrupted', and most kills land mid-run, so interrupted runs must appear.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../main/core/numeric/rng';
import { openStore } from '../../main/store';
import { REPO } from '../helpers/mwb';
import { tempDir } from '../helpers/tmp';
import { assertSound, jsonOut, killCliAfter, runCli, type CliRun } from './faults/cli';

const KILLS = 20;
const tmp = tempDir('mwb-kill-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'kill.db');
let datasetName = '';

const SCENARIO = { schemaVersion: 1, name: 'BTC −30 %, ETH −35 %', shocks: [
  { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -30 },
  { type: 'price', shift: 'relative', assets: ['ETH'], shockPct: -35 },
] };

function write(name: string, content: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
}

function countRows(sql: string, ...args: unknown[]): number {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    raw.close();
  }
}

interface KillStats { fullMs: number; killedMidRun: number; finishedFirst: number }

/**
 * One full run to calibrate the window, then KILLS runs each SIGKILLed at a uniform random point of
 * [0.05, 1.05] × the full run's wall time (start-up included: some kills land before the database
 * is even opened, some during the final write). `check(i, run)` asserts what the kind must hold.
 */
async function killRepeatedly(args: (i: number) => string[], seed: number, check: (i: number, run: CliRun) => void): Promise<KillStats> {
  const full = await runCli(args(-1));
  expect(full.code, full.stderr).toBe(0);
  const rng = createRng(seed);
  const stats: KillStats = { fullMs: full.wallMs, killedMidRun: 0, finishedFirst: 0 };
  for (let i = 0; i < KILLS; i++) {
    const run = await killCliAfter(args(i), (0.05 + rng.uniform()) * full.wallMs);
    if (run.signal === 'SIGKILL') stats.killedMidRun++;
    else {
      expect(run.code, run.stderr).toBe(0);
      stats.finishedFirst++;
    }
    assertSound(db);
    check(i, run);
  }
  // The window must put most kills inside the run, or the test proves little.
  expect(stats.killedMidRun).toBeGreaterThanOrEqual(KILLS / 2);
  const after = await runCli(args(KILLS));
  expect(after.code, after.stderr).toBe(0);
  assertSound(db);
  return stats;
}

beforeAll(async () => {
  const demo = await runCli(['--db', db, '--json', 'demo']);
  expect(demo.code, demo.stderr).toBe(0);
  datasetName = jsonOut<{ dataset: { name: string } }>(demo).dataset.name;
}, 300_000);

describe('kill -9 during a run leaves a sound database and no partial results', () => {
  it(`a stress book run (cascade on), killed ${KILLS} times`, async () => {
    const scenario = write('scenario.json', JSON.stringify(SCENARIO));
    const args = () => ['--db', db, '--json', 'stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
      '--scenario', scenario, '--prices', datasetName, '--insurance-fund', '2000000', '--cascade'];
    const stressRuns = (status: string) => countRows(`SELECT COUNT(*) AS n FROM runs WHERE kind = 'stress' AND status = ?`, status);
    let expected = stressRuns('succeeded') + stressRuns('interrupted');
    const stats = await killRepeatedly(args, 101, (_i, run) => {
      // A run is stored whole when it finished (or was killed after its commit), or recorded interrupted.
      const now = stressRuns('succeeded') + stressRuns('interrupted');
      expect(now - expected).toBeLessThanOrEqual(1);
      if (run.signal !== 'SIGKILL') expect(now).toBe(expected + 1);
      expected = now;
      expect(countRows(`SELECT COUNT(*) AS n FROM runs WHERE kind = 'stress' AND status NOT IN ('succeeded', 'interrupted')`)).toBe(0);
    });
    expect(stressRuns('interrupted')).toBeGreaterThan(0);
    console.log(`kill stress: full run ${stats.fullMs} ms; ${stats.killedMidRun} killed mid-run, ${stats.finishedFirst} finished first`);
  });

  it(`a sweep (8 parameter sets on 2 assets), killed ${KILLS} times`, async () => {
    const config = write('sweep.json', JSON.stringify({
      prices: datasetName, assets: ['BTC', 'ETH'],
      axes: { methods: ['hs', 'fhs'], confidences: [0.99], windowDays: [250, 500], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none', 'buffer25'] },
    }));
    const sweeps = () => countRows(`SELECT COUNT(*) AS n FROM runs WHERE kind LIKE '%sweep%' AND status IN ('succeeded', 'interrupted')`);
    let expected = sweeps();
    const stats = await killRepeatedly(() => ['--db', db, '--json', 'sweep', '--config', config], 202, (_i, run) => {
      const now = sweeps();
      expect(now - expected).toBeLessThanOrEqual(1);
      if (run.signal !== 'SIGKILL') expect(now).toBe(expected + 1);
      expected = now;
    });
    expect(sweeps()).toBeGreaterThan(0);
    expect(countRows(`SELECT COUNT(*) AS n FROM runs WHERE kind LIKE '%sweep%' AND status = 'interrupted'`)).toBeGreaterThan(0);
    console.log(`kill sweep: full run ${stats.fullMs} ms; ${stats.killedMidRun} killed mid-run, ${stats.finishedFirst} finished first`);
  });

  it(`an import of a streamed 300,000-row intraday file and a daily file, killed ${KILLS} times: all or nothing`, async () => {
    const minutes = ['timestamp,open,high,low,close,volume'];
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 300_000; i++) {
      const p = (20_000 + 50 * Math.sin(i / 500)).toFixed(2);
      minutes.push(`${new Date(start + i * 60_000).toISOString()},${p},${(Number(p) + 1).toFixed(2)},${(Number(p) - 1).toFixed(2)},${p},${(i % 13) + 0.5}`);
    }
    const intraday = write('XRP-USD.csv', `${minutes.join('\n')}\n`);
    const daily = write('ADA-USD.csv', `date,open,high,low,close,volume\n${Array.from({ length: 2000 }, (_, d) =>
      `${new Date(Date.UTC(2019, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)},1.0,1.2,0.9,1.1,${1000 + d}`).join('\n')}\n`);
    const seriesOf = (name: string) => countRows(
      'SELECT COUNT(*) AS n FROM series s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = ?', name);
    const stats = await killRepeatedly((i) => ['--db', db, '--json', 'import', 'prices', intraday, daily, '--dataset', `import ${i}`], 303, (i, run) => {
      const n = seriesOf(`import ${i}`);
      expect([0, 2]).toContain(n);
      if (run.signal !== 'SIGKILL') expect(n).toBe(2);
    });
    expect(seriesOf(`import ${KILLS}`)).toBe(2);
    console.log(`kill import: full run ${stats.fullMs} ms; ${stats.killedMidRun} killed mid-run, ${stats.finishedFirst} finished first`);
  });

  it("a run left 'running' by a killed process is 'interrupted' after the app reopens the file, with no results; a new run succeeds", async () => {
    // A writer that records its run as 'running' under its own pid before the work ends (what
    // runs.begin writes), then dies by SIGKILL. Plain JavaScript: the store's migrations need the bundler.
    const script = write('begin-and-wait.cjs', [
      `const Database = require(${JSON.stringify(join(REPO, 'node_modules', 'better-sqlite3'))});`,
      `const db = new Database(${JSON.stringify(db)});`,
      "db.pragma('busy_timeout = 10000');",
      "db.prepare(`INSERT INTO runs (id, kind, status, label, input_hash, inputs_json, params_json, seed, app_version, owner_pid, created_at, started_at)",
      "  VALUES ('killed-run', 'stress', 'running', '', 'h', '{}', '{}', NULL, 'test', ?, ?, ?)`).run(process.pid, new Date().toISOString(), new Date().toISOString());",
      "process.stdout.write('ready\\n');",
      'setInterval(() => undefined, 1000);',
    ].join('\n'));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const listed = await runCli(['--db', db, '--json', 'runs', 'list', '--kind', 'stress']);
    expect(listed.code, listed.stderr).toBe(0);
    const killed = jsonOut<{ runs: { id: string; status: string }[] }>(listed).runs.find((r) => r.id === 'killed-run');
    expect(killed?.status).toBe('interrupted');
    const store = openStore(db, { appVersion: 'test' });
    try {
      expect(store.runs.get('killed-run')?.error).toBe('the process running it stopped before it finished');
      expect(store.runs.summaries('killed-run')).toEqual({});
      expect(store.runs.vectorNames('killed-run')).toEqual([]);
    } finally {
      store.close();
    }
    const scenario = write('scenario-after.json', JSON.stringify(SCENARIO));
    const after = await runCli(['--db', db, '--json', 'stress', '--book', 'sample-book-20260101', '--model', 'preset:tiered-binance-btcusdt-mark',
      '--scenario', scenario, '--prices', datasetName]);
    expect(after.code, after.stderr).toBe(0);
    assertSound(db);
  });
});
