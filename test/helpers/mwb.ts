import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
export const MWB = join(REPO, 'out', 'cli', 'mwb.js');

function assertBuilt(): void {
  if (!existsSync(MWB)) throw new Error(`${MWB} is missing: run \`npm run build\` first (npm test does it)`);
}

export interface MwbResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the BUILT CLI (out/cli/mwb.js) as a user would, in a child process. */
export function runMwb(args: string[], env: NodeJS.ProcessEnv = {}): MwbResult {
  assertBuilt();
  const r = spawnSync(process.execPath, [MWB, ...args], {
    encoding: 'utf8', env: { ...process.env, MWB_PROGRESS: 'off', ...env }, maxBuffer: 256 << 20, timeout: 300_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the built CLI without waiting (for kill tests). */
export function startMwb(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  assertBuilt();
  return spawn(process.execPath, [MWB, ...args], { env: { ...process.env, MWB_PROGRESS: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Parses the single JSON document a --json run prints. */
export function jsonOf<T = Record<string, unknown>>(r: MwbResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code}):\n${r.stdout.slice(0, 500)}\nstderr:\n${r.stderr.slice(0, 500)}`);
  }
}
