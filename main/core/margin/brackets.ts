/**
 * Notional brackets (Binance "leverage and margin table", Bybit "risk limit"): which bracket a notional
 * falls in, the maintenance amount derived from the rates, and IM / MM of one notional.
 *
 * Maintenance amount (Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts"):
 *   cum(n) = floor(n) × (MMR(n) − MMR(n−1)) + cum(n−1),  cum(1) = 0,
 * which makes MM(N) = N × MMR(n) − cum(n) the "tax bracket" sum Σ_k (portion of N in bracket k) × MMR(k):
 * continuous and non-decreasing in N.
 */
import type { Settlement } from '../book/types';
import { InputError } from '../errors';
import { ZERO, type Dec } from '../money/decimal';
import type { Bracket, BracketTable, TieredModel } from './types';

/** cum(n) for rates given bracket by bracket (floor(1) = 0). */
export function maintenanceAmounts(brackets: readonly { floor: Dec; maintenanceMarginRate: Dec }[]): Dec[] {
  const out: Dec[] = [];
  brackets.forEach((b, n) => {
    out.push(n === 0 ? ZERO : b.floor.mul(b.maintenanceMarginRate.sub(brackets[n - 1].maintenanceMarginRate)).add(out[n - 1]));
  });
  return out;
}

export interface BracketChoice {
  bracket: Bracket;
  /** 0-based index into table.brackets. */
  index: number;
  /** The notional is above the last cap: the last bracket is extended (exchanges would refuse the position). */
  beyondLastCap: boolean;
}

/**
 * The bracket holding `notional`: the first with notional ≤ cap (caps are inclusive, Binance
 * `notionalFloor < N ≤ notionalCap`; a notional exactly on a cap gives the same MM in both brackets).
 */
export function bracketFor(table: BracketTable, notional: Dec): BracketChoice {
  const { brackets } = table;
  for (let i = 0; i < brackets.length; i++) {
    if (notional.lte(brackets[i].cap)) return { bracket: brackets[i], index: i, beyondLastCap: false };
  }
  return { bracket: brackets[brackets.length - 1], index: brackets.length - 1, beyondLastCap: true };
}

/** MM of a notional in its bracket, table unit: N × MMR − cum. */
export function bracketMaintenanceMargin(bracket: Bracket, notional: Dec): Dec {
  return notional.mul(bracket.maintenanceMarginRate).sub(bracket.maintenanceAmount);
}

/**
 * The table that margins a contract: the one naming the underlying, else the catch-all (no underlyings)
 * of the same settlement. Throws if none does.
 */
export function tableFor(model: TieredModel, underlying: string, settlement: Settlement): BracketTable {
  const own = model.tables.find((t) => t.settlement === settlement && t.underlyings.includes(underlying));
  if (own) return own;
  const fallback = model.tables.find((t) => t.settlement === settlement && t.underlyings.length === 0);
  if (fallback) return fallback;
  throw new InputError(`model "${model.name}": no bracket table for ${settlement} contracts on ${underlying} (add one, or a ${settlement} table with no underlyings as the default)`);
}
