import type { ServiceContext } from './context';
import { datasetsService } from './datasets';
import { jobsService } from './jobs';
import { workspaceService } from './workspace';

/** The use cases, shared by IPC handlers and the CLI. */
export function createServices(ctx: ServiceContext) {
  return {
    ctx,
    datasets: datasetsService(ctx),
    jobs: jobsService(ctx),
    workspace: workspaceService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceContext } from './context';
