import type { Services } from '../services';
import type { Handlers } from './dispatch';
import { fromDataset } from '../services/calibrationPrices';
import { openExportsFolder } from '../services/exportsFolder';

/** One handler per contract channel: the input is already validated; the service does the work. */
export function createHandlers(s: Services): Handlers {
  return {
    'app:info': async () => ({ name: 'Margin Workbench', version: s.ctx.appVersion, schemaVersion: s.ctx.store.db.schemaVersion, dataDir: s.ctx.dataDir }),
    'dataset:import': (input) => s.datasets.importFiles(input),
    'dataset:list': async () => s.datasets.list(),
    'dataset:series': async (input) => s.datasets.series(input),
    'dataset:delete': async (input) => s.datasets.delete(input.datasetId),
    'workspace:createSample': (input) => s.workspace.createSample(input),
    'book:import': async (input) => s.books.importText(input),
    'book:list': async () => s.books.list(),
    'book:get': async (input) => s.books.summary(input.bookId),
    'model:list': async () => ({ models: s.models.list() }),
    'model:get': async (input) => s.models.get(input.id),
    'model:save': async (input) => s.models.save(input),
    'model:delete': async (input) => s.models.delete(input.id),
    'margin:compute': (input) => s.margin.compute(input),
    'margin:accounts': async (input) => s.margin.accounts(input),
    'margin:explain': async (input) => s.margin.explain(input),
    'run:list': async (input) => s.runs.list(input),
    'run:get': async (input) => s.runs.get(input.runId),
    'job:list': async () => s.jobs.list(),
    'job:cancel': async (input) => s.jobs.cancel(input.jobId),
    // Calibration lab: `prices` names a stored dataset (fromDataset); the services never read paths for IPC.
    'calibration:var': async (input) => s.calibration.valueAtRisk(fromDataset(input)),
    'calibration:backtest': (input) => s.calibration.backtest(fromDataset(input)),
    'calibration:diagnose': (input) => s.calibration.diagnose(fromDataset(input)),
    'calibration:calibrate': (input) => s.calibration.calibrate(fromDataset(input)),
    'calibration:sweep': (input) => s.calibration.sweep(fromDataset(input)),
    'calibration:qq': (input) => s.calibration.qq(fromDataset(input)),
    'calibration:lookback': (input) => s.calibration.lookback(fromDataset(input)),
    'calibration:saveModel': async (input) => s.calibration.saveModel(input),
    // Reports and audit bundles are written into <data dir>/exports/ only: the window never names a path.
    'report:preview': async (input) => s.reports.preview(input),
    'report:export': (input) => s.reports.export(input),
    'audit:exportBundle': async (input) => s.audit.exportBundleFile(input.runIds),
    'compare:runs': async (input) => s.compare.runs(input),
    'compare:accounts': async (input) => s.compare.accounts(input),
    'app:openExportsFolder': () => openExportsFolder(s.ctx),
    // Stress lab: scenarios, episodes, correlation, book stress runs (datasets by id or name, never paths).
    'scenario:list': async () => s.scenarios.list(),
    'scenario:get': async (input) => s.scenarios.get(input.id),
    'scenario:save': async (input) => s.scenarios.save(input),
    'scenario:validate': async (input) => s.scenarios.validate(input.scenario),
    'scenario:delete': async (input) => s.scenarios.delete(input.id),
    'episode:list': async () => s.episodes.list(),
    'episode:replay': async (input) => s.episodes.replay(input),
    'stress:stressedPeriod': (input) => s.stress.stressedPeriod(input),
    'correlation:build': async (input) => s.correlation.build(input),
    'correlation:shock': async (input) => s.correlation.shock(input),
    'stress:run': (input) => s.stress.run(input),
    'stress:get': async (input) => s.stress.get(input),
    'stress:accounts': async (input) => s.stress.accounts(input),
    'stress:reverse': (input) => s.stress.reverse(input),
    'stress:penaltySweep': (input) => s.stress.penaltySweep(input),
  };
}
