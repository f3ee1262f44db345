import type { ProgressMessage, TaskMessage, TaskRegistry, TaskReply } from './protocol';

const PROGRESS_INTERVAL_MS = 100;

/**
 * The function piscina calls in each worker thread: look the task up, run it, stream progress over
 * the message port at most every 100 ms (plus the final 100%), close the port. The reply carries
 * either the value or the error as plain data.
 */
export function createWorkerHandler(tasks: TaskRegistry) {
  return async function handle({ task, payload, port }: TaskMessage): Promise<unknown> {
    const fn = tasks[task];
    if (!fn) {
      port.close();
      throw new Error(`unknown worker task "${task}"`);
    }
    let last = 0;
    const progress = (done: number, total: number, message = ''): void => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = now;
      const msg: ProgressMessage = { done, total, message };
      port.postMessage(msg);
    };
    try {
      const value = await fn(payload as never, progress);
      const reply: TaskReply = { ok: true, value };
      return reply;
    } catch (err) {
      // Structured clone keeps an Error's message but not its class or name: send them as data.
      const e = err instanceof Error ? err : new Error(String(err));
      const reply: TaskReply = { ok: false, name: e.name, message: e.message, stack: e.stack ?? '' };
      return reply;
    } finally {
      port.close();
    }
  };
}
