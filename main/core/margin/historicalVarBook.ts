/**
 * HS VaR / ES margin over a compiled book in float64: the rules of historicalVar.ts (Dec, one account).
 * Options are revalued once per instrument and scenario (black76Vector.ts); each account's PnL vector is
 * accumulated into one reusable Float64Array of length J (the window's scenario count) and reduced to its
 * tail measure by selection in a second reusable buffer, so memory does not grow with accounts × scenarios.
 */
import type { CompiledBook } from '../book/compile';
import { historicalScenarios, type HistoricalScenarioSet, type HistoricalScenarios, type PriceHistory } from './historicalScenarios';
import { accountRange, bookAccountMargins, setAccountMargin, type AccountRange, type BookAccountMargins } from './portfolioBookAccounts';
import { addAccountScenarioPnl, bookScenarioSet, compilePortfolioTerms, type BookScenarioSet, type PortfolioBookTerms } from './portfolioBookTerms';
import type { HistoricalVarModel } from './portfolioConfig';
import { historicalMarginFloat, lossTail, measureOf, type ApcFigures } from './tailRisk';

export interface PreparedHistoricalVar {
  model: HistoricalVarModel;
  terms: PortfolioBookTerms;
  scenarios: HistoricalScenarios;
  lookback: BookScenarioSet;
  stressed: BookScenarioSet | null;
  floor: BookScenarioSet | null;
  /** 0 for every asset the book uses (all move jointly), −1 otherwise. */
  rowOfAsset: Int32Array;
  apc: ApcFigures;
}

export interface HistoricalVarBookMargin {
  model: string;
  accounts: BookAccountMargins;
  /** End dates of the lookback scenarios. */
  scenarioDates: string[];
  valueAtRiskUsd: Float64Array;
  expectedShortfallUsd: Float64Array;
  /** Lookback scenario at the upper order statistic VaR interpolates towards, and the worst one. */
  quantileScenario: Int32Array;
  worstScenario: Int32Array;
  stressedMarginUsd: Float64Array | null;
  floorMarginUsd: Float64Array | null;
}

export function prepareHistoricalVarBook(book: CompiledBook, model: HistoricalVarModel, history: PriceHistory): PreparedHistoricalVar {
  const terms = compilePortfolioTerms(book, model.collateral);
  const A = book.assets.length;
  const used = book.assets.filter((_, a) => terms.usedAsset[a] === 1);
  const scenarios = historicalScenarios(model, history, book.date, used);
  const rowOfAsset = new Int32Array(A).fill(-1);
  for (let a = 0; a < A; a++) if (terms.usedAsset[a]) rowOfAsset[a] = 0;
  const toBook = (set: HistoricalScenarioSet): BookScenarioSet => {
    const J = set.dates.length;
    const multiplier = new Float64Array(A * J).fill(1);
    book.assets.forEach((asset, a) => {
      if (!terms.usedAsset[a]) return;
      const shock = set.shocks[asset];
      for (let j = 0; j < J; j++) multiplier[a * J + j] = 1 + shock[j];
    });
    // Implied vol held fixed: one vol per option for every scenario.
    return bookScenarioSet(terms, J, multiplier, (i) => book.vol[book.instruments.underlying[i]]);
  };
  const apc = model.antiProcyclicality;
  return {
    model, terms, scenarios, rowOfAsset,
    lookback: toBook(scenarios.lookback),
    stressed: scenarios.stressed ? toBook(scenarios.stressed) : null,
    floor: scenarios.floor ? toBook(scenarios.floor) : null,
    apc: {
      bufferFraction: apc?.tool === 'buffer' ? apc.bufferFraction.toNumber() : 0,
      stressedWeight: apc?.tool === 'stressedWeight' ? apc.stressedWeight.toNumber() : 0,
    },
  };
}

/** The account's losses in a set, into `block` (zeroed here). */
function accountLosses(p: PreparedHistoricalVar, set: BookScenarioSet, k: number, block: Float64Array): Float64Array {
  block.fill(0);
  addAccountScenarioPnl(p.terms, set, k, p.rowOfAsset, block);
  for (let j = 0; j < block.length; j++) block[j] = -block[j];
  return block;
}

export function historicalVarBookMargin(prepared: PreparedHistoricalVar, range?: AccountRange): HistoricalVarBookMargin {
  const { terms, model, lookback, stressed, floor } = prepared;
  const r = accountRange(terms.book, range);
  const n = r.to - r.from;
  const out = bookAccountMargins(r);
  const result: HistoricalVarBookMargin = {
    model: model.name,
    accounts: out,
    scenarioDates: prepared.scenarios.lookback.dates,
    valueAtRiskUsd: new Float64Array(n),
    expectedShortfallUsd: new Float64Array(n),
    quantileScenario: new Int32Array(n),
    worstScenario: new Int32Array(n),
    stressedMarginUsd: stressed ? new Float64Array(n) : null,
    floorMarginUsd: floor ? new Float64Array(n) : null,
  };
  const block = new Float64Array(lookback.count);
  const longest = Math.max(lookback.count, stressed?.count ?? 0, floor?.count ?? 0);
  const scratch = new Float64Array(longest);
  const extraBlocks = {
    stressed: stressed ? new Float64Array(stressed.count) : null,
    floor: floor ? new Float64Array(floor.count) : null,
  };
  for (let k = r.from; k < r.to; k++) {
    const j = k - r.from;
    const losses = accountLosses(prepared, lookback, k, block);
    const tail = lossTail(losses, model.confidence, scratch);
    let quantile = -1;
    let worst = 0;
    for (let s = 0; s < losses.length; s++) {
      if (quantile < 0 && losses[s] === tail.upper) quantile = s;
      if (losses[s] > losses[worst]) worst = s;
    }
    result.valueAtRiskUsd[j] = tail.valueAtRisk;
    result.expectedShortfallUsd[j] = tail.expectedShortfall;
    result.quantileScenario[j] = quantile;
    result.worstScenario[j] = worst;
    let stressedMargin: number | null = null;
    let floorMargin: number | null = null;
    if (stressed && extraBlocks.stressed) {
      stressedMargin = Math.max(0, measureOf(lossTail(accountLosses(prepared, stressed, k, extraBlocks.stressed), model.confidence, scratch), model.measure));
      result.stressedMarginUsd![j] = stressedMargin;
    }
    if (floor && extraBlocks.floor) {
      floorMargin = Math.max(0, measureOf(lossTail(accountLosses(prepared, floor, k, extraBlocks.floor), model.confidence, scratch), model.measure));
      result.floorMarginUsd![j] = floorMargin;
    }
    const m = historicalMarginFloat(measureOf(tail, model.measure), stressedMargin, floorMargin, prepared.apc);
    setAccountMargin(out, j, terms.collateralValueUsd[k], terms.accountPnlUsd[k], m.initial, m.maintenance, terms.positionCount[k]);
  }
  return result;
}
