import { z } from 'zod';
import { Finite, JobId } from './common';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobProgressEvent = z.strictObject({
  jobId: JobId,
  kind: z.string(),
  /** Units of work done and the total (a fraction is done / total). */
  done: Finite,
  total: Finite,
  message: z.string(),
});
export type JobProgressEvent = z.infer<typeof JobProgressEvent>;

export const JobFinishedEvent = z.strictObject({
  jobId: JobId,
  kind: z.string(),
  status: JobStatus,
  runId: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: Finite,
});
export type JobFinishedEvent = z.infer<typeof JobFinishedEvent>;

export const JobInfo = z.strictObject({
  jobId: JobId,
  kind: z.string(),
  status: JobStatus,
  done: Finite,
  total: Finite,
  message: z.string(),
  startedAt: z.string(),
});
export type JobInfo = z.infer<typeof JobInfo>;

export const JobCancelInput = z.strictObject({ jobId: JobId });
export const JobCancelOutput = z.strictObject({ cancelled: z.boolean() });
export const JobListOutput = z.strictObject({ jobs: z.array(JobInfo) });
