import { existsSync } from 'node:fs';
import { benchBacktests, benchSweep } from '../core/calibration/bench/calibrationBench';
import { report } from './util';

/**
 * Walk-forward HS backtest (9 real assets × full history, W = 500 recomputed daily, h = 1 and 2; sliding
 * order statistics vs re-sorting every window) and a 100-set sweep over BTC and ETH, single-threaded.
 * Needs the reference data beside the repository; says so when it is absent.
 */
export async function benchCalibration(marketDir: string): Promise<void> {
  if (!existsSync(marketDir)) {
    console.log(`calibration  skipped: ${marketDir} not found (the backtest benchmark runs on the real 9-asset history)`);
    return;
  }
  for (const b of benchBacktests(marketDir, 7)) {
    const days = b.testDays;
    report({ section: 'calibration', name: `HS backtest ${b.assets} assets, W=500, h=${b.horizonDays}: sliding order statistics`, medianMs: b.slidingMedianMs,
      throughput: { value: (days / b.slidingMedianMs) * 1000, unit: 'test-days/s' }, target: '≤ 300 ms/horizon (numpy, same machine)' });
    report({ section: 'calibration', name: `HS backtest ${b.assets} assets, W=500, h=${b.horizonDays}: re-sort every window (baseline)`, medianMs: b.resortMedianMs,
      throughput: { value: (days / b.resortMedianMs) * 1000, unit: 'test-days/s' } });
  }
  const sweep = benchSweep(marketDir);
  report({ section: 'calibration', name: `sweep ${sweep.sets} parameter sets over ${sweep.assets.join('+')} (single thread)`, medianMs: sweep.totalMs,
    throughput: { value: (sweep.sets / sweep.totalMs) * 1000, unit: 'sets/s' }, target: '< 10 s on 2 cores', note: `median ${sweep.perSetMedianMs.toFixed(1)} ms/set` });
}
