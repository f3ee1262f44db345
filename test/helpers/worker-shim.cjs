// Worker-thread entry for the e2e harness: runs the job tasks from source (main/jobs/worker.ts)
// through tsx, so the handlers (imported from source by vitest) and the worker code always match.
// CommonJS on purpose: piscina require()s its worker file first, and the package is not "type": "module"
// (an ESM shim with top-level await hits Node's require(esm) cycle check).
require('tsx/cjs/api').register();
module.exports = require('../../main/jobs/worker.ts');
