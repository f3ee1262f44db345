import { CancelledError, InputError, NotFoundError } from '../core/errors';
import type { RunBegin, RunOutput } from '../store/runs';
import { contentHash } from '../store/hash';
import type { ServiceContext } from './context';

export interface TrackedJob<R> {
  kind: string;
  jobId?: string;
  /** Runs the work, reporting progress; usually `ctx.pool.run(...)`. */
  work: (jobId: string, onProgress: (done: number, total: number, message: string) => void) => Promise<R>;
}

export interface RunSpec<R> {
  /** The stored run's kind (e.g. `margin`, `backtest`); defaults to the job kind. */
  runKind?: string;
  label?: string;
  /** What the run consumed, by id and content hash: enough to re-run it bit-identically. */
  inputs: unknown;
  params: unknown;
  seed?: number | null;
  /** Builds the stored output from the work's result (summaries + vectors). */
  toOutput: (result: R) => RunOutput;
}

/**
 * Runs a job with `job:progress` / `job:finished` events. With a `run` spec it is also a recorded run,
 * written once the job has ended, in one transaction: the run with all its results and 'succeeded',
 * or the run as 'failed' / 'cancelled' with no results at all. Bad input (InputError, NotFoundError,
 * often only found by the work itself, e.g. a window longer than the history) records nothing: a
 * rejected input changes nothing stored, byte for byte (design.md; test/stress/fuzz-ipc.test.ts).
 * A process killed mid-run leaves its in-flight journal entry (store/inflight.ts); the next open of the
 * store records that run as 'interrupted'.
 */
export async function tracked<R>(ctx: ServiceContext, job: TrackedJob<R>, run?: RunSpec<R>): Promise<{ result: R; runId: string | null; resultHash: string | null }> {
  const jobId = job.jobId ?? ctx.newId();
  const started = ctx.now();
  const runId = run ? ctx.newId() : null;
  const row: RunBegin | null = run && runId ? {
    id: runId, kind: run.runKind ?? job.kind, label: run.label ?? '', inputHash: contentHash({ inputs: run.inputs, params: run.params, seed: run.seed ?? null }),
    inputs: run.inputs, params: run.params, seed: run.seed ?? null, appVersion: ctx.appVersion, now: started.toISOString(),
  } : null;
  const elapsed = (): number => ctx.now().getTime() - started.getTime();
  const finish = (status: 'succeeded' | 'failed' | 'cancelled', error: string | null, recorded = true): void => {
    ctx.emit('job:finished', { jobId, kind: job.kind, status, runId: recorded ? runId : null, error, durationMs: elapsed() });
  };
  if (row) ctx.store.inflight.start(row);
  ctx.emit('job:progress', { jobId, kind: job.kind, done: 0, total: 1, message: 'started' });
  try {
    const result = await job.work(jobId, (done, total, message) => ctx.emit('job:progress', { jobId, kind: job.kind, done, total, message }));
    let resultHash: string | null = null;
    if (run && row) {
      const output = run.toOutput(result);
      resultHash = ctx.store.transaction(() => {
        ctx.store.runs.begin(row);
        return ctx.store.runs.complete(row.id, output, ctx.now().toISOString(), elapsed());
      });
    }
    finish('succeeded', null);
    return { result, runId, resultHash };
  } catch (err) {
    const cancelled = err instanceof CancelledError;
    const message = err instanceof Error ? err.message : String(err);
    const rejected = err instanceof InputError || err instanceof NotFoundError;
    if (row && !rejected) {
      ctx.store.transaction(() => {
        ctx.store.runs.begin(row);
        ctx.store.runs.fail(row.id, cancelled ? 'cancelled' : 'failed', message, ctx.now().toISOString(), elapsed());
      });
    }
    finish(cancelled ? 'cancelled' : 'failed', message, !rejected);
    throw err;
  } finally {
    if (row) ctx.store.inflight.end(row.id);
  }
}
