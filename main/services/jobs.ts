import type { ServiceContext } from './context';

export function jobsService(ctx: ServiceContext) {
  return {
    list() {
      return { jobs: ctx.pool.list().map((j) => ({ jobId: j.jobId, kind: j.kind, status: j.status, done: j.done, total: j.total, message: j.message, startedAt: j.startedAt })) };
    },
    cancel(jobId: string) {
      // A job split into parallel parts (a calibration sweep) runs them as `<jobId>-part-<k>`: cancel those too.
      const parts = ctx.pool.list().filter((j) => j.jobId.startsWith(`${jobId}-part-`)).map((j) => ctx.pool.cancel(j.jobId));
      return { cancelled: ctx.pool.cancel(jobId) || parts.some(Boolean) };
    },
  };
}
