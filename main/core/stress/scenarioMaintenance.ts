/**
 * Maintenance margin of one account in a Monte Carlo scenario under the tiered model: the rules of
 * tieredBook.ts (docs/methodology margin-tiered) at the scenario prices S_u·m_u,s, without building a spot
 * vector per scenario. Per margined position (options have no table and no MM in this model):
 *
 *   basis    = S (markPrice convention) or entry (entryPrice convention)
 *   notional n = |q|·basis (linear), |q|·CS (inverse, USD table), |q|·CS / basis (inverse, coin table)
 *   bracket  j = first with n ≤ cap_j, else the last
 *   MM_USD   = n·MMR_j − cum_j (linear; inverse USD table, where the coin amount /S is converted back ×S),
 *              (n·MMR_j − cum_j)·S (inverse, coin table)
 *
 * The Monte Carlo only needs MM where an account is close to liquidation, so it first takes an upper
 * bound over all scenarios from each asset's smallest and largest multiplier: n·MMR_j − cum_j is
 * continuous and non-decreasing in n (cum is defined for exactly that), so a linear position's MM is
 * largest at the largest price, and a coin-table position's is at most MM_coin(smallest price) × largest
 * price. Only scenarios with equity ≤ the bound are margined exactly. Agreement with tieredBookMargin at
 * the same prices is tested.
 */
import { SETTLEMENT_LINEAR, type CompiledBook } from '../book/compile';
import type { CompiledTieredModel } from '../margin/tieredBookModel';

/** Relative slack on the bound: it must stay ≥ the exact MM under float rounding. */
const BOUND_SLACK = 1e-9;

/** MM in USD of position p at underlying price px (file header). */
export function positionMaintenanceUsd(model: CompiledTieredModel, book: CompiledBook, p: number, px: number): number {
  const i = book.positions.instrument[p];
  const t = model.tableOf[i];
  if (t < 0) return 0;
  const linear = book.instruments.settlement[i] === SETTLEMENT_LINEAR;
  const coin = model.coinNotional[t] === 1;
  const absQ = Math.abs(book.positions.quantity[p]);
  const cs = book.instruments.contractSizeUsd[i];
  const basis = model.markConvention ? px : book.positions.entryPrice[p];
  const n = linear ? absQ * basis : coin ? (absQ * cs) / basis : absQ * cs;
  const last = model.tableStart[t + 1] - 1;
  let j = model.tableStart[t];
  while (j < last && !(n <= model.cap[j])) j++;
  const mm = n * model.maintenanceMarginRate[j] - model.maintenanceAmount[j];
  return !linear && coin ? mm * px : mm;
}

/** MM of account k in scenario s; `multiplier` at [u·S + s]. */
export function tieredMaintenanceAt(model: CompiledTieredModel, book: CompiledBook, multiplier: Float64Array, scenarios: number, s: number, k: number): number {
  const { instruments: ins, positions: bp, accounts: ba } = book;
  let mm = 0;
  for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
    const u = ins.underlying[bp.instrument[p]];
    mm += positionMaintenanceUsd(model, book, p, book.spot[u] * multiplier[u * scenarios + s]);
  }
  return mm;
}

/** An upper bound of account k's MM over scenarios whose multipliers lie in [min_u, max_u] (file header). */
export function tieredMaintenanceBound(model: CompiledTieredModel, book: CompiledBook, multiplierMin: Float64Array, multiplierMax: Float64Array, k: number): number {
  const { instruments: ins, positions: bp, accounts: ba } = book;
  let bound = 0;
  for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
    const i = bp.instrument[p];
    const t = model.tableOf[i];
    if (t < 0) continue;
    const u = ins.underlying[i];
    const high = book.spot[u] * multiplierMax[u];
    if (ins.settlement[i] === SETTLEMENT_LINEAR || model.coinNotional[t] === 0) {
      bound += positionMaintenanceUsd(model, book, p, high);
    } else {
      const low = book.spot[u] * multiplierMin[u];
      bound += (positionMaintenanceUsd(model, book, p, low) / low) * high;
    }
  }
  return bound * (1 + BOUND_SLACK) + BOUND_SLACK;
}
