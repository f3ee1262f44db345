/**
 * The insurance fund through one liquidation round (docs/methodology stress-book-runs, "Insurance fund"):
 * the round's penalties are credited first, then its bad debt is paid as far as the fund reaches.
 *
 *   F_in    = F_before + penalties
 *   paid    = min(F_in, bad debt)
 *   F_after = F_in − paid          (never negative)
 *   deficit = bad debt − paid      (> 0: the fund is exhausted and the rest goes to auto-deleveraging)
 */
import { InputError } from '../errors';

export interface FundRound {
  fundBeforeUsd: number;
  penaltiesUsd: number;
  badDebtUsd: number;
  paidUsd: number;
  fundAfterUsd: number;
  deficitUsd: number;
}

export function requireFund(fundUsd: number, what = 'insuranceFundUsd'): number {
  if (!(fundUsd >= 0 && Number.isFinite(fundUsd))) throw new InputError(`${what}: must be a finite USD amount >= 0, got ${fundUsd}`);
  return fundUsd;
}

export function insuranceFundRound(fundBeforeUsd: number, penaltiesUsd: number, badDebtUsd: number): FundRound {
  const available = fundBeforeUsd + penaltiesUsd;
  const paidUsd = Math.min(available, badDebtUsd);
  return { fundBeforeUsd, penaltiesUsd, badDebtUsd, paidUsd, fundAfterUsd: available - paidUsd, deficitUsd: badDebtUsd - paidUsd };
}
