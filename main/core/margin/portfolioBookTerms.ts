/**
 * The compiled book (book/compile.ts) prepared for the portfolio models' whole-book paths: the same
 * valuation as portfolioValuation.ts (Dec, one account) in float64 over typed arrays, computed once per
 * book and model, so the scenario loops only multiply and add.
 *
 * A position's scenario PnL in USD is written as
 *     ΔPnL_p(s) = q · [ ΔV_i(s) + b_p · ΔS_u(s) ]
 * with ΔS_u(s) = S'_u − S_u the underlying's price change, ΔV_i(s) the Black-76 USD value change per coin
 * of option i (0 for perpetuals and futures) and the price coefficient b_p:
 *     linear perp/future 1,  inverse perp/future CS/entry,  linear option 0,  inverse option −entry_coin
 * (from the PnL table in portfolioValuation.ts: q·CS·(S/entry − 1) and q·(V − entry·S) are linear in S).
 * Its delta in USD per unit relative move is S_u · q · (Δ_i + b_p), Δ_i the Black-76 delta (parametric VaR).
 */
import { InputError } from '../errors';
import { KIND_OPTION, SETTLEMENT_LINEAR, type CompiledBook } from '../book/compile';
import { black76ValueShockedVector } from '../instruments/black76Vector';
import type { CollateralRules } from './types';

export interface PortfolioBookTerms {
  book: CompiledBook;
  /** Per position: b_p (file header). */
  priceCoef: Float64Array;
  unrealisedPnlUsd: Float64Array;
  /** Per instrument: row in option matrices (options some position holds), −1 otherwise. */
  optionRow: Int32Array;
  /** Instrument index of each option row. */
  optionInstruments: Int32Array;
  /** Per instrument: Black-76 USD value per coin at the mark (NaN for perpetuals and futures). */
  markValueUsd: Float64Array;
  /** Per asset: weight of a positive balance, 1 − haircut (NaN where the model has none). */
  haircutWeight: Float64Array;
  /** Per asset: 1 when some position has it as underlying or some account holds a balance of it. */
  usedAsset: Uint8Array;
  /** Per account. */
  collateralValueUsd: Float64Array;
  accountPnlUsd: Float64Array;
  positionCount: Int32Array;
}

function requireSpot(book: CompiledBook, a: number): number {
  const s = book.spot[a];
  if (!(s > 0 && Number.isFinite(s))) throw new InputError(`market snapshot ${book.date}: no positive price for ${book.assets[a]}, got ${s}`);
  return s;
}

/** Weight of a balance: (1 − h) when positive, 1 for a debt (collateral.ts collateralWeight). */
export function balanceWeight(terms: PortfolioBookTerms, a: number, balance: number): number {
  return balance > 0 ? terms.haircutWeight[a] : 1;
}

export function compilePortfolioTerms(book: CompiledBook, rules: CollateralRules): PortfolioBookTerms {
  const { instruments: ins, positions: bp, accounts: ba } = book;
  const A = book.assets.length;
  const I = ins.count;
  const P = bp.count;
  const N = ba.count;
  if (!Number.isFinite(book.rate)) throw new InputError(`market snapshot ${book.date}: rate must be a finite number, got ${book.rate}`);
  const usedAsset = new Uint8Array(A);
  const haircutWeight = new Float64Array(A).fill(NaN);
  book.assets.forEach((asset, a) => {
    const h = rules.haircuts[asset] ?? rules.defaultHaircut;
    if (h !== null) haircutWeight[a] = 1 - h.toNumber();
  });
  const collateralValueUsd = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    let value = 0;
    for (let a = 0; a < A; a++) {
      const bal = ba.collateral[k * A + a];
      if (bal === 0) continue;
      usedAsset[a] = 1;
      if (bal > 0 && Number.isNaN(haircutWeight[a])) {
        throw new InputError(`collateral: no haircut for ${book.assets[a]} (held by account ${ba.ids[k]}) and the model has no defaultHaircut`);
      }
      value += bal * requireSpot(book, a) * (bal > 0 ? haircutWeight[a] : 1);
    }
    collateralValueUsd[k] = value;
  }

  const optionRow = new Int32Array(I).fill(-1);
  const rows: number[] = [];
  const markValueUsd = new Float64Array(I).fill(NaN);
  const one = Float64Array.of(1);
  const value = new Float64Array(1);
  for (let p = 0; p < P; p++) {
    const i = bp.instrument[p];
    usedAsset[ins.underlying[i]] = 1;
    if (ins.kind[i] !== KIND_OPTION || optionRow[i] >= 0) continue;
    const u = ins.underlying[i];
    const dte = ins.daysToExpiry[i];
    if (dte < 0) throw new InputError(`instrument ${ins.ids[i]}: expired ${-dte} days before the snapshot date ${book.date}`);
    const vol = book.vol[u];
    if (!(vol >= 0 && Number.isFinite(vol))) {
      throw new InputError(`instrument ${ins.ids[i]}: market snapshot ${book.date} has no vol for ${book.assets[u]} (got ${vol}); options need one`);
    }
    optionRow[i] = rows.length;
    rows.push(i);
    const spec = { optionType: ins.optionType[i] === 1 ? 'call' as const : 'put' as const, strike: ins.strike[i], expiryDays: dte, rate: book.rate, settlement: 'linear' as const };
    markValueUsd[i] = black76ValueShockedVector(spec, requireSpot(book, u), one, vol, value)[0];
  }

  const priceCoef = new Float64Array(P);
  const unrealisedPnlUsd = new Float64Array(P);
  const accountPnlUsd = new Float64Array(N);
  const positionCount = new Int32Array(N);
  for (let k = 0; k < N; k++) {
    let sum = 0;
    for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
      const i = bp.instrument[p];
      const s = requireSpot(book, ins.underlying[i]);
      const q = bp.quantity[p];
      const entry = bp.entryPrice[p];
      const linear = ins.settlement[i] === SETTLEMENT_LINEAR;
      const option = ins.kind[i] === KIND_OPTION;
      if (option ? !(entry >= 0) : !(entry > 0)) {
        throw new InputError(`account ${ba.ids[k]} positions[${p - ba.positionStart[k]}].entryPrice: must be ${option ? '>= 0' : '> 0'}, got ${entry}`);
      }
      let pnl: number;
      if (option) {
        priceCoef[p] = linear ? 0 : -entry;
        pnl = linear ? q * (markValueUsd[i] - entry) : q * (markValueUsd[i] - entry * s);
      } else if (linear) {
        priceCoef[p] = 1;
        pnl = q * (s - entry);
      } else {
        const cs = ins.contractSizeUsd[i];
        priceCoef[p] = cs / entry;
        pnl = ((q * cs * (s - entry)) / (entry * s)) * s;
      }
      unrealisedPnlUsd[p] = pnl;
      sum += pnl;
    }
    accountPnlUsd[k] = sum;
    positionCount[k] = ba.positionStart[k + 1] - ba.positionStart[k];
  }
  return {
    book, priceCoef, unrealisedPnlUsd, optionRow, optionInstruments: Int32Array.from(rows), markValueUsd, haircutWeight, usedAsset,
    collateralValueUsd, accountPnlUsd, positionCount,
  };
}

