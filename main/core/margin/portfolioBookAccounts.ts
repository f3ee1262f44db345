/**
 * The per-account output every whole-book margin path fills (scenario grid, HS VaR, parametric VaR, and the
 * tiered model through modelDispatch.ts), and the account range a caller (e.g. a worker of the lead's pool)
 * asks for. Arrays are indexed by j = k − range.from for account k of the compiled book.
 *
 * Account rules common to the portfolio models (docs/methodology margin-grid-var, "Account measures"):
 *   equity = collateral value + unrealised PnL;  margin ratio = MM / equity (NaN when equity ≤ 0);
 *   free margin = equity − IM;  liquidatable = the account holds positions and equity ≤ MM.
 * The portfolio models margin every account as one portfolio: an isolated account's positions are pooled.
 */
import { InputError } from '../errors';
import type { CompiledBook } from '../book/compile';

export interface AccountRange {
  /** First account index (inclusive). */
  from: number;
  /** End account index (exclusive). */
  to: number;
}

export interface BookAccountMargins {
  range: AccountRange;
  collateralValueUsd: Float64Array;
  unrealisedPnlUsd: Float64Array;
  equityUsd: Float64Array;
  initialMarginUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
  /** MM / equity; NaN when equity ≤ 0. */
  marginRatio: Float64Array;
  freeMarginUsd: Float64Array;
  liquidatable: Uint8Array;
}

/** The whole book when `range` is absent; else the range, checked against the book. */
export function accountRange(book: CompiledBook, range?: AccountRange): AccountRange {
  const n = book.accounts.count;
  if (range === undefined) return { from: 0, to: n };
  const { from, to } = range;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > n || from > to) {
    throw new InputError(`account range: expected integers 0 <= from <= to <= ${n}, got from ${from}, to ${to}`);
  }
  return { from, to };
}

export function bookAccountMargins(range: AccountRange): BookAccountMargins {
  const n = range.to - range.from;
  return {
    range,
    collateralValueUsd: new Float64Array(n),
    unrealisedPnlUsd: new Float64Array(n),
    equityUsd: new Float64Array(n),
    initialMarginUsd: new Float64Array(n),
    maintenanceMarginUsd: new Float64Array(n),
    marginRatio: new Float64Array(n),
    freeMarginUsd: new Float64Array(n),
    liquidatable: new Uint8Array(n),
  };
}

/** Write account j's figures, deriving equity, ratio, free margin and the liquidation flag. */
export function setAccountMargin(
  out: BookAccountMargins, j: number, collateralUsd: number, pnlUsd: number, imUsd: number, mmUsd: number, positions: number,
): void {
  const equity = collateralUsd + pnlUsd;
  out.collateralValueUsd[j] = collateralUsd;
  out.unrealisedPnlUsd[j] = pnlUsd;
  out.equityUsd[j] = equity;
  out.initialMarginUsd[j] = imUsd;
  out.maintenanceMarginUsd[j] = mmUsd;
  out.marginRatio[j] = equity > 0 ? mmUsd / equity : NaN;
  out.freeMarginUsd[j] = equity - imUsd;
  out.liquidatable[j] = positions > 0 && equity <= mmUsd ? 1 : 0;
}
