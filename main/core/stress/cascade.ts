/**
 * Liquidation rounds of a stress run, with or without the cascade (docs/methodology stress-book-runs,
 * "Liquidation cascade"). Round r at index prices S (the shocked prices in round 1):
 *
 *   1. every open account is valued at S (bookValuation.ts) and margined by the model at S; the accounts
 *      with positions and equity ≤ MM are liquidated in this round;
 *   2. their positions become market orders: net coin order per asset o_a = −Σ coin exposure;
 *   3. cascade on: the price moves by the depth model, S'_a = S_a · exp(sign(o_a) · I_a),
 *      I_a = k_a · (|o_a|·S_a / (D_a·m_a))^β (depth.ts; exp keeps every price > 0 and equals 1 ± I to first
 *      order); every liquidation order of the round fills at S' (the order sweeps the book), so an
 *      account's impact cost is its equity at S minus its equity at S'. Cascade off: S' = S, no cost;
 *   4. penalties, bad debt and returned equity per account (liquidation.ts), penalties into the fund and
 *      bad debt out of it (insuranceFund.ts); the deficit is attributed to (asset, side) buckets for ADL in
 *      proportion to each bankrupt account's bad debt and, within it, its orders' USD volume;
 *   5. the liquidated accounts leave the book; S' is the next round's S.
 * It stops when a round finds no new liquidation, or after maxRounds rounds (the accounts still
 * liquidatable at the last prices are then counted as unresolved). Without the cascade prices never move,
 * so the second round always finds nothing new.
 */
import { InputError } from '../errors';
import {
  equityAt, positionExposureAt, valuationAt, type PositionExposure, type PreparedStressBook, type StressState, type Valuation,
} from './bookValuation';
import { priceImpact, requireAssetDepth, type DepthModel } from './depth';
import { insuranceFundRound, type FundRound } from './insuranceFund';
import { isLiquidatable, liquidationCosts, marginAt, type MarginAtPrices } from './liquidation';

export interface CascadeOptions {
  depth: DepthModel;
  /** Default 5. */
  maxRounds?: number;
}

export interface CascadeRound {
  round: number;
  pricesBeforeUsd: Float64Array;
  pricesAfterUsd: Float64Array;
  /** Net coin order per asset (negative = sell). */
  netOrderCoin: Float64Array;
  /** |net order| × price before, per asset. */
  netOrderUsd: Float64Array;
  /** (after / before − 1) × 100 per asset. */
  priceChangePct: Float64Array;
  accountsLiquidated: number;
  notionalLiquidatedUsd: number;
  impactCostUsd: number;
  penaltiesUsd: number;
  badDebtUsd: number;
  fund: FundRound;
}

export interface LiquidationAccounts {
  /** Round in which the account was liquidated (1-based), 0 if never. */
  liquidationRound: Int32Array;
  equityAtLiquidationUsd: Float64Array;
  liquidatedNotionalUsd: Float64Array;
  impactCostUsd: Float64Array;
  penaltyUsd: Float64Array;
  badDebtUsd: Float64Array;
  returnedEquityUsd: Float64Array;
}

export interface RoundsOutcome {
  postShockEquityUsd: Float64Array;
  postShockMargin: MarginAtPrices;
  accounts: LiquidationAccounts;
  rounds: CascadeRound[];
  /** Final index prices, their valuation, and the equity of still-open accounts there. */
  prices: Float64Array;
  valuation: Valuation;
  equityUsd: Float64Array;
  open: Uint8Array;
  /** Deficit per (asset, bankrupt side) bucket, [2a] longs, [2a+1] shorts; and what no position carried. */
  bucketDeficitUsd: Float64Array;
  unattributedDeficitUsd: number;
  fundUsd: number;
  stoppedBy: 'noNewLiquidation' | 'maxRounds';
  /** Accounts still liquidatable at the final prices when maxRounds stopped the cascade. */
  unresolvedLiquidatable: number;
}

function requireMaxRounds(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InputError(`cascade.maxRounds: must be an integer in [1, 1000], got ${n}`);
  return n;
}

function impactedPrices(prepared: PreparedStressBook, state: StressState, depth: DepthModel, prices: Float64Array, order: Float64Array, round: number): Float64Array {
  const next = Float64Array.from(prices);
  prepared.compiled.assets.forEach((asset, a) => {
    if (order[a] === 0) return;
    const d = depth[asset];
    const volumeUsd = Math.abs(order[a]) * prices[a];
    if (d === undefined) throw new InputError(`cascade.depth: no depth for ${asset}, which liquidations trade (${volumeUsd.toFixed(2)} USD in round ${round})`);
    requireAssetDepth(d, asset);
    next[a] = prices[a] * Math.exp(Math.sign(order[a]) * priceImpact(d, volumeUsd, state.depthMultiplier[a]));
  });
  return next;
}

function attributeDeficit(
  prepared: PreparedStressBook, k: number, share: number, exposure: PositionExposure, prices: Float64Array, buckets: Float64Array,
): boolean {
  const { positions: bp, accounts: ba, instruments: ins } = prepared.compiled;
  let total = 0;
  for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) total += Math.abs(exposure.coin[p]) * prices[ins.underlying[bp.instrument[p]]];
  if (!(total > 0)) return false;
  for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
    const u = ins.underlying[bp.instrument[p]];
    const w = Math.abs(exposure.coin[p]) * prices[u];
    if (w > 0) buckets[2 * u + (exposure.coin[p] > 0 ? 0 : 1)] += (share * w) / total;
  }
  return true;
}

