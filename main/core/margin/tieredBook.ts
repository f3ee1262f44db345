/**
 * The tiered model over a whole compiled book in float64: the same rules as tiered.ts (Dec, one account),
 * written as loops over typed arrays. Accounts are independent, positions are visited once, and nothing is
 * allocated per position, so 10⁴ accounts take milliseconds. Pass another `spot` vector (one price per
 * book asset) to re-margin the book under a price scenario without recompiling it.
 *
 * Not computed here: cross-account liquidation prices (piecewise solve, see crossLiquidation.ts; Dec path).
 * Isolated positions get their liquidation and bankruptcy prices (liquidation.ts formulas).
 */
import { InputError } from '../errors';
import { MODE_ISOLATED, SETTLEMENT_LINEAR, type CompiledBook } from '../book/compile';
import type { CompiledTieredModel } from './tieredBookModel';

export interface TieredBookPositions {
  /** Notional in the table unit at the basis price (NaN for options). */
  notional: Float64Array;
  /** 1-based bracket level used (0 for options). */
  bracketLevel: Int32Array;
  initialMarginUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
  unrealisedPnlUsd: Float64Array;
  /** Isolated accounts only (NaN elsewhere, and where there is no such price). Settlement-unit prices in USD. */
  liquidationPrice: Float64Array;
  bankruptcyPrice: Float64Array;
}

export interface TieredBookAccounts {
  collateralValueUsd: Float64Array;
  unrealisedPnlUsd: Float64Array;
  equityUsd: Float64Array;
  initialMarginUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
  /** MM / equity; NaN when equity ≤ 0. */
  marginRatio: Float64Array;
  freeMarginUsd: Float64Array;
  /** 1 when cross equity ≤ MM (with positions), or some isolated position's equity ≤ its MM. */
  liquidatable: Uint8Array;
}

export interface TieredBookMargin {
  positions: TieredBookPositions;
  accounts: TieredBookAccounts;
}

/** Bracket index (global) of `notional` in table t: first with notional ≤ cap, else the last. */
function bracketIndex(m: CompiledTieredModel, t: number, notional: number): number {
  const end = m.tableStart[t + 1] - 1;
  for (let j = m.tableStart[t]; j < end; j++) if (notional <= m.cap[j]) return j;
  return end;
}

/** Same α/β as liquidation.ts maintenanceCoefficients, written into the scratch pair. */
const coef = new Float64Array(2);
function coefficients(m: CompiledTieredModel, j: number, linear: boolean, coin: boolean, absQ: number, cs: number, entry: number): void {
  const mmr = m.maintenanceMarginRate[j];
  const cum = m.maintenanceAmount[j];
  if (linear) {
    if (m.markConvention) { coef[0] = -cum; coef[1] = absQ * mmr; } else { coef[0] = absQ * entry * mmr - cum; coef[1] = 0; }
    return;
  }
  const face = absQ * cs;
  if (!coin) { coef[0] = 0; coef[1] = face * mmr - cum; return; }
  if (m.markConvention) { coef[0] = -cum; coef[1] = face * mmr; } else { coef[0] = (face / entry) * mmr - cum; coef[1] = 0; }
}

function solve(linear: boolean, q: number, entry: number, cs: number, wb: number, alpha: number, beta: number): number {
  let num: number;
  let den: number;
  if (linear) {
    num = wb - q * entry - alpha;
    den = beta - q;
  } else {
    const qcs = q * cs;
    num = beta + qcs;
    den = wb + qcs / entry - alpha;
  }
  if (den === 0) return NaN;
  const p = num / den;
  return p > 0 && Number.isFinite(p) ? p : NaN;
}

function checkPrices(book: CompiledBook, model: CompiledTieredModel, spot: Float64Array): void {
  if (spot.length !== book.assets.length) throw new InputError(`spot: expected ${book.assets.length} prices (one per book asset), got ${spot.length}`);
  if (model.pricedAsset.length !== book.assets.length) throw new InputError(`model "${model.name}" was compiled against another book`);
  for (let a = 0; a < spot.length; a++) {
    if (model.pricedAsset[a] && !(spot[a] > 0 && Number.isFinite(spot[a]))) {
      throw new InputError(`market snapshot ${book.date}: no positive price for ${book.assets[a]}, got ${spot[a]}`);
    }
  }
}

