import type { ServiceContext } from './context';
import { datasetsService } from './datasets';
import { booksService } from './books';
import { jobsService } from './jobs';
import { marginService } from './margin';
import { modelsService } from './models';
import { runsService } from './runs';
import { workspaceService } from './workspace';
import { calibrationService } from './calibration';
import { reportsService } from './reports';
import { auditService } from './audit';
import { compareService } from './compare';
import { scenariosService } from './scenarios';
import { episodesService } from './scenariosEpisodes';
import { correlationService } from './correlation';
import { stressService } from './stress';

/** The use cases, shared by IPC handlers and the CLI. */
export function createServices(ctx: ServiceContext) {
  return {
    ctx,
    datasets: datasetsService(ctx),
    books: booksService(ctx),
    jobs: jobsService(ctx),
    margin: marginService(ctx),
    models: modelsService(ctx),
    runs: runsService(ctx),
    workspace: workspaceService(ctx),
    calibration: calibrationService(ctx),
    reports: reportsService(ctx, ctx.printPdf ? { printPdf: ctx.printPdf } : {}),
    audit: auditService(ctx),
    compare: compareService(ctx),
    scenarios: scenariosService(ctx),
    episodes: episodesService(ctx),
    correlation: correlationService(ctx),
    stress: stressService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceContext } from './context';
