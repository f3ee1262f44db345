/**
 * A book valued for stress runs (docs/methodology stress-book-runs, "Valuation under a shock"). The
 * compiled book and the portfolio terms of the margin module (portfolioBookTerms.ts) are built once; a
 * shocked state and any vector of index prices are then valued with the same scenario machinery the
 * scenario-grid and HS-VaR models use (bookScenarioSet + addAccountScenarioPnl: one Black-76 revaluation
 * per option instrument, then multiply-adds), plus the terms a snapshot cannot carry:
 *
 *   equity_k(S) = E0_k + ΔPnL_k(S, σ')                        positions and collateral, full revaluation
 *               + Σ_p∈k, delta-one q·b_p·S_u·(f_i − 1)          mark / basis: a perp or future is marked at
 *                                                                S_u·f_i, f_i = (1 + d_u/100)(1 + b_u/100)
 *               − Σ_a max(bal,0)·S_a·(h'_a − h_a)              haircut add-on
 *               + funding_k                                     −signed notional × Σ rate × periods (perps)
 *
 * E0 = collateral value at the model's haircuts + unrealised PnL of every position (options included,
 * whatever the margin model margins). Options are Black-76 on the index at the shocked vol of their
 * expiry (shockedVolAt); futures are marked at the index (zero carry, as every margin path in this
 * workbench) times their basis and mark factors.
 */
import { KIND_OPTION, KIND_PERPETUAL, SETTLEMENT_LINEAR, compileBook, type CompiledBook } from '../book/compile';
import type { Book } from '../book/types';
import { InputError } from '../errors';
import { black76Greeks } from '../instruments/black76';
import type { MarginContext, MarginModel } from '../margin/modelDispatch';
import {
  addAccountScenarioPnl, bookScenarioSet, compilePortfolioTerms, type BookScenarioSet, type PortfolioBookTerms,
} from '../margin/portfolioBookTerms';
import type { MarketSnapshot } from '../market/types';
import { Dec, fromFloat } from '../money/decimal';
import { depthMultiplierUnderShock, haircutUnderShock, shockedVolAt, type ShockedMarket } from './shockedMarket';

export interface PreparedStressBook {
  market: MarketSnapshot;
  compiled: CompiledBook;
  model: MarginModel;
  context: MarginContext;
  terms: PortfolioBookTerms;
  /** Per account: equity before the shock (collateral at the model's haircuts + unrealised PnL of all positions). */
  equityUsd: Float64Array;
  /** Per asset: the model's haircut (NaN where it has none). */
  haircut: Float64Array;
  /** Every asset in one row (rowOfAsset of addAccountScenarioPnl: account totals). */
  rowAll: Int32Array;
  /** Row a for asset a (per-asset PnL, for the ADL ranking). */
  rowPerAsset: Int32Array;
}

/** Compile the book against the pre-shock market and the model's collateral rules, once per book and model. */
export function prepareStressBook(book: Book, market: MarketSnapshot, model: MarginModel, context: MarginContext = {}): PreparedStressBook {
  const compiled = compileBook(book, market);
  const terms = compilePortfolioTerms(compiled, model.collateral);
  const N = compiled.accounts.count;
  const A = compiled.assets.length;
  const equityUsd = new Float64Array(N);
  for (let k = 0; k < N; k++) equityUsd[k] = terms.collateralValueUsd[k] + terms.accountPnlUsd[k];
  const haircut = Float64Array.from(terms.haircutWeight, (w) => 1 - w);
  return {
    market, compiled, model, context, terms, equityUsd, haircut,
    rowAll: new Int32Array(A), rowPerAsset: Int32Array.from({ length: A }, (_, a) => a),
  };
}

