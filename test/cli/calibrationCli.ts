import { join } from 'node:path';
import { runCli } from '../../main/cli/run';
import { REPO } from '../helpers/mwb';
import { WORKER_SHIM } from '../helpers/workbench';

export const FIXTURES = join(REPO, 'test', 'fixtures', 'calibration');
export const CALA = join(FIXTURES, 'prices', 'CALA-USD.csv');
export const PRICES_DIR = join(FIXTURES, 'prices');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mwb` in-process (runCli from source) with the tsx worker shim, capturing its output. */
export async function mwbInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { MWB_PROGRESS: 'off', ...env },
    bundleDir: join(REPO, 'out', 'cli'), workerFile: WORKER_SHIM,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function parsed<T = Record<string, unknown>>(r: CliRun): T {
  if (r.code !== 0) throw new Error(`mwb exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
