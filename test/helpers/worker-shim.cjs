// Test-only worker entry: lets piscina load the TypeScript worker (main/jobs/worker.ts) through tsx,
// so unit tests exercise the real task registry without a build.
require('tsx/cjs');
module.exports = require('../../main/jobs/worker.ts').default;