export interface StressState {
  shocked: ShockedMarket;
  /** Per asset: shocked index price (NaN where the shocked market has none). */
  spot: Float64Array;
  /** Per asset: the vol the margin model reads (the shocked 30-day reference vol). */
  marginVol: Float64Array;
  /** Per instrument: mark / index of a perpetual or future, (1 + d/100)(1 + b/100); 1 for options. */
  markFactor: Float64Array;
  /** Per option row of the terms: shocked implied vol at the option's expiry. */
  optionVol: Float64Array;
  /** Per asset: the model's haircut after the scenario's add-on (NaN where the model has none). */
  haircut: Float64Array;
  /** Per asset: the scenario's multiplier on market depth (1 = unchanged). */
  depthMultiplier: Float64Array;
  /** Per position: funding PnL over the scenario's funding periods at the shocked marks (0 unless a perpetual). */
  fundingPnlUsd: Float64Array;
  /** The margin model with the shocked haircuts. */
  model: MarginModel;
}

function sameMarket(prepared: PreparedStressBook, base: MarketSnapshot): void {
  const m = prepared.market;
  if (m === base) return;
  const where = `shocked market "${base.date}": its base is not the snapshot the book was prepared with (${m.date})`;
  if (m.date !== base.date || m.rate !== base.rate) throw new InputError(`${where}: date or rate differs`);
  for (const a of prepared.compiled.assets) {
    if (m.spot[a] !== base.spot[a]) throw new InputError(`${where}: spot of ${a} is ${base.spot[a]}, prepared with ${m.spot[a]}`);
    if (m.vol[a] !== base.vol[a]) throw new InputError(`${where}: vol of ${a} is ${base.vol[a]}, prepared with ${m.vol[a]}`);
  }
}

/** The model with each haircut add-on of the scenario applied (Dec, clamped to [0, 1] as haircutUnderShock). */
export function modelUnderShock(model: MarginModel, shocked: ShockedMarket): MarginModel {
  const entries = Object.entries(shocked.haircutAddOn).filter(([, v]) => v !== 0);
  if (entries.length === 0) return model;
  const haircuts: Record<string, Dec> = { ...model.collateral.haircuts };
  for (const [asset, addOn] of entries) {
    const base = model.collateral.haircuts[asset] ?? model.collateral.defaultHaircut;
    if (base === null) continue; // no balance of it can be held under this model (compilePortfolioTerms refuses it)
    const shifted = base.add(fromFloat(addOn, `haircut add-on of ${asset}`));
    haircuts[asset] = Dec.min(1, Dec.max(0, shifted));
  }
  return { ...model, collateral: { ...model.collateral, haircuts } } as MarginModel;
}

/** Read a shocked market into per-asset / per-instrument arrays over the compiled book. */
export function stressState(prepared: PreparedStressBook, shocked: ShockedMarket): StressState {
  sameMarket(prepared, shocked.base);
  const { compiled, terms } = prepared;
  const { assets, instruments: ins, positions: bp } = compiled;
  const spot = Float64Array.from(assets, (a) => shocked.spot[a] ?? NaN);
  const marginVol = Float64Array.from(assets, (a) => shocked.vol[a] ?? NaN);
  const haircut = Float64Array.from(assets, (a, j) => (Number.isNaN(prepared.haircut[j]) ? NaN : haircutUnderShock(shocked, a, prepared.haircut[j])));
  const depthMultiplier = Float64Array.from(assets, (a) => depthMultiplierUnderShock(shocked, a));
  const markFactor = new Float64Array(ins.count).fill(1);
  for (let i = 0; i < ins.count; i++) {
    if (ins.kind[i] === KIND_OPTION) continue;
    const a = assets[ins.underlying[i]];
    const basis = ins.kind[i] === KIND_PERPETUAL ? shocked.basisShockPct.perpetual[a] : shocked.basisShockPct.future[a];
    markFactor[i] = (1 + (shocked.markDeviationPct[a] ?? 0) / 100) * (1 + (basis ?? 0) / 100);
    if (!(markFactor[i] > 0)) {
      throw new InputError(`${ins.ids[i]}: mark deviation ${shocked.markDeviationPct[a] ?? 0}% and basis ${basis ?? 0}% at severity ${shocked.severity} leave no positive mark price`);
    }
  }
  const optionVol = Float64Array.from(terms.optionInstruments, (i) => shockedVolAt(shocked, assets[ins.underlying[i]], ins.daysToExpiry[i]));
  const fundingPnlUsd = new Float64Array(bp.count);
  for (let p = 0; p < bp.count; p++) {
    const i = bp.instrument[p];
    if (ins.kind[i] !== KIND_PERPETUAL) continue;
    const u = ins.underlying[i];
    const rate = shocked.fundingRateTotal[assets[u]] ?? 0;
    if (rate === 0) continue;
    // Signed notional: coin × mark for linear contracts, contracts × face value for inverse ones.
    const notional = ins.settlement[i] === SETTLEMENT_LINEAR ? bp.quantity[p] * spot[u] * markFactor[i] : bp.quantity[p] * ins.contractSizeUsd[i];
    fundingPnlUsd[p] = -notional * rate;
  }
  return { shocked, spot, marginVol, markFactor, optionVol, haircut, depthMultiplier, fundingPnlUsd, model: modelUnderShock(prepared.model, shocked) };
}

