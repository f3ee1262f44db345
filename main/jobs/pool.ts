import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { CancelledError, InputError, NotFoundError } from '../core/errors';
import type { ProgressMessage, TaskMessage, TaskReply } from './protocol';

/** Restores our own error classes from a worker's reply, so InputError still means "bad input". */
function reviveWorkerError(reply: Extract<TaskReply, { ok: false }>): Error {
  if (reply.name === 'InputError') return new InputError(reply.message);
  if (reply.name === 'NotFoundError') return new NotFoundError(reply.message);
  const err = new Error(`${reply.name}: ${reply.message}`);
  err.stack = reply.stack;
  return err;
}

export interface JobProgress extends ProgressMessage {
  jobId: string;
  kind: string;
}

export interface JobState extends JobProgress {
  status: 'running';
  startedAt: string;
}

export interface RunTaskOptions {
  jobId: string;
  /** The job kind shown to the user (e.g. `stress:run`); defaults to the task name. */
  kind?: string;
  onProgress?: (p: JobProgress) => void;
  /** Values moved (not copied) into the worker, e.g. large Float64Array buffers. */
  transferList?: ArrayBuffer[];
}

export interface JobPoolOptions {
  /** Absolute path of the worker entry (out/main/worker.js in builds; a tsx shim in tests). */
  workerFile: string;
  maxThreads?: number;
  now?: () => Date;
}

/**
 * A worker_threads pool (piscina) for long runs. Each task streams progress through its own
 * MessageChannel and can be cancelled by job id: cancelling aborts the task, which terminates its
 * worker thread, so cancellation is immediate even inside a tight numeric loop.
 */
export function createJobPool(options: JobPoolOptions) {
  const now = options.now ?? (() => new Date());
  const piscina = new Piscina({
    filename: options.workerFile,
    maxThreads: Math.max(1, options.maxThreads ?? Math.min(availableParallelism(), 8)),
    minThreads: 0,
    idleTimeout: 30_000,
    // 'sync' atomics make an idle worker spin-wait for its next task and cost about 1 s per task here;
    // our tasks are few and long, so plain message passing is the right trade.
    atomics: 'disabled',
  });
  const running = new Map<string, { controller: AbortController; state: JobState }>();

  async function run<R>(task: string, payload: unknown, opts: RunTaskOptions): Promise<R> {
    if (running.has(opts.jobId)) throw new Error(`job ${opts.jobId} is already running`);
    const controller = new AbortController();
    const kind = opts.kind ?? task;
    const state: JobState = { jobId: opts.jobId, kind, status: 'running', done: 0, total: 1, message: 'queued', startedAt: now().toISOString() };
    running.set(opts.jobId, { controller, state });
    const { port1, port2 } = new MessageChannel();
    // The worker closes its end after its last progress message; 'close' fires here once every queued
    // message has been delivered, so waiting for it keeps the final 100% from being lost.
    const drained = new Promise<void>((resolve) => port1.once('close', () => resolve()));
    port1.on('message', (m: ProgressMessage) => {
      Object.assign(state, m);
      opts.onProgress?.({ jobId: opts.jobId, kind, ...m });
    });
    const message: TaskMessage = { task, payload, port: port2 };
    let reply: TaskReply;
    try {
      reply = (await piscina.run(message, { transferList: [port2, ...(opts.transferList ?? [])], signal: controller.signal })) as TaskReply;
      await Promise.race([drained, new Promise((r) => setTimeout(r, 1000).unref())]);
    } catch (err) {
      if (controller.signal.aborted) throw new CancelledError(`job ${opts.jobId} (${kind}) was cancelled`);
      throw err;
    } finally {
      port1.close();
      running.delete(opts.jobId);
    }
    if (!reply.ok) throw reviveWorkerError(reply);
    return reply.value as R;
  }

  return {
    run,
    /** Cancels a running job; false when no such job is running. */
    cancel(jobId: string): boolean {
      const job = running.get(jobId);
      if (!job) return false;
      job.controller.abort();
      return true;
    },
    list(): JobState[] {
      return [...running.values()].map((j) => ({ ...j.state }));
    },
    get threads(): number {
      return piscina.maxThreads;
    },
    async close(): Promise<void> {
      for (const j of running.values()) j.controller.abort();
      await piscina.destroy();
    },
  };
}
export type JobPool = ReturnType<typeof createJobPool>;
