import { createJobPool } from '../../main/jobs/pool';
import { prepareMonteCarlo } from '../../main/core/stress/monteCarlo';
import { monteCarloOnPool } from '../../main/services/stress/monteCarloParts';
import { MONTE_CARLO_TARGET_MS, benchCascade, benchMonteCarlo, stressBenchInput } from '../core/stress/bench/stressBench';
import { median, report } from './util';

const SCENARIOS = 10_000;

/** User + system CPU seconds of this process (all threads) since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}
const REPEATS = 3;

/**
 * The Stress lab's heavy paths on the SYNTHETIC benchmark book (test/core/stress/bench/benchmarkBook.ts:
 * 10,000 accounts, 50,000 positions, 10 underlyings, 200 option series) under the Binance-style tiered preset:
 * Monte Carlo of 10,000 one-day Gaussian-copula scenarios single-threaded (core only) and split across the
 * worker pool the way stress:run does it (main/services/stress/monteCarloParts.ts: prepare, account ranges on
 * the workers, combine on the main side), and the 5-round liquidation cascade. Target: < 6 s on 2 cores,
 * peak RSS < 1.5 GB (issue "Stress lab"). Peak RSS is the whole process, worker threads included.
 */
export async function benchStress(workerFile: string): Promise<void> {
  const input = stressBenchInput();
  const { bench, prepared } = input;
  const N = prepared.compiled.accounts.count;
  const P = prepared.compiled.positions.count;
  report({ section: 'stress', name: `prepare book: ${N} accounts, ${P} positions, ${bench.optionSeries} option series`, medianMs: input.prepareBookMs });

  // CPU seconds of the whole process (every thread) per run: on a loaded machine wall time says little, CPU time
  // shows whether the split costs extra work (it should not: the same kernel, plus a clone per range).
  const cpu0 = process.cpuUsage();
  const one = benchMonteCarlo(REPEATS, SCENARIOS, input);
  const oneCpuS = cpuSeconds(cpu0) / (REPEATS + 1);
  report({
    section: 'stress', name: `Monte Carlo ${SCENARIOS} scenarios, 1 thread`, medianMs: one.totalMs,
    throughput: { value: one.revaluationsPerSecond, unit: 'position-scenarios/s' }, target: `< ${MONTE_CARLO_TARGET_MS / 1000} s, RSS < 1.5 GB`,
    note: `prepare ${one.prepareMs.toFixed(0)} + accounts ${one.accountsMs.toFixed(0)} + combine ${one.combineMs.toFixed(0)} ms; CPU ${oneCpuS.toFixed(1)} s/run`,
  });

  const pool = createJobPool({ workerFile });
  try {
    const times: number[] = [];
    let hash = '';
    let cpu = process.cpuUsage();
    // The seeds of benchMonteCarlo (20260105 + k, k = 0 the warm-up), so the last hash must equal its own.
    for (let k = 0; k < REPEATS + 1; k++) {
      if (k === 1) cpu = process.cpuUsage();
      const t0 = performance.now();
      const p = prepareMonteCarlo(prepared, {
        assets: bench.assets, correlation: bench.correlation, annualVol: bench.annualVol, horizonDays: 1, seed: 20260105 + k, scenarios: SCENARIOS,
        penaltyRate: 0.005, insuranceFundUsd: 5e6,
      });
      const r = await monteCarloOnPool(pool, p, { jobId: `bench-stress-${k}`, kind: 'bench', firstPart: 0 });
      if (k > 0) times.push(performance.now() - t0);
      hash = r.hash;
    }
    const poolCpuS = cpuSeconds(cpu) / REPEATS;
    const ms = median(times);
    report({
      section: 'stress', name: `Monte Carlo ${SCENARIOS} scenarios, ${pool.threads} worker threads`, medianMs: ms,
      throughput: { value: (P * SCENARIOS) / (ms / 1000), unit: 'position-scenarios/s' }, target: `< ${MONTE_CARLO_TARGET_MS / 1000} s, RSS < 1.5 GB`,
      note: `${hash === one.hash ? 'bit-identical to 1 thread' : `HASH DIFFERS from 1 thread (${hash} vs ${one.hash})`}; CPU ${poolCpuS.toFixed(1)} s/run, all threads`,
    });
  } finally {
    await pool.close();
  }

  const c = benchCascade(REPEATS, input);
  report({
    section: 'stress', name: `cascade, all underlyings −12 %, ${c.rounds} of max 5 rounds`, medianMs: c.medianMs,
    throughput: { value: (c.accounts / c.medianMs) * 1000, unit: 'accounts/s' },
    note: `${c.accountsLiquidated} liquidated, conservation ${c.conservationHolds ? 'holds' : 'FAILS'}`,
  });
}
