// Prints the calibration benchmark figures: `npx tsx test/core/calibration/bench/run.ts [dataDir]`.
import { benchBacktests, benchSweep } from './calibrationBench';

const dataDir = process.argv[2] ?? '../shared/data/market';
for (const b of benchBacktests(dataDir)) {
  console.log(`backtest h=${b.horizonDays}: ${b.assets} assets, ${b.testDays} test days, W=500 — sliding ${b.slidingMedianMs.toFixed(1)} ms, re-sort ${b.resortMedianMs.toFixed(1)} ms (medians)`);
}
for (const lambdas of [[0.94], [0.94, 0.97]]) {
  const s = benchSweep(dataDir, lambdas);
  console.log(`sweep: ${s.sets} sets over ${s.assets.join('+')} — ${s.totalMs.toFixed(0)} ms total, ${s.perSetMedianMs.toFixed(1)} ms per set (median), single thread`);
}