/** A set of S scenarios over the book: price changes per asset and option value changes per option row. */
export interface BookScenarioSet {
  count: number;
  /** ΔS_a(s) at priceChange[a·S + s] (rows of assets that do not move are 0). */
  priceChange: Float64Array;
  /** ΔV_i(s) at optionChange[row·S + s], USD per coin. */
  optionChange: Float64Array;
}

/**
 * Build a scenario set from price multipliers per asset (S'_a = S_a · multiplier[a·S + s]; a row of ones for
 * assets that do not move) and a vol per option row and scenario (volOf fills `out`, length S). Options are
 * revalued once per instrument with the vectorised Black-76 kernel (black76Vector.ts).
 */
export function bookScenarioSet(
  terms: PortfolioBookTerms, count: number, multiplier: Float64Array,
  volOf: (instrument: number, out: Float64Array) => Float64Array | number,
): BookScenarioSet {
  const { book } = terms;
  const A = book.assets.length;
  if (multiplier.length !== A * count) throw new InputError(`scenario set: expected ${A * count} price multipliers, got ${multiplier.length}`);
  const priceChange = new Float64Array(A * count);
  for (let a = 0; a < A; a++) {
    if (!terms.usedAsset[a]) continue;
    const s0 = book.spot[a];
    for (let s = 0; s < count; s++) priceChange[a * count + s] = s0 * multiplier[a * count + s] - s0;
  }
  const R = terms.optionInstruments.length;
  const optionChange = new Float64Array(R * count);
  const vols = new Float64Array(count);
  const ins = book.instruments;
  for (let r = 0; r < R; r++) {
    const i = terms.optionInstruments[r];
    const u = ins.underlying[i];
    const spec = { optionType: ins.optionType[i] === 1 ? 'call' as const : 'put' as const, strike: ins.strike[i], expiryDays: ins.daysToExpiry[i], rate: book.rate, settlement: 'linear' as const };
    const row = optionChange.subarray(r * count, (r + 1) * count);
    black76ValueShockedVector(spec, book.spot[u], multiplier.subarray(u * count, (u + 1) * count), volOf(i, vols), row);
    const v0 = terms.markValueUsd[i];
    for (let s = 0; s < count; s++) row[s] -= v0;
  }
  return { count, priceChange, optionChange };
}

/**
 * Add account k's scenario PnL (USD) into out[rowOfAsset[a]·S + s]: a position goes to the row of its
 * underlying, a balance to the row of its asset; rowOfAsset −1 = that asset's moves are not counted.
 * Allocation-free: the caller zeroes and reuses `out` (one block of rows × S per account).
 */
export function addAccountScenarioPnl(terms: PortfolioBookTerms, set: BookScenarioSet, k: number, rowOfAsset: Int32Array, out: Float64Array): void {
  const { book } = terms;
  const S = set.count;
  const A = book.assets.length;
  const pc = set.priceChange;
  const oc = set.optionChange;
  const bal = book.accounts.collateral;
  for (let a = 0; a < A; a++) {
    const b = bal[k * A + a];
    const r = rowOfAsset[a];
    if (b === 0 || r < 0) continue;
    const e = b * (b > 0 ? terms.haircutWeight[a] : 1);
    const src = a * S;
    const dst = r * S;
    for (let s = 0; s < S; s++) out[dst + s] += e * pc[src + s];
  }
  const ins = book.instruments;
  const bp = book.positions;
  for (let p = book.accounts.positionStart[k]; p < book.accounts.positionStart[k + 1]; p++) {
    const i = bp.instrument[p];
    const u = ins.underlying[i];
    const r = rowOfAsset[u];
    if (r < 0) continue;
    const q = bp.quantity[p];
    const qb = q * terms.priceCoef[p];
    const src = u * S;
    const dst = r * S;
    const row = terms.optionRow[i];
    if (row < 0) {
      for (let s = 0; s < S; s++) out[dst + s] += qb * pc[src + s];
      continue;
    }
    const opt = row * S;
    if (qb === 0) for (let s = 0; s < S; s++) out[dst + s] += q * oc[opt + s];
    else for (let s = 0; s < S; s++) out[dst + s] += q * oc[opt + s] + qb * pc[src + s];
  }
}
