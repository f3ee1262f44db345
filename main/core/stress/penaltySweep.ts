/**
 * Penalty (liquidation bounty) sweep (docs/methodology stress-book-runs, "Penalty sweep"): the same
 * shocked run at each penalty rate of a grid, reporting what liquidated users pay against what the
 * insurance fund cannot absorb.
 *
 * In this model the penalty is charged after the liquidation decision and capped at the equity left,
 * so it changes neither who is liquidated, nor prices, nor bad debt = max(0, −E_close): it moves value
 * from liquidated users to the fund. The trade-off is therefore
 *   cost to liquidated users  = Σ penalties            (rises with the rate)
 *   uncovered loss            = ADL + residual bad debt (falls with the rate, as the fund collects more)
 * and `minimalRate` is the smallest rate of the grid with no uncovered loss (null if none).
 */
import { InputError } from '../errors';
import { bookRun, type BookRunOptions } from './bookRun';
import type { PreparedStressBook } from './bookValuation';
import type { ShockedMarket } from './shockedMarket';

export interface PenaltySweepRow {
  penaltyRate: number;
  accountsLiquidated: number;
  notionalLiquidatedUsd: number;
  /** Σ penalties: the bounty liquidated users pay. */
  costToLiquidatedUsersUsd: number;
  /** Market impact they bear as well (does not depend on the rate). */
  impactCostUsd: number;
  badDebtUsd: number;
  fundFinalUsd: number;
  fundDrawdownUsd: number;
  socialisedLossUsd: number;
  residualBadDebtUsd: number;
  /** ADL + residual. */
  uncoveredLossUsd: number;
  conservationHolds: boolean;
}

export interface PenaltySweepResult {
  rows: PenaltySweepRow[];
  minimalRate: number | null;
}

export function penaltySweep(
  prepared: PreparedStressBook, shocked: ShockedMarket, rates: readonly number[], options: Omit<BookRunOptions, 'penaltyRate'>,
): PenaltySweepResult {
  if (rates.length === 0) throw new InputError('penaltyRates: give at least one rate');
  rates.forEach((r, i) => {
    if (i > 0 && !(r > rates[i - 1])) throw new InputError(`penaltyRates: must be strictly ascending, got ${rates[i - 1]} then ${r}`);
  });
  const rows = rates.map((penaltyRate): PenaltySweepRow => {
    const r = bookRun(prepared, shocked, { ...options, penaltyRate });
    const t = r.totals;
    return {
      penaltyRate, accountsLiquidated: t.accountsLiquidated, notionalLiquidatedUsd: t.notionalLiquidatedUsd,
      costToLiquidatedUsersUsd: t.penaltiesUsd, impactCostUsd: t.impactCostUsd, badDebtUsd: t.badDebtUsd,
      fundFinalUsd: t.insuranceFund.finalUsd, fundDrawdownUsd: t.insuranceFund.drawdownUsd,
      socialisedLossUsd: t.adl.socialisedLossUsd, residualBadDebtUsd: t.adl.residualBadDebtUsd,
      uncoveredLossUsd: t.adl.socialisedLossUsd + t.adl.residualBadDebtUsd, conservationHolds: r.conservation.holds,
    };
  });
  const best = rows.find((r) => r.uncoveredLossUsd === 0);
  return { rows, minimalRate: best ? best.penaltyRate : null };
}
