/**
 * A book stress run (docs/methodology stress-book-runs): every account valued under a shocked market,
 * margined by the chosen model, liquidated when equity ≤ MM, its close-out costed (penalty to the
 * insurance fund, market impact when the cascade is on), bad debt paid by the fund, the deficit
 * auto-deleveraged onto ranked counterparties, and the whole run checked for conservation. All figures
 * are float64 estimates (a stress run settles nothing); the service converts decimal inputs at its boundary.
 *
 *   prepareStressBook(book, market, model, context)     once per book, model and pre-shock market
 *   bookRun(prepared, shocked, { penaltyRate, insuranceFundUsd, cascade })
 */
import { KIND_OPTION } from '../book/compile';
import { autoDeleverage, type AdlHit } from './adl';
import {
  collateralAt, positionExposureAt, positionPnlByAsset, stressState, type PreparedStressBook,
} from './bookValuation';
import { liquidationRounds, type CascadeOptions, type CascadeRound, type RoundsOutcome } from './cascade';
import { conservationCheck, type ConservationCheck } from './conservation';
import { requireFund } from './insuranceFund';
import { requirePenaltyRate } from './liquidation';
import type { ShockedMarket } from './shockedMarket';

export interface BookRunOptions {
  /** Penalty (liquidation bounty) as a fraction of liquidated notional, e.g. 0.01. */
  penaltyRate: number;
  /** Insurance fund before the run, USD. */
  insuranceFundUsd: number;
  /** null / absent: no market impact (one liquidation round at the shocked prices). */
  cascade?: CascadeOptions | null;
}

/** Per account, indexed like `accountIds`. */
export interface BookRunAccounts {
  preShockEquityUsd: Float64Array;
  /** Post-shock − pre-shock equity (positions, collateral, basis, funding, haircuts). */
  scenarioPnlUsd: Float64Array;
  postShockEquityUsd: Float64Array;
  /** The model's IM and MM at the shocked market. */
  initialMarginUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
  /** MM / post-shock equity (NaN when equity ≤ 0). */
  marginRatio: Float64Array;
  liquidated: Uint8Array;
  /** 1-based round of liquidation, 0 if never. */
  liquidationRound: Int32Array;
  equityAtLiquidationUsd: Float64Array;
  liquidatedNotionalUsd: Float64Array;
  impactCostUsd: Float64Array;
  penaltyUsd: Float64Array;
  badDebtUsd: Float64Array;
  returnedEquityUsd: Float64Array;
  /** Loss socialised on the account by ADL. */
  adlUsd: Float64Array;
  /** Returned equity of a liquidated account; equity at the final prices less ADL otherwise. */
  finalEquityUsd: Float64Array;
}

export interface BookRunTotals {
  accountsLiquidated: number;
  notionalLiquidatedUsd: number;
  badDebtUsd: number;
  penaltiesUsd: number;
  impactCostUsd: number;
  insuranceFund: { initialUsd: number; finalUsd: number; drawdownUsd: number; exhausted: boolean; exhaustedInRound: number | null };
  adl: { triggered: boolean; socialisedLossUsd: number; residualBadDebtUsd: number; counterparties: AdlHit[] };
}

export interface BookRunResult {
  scenarioName: string;
  severity: number;
  modelKind: string;
  modelName: string;
  penaltyRate: number;
  cascade: boolean;
  assets: string[];
  accountIds: string[];
  accounts: BookRunAccounts;
  rounds: CascadeRound[];
  totals: BookRunTotals;
  conservation: ConservationCheck;
  finalPricesUsd: Float64Array;
  stoppedBy: RoundsOutcome['stoppedBy'];
  unresolvedLiquidatable: number;
  notes: string[];
}

function adlOutcome(prepared: PreparedStressBook, state: ReturnType<typeof stressState>, out: RoundsOutcome) {
  const { compiled, terms } = prepared;
  const N = compiled.accounts.count;
  const A = compiled.assets.length;
  const eligible = new Uint8Array(N);
  const exposureCoin = new Float64Array(N * A);
  const positionPnlUsd = new Float64Array(N * A);
  const collateralUsd = new Float64Array(N);
  const needed = out.bucketDeficitUsd.some((d) => d > 0);
  if (needed) {
    const exposure = positionExposureAt(prepared, state, out.prices);
    const row = new Float64Array(A);
    const { positions: bp, accounts: ba, instruments: ins } = compiled;
    for (let k = 0; k < N; k++) {
      if (!out.open[k] || terms.positionCount[k] === 0 || !(out.equityUsd[k] > 0)) continue;
      eligible[k] = 1;
      for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) exposureCoin[k * A + ins.underlying[bp.instrument[p]]] += exposure.coin[p];
      positionPnlByAsset(prepared, state, out.valuation, k, row);
      positionPnlUsd.set(row, k * A);
      collateralUsd[k] = collateralAt(prepared, state, out.prices, k);
    }
  }
  return autoDeleverage({
    assets: compiled.assets, accountIds: compiled.accounts.ids, deficitUsd: out.bucketDeficitUsd,
    exposureCoin, positionPnlUsd, equityUsd: out.equityUsd, collateralUsd, prices: out.prices, eligible,
  });
}

