import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { MWB } from '../../helpers/mwb';
import { openStore } from '../../../main/store';

/**
 * The built CLI for the fault tests (kill, disk, concurrent writers, intraday import), with what
 * those tests need beyond test/helpers/mwb.ts: asynchronous runs (two writers at once), peak RSS,
 * wall time, and a hook for another build (MWB_CLI=path/to/mwb.js) when checking a build outside out/.
 */
export const CLI = process.env.MWB_CLI ?? MWB;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set size of the process (all its threads), from /proc/<pid>/status VmHWM; 0 if unread. */
  peakRssKb: number;
}

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm run test:stress does it)`);
}

/** VmHWM ("high water mark" of the resident set) of a live process, in kB, or 0 once it is gone. */
function vmHwmKb(pid: number): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Run through `bash -c` with this prefix, e.g. `ulimit -f 200;` (the CLI is exec'd, so the pid is the CLI's). */
  shellPrefix?: string;
  uid?: number;
  gid?: number;
  /** Run `node ARGS` without the CLI script (a control process under the same conditions). */
  bare?: boolean;
}

/** Starts the built CLI; `done` resolves when it exits, with its output and peak RSS. */
export function startCli(args: string[], options: StartOptions = {}): { child: ChildProcess; done: Promise<CliRun> } {
  assertBuilt();
  const env = { ...process.env, MWB_PROGRESS: 'off', ...options.env };
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid };
  const argv = options.bare ? args : [CLI, ...args];
  const child = options.shellPrefix === undefined
    ? spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], ...ids })
    : spawn('bash', ['-c', `${options.shellPrefix} exec "$0" "$@"`, process.execPath, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  let peak = 0;
  // VmHWM only grows; sampling it often and once more at exit gives the peak to within a sample.
  const poll = setInterval(() => { peak = Math.max(peak, vmHwmKb(child.pid!)); }, 20);
  const done = new Promise<CliRun>((resolve) => {
    child.on('exit', () => { peak = Math.max(peak, vmHwmKb(child.pid!)); });
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, wallMs: Date.now() - started, peakRssKb: peak });
    });
  });
  return { child, done };
}

export function runCli(args: string[], options: StartOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** Kills the CLI with SIGKILL after `delayMs` (if still running); resolves with how it ended. */
export async function killCliAfter(args: string[], delayMs: number): Promise<CliRun> {
  const { child, done } = startCli(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  const run = await done;
  clearTimeout(timer);
  return run;
}

export interface StoreState {
  series: number;
  runs: { status: string; kind: string }[];
}

/**
 * What must hold after any fault: a sound file (integrity_check, foreign keys), whole series (each
 * has exactly row_count bars), no run left 'running' once the app has reopened the file (openStore
 * marks runs of dead processes 'interrupted'), and no results for a run that did not succeed.
 */
export function assertSound(dbPath: string): StoreState {
  const raw = new Database(dbPath);
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    const partial = raw.prepare(
      `SELECT s.dataset_id, s.asset, s.row_count, (SELECT COUNT(*) FROM bars b WHERE b.dataset_id = s.dataset_id AND b.asset = s.asset) AS n
       FROM series s WHERE s.row_count <> (SELECT COUNT(*) FROM bars b WHERE b.dataset_id = s.dataset_id AND b.asset = s.asset)`,
    ).all();
    expect(partial).toEqual([]);
  } finally {
    raw.close();
  }
  const store = openStore(dbPath, { appVersion: 'test' });
  try {
    const runs = store.runs.list({ limit: 100_000 });
    expect(runs.filter((r) => r.status === 'running')).toEqual([]);
    const orphans = store.db.sqlite.prepare(
      `SELECT r.id, r.status, (SELECT COUNT(*) FROM run_results x WHERE x.run_id = r.id) + (SELECT COUNT(*) FROM run_vectors v WHERE v.run_id = r.id) AS n
       FROM runs r WHERE r.status <> 'succeeded'`,
    ).all() as { id: string; status: string; n: number }[];
    expect(orphans.filter((o) => o.n > 0)).toEqual([]);
    const series = (store.db.sqlite.prepare('SELECT COUNT(*) AS n FROM series').get() as { n: number }).n;
    return { series, runs: runs.map((r) => ({ status: r.status, kind: r.kind })) };
  } finally {
    store.close();
  }
}

/** Parses the one JSON document of a --json run, with the run's output in the error otherwise. */
export function jsonOut<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${run.code}, signal ${run.signal}):\n${run.stdout.slice(0, 500)}\nstderr:\n${run.stderr.slice(0, 1000)}`);
  }
}
