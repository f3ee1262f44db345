/**
 * Throughput of the heavy calibration paths on the real reference data (../shared/data/market):
 *  1. walk-forward HS backtest, 9 assets × full history, W = 500 recomputed daily, h = 1 and 2,
 *     sliding sorted window vs re-sort baseline (median of repeated runs);
 *  2. a 100-set parameter sweep over BTC and ETH (single thread).
 * Exported for test/bench/bench.ts; also runnable: `npx tsx test/core/calibration/bench/run.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backtestLossHistory } from '../../../../main/core/calibration/backtest';
import { assetLossHistory } from '../../../../main/core/calibration/lossHistory';
import type { CloseSeries } from '../../../../main/core/calibration/lossHistory';
import { commonTestPeriod, prepareSweepData, runSweepSet, sweepGrid } from '../../../../main/core/calibration/sweep';

const WARMUP_RUNS = 3;
export const BENCH_ASSETS = ['BTC', 'ETH', 'SOL', 'BNB', 'XRP', 'DOGE', 'ADA', 'AVAX', 'LINK'];

export function loadCloseSeries(dataDir: string, asset: string): CloseSeries {
  const rows = readFileSync(join(dataDir, `${asset}-USD.csv`), 'utf8').trim().split('\n').slice(1);
  return {
    asset,
    dates: rows.map((r) => r.slice(0, 10)),
    close: Float64Array.from(rows, (r) => Number(r.split(',')[4])),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export interface BacktestBench {
  horizonDays: number;
  assets: number;
  testDays: number;
  slidingMedianMs: number;
  resortMedianMs: number;
}

export function benchBacktests(dataDir: string, repeats = 7): BacktestBench[] {
  const series = BENCH_ASSETS.map((a) => loadCloseSeries(dataDir, a));
  return [1, 2].map((h) => {
    const model = { method: 'hs' as const, confidence: 0.99, horizonDays: h, windowDays: 500 };
    const timeIt = (algorithm: 'sliding' | 'resort') => {
      const times: number[] = [];
      let testDays = 0;
      for (let k = 0; k < repeats + WARMUP_RUNS; k++) {
        const t0 = performance.now();
        testDays = 0;
        // Building the loss history (returns) is part of the timed work, as in a real run.
        for (const s of series) testDays += backtestLossHistory(assetLossHistory(s, h), model, { algorithm }).observations;
        if (k >= WARMUP_RUNS) times.push(performance.now() - t0); // the first runs warm the JIT
      }
      return { ms: median(times), testDays };
    };
    const sliding = timeIt('sliding');
    const resort = timeIt('resort');
    return { horizonDays: h, assets: series.length, testDays: sliding.testDays, slidingMedianMs: sliding.ms, resortMedianMs: resort.ms };
  });
}

export interface SweepBench {
  sets: number;
  assets: string[];
  totalMs: number;
  perSetMedianMs: number;
}

/**
 * FHS grid α {0.975, 0.99} × L {250, 500, 750, 1000, 1500} × λ × h {1, 2} × APC {none, buffer25,
 * stressed25, floor10y, all}: 100 sets with λ {0.94}, 200 with λ {0.94, 0.97}.
 */
export function benchSweep(dataDir: string, ewmaLambdas: number[] = [0.94]): SweepBench {
  const assets = ['BTC', 'ETH'].map((a) => loadCloseSeries(dataDir, a));
  const axes = {
    methods: ['fhs' as const],
    confidences: [0.975, 0.99],
    windowDays: [250, 500, 750, 1000, 1500],
    ewmaLambdas,
    horizonDays: [1, 2],
    apcVariants: ['none', 'buffer25', 'stressed25', 'floor10y', 'all'],
  };
  const data = prepareSweepData(assets, commonTestPeriod(assets, axes));
  const sets = sweepGrid(axes);
  const perSet: number[] = [];
  const t0 = performance.now();
  for (const set of sets) {
    const s0 = performance.now();
    runSweepSet(data, set);
    perSet.push(performance.now() - s0);
  }
  return { sets: sets.length, assets: data.assets.map((a) => a.asset), totalMs: performance.now() - t0, perSetMedianMs: median(perSet) };
}
