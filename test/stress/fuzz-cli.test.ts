/**
 * `mwb` flag fuzz (hardening issue, "Bad input" 4): argv arrays for every command — unknown flags,
 * missing values, non-numeric and out-of-range numbers, paths that do not exist, directories instead
 * of files, wrong files — and token mutations of a valid command line, through runCli in-process on
 * a tiny real database. Property: runCli resolves (never throws) to 0, or to 2 with exactly one
 * stderr line `mwb: error: …` (and with --json one {ok:false} document), never 1; after an exit 2
 * the database file is byte-for-byte what it was. ≥ 5,000 command lines over all commands.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../main/cli/run';
import { COMMANDS } from '../../main/cli/commands';
import type { Command } from '../../main/cli/command';
import { fileDigest } from '../helpers/tmp';
import { WORKER_SHIM } from '../helpers/workbench';
import { BOOK, DATASET, MODEL, SCENARIO, openIpcFixture, syntheticCsv, type IpcFixture } from './fuzz/ipcFixture';
import { commandArgvArb, mutatedArgvArb, type ArgvPools } from './fuzz/argv';


const TOTAL_RUNS = 5000;
const PER_COMMAND = Math.ceil(TOTAL_RUNS / COMMANDS.length);

let fx: IpcFixture;
let db: string;
let pools: ArgvPools;
let valid: Record<string, string[]>;
let digest: string;
const savedProgress = process.env.MWB_PROGRESS;

async function run(argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), env: { MWB_PROGRESS: 'off', MWB_DATA_DIR: fx.wb.dir },
    bundleDir: fx.wb.dir, workerFile: WORKER_SHIM, now: () => new Date('2026-01-15T12:00:00Z'),
  };
  const code = await runCli(['--db', db, ...argv], io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  process.env.MWB_PROGRESS = 'off';
  fx = await openIpcFixture();
  db = fx.wb.dbPath;
  const d = fx.wb.dir;
  const f = (name: string, text: string): string => { const p = join(d, name); writeFileSync(p, text); return p; };
  mkdirSync(join(d, 'csvdir'));
  mkdirSync(join(d, 'out'));
  writeFileSync(join(d, 'csvdir', 'SOL-USD.csv'), syntheticCsv('SOL', 20, 0.05, 3, 120));
  const files = {
    csv: f('BTC-USD.csv', syntheticCsv('BTC', 20000, 0.03, 1)), badCsv: f('ETH-USD.csv', 'date,open\n2024-01-01,x\n'),
    model: f('model.json', JSON.stringify({ ...MODEL, name: 'CLI fuzz model' })), badModel: f('bad-model.json', JSON.stringify({ ...MODEL, confidence: '2' })),
    book: f('book.json', JSON.stringify({ ...BOOK, name: 'CLI fuzz book' })), notJson: f('not.json', '{"kind": '), empty: f('empty.txt', ''),
    scenario: f('scenario.json', JSON.stringify(SCENARIO)), matrix: f('matrix.json', '[[1, 0.9, 0.2], [0.9, 1, -0.95], [0.2, -0.95, 1]]'),
    calibrate: f('calibrate.json', JSON.stringify({ prices: DATASET, assets: ['BTC'], lookbackDays: 60, bootstrap: { seed: 1, resamples: 50, level: 0.9 } })),
    sweep: f('sweep.json', JSON.stringify({ prices: DATASET, assets: ['BTC'], axes: { methods: ['hs'], confidences: [0.95], windowDays: [30], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] }, from: '2024-01-01', to: '2024-01-10' })),
  };
  const outs = [join(d, 'out', 'r.html'), join(d, 'out', 'r.csv'), join(d, 'out', 'r.xlsx'), join(d, 'out', 'dir') + '/', join(d, 'out', 'r.txt'), join(d, 'out', 'b.json'), join(d, 'out')];
  const paths = [...Object.values(files), join(d, 'csvdir'), join(d, 'missing.csv'), join(d, 'missing') + '/', d];
  pools = { values: [...paths, DATASET, fx.ids.datasetId, fx.ids.bookId, fx.ids.modelId, fx.ids.marginRunId, fx.ids.calibrateRunId, 'preset:hsvar-99-2d-1y'], outs, positionals: paths };
  const bundle = join(d, 'out', 'base-bundle.json');
  const made = await run(['bundle', '--runs', fx.ids.marginRunId, '--out', bundle]);
  if (made.code !== 0) throw new Error(`bundle fixture: ${made.stderr.join('\n')}`);
  const varFlags = ['--prices', DATASET, '--asset', 'BTC', '--window', '30', '--confidence', '0.95', '--horizon', '1', '--method', 'hs'];
  valid = {
    'import prices': ['import', 'prices', files.csv, '--dataset', 'CLI fuzz'],
    'datasets list': ['datasets', 'list'],
    demo: ['demo', '--seed', '-1'],
    price: ['price', '--type', 'call', '--forward', '100', '--strike', '90', '--days', '30', '--vol', '0.5', '--rate', '0'],
    liq: ['liq', '--side', 'long', '--qty', '1', '--entry', '100', '--leverage', '10', '--mmr', '0.005'],
    margin: ['margin', '--book', fx.ids.bookId, '--model', fx.ids.modelId, '--prices', DATASET, '--no-explain'],
    var: ['var', ...varFlags, '--at', '2024-01-31'],
    backtest: ['backtest', ...varFlags, '--from', '2024-01-01', '--to', '2024-02-01'],
    diagnose: ['diagnose', '--prices', DATASET, '--asset', 'ETH', '--adf-lags', '2'],
    calibrate: ['calibrate', '--config', files.calibrate],
    sweep: ['sweep', '--config', files.sweep],
    report: ['report', '--runs', fx.ids.marginRunId, '--out', outs[0]!],
    'runs list': ['runs', 'list', '--limit', '5'],
    bundle: ['bundle', '--runs', fx.ids.marginRunId, '--out', outs[5]!],
    rerun: ['rerun', bundle],
    ncm: ['ncm', '--matrix', files.matrix],
    episode: ['episode', '--prices', DATASET, '--name', 'usdc-depeg-2023-03', '--mode', 'worst-window'],
    stress: ['stress', '--book', fx.ids.bookId, '--model', 'preset:scenario-span-16', '--scenario', files.scenario, '--prices', DATASET],
    'reverse-stress': ['reverse-stress', '--book', fx.ids.bookId, '--model', 'preset:scenario-span-16', '--scenario', files.scenario, '--prices', DATASET, '--target', 'insurance-fund', '--grid', '5'],
  };
  digest = fileDigest(db);
}, 120_000);

afterAll(async () => {
  await fx?.wb.close();
  if (savedProgress === undefined) delete process.env.MWB_PROGRESS;
  else process.env.MWB_PROGRESS = savedProgress;
});

interface Tally { ok: number; bad: number }

async function checkOne(argv: string[], tally: Tally): Promise<void> {
  const r = await run(argv);
  const what = `mwb ${argv.join(' ')} → ${r.code}: ${r.stderr.join(' | ').slice(0, 400)}`;
  expect([0, 2], what).toContain(r.code);
  if (r.code === 0) {
    tally.ok++;
    digest = fileDigest(db);
    return;
  }
  tally.bad++;
  const lines = r.stderr.join('\n').split('\n');
  expect(lines, what).toHaveLength(1);
  expect(lines[0], what).toMatch(/^mwb: error: \S/);
  if (argv.includes('--json')) {
    expect(r.stdout, what).toHaveLength(1);
    expect(JSON.parse(r.stdout[0]!), what).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(BAD_INPUT|NOT_FOUND)$/) } });
  }
  const now = fileDigest(db);
  if (now !== digest) {
    digest = now;
    throw new Error(`the database changed after an exit 2: ${what}`);
  }
}

/** `demo` with a valid seed builds the whole sample workspace (~0.5 s): its fuzz keeps a bad --seed. */
function forDemo(argv: string[]): string[] {
  return [...argv, '--seed', '-1'];
}