/** A price vector revalued: the scenario set of one scenario (price and option value changes from the base). */
export interface Valuation {
  prices: Float64Array;
  set: BookScenarioSet;
}

/** Revalue every option instrument and price change at `prices` (index per asset) under the state's vols. */
export function valuationAt(prepared: PreparedStressBook, state: StressState, prices: Float64Array): Valuation {
  const { compiled, terms } = prepared;
  const A = compiled.assets.length;
  if (prices.length !== A) throw new InputError(`prices: expected ${A} (one per book asset), got ${prices.length}`);
  const multiplier = new Float64Array(A).fill(1);
  for (let a = 0; a < A; a++) {
    if (!terms.usedAsset[a]) continue;
    const p = prices[a];
    if (!(p > 0 && Number.isFinite(p))) throw new InputError(`shocked market: no positive price for ${compiled.assets[a]}, got ${p}`);
    multiplier[a] = p / compiled.spot[a];
  }
  const set = bookScenarioSet(terms, 1, multiplier, (i, out) => {
    out[0] = state.optionVol[terms.optionRow[i]];
    return out;
  });
  return { prices, set };
}

/** Terms outside the scenario set for account k: mark/basis, haircut add-on and funding (file header). */
function extraPnl(prepared: PreparedStressBook, state: StressState, prices: Float64Array, k: number): number {
  const { compiled, terms } = prepared;
  const { instruments: ins, positions: bp, accounts: ba } = compiled;
  const A = compiled.assets.length;
  let extra = 0;
  for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
    const i = bp.instrument[p];
    extra += state.fundingPnlUsd[p];
    if (ins.kind[i] === KIND_OPTION || state.markFactor[i] === 1) continue;
    extra += bp.quantity[p] * terms.priceCoef[p] * prices[ins.underlying[i]] * (state.markFactor[i] - 1);
  }
  for (let a = 0; a < A; a++) {
    const bal = ba.collateral[k * A + a];
    const dh = state.haircut[a] - prepared.haircut[a];
    if (bal > 0 && dh !== 0 && !Number.isNaN(dh)) extra -= bal * prices[a] * dh;
  }
  return extra;
}

/** Equity of every account at the valuation's prices (out[k]; accounts with open[k] = 0 are skipped). */
export function equityAt(prepared: PreparedStressBook, state: StressState, v: Valuation, out: Float64Array, open?: Uint8Array): Float64Array {
  const cell = new Float64Array(1);
  for (let k = 0; k < prepared.compiled.accounts.count; k++) {
    if (open && !open[k]) continue;
    cell[0] = 0;
    addAccountScenarioPnl(prepared.terms, v.set, k, prepared.rowAll, cell);
    out[k] = prepared.equityUsd[k] + cell[0] + extraPnl(prepared, state, v.prices, k);
  }
  return out;
}

