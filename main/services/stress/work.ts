/**
 * Worker tasks of the Stress lab (main/jobs/tasks.ts): pure functions of plain data. Each rebuilds the
 * book, model and scenario from their wire forms, prepares the book once (core/stress/bookValuation.ts)
 * and runs one engine function. Monte Carlo runs as prepare → account ranges → combine (on the main side),
 * so its ranges can run on every worker thread.
 */
import { bookFromWire } from '../../core/book/wire';
import { marginModelFromWire } from '../../core/margin/modelDispatch';
import { bookRun, type BookRunResult } from '../../core/stress/bookRun';
import { prepareStressBook, type PreparedStressBook } from '../../core/stress/bookValuation';
import type { BaseCorrelation } from '../../core/stress/correlationShock';
import { monteCarloAccounts, type MonteCarloKernelInput, type MonteCarloPart } from '../../core/stress/monteCarloAccounts';
import { parseScenario, scenarioCorrelationBase } from '../../core/stress/parseScenario';
import { penaltySweep, type PenaltySweepResult } from '../../core/stress/penaltySweep';
import { reverseStressTest, type ReverseStressCriterion, type ReverseStressResult } from '../../core/stress/reverseStress';
import type { Scenario } from '../../core/stress/scenario';
import { applyShock } from '../../core/stress/shocks';
import type { ShockedMarket } from '../../core/stress/shockedMarket';
import type { ProgressFn } from '../../jobs/protocol';
import { historyCorrelation } from '../correlation';
import type { CascadeSpec, StressPayload } from './inputs';

export interface Prepared {
  prepared: PreparedStressBook;
  scenario: Scenario;
  /** The base correlation of every history asset, when the scenario has a correlation shock. */
  baseCorrelation: BaseCorrelation | undefined;
}

/** Book, model and scenario from the payload; the book prepared against the pre-shock market. */
export function prepareFromPayload(p: StressPayload): Prepared {
  const book = bookFromWire(p.book, p.book.id);
  const model = marginModelFromWire(p.model);
  const scenario = parseScenario(p.scenario);
  const base = scenarioCorrelationBase(scenario.shocks);
  const baseCorrelation = base === null ? undefined : historyCorrelation(p.history, base, p.history.assets);
  return { prepared: prepareStressBook(book, p.snapshot, model, { history: p.history }), scenario, baseCorrelation };
}

export function shockedOf(r: Prepared, severity: number): ShockedMarket {
  return applyShock(r.prepared.market, r.scenario, { severity, baseCorrelation: r.baseCorrelation });
}

export interface BookRunPayload extends StressPayload {
  penaltyRate: number;
  insuranceFundUsd: number;
  cascade: CascadeSpec | null;
}

export interface BookRunTaskResult {
  run: BookRunResult;
  shockedSpot: Record<string, number>;
}

/** One book run (valuation under the shock, liquidation rounds, fund, ADL, conservation). */
export function stressBookRunTask(p: BookRunPayload, progress: ProgressFn): BookRunTaskResult {
  progress(0, 3, 'preparing book');
  const r = prepareFromPayload(p);
  progress(1, 3, 'applying scenario');
  const shocked = shockedOf(r, p.severity);
  progress(2, 3, p.cascade ? 'liquidation cascade' : 'liquidations');
  const run = bookRun(r.prepared, shocked, { penaltyRate: p.penaltyRate, insuranceFundUsd: p.insuranceFundUsd, cascade: p.cascade });
  progress(3, 3, 'done');
  return { run, shockedSpot: shocked.spot };
}

/** The Monte Carlo kernel over one account range (ranges start on MONTE_CARLO_ACCOUNT_BLOCK multiples). */
export function stressMonteCarloAccountsTask(p: { prepared: MonteCarloKernelInput; from: number; to: number }, progress: ProgressFn): MonteCarloPart {
  progress(0, 1, `accounts ${p.from}–${p.to}`);
  const part = monteCarloAccounts(p.prepared, { from: p.from, to: p.to });
  progress(1, 1, 'done');
  return part;
}

export interface ReversePayload extends BookRunPayload {
  criterion: ReverseStressCriterion;
  severityMax: number;
  gridPoints: number;
  tolerance: number;
}

/** Reverse stress along the scenario's direction (core/stress/reverseStress.ts). */
export function stressReverseTask(p: ReversePayload, progress: ProgressFn): ReverseStressResult {
  progress(0, 2, 'preparing book');
  const r = prepareFromPayload(p);
  progress(1, 2, `searching severity in [0, ${p.severityMax}]`);
  const out = reverseStressTest(r.prepared, r.scenario, { penaltyRate: p.penaltyRate, insuranceFundUsd: p.insuranceFundUsd, cascade: p.cascade }, {
    criterion: p.criterion, severityMax: p.severityMax, gridPoints: p.gridPoints, tolerance: p.tolerance, baseCorrelation: r.baseCorrelation,
  });
  progress(2, 2, 'done');
  return out;
}

export interface PenaltySweepPayload extends Omit<BookRunPayload, 'penaltyRate'> {
  rates: number[];
}

/** The same shocked run at each penalty rate (core/stress/penaltySweep.ts). */
export function stressPenaltySweepTask(p: PenaltySweepPayload, progress: ProgressFn): PenaltySweepResult {
  progress(0, 2, 'preparing book');
  const r = prepareFromPayload(p);
  progress(1, 2, `${p.rates.length} penalty rates`);
  const out = penaltySweep(r.prepared, shockedOf(r, p.severity), p.rates, { insuranceFundUsd: p.insuranceFundUsd, cascade: p.cascade });
  progress(2, 2, 'done');
  return out;
}
