/**
 * Reverse stress test (docs/methodology stress-book-runs, "Reverse stress test"): along a scenario's
 * direction, the smallest severity multiplier k at which the insurance fund is exhausted (some round's bad
 * debt exceeds what the fund holds), or the book's bad debt exceeds a threshold.
 *
 *   1. Bound k: the scenario is infeasible where a shocked price would be ≤ 0. If findPriceViolation finds
 *      one at severityMax, bisect on [0, severityMax] for the last feasible k (to 1e-9 relative).
 *   2. Grid: evaluate the run at gridPoints equally spaced k in [0, k_max]; record the curve of bad debt
 *      against k and every segment where it falls (non-monotone; the criterion may then be met and unmet
 *      again — reported, and the search below still returns the first crossing on the grid).
 *   3. Bisection between the last grid point where the criterion is not met and the first where it is,
 *      until the bracket is narrower than `tolerance`; k* = the upper end (met).
 * A shocked state that cannot be built at some k (applyShock or a mark price ≤ 0, e.g. a future priced
 * ≤ 0 by a basis shock) counts as infeasible there: the grid ends at the last feasible point, with a note.
 * Any other error of the run (e.g. a missing depth) propagates.
 */
import { InputError } from '../errors';
import type { MarketSnapshot } from '../market/types';
import { bookRun, type BookRunOptions, type BookRunResult } from './bookRun';
import { stressState, type PreparedStressBook } from './bookValuation';
import type { CorrelationMatrix } from './correlationShock';
import { findPriceViolation, type PriceViolation } from './priceShocks';
import type { Scenario } from './scenario';
import type { ShockedMarket } from './shockedMarket';
import { applyShock } from './shocks';
import type { NearestCorrelationOptions } from '../market/ncm';

export type ReverseStressCriterion = { kind: 'fundExhausted' } | { kind: 'badDebtAbove'; thresholdUsd: number };

export interface ReverseStressOutcome {
  badDebtUsd: number;
  /** Bad debt the fund could not pay (> 0 ⇔ the fund was exhausted). */
  deficitUsd: number;
  accountsLiquidated: number;
  fundFinalUsd: number;
}

export interface ReverseStressPoint extends ReverseStressOutcome {
  severity: number;
  met: boolean;
  source: 'grid' | 'bisection';
}

export interface ReverseStressOptions {
  criterion: ReverseStressCriterion;
  /** Largest k searched (default 4). */
  severityMax?: number;
  /** Grid points including 0 and the bound (default 21). */
  gridPoints?: number;
  /** Width of the final bracket in k (default 1e-3). */
  tolerance?: number;
}

export interface NonMonotoneSegment {
  from: number;
  to: number;
  badDebtFromUsd: number;
  badDebtToUsd: number;
}

export interface ReverseStressResult {
  criterion: ReverseStressCriterion;
  /** Smallest k found meeting the criterion (within tolerance), or null if not met up to severityMax. */
  severity: number | null;
  /** The final bracket: criterion not met at `below`, met at `above`. */
  bracket: { below: number; above: number } | null;
  /** Largest feasible k searched, and the price violation that bounds it (null if severityMax is feasible). */
  severityBound: number;
  priceViolation: PriceViolation | null;
  /** Every evaluation, by k. */
  curve: ReverseStressPoint[];
  nonMonotone: NonMonotoneSegment[];
  evaluations: number;
  notes: string[];
}

function isMet(c: ReverseStressCriterion, o: ReverseStressOutcome): boolean {
  return c.kind === 'fundExhausted' ? o.deficitUsd > 0 : o.badDebtUsd > c.thresholdUsd;
}

function requireOptions(o: ReverseStressOptions): Required<ReverseStressOptions> {
  const severityMax = o.severityMax ?? 4;
  const gridPoints = o.gridPoints ?? 21;
  const tolerance = o.tolerance ?? 1e-3;
  if (!(severityMax > 0 && Number.isFinite(severityMax))) throw new InputError(`severityMax: must be a finite number > 0, got ${severityMax}`);
  if (!Number.isInteger(gridPoints) || gridPoints < 2 || gridPoints > 10_001) throw new InputError(`gridPoints: must be an integer in [2, 10001], got ${gridPoints}`);
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new InputError(`tolerance: must be a finite number > 0, got ${tolerance}`);
  if (o.criterion.kind === 'badDebtAbove' && !(o.criterion.thresholdUsd >= 0 && Number.isFinite(o.criterion.thresholdUsd))) {
    throw new InputError(`criterion.thresholdUsd: must be a finite USD amount >= 0, got ${o.criterion.thresholdUsd}`);
  }
  if (o.criterion.kind !== 'fundExhausted' && o.criterion.kind !== 'badDebtAbove') {
    throw new InputError(`criterion.kind: expected "fundExhausted" or "badDebtAbove", got "${String((o.criterion as { kind: unknown }).kind)}"`);
  }
  return { criterion: o.criterion, severityMax, gridPoints, tolerance };
}