export function bookRun(prepared: PreparedStressBook, shocked: ShockedMarket, options: BookRunOptions): BookRunResult {
  const penaltyRate = requirePenaltyRate(options.penaltyRate);
  const fund0 = requireFund(options.insuranceFundUsd);
  const state = stressState(prepared, shocked);
  const out = liquidationRounds(prepared, state, penaltyRate, fund0, options.cascade ?? null);
  const adl = adlOutcome(prepared, state, out);
  const { compiled } = prepared;
  const N = compiled.accounts.count;
  const la = out.accounts;
  const liquidated = Uint8Array.from(la.liquidationRound, (r) => (r > 0 ? 1 : 0));
  const post = out.postShockEquityUsd;
  const mm = out.postShockMargin.maintenanceMarginUsd;
  const accounts: BookRunAccounts = {
    preShockEquityUsd: prepared.equityUsd,
    scenarioPnlUsd: Float64Array.from(post, (e, k) => e - prepared.equityUsd[k]),
    postShockEquityUsd: post,
    initialMarginUsd: out.postShockMargin.initialMarginUsd,
    maintenanceMarginUsd: mm,
    marginRatio: Float64Array.from(post, (e, k) => (e > 0 ? mm[k] / e : NaN)),
    liquidated, ...la, adlUsd: adl.adlUsd,
    finalEquityUsd: Float64Array.from({ length: N }, (_, k) => (liquidated[k] ? la.returnedEquityUsd[k] : out.equityUsd[k] - adl.adlUsd[k])),
  };
  const residualBadDebtUsd = adl.unabsorbedUsd + out.unattributedDeficitUsd;
  const exhaustedRound = out.rounds.find((r) => r.fund.deficitUsd > 0);
  const sum = (f: (r: CascadeRound) => number): number => out.rounds.reduce((s, r) => s + f(r), 0);
  const totals: BookRunTotals = {
    accountsLiquidated: sum((r) => r.accountsLiquidated),
    notionalLiquidatedUsd: sum((r) => r.notionalLiquidatedUsd),
    badDebtUsd: sum((r) => r.badDebtUsd),
    penaltiesUsd: sum((r) => r.penaltiesUsd),
    impactCostUsd: sum((r) => r.impactCostUsd),
    insuranceFund: { initialUsd: fund0, finalUsd: out.fundUsd, drawdownUsd: fund0 - out.fundUsd, exhausted: exhaustedRound !== undefined, exhaustedInRound: exhaustedRound?.round ?? null },
    adl: { triggered: adl.triggered || out.unattributedDeficitUsd > 0, socialisedLossUsd: adl.socialisedLossUsd, residualBadDebtUsd, counterparties: adl.hits },
  };
  const conservation = conservationCheck({
    badDebtUsd: la.badDebtUsd, penaltyUsd: la.penaltyUsd, equityAtLiquidationUsd: la.equityAtLiquidationUsd, impactCostUsd: la.impactCostUsd,
    returnedEquityUsd: la.returnedEquityUsd, liquidated, initialFundUsd: fund0,
    finalFundUsd: out.rounds.length ? out.rounds[out.rounds.length - 1].fund.fundAfterUsd : fund0,
    adlAmountsUsd: adl.hits.map((h) => h.amountUsd), residualBadDebtUsd,
  });
  const notes = [...shocked.notes];
  if (prepared.model.kind === 'tiered' && compiled.instruments.kind.some((k) => k === KIND_OPTION)) {
    notes.push('the tiered model margins perpetuals and futures only: options carry no MM, but their PnL is in equity');
  }
  if (out.unattributedDeficitUsd > 0) notes.push(`${out.unattributedDeficitUsd} USD of deficit came from accounts with no exposure to attribute; it is residual bad debt`);
  if (out.stoppedBy === 'maxRounds') notes.push(`the cascade stopped after ${out.rounds.length} rounds with ${out.unresolvedLiquidatable} accounts still liquidatable`);
  return {
    scenarioName: shocked.scenarioName, severity: shocked.severity, modelKind: prepared.model.kind, modelName: prepared.model.name,
    penaltyRate, cascade: Boolean(options.cascade), assets: compiled.assets, accountIds: compiled.accounts.ids,
    accounts, rounds: out.rounds, totals, conservation, finalPricesUsd: out.prices,
    stoppedBy: out.stoppedBy, unresolvedLiquidatable: out.unresolvedLiquidatable, notes,
  };
}
