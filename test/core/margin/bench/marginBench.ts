/**
 * Single-threaded timings of the portfolio margin models' whole-book paths on the SYNTHETIC sample book
 * scaled to 10,000 accounts (scaleBook): scenario grid (Deribit-style preset with vol unchanged: 35
 * scenarios), HS VaR (preset: 99 %, 2-day, 1-year lookback, 25 % buffer) and parametric VaR. Each figure is
 * the median of `repeats` runs after warm-up runs; a run = prepare (per-book work: option revaluation,
 * scenarios, covariance) + margin every account. Compiling the book is timed separately.
 * Exported for test/bench/bench.ts; also runnable: `npx tsx test/core/margin/bench/run.ts`.
 */
import { compileBook, type CompiledBook } from '../../../../main/core/book/compile';
import { historicalVarBookMargin, prepareHistoricalVarBook } from '../../../../main/core/margin/historicalVarBook';
import { parametricVarBookMargin, prepareParametricVarBook } from '../../../../main/core/margin/parametricVarBook';
import {
  historicalVarModelFromWire, parametricVarModelFromWire, scenarioGridModelFromWire, type HistoricalVarModelWire,
} from '../../../../main/core/margin/portfolioConfig';
import { prepareScenarioGridBook, scenarioGridBookMargin } from '../../../../main/core/margin/scenarioGridBook';
import { DERIBIT_PRESET, HS_PRESET, PARAMETRIC_PRESET, sampleMarginInputs, type SampleMarginInputs } from '../portfolioFixtures';
import { scaleBook } from './scaleBook';

const WARMUP_RUNS = 2;

export interface MarginBenchResult {
  name: string;
  accounts: number;
  positions: number;
  /** Scenarios per account (lookback window for HS; covariance assets for parametric). */
  scenarios: number;
  /** Median of prepare + margin-all-accounts, ms. */
  medianMs: number;
  /** Median of the prepare step alone, ms. */
  prepareMedianMs: number;
  runs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export interface ScaledSampleBook extends SampleMarginInputs {
  compiled: CompiledBook;
  compileMs: number;
}

/** The sample workspace with its book scaled to `accounts`, compiled (the compile time is returned). */
export function scaledSampleBook(accounts = 10_000): ScaledSampleBook {
  const base = sampleMarginInputs();
  const book = scaleBook(base.book, accounts);
  const t0 = performance.now();
  const compiled = compileBook(book, base.market);
  return { ...base, book, compiled, compileMs: performance.now() - t0 };
}

function timeRuns(repeats: number, prepare: () => unknown, run: (prepared: never) => unknown): { medianMs: number; prepareMedianMs: number } {
  const total: number[] = [];
  const prep: number[] = [];
  for (let k = 0; k < WARMUP_RUNS + repeats; k++) {
    const t0 = performance.now();
    const p = prepare();
    const t1 = performance.now();
    run(p as never);
    const t2 = performance.now();
    if (k >= WARMUP_RUNS) { total.push(t2 - t0); prep.push(t1 - t0); }
  }
  return { medianMs: median(total), prepareMedianMs: median(prep) };
}

export function benchScenarioGrid(input: ScaledSampleBook = scaledSampleBook(), repeats = 7): MarginBenchResult {
  const model = scenarioGridModelFromWire({ ...DERIBIT_PRESET, volUnchanged: true });
  const scenarios = prepareScenarioGridBook(input.compiled, model).scenarios.length;
  const t = timeRuns(repeats, () => prepareScenarioGridBook(input.compiled, model), (p) => scenarioGridBookMargin(p));
  return { name: `scenario grid (${model.name}, vol up/same/down)`, accounts: input.compiled.accounts.count, positions: input.compiled.positions.count, scenarios, ...t, runs: repeats };
}

/** HS VaR with the preset, or with another historicalVar config (e.g. the ten-year floor). */
export function benchHistoricalVar(input: ScaledSampleBook = scaledSampleBook(), repeats = 7, wire: HistoricalVarModelWire = HS_PRESET): MarginBenchResult {
  const model = historicalVarModelFromWire(wire);
  const t = timeRuns(repeats, () => prepareHistoricalVarBook(input.compiled, model, input.history), (p) => historicalVarBookMargin(p));
  const apc = model.antiProcyclicality?.tool ?? 'no APC';
  return { name: `HS ${model.measure === 'es' ? 'ES' : 'VaR'} (${model.name}; ${model.filterLambda === null ? 'plain' : 'filtered'}, ${apc})`, accounts: input.compiled.accounts.count, positions: input.compiled.positions.count, scenarios: model.lookbackDays, ...t, runs: repeats };
}

export function benchParametricVar(input: ScaledSampleBook = scaledSampleBook(), repeats = 7): MarginBenchResult {
  const model = parametricVarModelFromWire(PARAMETRIC_PRESET);
  const prepared = prepareParametricVarBook(input.compiled, model, input.history);
  const t = timeRuns(repeats, () => prepareParametricVarBook(input.compiled, model, input.history), (p) => parametricVarBookMargin(p));
  return { name: `parametric VaR (${model.name})`, accounts: input.compiled.accounts.count, positions: input.compiled.positions.count, scenarios: prepared.covariance.assets.length, ...t, runs: repeats };
}