export function tieredBookMargin(book: CompiledBook, model: CompiledTieredModel, spot: Float64Array = book.spot): TieredBookMargin {
  checkPrices(book, model, spot);
  const P = book.positions.count;
  const N = book.accounts.count;
  const A = book.assets.length;
  const pos: TieredBookPositions = {
    notional: new Float64Array(P).fill(NaN), bracketLevel: new Int32Array(P),
    initialMarginUsd: new Float64Array(P), maintenanceMarginUsd: new Float64Array(P), unrealisedPnlUsd: new Float64Array(P),
    liquidationPrice: new Float64Array(P).fill(NaN), bankruptcyPrice: new Float64Array(P).fill(NaN),
  };
  const acc: TieredBookAccounts = {
    collateralValueUsd: new Float64Array(N), unrealisedPnlUsd: new Float64Array(N), equityUsd: new Float64Array(N),
    initialMarginUsd: new Float64Array(N), maintenanceMarginUsd: new Float64Array(N), marginRatio: new Float64Array(N),
    freeMarginUsd: new Float64Array(N), liquidatable: new Uint8Array(N),
  };
  const { instruments: ins, positions: bp, accounts: ba } = book;
  const mark = model.markConvention;

  for (let k = 0; k < N; k++) {
    let collateral = 0;
    for (let a = 0; a < A; a++) {
      const bal = ba.collateral[k * A + a];
      if (bal !== 0) collateral += bal * spot[a] * (bal > 0 ? 1 - model.haircut[a] : 1);
    }
    const isolated = ba.marginMode[k] === MODE_ISOLATED;
    let pnlSum = 0;
    let imSum = 0;
    let mmSum = 0;
    let held = 0;
    let isolatedBreach = 0;
    for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
      const i = bp.instrument[p];
      const t = model.tableOf[i];
      if (t < 0) continue;
      held++;
      const linear = ins.settlement[i] === SETTLEMENT_LINEAR;
      const coin = model.coinNotional[t] === 1;
      const px = spot[ins.underlying[i]];
      const q = bp.quantity[p];
      const absQ = Math.abs(q);
      const entry = bp.entryPrice[p];
      const cs = ins.contractSizeUsd[i];
      const basis = mark ? px : entry;
      const notional = linear ? absQ * basis : coin ? (absQ * cs) / basis : absQ * cs;
      const j = bracketIndex(model, t, notional);
      const lev = bp.leverage[p];
      let imr = model.initialMarginRate[j];
      if (isolated && lev === lev && 1 / lev > imr) imr = 1 / lev;
      const usdToCoin = !linear && !coin;
      let im = notional * imr;
      let mm = notional * model.maintenanceMarginRate[j] - model.maintenanceAmount[j];
      if (usdToCoin) { im /= px; mm /= px; }
      const pnl = linear ? q * (px - entry) : q * cs * (1 / entry - 1 / px);
      const toUsd = linear ? 1 : px;
      pos.notional[p] = notional;
      pos.bracketLevel[p] = model.level[j];
      pos.initialMarginUsd[p] = im * toUsd;
      pos.maintenanceMarginUsd[p] = mm * toUsd;
      pos.unrealisedPnlUsd[p] = pnl * toUsd;
      pnlSum += pnl * toUsd;
      imSum += im * toUsd;
      mmSum += mm * toUsd;
      if (!isolated) continue;

      let wb = bp.isolatedMargin[p];
      if (wb !== wb) {
        const n0 = linear ? absQ * entry : coin ? (absQ * cs) / entry : absQ * cs;
        const j0 = bracketIndex(model, t, n0);
        let imr0 = model.initialMarginRate[j0];
        if (lev === lev && 1 / lev > imr0) imr0 = 1 / lev;
        wb = usdToCoin ? (n0 * imr0) / entry : n0 * imr0;
      }
      if (wb + pnl <= mm) isolatedBreach = 1;
      pos.bankruptcyPrice[p] = solve(linear, q, entry, cs, wb, 0, 0);
      if (!mark || usdToCoin) {
        coefficients(model, bracketIndex(model, t, linear ? absQ * entry : coin ? (absQ * cs) / entry : absQ * cs), linear, coin, absQ, cs, entry);
        pos.liquidationPrice[p] = solve(linear, q, entry, cs, wb, coef[0], coef[1]);
        continue;
      }
      const last = model.tableStart[t + 1] - 1;
      for (let jj = model.tableStart[t]; jj <= last; jj++) {
        coefficients(model, jj, linear, coin, absQ, cs, entry);
        const lp = solve(linear, q, entry, cs, wb, coef[0], coef[1]);
        if (lp !== lp) continue;
        const n = linear ? absQ * lp : (absQ * cs) / lp;
        if (n >= model.floor[jj] && (jj === last || n <= model.cap[jj])) {
          pos.liquidationPrice[p] = lp;
          break;
        }
      }
    }
    const equity = collateral + pnlSum;
    acc.collateralValueUsd[k] = collateral;
    acc.unrealisedPnlUsd[k] = pnlSum;
    acc.equityUsd[k] = equity;
    acc.initialMarginUsd[k] = imSum;
    acc.maintenanceMarginUsd[k] = mmSum;
    acc.marginRatio[k] = equity > 0 ? mmSum / equity : NaN;
    acc.freeMarginUsd[k] = equity - imSum;
    acc.liquidatable[k] = isolated ? isolatedBreach : held > 0 && equity <= mmSum ? 1 : 0;
  }
  return { positions: pos, accounts: acc };
}
