/**
 * Audit bundles: export the runs (with their input data) as one JSON document, and re-run a bundle
 * in fresh temporary databases to prove every result hash is reproduced (docs/formats.md).
 */
import { writeFileSync } from 'node:fs';
import { InputError, NotFoundError } from '../../core/errors';
import type { ServiceContext } from '../context';
import { adapterFor } from '../reports/kinds';
import { exportTarget } from '../reports/files';
import { AuditBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, bundleInputsBuilder } from './bundle';
import { rerunBundle, type RerunReport } from './rerun';

export const MAX_BUNDLE_RUNS = 100;

export function auditService(ctx: ServiceContext) {
  return {
    /** The bundle of the named runs (each must have succeeded); refuses runs whose inputs are no longer stored as they were read. */
    bundle(runIds: readonly string[]): AuditBundle {
      const ids = [...new Set(runIds)];
      if (ids.length === 0) throw new InputError('runIds: name at least one run');
      if (ids.length > MAX_BUNDLE_RUNS) throw new InputError(`runIds: at most ${MAX_BUNDLE_RUNS} runs per bundle, got ${ids.length}`);
      const inputs = bundleInputsBuilder();
      const runs = ids.map((id) => {
        const run = ctx.store.runs.get(id);
        if (!run) throw new NotFoundError(`no run with id "${id}"`);
        if (run.status !== 'succeeded' || run.resultHash === null) throw new InputError(`run ${id} is ${run.status}; only succeeded runs can be bundled`);
        adapterFor(run.kind, id).collectInputs(run, ctx.store, inputs);
        return {
          id: run.id, kind: run.kind, label: run.label, inputHash: run.inputHash, inputs: run.inputs, params: run.params, seed: run.seed,
          appVersion: run.appVersion, resultHash: run.resultHash, createdAt: run.createdAt, finishedAt: run.finishedAt,
        };
      });
      return AuditBundle.parse({
        format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, createdAt: ctx.now().toISOString(), appVersion: ctx.appVersion, runs, inputs: inputs.build(),
      });
    },

    /** Writes the bundle into `<data dir>/exports/` (the only place the window may write). */
    exportBundleFile(runIds: readonly string[]): { fileName: string; path: string; bytes: number } {
      const text = JSON.stringify(this.bundle(runIds));
      const target = exportTarget(ctx, 'audit-bundle', 'json');
      writeFileSync(target.path, text, { flag: 'wx' });
      return { ...target, bytes: Buffer.byteLength(text) };
    },

    /** Re-runs every run of a bundle in fresh temporary databases (never this store). */
    rerun(bundle: AuditBundle): Promise<RerunReport> {
      return rerunBundle(bundle, ctx);
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
export { parseBundle, type AuditBundle } from './bundle';
export type { RerunReport, RerunRunResult } from './rerun';
