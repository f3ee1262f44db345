import type { MessagePort } from 'node:worker_threads';

/** What the pool sends a worker thread: which task, its payload, and a port for progress. */
export interface TaskMessage {
  task: string;
  payload: unknown;
  port: MessagePort;
}

export interface ProgressMessage {
  done: number;
  total: number;
  message: string;
}

/** A task reports progress through this; calls are throttled before they cross threads. */
export type ProgressFn = (done: number, total: number, message?: string) => void;

/** A worker task: a pure function of its payload (typed arrays and plain data only). */
export type Task<P = never, R = unknown> = (payload: P, progress: ProgressFn) => R | Promise<R>;

export type TaskRegistry = Record<string, Task<never, unknown>>;

/** What a worker thread answers: the task's value, or its error as plain data. */
export type TaskReply = { ok: true; value: unknown } | { ok: false; name: string; message: string; stack: string };