/** Collateral value of account k at the prices, with the shocked haircuts (debts count in full). */
export function collateralAt(prepared: PreparedStressBook, state: StressState, prices: Float64Array, k: number): number {
  const A = prepared.compiled.assets.length;
  const bal = prepared.compiled.accounts.collateral;
  let value = 0;
  for (let a = 0; a < A; a++) {
    const b = bal[k * A + a];
    if (b !== 0) value += b * prices[a] * (b > 0 ? 1 - state.haircut[a] : 1);
  }
  return value;
}

/**
 * Unrealised PnL since entry of account k's positions per underlying (out[a], USD, mark/basis and
 * funding included): the base unrealised PnL plus the scenario change of row a, minus row a's
 * collateral revaluation (rowPerAsset puts a balance in its asset's row too).
 */
export function positionPnlByAsset(prepared: PreparedStressBook, state: StressState, v: Valuation, k: number, out: Float64Array): Float64Array {
  const { compiled, terms } = prepared;
  const { instruments: ins, positions: bp, accounts: ba } = compiled;
  const A = compiled.assets.length;
  out.fill(0);
  addAccountScenarioPnl(terms, v.set, k, prepared.rowPerAsset, out);
  for (let a = 0; a < A; a++) {
    const b = ba.collateral[k * A + a];
    if (b !== 0) out[a] -= b * (b > 0 ? terms.haircutWeight[a] : 1) * v.set.priceChange[a];
  }
  for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
    const i = bp.instrument[p];
    const u = ins.underlying[i];
    let pnl = terms.unrealisedPnlUsd[p] + state.fundingPnlUsd[p];
    if (ins.kind[i] !== KIND_OPTION) pnl += bp.quantity[p] * terms.priceCoef[p] * v.prices[u] * (state.markFactor[i] - 1);
    out[u] += pnl;
  }
  return out;
}

export interface PositionExposure {
  /** Per position: signed exposure in coin of the underlying (linear q, inverse q·CS/mark, option q·Δ). */
  coin: Float64Array;
  /** Per position: notional in USD (linear |q|·mark, inverse |q|·CS, option |q|·index). */
  notionalUsd: Float64Array;
}

/** Coin exposure and USD notional of every position at the prices (Black-76 delta for options). */
export function positionExposureAt(prepared: PreparedStressBook, state: StressState, prices: Float64Array): PositionExposure {
  const { compiled, terms } = prepared;
  const { instruments: ins, positions: bp } = compiled;
  const delta = Float64Array.from(terms.optionInstruments, (i, r) => black76Greeks({
    optionType: ins.optionType[i] === 1 ? 'call' : 'put', forward: prices[ins.underlying[i]], strike: ins.strike[i],
    expiryDays: ins.daysToExpiry[i], vol: state.optionVol[r], rate: compiled.rate,
  }).delta);
  const coin = new Float64Array(bp.count);
  const notionalUsd = new Float64Array(bp.count);
  for (let p = 0; p < bp.count; p++) {
    const i = bp.instrument[p];
    const q = bp.quantity[p];
    const index = prices[ins.underlying[i]];
    if (ins.kind[i] === KIND_OPTION) {
      coin[p] = q * delta[terms.optionRow[i]];
      notionalUsd[p] = Math.abs(q) * index;
    } else if (ins.settlement[i] === SETTLEMENT_LINEAR) {
      coin[p] = q;
      notionalUsd[p] = Math.abs(q) * index * state.markFactor[i];
    } else {
      const face = q * ins.contractSizeUsd[i];
      coin[p] = face / (index * state.markFactor[i]);
      notionalUsd[p] = Math.abs(face);
    }
  }
  return { coin, notionalUsd };
}
