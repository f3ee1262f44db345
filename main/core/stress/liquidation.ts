/**
 * Liquidation of an account in a stress run (docs/methodology stress-book-runs, "Liquidation"):
 *
 *   liquidated        the account holds positions and equity ≤ MM (the margin module's rule,
 *                     portfolioBookAccounts.ts setAccountMargin)
 *   E_close           equity with its positions closed at the round's fill prices (E_liq − impact cost)
 *   penalty           min(penaltyRate × liquidated notional, max(0, E_close))   paid to the insurance fund,
 *                     capped at what is left
 *   bad debt          max(0, −E_close)
 *   returned equity   max(0, E_close) − penalty                                  what the user keeps
 *
 * so E_close = returned + penalty − bad debt exactly (one of the two sides is zero), the per-account
 * ledger the conservation check sums. The margin at a price vector is the chosen model's own
 * whole-book path (bookMargin) on the compiled book with the prices and shocked vols swapped in.
 */
import type { CompiledBook } from '../book/compile';
import { InputError } from '../errors';
import { bookMargin } from '../margin/modelDispatch';
import type { PreparedStressBook, StressState } from './bookValuation';

export interface LiquidationCosts {
  penaltyUsd: number;
  badDebtUsd: number;
  returnedEquityUsd: number;
}

export function requirePenaltyRate(rate: number, what = 'penaltyRate'): number {
  if (!(rate >= 0 && rate <= 1)) throw new InputError(`${what}: must be a fraction of liquidated notional in [0, 1], got ${rate}`);
  return rate;
}

/** Penalty, bad debt and returned equity of an account closed out with equity E_close (file header). */
export function liquidationCosts(equityAtCloseUsd: number, liquidatedNotionalUsd: number, penaltyRate: number): LiquidationCosts {
  const left = Math.max(0, equityAtCloseUsd);
  const penaltyUsd = Math.min(penaltyRate * liquidatedNotionalUsd, left);
  return { penaltyUsd, badDebtUsd: Math.max(0, -equityAtCloseUsd), returnedEquityUsd: left - penaltyUsd };
}

/** The margin module's liquidation rule: positions held and equity ≤ MM. */
export function isLiquidatable(positionCount: number, equityUsd: number, maintenanceMarginUsd: number): boolean {
  return positionCount > 0 && equityUsd <= maintenanceMarginUsd;
}

export interface MarginAtPrices {
  initialMarginUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
}

/** IM and MM of every account under the (shocked) model at index prices `prices` and the shocked vols. */
export function marginAt(prepared: PreparedStressBook, state: StressState, prices: Float64Array): MarginAtPrices {
  const view: CompiledBook = { ...prepared.compiled, spot: prices, vol: state.marginVol };
  const r = bookMargin(view, state.model, prepared.context);
  return { initialMarginUsd: r.accounts.initialMarginUsd, maintenanceMarginUsd: r.accounts.maintenanceMarginUsd };
}
