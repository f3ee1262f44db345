// Worker-thread entry (bundled to out/main/worker.js): piscina calls the default export per task.
import { createWorkerHandler } from './workerHandler';
import { TASKS } from './tasks';

export default createWorkerHandler(TASKS);
