/**
 * Parametric delta-normal VaR over a compiled book in float64: the rule of parametricVar.ts (Dec, one
 * account). One covariance for the book's assets, one Black-76 delta per option instrument, then per
 * account a delta vector in a reusable buffer and one quadratic form.
 */
import { KIND_OPTION, type CompiledBook } from '../book/compile';
import { black76Greeks } from '../instruments/black76';
import type { PriceHistory } from './historicalScenarios';
import { accountRange, bookAccountMargins, setAccountMargin, type AccountRange, type BookAccountMargins } from './portfolioBookAccounts';
import { compilePortfolioTerms, type PortfolioBookTerms } from './portfolioBookTerms';
import type { ParametricVarModel } from './portfolioConfig';
import { deltaNormalVar, ewmaCovarianceAsOf, type EwmaCovarianceEstimate } from './parametricVar';

export interface PreparedParametricVar {
  model: ParametricVarModel;
  terms: PortfolioBookTerms;
  covariance: EwmaCovarianceEstimate;
  /** Per asset: index in the covariance, −1 for assets the book does not use. */
  covarianceIndex: Int32Array;
  /** Per instrument: Black-76 delta (options), 0 otherwise. */
  optionDelta: Float64Array;
}

export interface ParametricVarBookMargin {
  model: string;
  accounts: BookAccountMargins;
  covarianceAssets: string[];
  valueAtRiskUsd: Float64Array;
  /** USD delta of account j to covariance asset c at [j·K + c]. */
  deltaUsd: Float64Array;
}

export function prepareParametricVarBook(book: CompiledBook, model: ParametricVarModel, history: PriceHistory): PreparedParametricVar {
  const terms = compilePortfolioTerms(book, model.collateral);
  const used = book.assets.filter((_, a) => terms.usedAsset[a] === 1);
  const covariance = ewmaCovarianceAsOf(history, used, book.date, model.lambda);
  const covarianceIndex = new Int32Array(book.assets.length).fill(-1);
  used.forEach((asset, c) => { covarianceIndex[book.assets.indexOf(asset)] = c; });
  const ins = book.instruments;
  const optionDelta = new Float64Array(ins.count);
  for (const i of terms.optionInstruments) {
    if (ins.kind[i] !== KIND_OPTION) continue;
    const u = ins.underlying[i];
    optionDelta[i] = black76Greeks({
      optionType: ins.optionType[i] === 1 ? 'call' : 'put', forward: book.spot[u], strike: ins.strike[i], expiryDays: ins.daysToExpiry[i], vol: book.vol[u], rate: book.rate,
    }).delta;
  }
  return { model, terms, covariance, covarianceIndex, optionDelta };
}

export function parametricVarBookMargin(prepared: PreparedParametricVar, range?: AccountRange): ParametricVarBookMargin {
  const { terms, model, covariance, covarianceIndex, optionDelta } = prepared;
  const book = terms.book;
  const r = accountRange(book, range);
  const n = r.to - r.from;
  const K = covariance.assets.length;
  const A = book.assets.length;
  const out = bookAccountMargins(r);
  const valueAtRiskUsd = new Float64Array(n);
  const deltaUsd = new Float64Array(n * K);
  const delta = new Float64Array(K);
  const sigmaDelta = new Float64Array(K);
  const { instruments: ins, positions: bp, accounts: ba } = book;
  for (let k = r.from; k < r.to; k++) {
    const j = k - r.from;
    delta.fill(0);
    for (let a = 0; a < A; a++) {
      const bal = ba.collateral[k * A + a];
      if (bal !== 0) delta[covarianceIndex[a]] += bal * (bal > 0 ? terms.haircutWeight[a] : 1) * book.spot[a];
    }
    for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
      const i = bp.instrument[p];
      const u = ins.underlying[i];
      delta[covarianceIndex[u]] += book.spot[u] * bp.quantity[p] * (optionDelta[i] + terms.priceCoef[p]);
    }
    const v = deltaNormalVar(delta, covariance.covariance, model.confidence, model.horizonDays, sigmaDelta).valueAtRisk;
    valueAtRiskUsd[j] = v;
    deltaUsd.set(delta, j * K);
    setAccountMargin(out, j, terms.collateralValueUsd[k], terms.accountPnlUsd[k], v, v, terms.positionCount[k]);
  }
  return { model: model.name, accounts: out, covarianceAssets: covariance.assets, valueAtRiskUsd, deltaUsd };
}
