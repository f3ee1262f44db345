import { NotFoundError } from '../core/errors';
import type { RunRecord } from '../store/runs';
import type { ServiceContext } from './context';

const toInfo = (r: RunRecord) => ({
  id: r.id, kind: r.kind, status: r.status, label: r.label, inputHash: r.inputHash, seed: r.seed, appVersion: r.appVersion,
  resultHash: r.resultHash, error: r.error, createdAt: r.createdAt, finishedAt: r.finishedAt, durationMs: r.durationMs,
});

/** Stored runs: listing and look-up (results are read by each domain's service). */
export function runsService(ctx: ServiceContext) {
  return {
    list(input: { kind?: string; limit: number }) {
      return { runs: ctx.store.runs.list({ kind: input.kind, limit: input.limit }).map(toInfo) };
    },
    get(runId: string) {
      const r = ctx.store.runs.get(runId);
      if (!r) throw new NotFoundError(`no run with id "${runId}"`);
      return toInfo(r);
    },
  };
}
