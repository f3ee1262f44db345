/**
 * Liquidation and bankruptcy prices of a CROSS account with respect to one underlying u: the price X of u,
 * every other price held at the snapshot, at which account equity meets the account's maintenance margin
 * (liquidation) or zero (bankruptcy). All of the account's contracts on u and its collateral in u move with X.
 *
 * Everything is affine in X in USD, bracket by bracket, which is why a closed form exists:
 *   collateral in u:       b × X × w            (w = 1 − haircut for b > 0, 1 for a debt)
 *   linear PnL:            q X − q E
 *   inverse PnL (USD):     X × qCS (1/E − 1/X) = (qCS/E) X − qCS
 *   linear MM:             α + β X
 *   inverse MM (USD):      X × (α + β / X) = α X + β       (α, β from liquidation.ts)
 * so f(X) = equity(X) − MM(X) is piecewise affine with breakpoints where a markPrice position changes
 * bracket (linear: X = cap/|q|; inverse coin table: X = |q|CS/cap). On each piece the root is −A/B.
 * For a single linear position this reduces to Binance's cross formula with WB, TMM₁ and UPNL₁.
 * With long and short exposure on u there can be a root on each side of the mark: both are reported.
 */
import { ZERO, type Dec } from '../money/decimal';
import { bracketFor } from './brackets';
import { collateralWeight, type CollateralValuation } from './collateral';
import { maintenanceCoefficients } from './liquidation';
import { tableNotional, type DeltaOneTerms, type PositionMargin } from './position';
import type { MarginConvention } from './types';

export interface CrossLiquidation {
  underlying: string;
  markPrice: Dec;
  /** Equity − MM at the mark; ≤ 0 means the account is liquidatable now (then no prices are reported). */
  maintenanceGapUsd: Dec;
  /** Nearest price below the mark where equity = MM (null if none). */
  liquidationPriceDown: Dec | null;
  liquidationPriceUp: Dec | null;
  /** Where equity = 0, on whichever side of the mark it lies (null if equity does not depend on X or never reaches 0). */
  bankruptcyPrice: Dec | null;
}

interface Affine {
  a: Dec;
  b: Dec;
}

export interface CrossInput {
  terms: DeltaOneTerms[];
  margins: PositionMargin[];
  collateral: CollateralValuation;
  convention: MarginConvention;
}

function followsPrice(t: DeltaOneTerms, convention: MarginConvention): boolean {
  return convention === 'markPrice' && !(t.instrument.settlement === 'inverse' && t.table.notionalUnit === 'usd');
}

/** Equity(X) as a + bX: collateral and PnL. */
function equityLine(input: CrossInput, underlying: string): Affine {
  let a = ZERO;
  let b = ZERO;
  for (const item of input.collateral.items) {
    if (item.asset === underlying) b = b.add(item.balance.mul(collateralWeight(item.balance, item.haircut)));
    else a = a.add(item.valueUsd);
  }
  input.terms.forEach((t, i) => {
    if (t.instrument.underlying !== underlying) {
      a = a.add(input.margins[i].unrealisedPnlUsd);
      return;
    }
    if (t.instrument.settlement === 'linear') {
      b = b.add(t.quantity);
      a = a.sub(t.quantity.mul(t.entryPrice));
    } else {
      const qcs = t.quantity.mul(t.contractSizeUsd);
      b = b.add(qcs.div(t.entryPrice));
      a = a.sub(qcs);
    }
  });
  return { a, b };
}

/** MM(X) as a + bX with every markPrice bracket chosen at X = at. */
function maintenanceLine(input: CrossInput, underlying: string, at: Dec): Affine {
  let a = ZERO;
  let b = ZERO;
  input.terms.forEach((t, i) => {
    if (t.instrument.underlying !== underlying) {
      a = a.add(input.margins[i].maintenanceMarginUsd);
      return;
    }
    const basis = followsPrice(t, input.convention) ? at : t.entryPrice;
    const { bracket } = bracketFor(t.table, tableNotional(t, basis));
    const c = maintenanceCoefficients(t, bracket, input.convention);
    if (t.instrument.settlement === 'linear') {
      a = a.add(c.alpha);
      b = b.add(c.beta);
    } else {
      a = a.add(c.beta);
      b = b.add(c.alpha);
    }
  });
  return { a, b };
}

function breakpoints(input: CrossInput, underlying: string): Dec[] {
  const out: Dec[] = [];
  for (const t of input.terms) {
    if (t.instrument.underlying !== underlying || !followsPrice(t, input.convention)) continue;
    const size = t.instrument.settlement === 'linear' ? t.quantity.abs() : t.quantity.abs().mul(t.contractSizeUsd);
    const caps = t.table.brackets.slice(0, -1).map((br) => br.cap);
    for (const cap of caps) out.push(t.instrument.settlement === 'linear' ? cap.div(size) : size.div(cap));
  }
  out.sort((x, y) => x.cmp(y));
  return out.filter((x, i) => i === 0 || !x.eq(out[i - 1]));
}

function rootOn(line: Affine, lo: Dec, hi: Dec | null): Dec | null {
  if (line.b.isZero()) return null;
  const x = line.a.neg().div(line.b);
  return x.gt(0) && x.gte(lo) && (hi === null || x.lte(hi)) ? x : null;
}

export function crossLiquidation(input: CrossInput, underlying: string, mark: Dec): CrossLiquidation {
  const equity = equityLine(input, underlying);
  const gapAt = (x: Dec): Affine => {
    const mm = maintenanceLine(input, underlying, x);
    return { a: equity.a.sub(mm.a), b: equity.b.sub(mm.b) };
  };
  const gapNow = gapAt(mark);
  const maintenanceGapUsd = gapNow.a.add(gapNow.b.mul(mark));
  const bankruptcy = rootOn(equity, ZERO, null);
  if (!maintenanceGapUsd.gt(0)) {
    return { underlying, markPrice: mark, maintenanceGapUsd, liquidationPriceDown: null, liquidationPriceUp: null, bankruptcyPrice: bankruptcy };
  }
  const cuts = breakpoints(input, underlying);
  const edges = [ZERO, ...cuts];
  let down: Dec | null = null;
  let up: Dec | null = null;
  edges.forEach((lo, k) => {
    const hi = k + 1 < edges.length ? edges[k + 1] : null;
    const mid = hi === null ? lo.mul(2).add(1) : lo.add(hi).div(2);
    const root = rootOn(gapAt(mid), lo, hi);
    if (!root) return;
    if (root.lt(mark) && (down === null || root.gt(down))) down = root;
    if (root.gt(mark) && (up === null || root.lt(up))) up = root;
  });
  return { underlying, markPrice: mark, maintenanceGapUsd, liquidationPriceDown: down, liquidationPriceUp: up, bankruptcyPrice: bankruptcy };
}
