import type { ServiceContext } from './context';

export function jobsService(ctx: ServiceContext) {
  return {
    list() {
      return { jobs: ctx.pool.list().map((j) => ({ jobId: j.jobId, kind: j.kind, status: j.status, done: j.done, total: j.total, message: j.message, startedAt: j.startedAt })) };
    },
    cancel(jobId: string) {
      return { cancelled: ctx.pool.cancel(jobId) };
    },
  };
}