export function liquidationRounds(
  prepared: PreparedStressBook, state: StressState, penaltyRate: number, insuranceFundUsd: number, cascade: CascadeOptions | null,
): RoundsOutcome {
  const { compiled, terms } = prepared;
  const N = compiled.accounts.count;
  const A = compiled.assets.length;
  const maxRounds = cascade ? requireMaxRounds(cascade.maxRounds ?? 5) : 1;
  const acc: LiquidationAccounts = {
    liquidationRound: new Int32Array(N), equityAtLiquidationUsd: new Float64Array(N), liquidatedNotionalUsd: new Float64Array(N),
    impactCostUsd: new Float64Array(N), penaltyUsd: new Float64Array(N), badDebtUsd: new Float64Array(N), returnedEquityUsd: new Float64Array(N),
  };
  const open = new Uint8Array(N).fill(1);
  let prices: Float64Array = Float64Array.from(state.spot);
  let valuation = valuationAt(prepared, state, prices);
  let equity: Float64Array = equityAt(prepared, state, valuation, new Float64Array(N));
  let margin = marginAt(prepared, state, prices);
  const postShockEquityUsd = Float64Array.from(equity);
  const postShockMargin: MarginAtPrices = { initialMarginUsd: Float64Array.from(margin.initialMarginUsd), maintenanceMarginUsd: Float64Array.from(margin.maintenanceMarginUsd) };
  const rounds: CascadeRound[] = [];
  const bucketDeficitUsd = new Float64Array(2 * A);
  let unattributed = 0;
  let fund = insuranceFundUsd;
  let stoppedBy: RoundsOutcome['stoppedBy'] = 'noNewLiquidation';
  let unresolved = 0;

  for (let round = 1; ; round++) {
    const newly: number[] = [];
    for (let k = 0; k < N; k++) {
      if (open[k] && isLiquidatable(terms.positionCount[k], equity[k], margin.maintenanceMarginUsd[k])) newly.push(k);
    }
    if (newly.length === 0) break;
    if (round > maxRounds) {
      stoppedBy = 'maxRounds';
      unresolved = newly.length;
      break;
    }
    const exposure = positionExposureAt(prepared, state, prices);
    const order = new Float64Array(A);
    const { positions: bp, accounts: ba, instruments: ins } = compiled;
    for (const k of newly) {
      let notional = 0;
      for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
        order[ins.underlying[bp.instrument[p]]] -= exposure.coin[p];
        notional += exposure.notionalUsd[p];
      }
      acc.liquidatedNotionalUsd[k] = notional;
      open[k] = 0;
    }
    const after = cascade ? impactedPrices(prepared, state, cascade.depth, prices, order, round) : prices;
    const moved = after.some((p, a) => p !== prices[a]);
    let nextValuation = valuation;
    let nextEquity = equity;
    if (moved) {
      nextValuation = valuationAt(prepared, state, after);
      // Open accounts plus this round's liquidated ones (their orders fill at the new prices).
      const valued = Uint8Array.from(open);
      for (const k of newly) valued[k] = 1;
      nextEquity = equityAt(prepared, state, nextValuation, Float64Array.from(equity), valued);
    }
    let notional = 0; let impact = 0; let penalties = 0; let badDebt = 0;
    for (const k of newly) {
      const costs = liquidationCosts(nextEquity[k], acc.liquidatedNotionalUsd[k], penaltyRate);
      acc.liquidationRound[k] = round;
      acc.equityAtLiquidationUsd[k] = equity[k];
      acc.impactCostUsd[k] = equity[k] - nextEquity[k];
      acc.penaltyUsd[k] = costs.penaltyUsd;
      acc.badDebtUsd[k] = costs.badDebtUsd;
      acc.returnedEquityUsd[k] = costs.returnedEquityUsd;
      notional += acc.liquidatedNotionalUsd[k];
      impact += acc.impactCostUsd[k];
      penalties += costs.penaltyUsd;
      badDebt += costs.badDebtUsd;
    }
    const fundRound = insuranceFundRound(fund, penalties, badDebt);
    fund = fundRound.fundAfterUsd;
    if (fundRound.deficitUsd > 0) {
      for (const k of newly) {
        if (acc.badDebtUsd[k] === 0) continue;
        const share = (fundRound.deficitUsd * acc.badDebtUsd[k]) / badDebt;
        if (!attributeDeficit(prepared, k, share, exposure, prices, bucketDeficitUsd)) unattributed += share;
      }
    }
    rounds.push({
      round, pricesBeforeUsd: prices, pricesAfterUsd: after, netOrderCoin: order,
      netOrderUsd: Float64Array.from(order, (o, a) => Math.abs(o) * prices[a]),
      priceChangePct: Float64Array.from(after, (p, a) => (order[a] === 0 ? 0 : (p / prices[a] - 1) * 100)),
      accountsLiquidated: newly.length, notionalLiquidatedUsd: notional, impactCostUsd: impact, penaltiesUsd: penalties, badDebtUsd: badDebt, fund: fundRound,
    });
    if (moved) {
      prices = after;
      valuation = nextValuation;
      equity = nextEquity;
      margin = marginAt(prepared, state, prices);
    }
  }
  return {
    postShockEquityUsd, postShockMargin, accounts: acc, rounds, prices, valuation, equityUsd: equity, open,
    bucketDeficitUsd, unattributedDeficitUsd: unattributed, fundUsd: fund, stoppedBy, unresolvedLiquidatable: unresolved,
  };
}
