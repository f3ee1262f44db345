// Worker for the pool tests: the real worker handler with two small tasks whose behaviour the
// tests can predict (a counted loop with progress, and a loop that never ends unless terminated).
require('tsx/cjs');
const { createWorkerHandler } = require('../../main/jobs/workerHandler.ts');
const { InputError } = require('../../main/core/errors.ts');

module.exports = createWorkerHandler({
  'test:sumSquares': (payload, progress) => {
    let sum = 0;
    for (let i = 1; i <= payload.n; i++) {
      sum += i * i;
      if (i % 1000 === 0) progress(i, payload.n, `at ${i}`);
    }
    progress(payload.n, payload.n, 'done');
    return sum;
  },
  'test:forever': (payload, progress) => {
    progress(1, 100, 'spinning');
    for (;;) { if (payload.never === true) break; }
    return 0;
  },
  'test:badInput': () => { throw new InputError('field "x" is wrong'); },
});