/** Steps 2–3 of the file header over any evaluation k ↦ outcome (null = infeasible at k), on [0, bound]. */
export function reverseStressSearch(
  evaluate: (severity: number) => ReverseStressOutcome | null, bound: number, options: ReverseStressOptions,
): Omit<ReverseStressResult, 'severityBound' | 'priceViolation'> {
  const o = requireOptions(options);
  const notes: string[] = [];
  const grid: ReverseStressPoint[] = [];
  for (let i = 0; i < o.gridPoints; i++) {
    const k = (bound * i) / (o.gridPoints - 1);
    const out = evaluate(k);
    if (out === null) {
      notes.push(`the run is infeasible at severity ${k}; the grid ends at ${grid.length ? grid[grid.length - 1].severity : 'none'}`);
      break;
    }
    grid.push({ severity: k, ...out, met: isMet(o.criterion, out), source: 'grid' });
  }
  const nonMonotone: NonMonotoneSegment[] = [];
  for (let i = 1; i < grid.length; i++) {
    const a = grid[i - 1].badDebtUsd;
    const b = grid[i].badDebtUsd;
    if (b < a - 1e-9 * (1 + Math.abs(a))) nonMonotone.push({ from: grid[i - 1].severity, to: grid[i].severity, badDebtFromUsd: a, badDebtToUsd: b });
  }
  const first = grid.findIndex((p) => p.met);
  if (first > 0 && grid.slice(first).some((p) => !p.met)) notes.push('the criterion is met and then unmet again further along the grid (non-monotone run); the first crossing is reported');
  const curve = [...grid];
  let bracket: ReverseStressResult['bracket'] = null;
  let severity: number | null = null;
  if (first === 0) {
    severity = 0;
    notes.push('the criterion is already met at severity 0 (the unshocked market)');
  } else if (first > 0) {
    let lo = grid[first - 1].severity;
    let hi = grid[first].severity;
    while (hi - lo > o.tolerance) {
      const mid = 0.5 * (lo + hi);
      const out = evaluate(mid);
      if (out === null) {
        notes.push(`the run is infeasible at severity ${mid}, inside the bracket [${lo}, ${hi}]; the search stops there`);
        break;
      }
      const met = isMet(o.criterion, out);
      curve.push({ severity: mid, ...out, met, source: 'bisection' });
      if (met) hi = mid;
      else lo = mid;
    }
    severity = hi;
    bracket = { below: lo, above: hi };
  }
  curve.sort((a, b) => a.severity - b.severity);
  return { criterion: o.criterion, severity, bracket, curve, nonMonotone, evaluations: curve.length, notes };
}

/** The largest feasible severity in [0, severityMax] (step 1 of the file header). */
export function feasibleSeverityBound(market: MarketSnapshot, scenario: Scenario, severityMax: number): { bound: number; violation: PriceViolation | null } {
  const violation = findPriceViolation(market, scenario, severityMax);
  if (violation === null) return { bound: severityMax, violation: null };
  let lo = 0;
  let hi = severityMax;
  let v = violation;
  while (hi - lo > 1e-9 * severityMax) {
    const mid = 0.5 * (lo + hi);
    const at = findPriceViolation(market, scenario, mid);
    if (at === null) lo = mid;
    else { hi = mid; v = at; }
  }
  return { bound: lo, violation: v };
}

export function runOutcome(r: BookRunResult): ReverseStressOutcome {
  return {
    badDebtUsd: r.totals.badDebtUsd,
    deficitUsd: r.rounds.reduce((s, x) => s + x.fund.deficitUsd, 0),
    accountsLiquidated: r.totals.accountsLiquidated,
    fundFinalUsd: r.totals.insuranceFund.finalUsd,
  };
}

/** Reverse stress test of a book along `scenario` (file header). */
export function reverseStressTest(
  prepared: PreparedStressBook, scenario: Scenario, run: BookRunOptions,
  options: ReverseStressOptions & { baseCorrelation?: CorrelationMatrix; repair?: NearestCorrelationOptions },
): ReverseStressResult {
  const o = requireOptions(options);
  const { bound, violation } = feasibleSeverityBound(prepared.market, scenario, o.severityMax);
  // Only the shocked state can be infeasible (applyShock, or stressState's mark prices); an error of the run
  // itself (e.g. a missing depth) is a configuration error and propagates.
  const evaluate = (k: number): ReverseStressOutcome | null => {
    let shocked: ShockedMarket;
    try {
      shocked = applyShock(prepared.market, scenario, { severity: k, baseCorrelation: options.baseCorrelation, repair: options.repair });
      stressState(prepared, shocked);
    } catch (e) {
      if (e instanceof InputError && k > 0) return null;
      throw e;
    }
    return runOutcome(bookRun(prepared, shocked, run));
  };
  const result = reverseStressSearch(evaluate, bound, o);
  if (violation) result.notes.unshift(`severity is bounded at ${bound} by ${violation.asset} (${violation.shock}: ${violation.before} → ${violation.after} USD)`);
  return { ...result, severityBound: bound, priceViolation: violation };
}
