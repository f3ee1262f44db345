/**
 * Benchmarks of the stress engine (issue "Stress lab", performance target), exported for `npm run bench`
 * (test/bench/bench.ts) and runnable alone: `npx tsx test/core/stress/bench/run.ts`.
 *
 * benchMonteCarlo: the SYNTHETIC benchmark book (benchmarkBook.ts: 10,000 accounts, 50,000 positions,
 * 10 underlyings, 200 option series) under the Binance-style tiered preset; 10,000 scenarios of a
 * one-factor Gaussian copula over 1 day; end to end = prepareMonteCarlo (draws, full Black-76 revaluation
 * of every option series per scenario, start margin) + monteCarloAccounts (every account: PnL per
 * scenario, MM per scenario where it matters, liquidation accounting, 6 tail loss quantiles, VaR/ES at 99 %) +
 * combineMonteCarlo (book distributions, fund per scenario, hash). Target: under 6 s single-threaded, the
 * figure of a vectorised numpy/scipy implementation on this machine (~83 M position-scenario revaluations/s).
 *
 * benchCascade: the same book, every underlying −12 %, a 5-round cascade with depth = ½ × the book's gross
 * notional per asset, k = daily vol, β = ½ (so liquidations move prices by a few % per round).
 */
import type { Book } from '../../../../main/core/book/types';
import { marginModelFromWire, type MarginModel } from '../../../../main/core/margin/modelDispatch';
import { bookRun } from '../../../../main/core/stress/bookRun';
import { prepareStressBook, type PreparedStressBook } from '../../../../main/core/stress/bookValuation';
import type { DepthModel } from '../../../../main/core/stress/depth';
import { combineMonteCarlo, prepareMonteCarlo } from '../../../../main/core/stress/monteCarlo';
import { monteCarloAccounts } from '../../../../main/core/stress/monteCarloAccounts';
import { parseScenario } from '../../../../main/core/stress/parseScenario';
import { applyShock } from '../../../../main/core/stress/shocks';
import binanceJson from '../../../../resources/presets/tiered-binance-btcusdt-mark.json';
import { benchmarkBook, BENCH_UNDERLYINGS, type BenchmarkBook } from './benchmarkBook';

export const MONTE_CARLO_TARGET_MS = 6000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export interface StressBenchInput {
  bench: BenchmarkBook;
  model: MarginModel;
  prepared: PreparedStressBook;
  /** prepareStressBook: compile + portfolio terms, once per book (not part of a run). */
  prepareBookMs: number;
}

let cached: StressBenchInput | null = null;

export function stressBenchInput(): StressBenchInput {
  if (cached) return cached;
  const bench = benchmarkBook();
  const model = marginModelFromWire(binanceJson as never);
  const t0 = performance.now();
  const prepared = prepareStressBook(bench.book, bench.market, model);
  cached = { bench, model, prepared, prepareBookMs: performance.now() - t0 };
  return cached;
}

export interface MonteCarloBenchResult {
  name: string;
  accounts: number;
  positions: number;
  optionSeries: number;
  scenarios: number;
  /** Medians over the measured runs, ms. */
  prepareMs: number;
  accountsMs: number;
  combineMs: number;
  totalMs: number;
  /** positions × scenarios / total seconds. */
  revaluationsPerSecond: number;
  peakRssMb: number;
  targetMs: number;
  hash: string;
  runs: number;
}

export function benchMonteCarlo(repeats = 3, scenarios = 10_000, input: StressBenchInput = stressBenchInput()): MonteCarloBenchResult {
  const { bench, prepared } = input;
  const prep: number[] = [];
  const acc: number[] = [];
  const comb: number[] = [];
  const total: number[] = [];
  let hash = '';
  for (let k = 0; k < repeats + 1; k++) {
    const t0 = performance.now();
    const p = prepareMonteCarlo(prepared, {
      assets: bench.assets, correlation: bench.correlation, annualVol: bench.annualVol, horizonDays: 1, seed: 20260105 + k, scenarios,
      penaltyRate: 0.005, insuranceFundUsd: 5e6,
    });
    const t1 = performance.now();
    const part = monteCarloAccounts(p);
    const t2 = performance.now();
    const r = combineMonteCarlo(p, [part]);
    const t3 = performance.now();
    hash = r.hash;
    if (k === 0) continue; // warm-up
    prep.push(t1 - t0); acc.push(t2 - t1); comb.push(t3 - t2); total.push(t3 - t0);
  }
  const totalMs = median(total);
  const positions = prepared.compiled.positions.count;
  return {
    name: `Monte Carlo ${scenarios} scenarios, ${prepared.compiled.accounts.count} accounts, tiered MM per scenario`,
    accounts: prepared.compiled.accounts.count, positions, optionSeries: bench.optionSeries, scenarios,
    prepareMs: median(prep), accountsMs: median(acc), combineMs: median(comb), totalMs,
    revaluationsPerSecond: (positions * scenarios) / (totalMs / 1000), peakRssMb: peakRssMb(), targetMs: MONTE_CARLO_TARGET_MS, hash, runs: repeats,
  };
}

/** Depth = ½ × the book's gross notional per underlying, k = σ/√365, β = ½. */
export function benchDepth(book: Book): DepthModel {
  const gross = new Map<string, number>();
  const underlying = new Map(book.instruments.map((i) => [i.id, i.underlying]));
  const price = new Map(BENCH_UNDERLYINGS.map((u) => [u.asset, u.priceUsd]));
  for (const a of book.accounts) {
    for (const p of a.positions) {
      const u = underlying.get(p.instrumentId)!;
      gross.set(u, (gross.get(u) ?? 0) + Math.abs(p.quantity.toNumber()) * (p.instrumentId.includes('INV') ? 10 / price.get(u)! : 1) * price.get(u)!);
    }
  }
  return Object.fromEntries(BENCH_UNDERLYINGS.map((u) => [u.asset, { depthUsd: 0.5 * gross.get(u.asset)!, impactCoefficient: u.vol / Math.sqrt(365), impactExponent: 0.5 }]));
}

export interface CascadeBenchResult {
  name: string;
  accounts: number;
  positions: number;
  rounds: number;
  accountsLiquidated: number;
  badDebtUsd: number;
  conservationHolds: boolean;
  medianMs: number;
  peakRssMb: number;
  runs: number;
}

export function benchCascade(repeats = 3, input: StressBenchInput = stressBenchInput()): CascadeBenchResult {
  const { bench, prepared } = input;
  const scenario = parseScenario({ schemaVersion: 1, name: 'all −12 %', shocks: [{ type: 'price', shift: 'relative', assets: 'all', except: ['USDT'], shockPct: -12 }] });
  const shocked = applyShock(bench.market, scenario);
  const depth = benchDepth(bench.book);
  const times: number[] = [];
  let last: ReturnType<typeof bookRun> | null = null;
  for (let k = 0; k < repeats + 1; k++) {
    const t0 = performance.now();
    last = bookRun(prepared, shocked, { penaltyRate: 0.005, insuranceFundUsd: 5e6, cascade: { depth, maxRounds: 5 } });
    if (k > 0) times.push(performance.now() - t0);
  }
  return {
    name: `cascade, 5 rounds max, ${prepared.compiled.accounts.count} accounts, tiered`,
    accounts: prepared.compiled.accounts.count, positions: prepared.compiled.positions.count, rounds: last!.rounds.length,
    accountsLiquidated: last!.totals.accountsLiquidated, badDebtUsd: last!.totals.badDebtUsd, conservationHolds: last!.conservation.holds,
    medianMs: median(times), peakRssMb: peakRssMb(), runs: repeats,
  };
}
