/**
 * Re-runs every run of an audit bundle, each in a FRESH TEMPORARY DATABASE (never the user's
 * store): its inputs are restored from the bundle, it runs through its own service with the
 * recorded parameters and seed, and the new result hash is compared with the recorded one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store';
import { contentHash } from '../../store/hash';
import type { ServiceContext } from '../context';
import { RUN_KIND_ADAPTERS } from '../reports/kinds';
import type { AuditBundle } from './bundle';

export interface RerunRunResult {
  id: string;
  kind: string;
  label: string;
  /** App version that recorded the run (the re-run uses this one's: `RerunReport.appVersion`). */
  recordedAppVersion: string;
  expectedHash: string;
  actualHash: string | null;
  /** Result hash equal AND every input verified against its recorded hash. */
  matches: boolean;
  inputsVerified: boolean;
  /** What did not verify, or why the re-run failed. */
  problems: string[];
  durationMs: number;
}

export interface RerunReport {
  matches: boolean;
  appVersion: string;
  runs: RerunRunResult[];
}

export type RerunDeps = Pick<ServiceContext, 'pool' | 'appVersion' | 'now' | 'newId' | 'emit'> & {
  /** Where the temporary databases go (default: the OS temp directory). */
  tempRoot?: string;
};

export async function rerunBundle(bundle: AuditBundle, deps: RerunDeps): Promise<RerunReport> {
  const runs: RerunRunResult[] = [];
  for (const run of bundle.runs) {
    const t0 = deps.now().getTime();
    const problems: string[] = [];
    let failure: string | null = null;
    let actualHash: string | null = null;
    if (contentHash({ inputs: run.inputs, params: run.params, seed: run.seed }) !== run.inputHash) {
      problems.push('the recorded inputs, parameters and seed do not hash to the recorded input hash (they were changed)');
    }
    const adapter = RUN_KIND_ADAPTERS.find((a) => a.kind === run.kind);
    if (!adapter) {
      failure = `this app version cannot re-run "${run.kind}" runs (it re-runs ${RUN_KIND_ADAPTERS.map((a) => a.kind).join(', ')})`;
    } else {
      const dir = mkdtempSync(join(deps.tempRoot ?? tmpdir(), 'mwb-rerun-'));
      const store = openStore(join(dir, 'rerun.db'), { appVersion: deps.appVersion, now: deps.now });
      try {
        const ctx: ServiceContext = { store, pool: deps.pool, appVersion: deps.appVersion, dataDir: dir, now: deps.now, newId: deps.newId, emit: deps.emit };
        actualHash = await adapter.rerun(run, bundle.inputs, ctx, problems);
      } catch (err) {
        failure = `the re-run failed: ${err instanceof Error ? err.message : String(err)}`;
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const inputsVerified = failure === null && problems.length === 0;
    runs.push({
      id: run.id, kind: run.kind, label: run.label, recordedAppVersion: run.appVersion, expectedHash: run.resultHash, actualHash,
      matches: inputsVerified && actualHash === run.resultHash, inputsVerified, problems: failure ? [...problems, failure] : problems,
      durationMs: deps.now().getTime() - t0,
    });
  }
  return { matches: runs.every((r) => r.matches), appVersion: deps.appVersion, runs };
}
