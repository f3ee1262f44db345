import { join } from 'node:path';
import { openWorkbench, type Workbench } from '../../main/workbench';
import { sequentialIds, steppingClock, tempDir } from './tmp';

export const WORKER_SHIM = join(__dirname, 'worker-shim.cjs');

/** A real workbench (store, pool, services, handlers) on a fresh temp database; close() cleans up. */
export function openTestWorkbench(opts: { frozen?: boolean } = {}): Workbench & { dir: string; dbPath: string } {
  const tmp = tempDir('mwb-wb-');
  const dbPath = join(tmp.dir, 'wb.db');
  const wb = openWorkbench({
    dataDir: tmp.dir, dbPath, workerFile: WORKER_SHIM, maxThreads: 2,
    ...(opts.frozen ? { now: steppingClock(), newId: sequentialIds() } : {}),
  });
  return {
    ...wb,
    dir: tmp.dir,
    dbPath,
    async close() {
      await wb.close();
      tmp.cleanup();
    },
  };
}
