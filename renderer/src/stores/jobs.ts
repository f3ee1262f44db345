import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, fromApiError, fromThrown, type JobFinished, type JobProgress, type ShownError } from '../api';

export type JobPhase = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'queued';

/** A job this window started, as last reported by 'job:progress' / 'job:finished' events. */
export interface TrackedJob {
  jobId: string;
  label: string;
  kind: string;
  done: number;
  total: number;
  message: string;
  phase: JobPhase;
  cancelRequested: boolean;
}

/** Jobs started from this window: ids are made here, so progress events can be matched to buttons. */
export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<Record<string, TrackedJob>>({});
  let unsubscribers: (() => void)[] = [];

  function onProgress(p: JobProgress): void {
    const job = jobs.value[p.jobId];
    if (!job) return;
    job.kind = p.kind;
    job.done = p.done;
    job.total = p.total;
    job.message = p.message;
  }

  function onFinished(f: JobFinished): void {
    const job = jobs.value[f.jobId];
    if (!job) return;
    job.phase = f.status;
    if (f.error) job.message = f.error;
  }

  /** Subscribes once to the job events; idempotent. */
  function listen(): void {
    if (unsubscribers.length) return;
    unsubscribers = [api().on('job:progress', onProgress), api().on('job:finished', onFinished)];
  }

  function stopListening(): void {
    for (const off of unsubscribers) off();
    unsubscribers = [];
  }

  /** Registers a job before the call that runs it, so its first progress event is not missed. */
  function begin(label: string): string {
    listen();
    const jobId = crypto.randomUUID();
    jobs.value[jobId] = { jobId, label, kind: '', done: 0, total: 0, message: 'starting', phase: 'running', cancelRequested: false };
    return jobId;
  }

  /** Records how the call that ran the job ended (events may be late or absent). */
  function settle(jobId: string, phase: JobPhase, message?: string): void {
    const job = jobs.value[jobId];
    if (!job) return;
    job.phase = phase;
    if (message !== undefined) job.message = message;
  }

  async function cancel(jobId: string): Promise<ShownError | null> {
    const job = jobs.value[jobId];
    if (job) job.cancelRequested = true;
    try {
      const res = await api().job.cancel({ jobId });
      if (!res.ok) return fromApiError(res.error);
      if (job && !res.data.cancelled) job.message = 'the job had already finished; nothing to cancel';
      return null;
    } catch (err) {
      return fromThrown(err);
    }
  }

  return { jobs, listen, stopListening, begin, settle, cancel };
});
