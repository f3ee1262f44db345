/**
 * Conservation check of a stress run (docs/methodology stress-book-runs, "Conservation"). Every run
 * reports two identities, each summed from separately kept records so that a bookkeeping error shows:
 *
 * 1. Loss identity (where the accounts' losses went):
 *      Σ_k bad debt_k  =  Σ_k penalty_k + (F_0 − F_end) + Σ_hits ADL + residual bad debt
 *    left side from the per-account bad debt array, penalties from the per-account penalty array, the
 *    fund drawdown from the round-by-round fund path (F_0 − F_end, negative when penalties grew the
 *    fund), ADL from the list of counterparty hits, residual from what ADL could not place. It holds
 *    because F_end = F_0 + Σ penalties − Σ paid and Σ bad debt = Σ paid + Σ deficits = Σ paid + ADL + residual.
 * 2. Liquidation ledger (what happened to each liquidated account's equity):
 *      Σ E_liq − Σ impact cost − Σ penalty − Σ returned equity + Σ bad debt = 0
 *    with E_liq the equity when the account was found liquidatable (before its orders moved prices).
 *
 * residual = left − right. The tolerance is 1e-9 × (1 + Σ |terms|): float64 rounding of sums of up to
 * 10⁵ terms stays orders of magnitude below it; anything above is a bookkeeping error, and `holds` is false.
 */
export const CONSERVATION_RELATIVE_TOLERANCE = 1e-9;

export interface LossIdentity {
  accountLossesUsd: number;
  penaltiesUsd: number;
  fundDrawdownUsd: number;
  adlUsd: number;
  residualBadDebtUsd: number;
  residualUsd: number;
  toleranceUsd: number;
  holds: boolean;
}

export interface LiquidationLedger {
  equityAtLiquidationUsd: number;
  impactCostUsd: number;
  penaltiesUsd: number;
  returnedEquityUsd: number;
  badDebtUsd: number;
  residualUsd: number;
  toleranceUsd: number;
  holds: boolean;
}

export interface ConservationCheck {
  losses: LossIdentity;
  ledger: LiquidationLedger;
  /** Both identities hold within their tolerances. */
  holds: boolean;
}

export interface ConservationInput {
  /** Per account (only liquidated accounts have non-zero entries). */
  badDebtUsd: Float64Array;
  penaltyUsd: Float64Array;
  equityAtLiquidationUsd: Float64Array;
  impactCostUsd: Float64Array;
  returnedEquityUsd: Float64Array;
  liquidated: Uint8Array;
  initialFundUsd: number;
  finalFundUsd: number;
  /** Amounts of the ADL hits. */
  adlAmountsUsd: readonly number[];
  residualBadDebtUsd: number;
}

function tolerance(terms: number[]): number {
  return CONSERVATION_RELATIVE_TOLERANCE * (1 + terms.reduce((s, t) => s + Math.abs(t), 0));
}

export function conservationCheck(input: ConservationInput): ConservationCheck {
  let badDebt = 0;
  let penalties = 0;
  let equity = 0;
  let impact = 0;
  let returned = 0;
  for (let k = 0; k < input.badDebtUsd.length; k++) {
    badDebt += input.badDebtUsd[k];
    penalties += input.penaltyUsd[k];
    if (!input.liquidated[k]) continue;
    equity += input.equityAtLiquidationUsd[k];
    impact += input.impactCostUsd[k];
    returned += input.returnedEquityUsd[k];
  }
  const drawdown = input.initialFundUsd - input.finalFundUsd;
  const adl = input.adlAmountsUsd.reduce((s, x) => s + x, 0);
  const lossResidual = badDebt - (penalties + drawdown + adl + input.residualBadDebtUsd);
  const lossTol = tolerance([badDebt, penalties, input.initialFundUsd, input.finalFundUsd, adl, input.residualBadDebtUsd]);
  const ledgerResidual = equity - impact - penalties - returned + badDebt;
  const ledgerTol = tolerance([equity, impact, penalties, returned, badDebt]);
  const losses: LossIdentity = {
    accountLossesUsd: badDebt, penaltiesUsd: penalties, fundDrawdownUsd: drawdown, adlUsd: adl, residualBadDebtUsd: input.residualBadDebtUsd,
    residualUsd: lossResidual, toleranceUsd: lossTol, holds: Math.abs(lossResidual) <= lossTol,
  };
  const ledger: LiquidationLedger = {
    equityAtLiquidationUsd: equity, impactCostUsd: impact, penaltiesUsd: penalties, returnedEquityUsd: returned, badDebtUsd: badDebt,
    residualUsd: ledgerResidual, toleranceUsd: ledgerTol, holds: Math.abs(ledgerResidual) <= ledgerTol,
  };
  return { losses, ledger, holds: losses.holds && ledger.holds };
}
