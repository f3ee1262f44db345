/**
 * Liquidation and bankruptcy price of ONE position against a fixed wallet balance WB (an isolated
 * position's margin, or a cross account's effective balance WB − TMM₁ + UPNL₁ in Binance's notation), Dec.
 *
 * The position is liquidated where its equity meets its maintenance margin, bankrupt where equity is 0.
 * In the settlement unit, with q signed (coin for linear, contracts for inverse), E entry, CS contract size:
 *   linear  (USD):  WB + q (P − E)            = α + β P   ⇒  P = (WB − q E − α) / (β − q)
 *   inverse (coin): WB + q CS/E − q CS/P     = α + β / P ⇒  P = (β + q CS) / (WB + q CS/E − α)
 * where MM(P) = α + β P (linear) or α + β / P (inverse) inside one bracket:
 *   markPrice, linear:          α = −cum, β = |q| MMR                 (Binance USDⓈ-M)
 *   markPrice, inverse coin:    α = −cum, β = |q| CS MMR              (Binance COIN-M)
 *   entryPrice, linear:         α = |q| E MMR − cum, β = 0            (Bybit)
 *   entryPrice, inverse coin:   α = |q| CS/E MMR − cum, β = 0
 *   either, inverse usd table:  α = 0, β = |q| CS MMR − cum           (face value is price-free)
 * With α = β = 0 the same formulas give the bankruptcy price.
 * For markPrice the bracket depends on P: each bracket's root is tried and kept only if the notional AT
 * that root lies in the same bracket (Binance FAQ: "if your position (calculated at the liquidation price)
 * and the current position ... are of different levels, ... recalculate"). MM is continuous and the
 * equity-minus-MM gap is monotone in P when MMR < 1, so exactly one bracket is consistent.
 * Substituting Binance's α, β into the linear form gives their published formula
 *   LP = (WB − TMM₁ + UPNL₁ + cum − side·|q|·E) / (|q|·MMR − side·|q|).
 */
import type { Position } from '../book/types';
import { ZERO, type Dec } from '../money/decimal';
import { bracketFor, type BracketChoice } from './brackets';
import { isolatedWalletBalance, tableNotional, type DeltaOneTerms } from './position';
import type { Bracket, MarginConvention } from './types';

export interface MaintenanceCoefficients {
  alpha: Dec;
  beta: Dec;
}

/** α, β of MM in one bracket for the given convention (see the header). */
export function maintenanceCoefficients(t: DeltaOneTerms, b: Bracket, convention: MarginConvention): MaintenanceCoefficients {
  const absQ = t.quantity.abs();
  if (t.instrument.settlement === 'linear') {
    return convention === 'markPrice'
      ? { alpha: b.maintenanceAmount.neg(), beta: absQ.mul(b.maintenanceMarginRate) }
      : { alpha: absQ.mul(t.entryPrice).mul(b.maintenanceMarginRate).sub(b.maintenanceAmount), beta: ZERO };
  }
  const face = absQ.mul(t.contractSizeUsd);
  if (t.table.notionalUnit === 'usd') return { alpha: ZERO, beta: face.mul(b.maintenanceMarginRate).sub(b.maintenanceAmount) };
  return convention === 'markPrice'
    ? { alpha: b.maintenanceAmount.neg(), beta: face.mul(b.maintenanceMarginRate) }
    : { alpha: face.div(t.entryPrice).mul(b.maintenanceMarginRate).sub(b.maintenanceAmount), beta: ZERO };
}

/** Root of equity = α + β·(P or 1/P); null when there is none at a positive finite price. */
export function solvePrice(t: DeltaOneTerms, walletBalance: Dec, c: MaintenanceCoefficients): Dec | null {
  const q = t.quantity;
  let num: Dec;
  let den: Dec;
  if (t.instrument.settlement === 'linear') {
    num = walletBalance.sub(q.mul(t.entryPrice)).sub(c.alpha);
    den = c.beta.sub(q);
  } else {
    const qcs = q.mul(t.contractSizeUsd);
    num = c.beta.add(qcs);
    den = walletBalance.add(qcs.div(t.entryPrice)).sub(c.alpha);
  }
  if (den.isZero()) return null;
  const p = num.div(den);
  return p.gt(0) ? p : null;
}

/** Does the notional at `price` fall in bracket `index` (last bracket open above)? */
function inBracket(t: DeltaOneTerms, price: Dec, index: number): boolean {
  const b = t.table.brackets[index];
  const n = tableNotional(t, price);
  return n.gte(b.floor) && (index === t.table.brackets.length - 1 || n.lte(b.cap));
}

export interface PriceWithBracket {
  price: Dec | null;
  /** Bracket whose MM applies at the liquidation price (null when there is no liquidation price). */
  bracket: BracketChoice | null;
}

/** Does MM move with the price (so the bracket must be re-checked at the root)? */
function bracketFollowsPrice(t: DeltaOneTerms, convention: MarginConvention): boolean {
  return convention === 'markPrice' && !(t.instrument.settlement === 'inverse' && t.table.notionalUnit === 'usd');
}

export function liquidationPrice(t: DeltaOneTerms, walletBalance: Dec, convention: MarginConvention): PriceWithBracket {
  if (!bracketFollowsPrice(t, convention)) {
    // Entry convention, or a face-value (usd) table on an inverse contract: the notional does not move with P.
    const choice = bracketFor(t.table, tableNotional(t, t.entryPrice));
    const price = solvePrice(t, walletBalance, maintenanceCoefficients(t, choice.bracket, convention));
    return { price, bracket: price ? choice : null };
  }
  const { brackets } = t.table;
  for (let i = 0; i < brackets.length; i++) {
    const price = solvePrice(t, walletBalance, maintenanceCoefficients(t, brackets[i], convention));
    if (price && inBracket(t, price, i)) {
      const beyondLastCap = i === brackets.length - 1 && tableNotional(t, price).gt(brackets[i].cap);
      return { price, bracket: { bracket: brackets[i], index: i, beyondLastCap } };
    }
  }
  return { price: null, bracket: null };
}

/** Price at which equity WB + PnL(P) is zero (the position's margin is exhausted). */
export function bankruptcyPrice(t: DeltaOneTerms, walletBalance: Dec): Dec | null {
  return solvePrice(t, walletBalance, { alpha: ZERO, beta: ZERO });
}

export interface IsolatedLiquidation {
  instrumentId: string;
  /** Margin held by the position, settlement unit. */
  walletBalance: Dec;
  liquidationPrice: Dec | null;
  bracketAtLiquidation: BracketChoice | null;
  bankruptcyPrice: Dec | null;
}

export function isolatedLiquidation(t: DeltaOneTerms, position: Position, convention: MarginConvention): IsolatedLiquidation {
  const walletBalance = isolatedWalletBalance(t, position);
  const lp = liquidationPrice(t, walletBalance, convention);
  return {
    instrumentId: t.instrument.id,
    walletBalance,
    liquidationPrice: lp.price,
    bracketAtLiquidation: lp.bracket,
    bankruptcyPrice: bankruptcyPrice(t, walletBalance),
  };
}