describe('control: the valid command lines the fuzz mutates', () => {
  it('exit 0 (demo\'s is invalid on purpose: exit 2); every command has one', async () => {
    try {
      expect(COMMANDS.map((c) => c.path.join(' ')).filter((n) => valid[n] === undefined)).toEqual([]);
      for (const c of COMMANDS) {
        const argv = valid[c.path.join(' ')];
        if (!argv) continue;
        const r = await run(argv);
        expect(r.code, `mwb ${argv.join(' ')}: ${r.stderr.join(' | ')}`).toBe(c.path[0] === 'demo' ? 2 : 0);
      }
    } finally {
      digest = fileDigest(db);
    }
  });
});

describe.each(COMMANDS.map((c) => [c.path.join(' '), c] as const))('mwb %s flag fuzz', (name, command: Command) => {
  it(`${PER_COMMAND} command lines (random and mutated valid ones): exit 0, or 2 with one stderr line and the database unchanged`, async () => {
    const tally: Tally = { ok: 0, bad: 0 };
    const random = commandArgvArb(command, pools);
    const arb = fc.oneof(random, mutatedArgvArb(valid[name] ?? command.path, pools));
    await fc.assert(fc.asyncProperty(arb, (argv) => checkOne(name === 'demo' ? forDemo(argv) : argv, tally)), { numRuns: PER_COMMAND });
    expect(tally.ok + tally.bad).toBeGreaterThanOrEqual(PER_COMMAND);
    expect(tally.bad).toBeGreaterThan(PER_COMMAND / 4);
  });
});
