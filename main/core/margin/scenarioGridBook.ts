/**
 * The scenario-grid model over a compiled book in float64: the rules of scenarioGrid.ts (Dec, one
 * account), with options revalued once per instrument and scenario (black76Vector.ts) and each account's
 * risk-unit × scenario PnL accumulated into one reusable block (portfolioBookTerms.ts), so nothing of size
 * accounts × scenarios is ever allocated. prepareScenarioGridBook does the per-book work once; callers may
 * margin any account range with it (e.g. one range per worker).
 */
import { KIND_OPTION, SETTLEMENT_LINEAR, type CompiledBook } from '../book/compile';
import { accountRange, bookAccountMargins, setAccountMargin, type AccountRange, type BookAccountMargins } from './portfolioBookAccounts';
import { addAccountScenarioPnl, bookScenarioSet, compilePortfolioTerms, type BookScenarioSet, type PortfolioBookTerms } from './portfolioBookTerms';
import type { ScenarioGridModel } from './portfolioConfig';
import { scenarioGridScenarios, scenarioVol, type GridScenario } from './scenarioGridScenarios';

export interface PreparedScenarioGrid {
  model: ScenarioGridModel;
  terms: PortfolioBookTerms;
  scenarios: GridScenario[];
  set: BookScenarioSet;
  /** Risk units: asset indices that are some instrument's underlying, in asset order. */
  riskUnitAssets: Int32Array;
  riskUnits: string[];
  /** Per asset: its risk unit, −1 for assets that do not move in the grid. */
  rowOfAsset: Int32Array;
  /** Per instrument: option series (underlying, expiry, strike, settlement) id, −1 for perpetuals/futures. */
  seriesOf: Int32Array;
  seriesCount: number;
}

export interface ScenarioGridBookMargin {
  model: string;
  accounts: BookAccountMargins;
  riskUnits: string[];
  scenarios: GridScenario[];
  /** MM_u of account j at [j·U + u] (0 where the account has no exposure to u). */
  riskUnitMaintenanceUsd: Float64Array;
  /** Worst scenario of account j in unit u at [j·U + u]; −1 where it has no exposure. */
  riskUnitWorstScenario: Int32Array;
}

export function prepareScenarioGridBook(book: CompiledBook, model: ScenarioGridModel): PreparedScenarioGrid {
  const terms = compilePortfolioTerms(book, model.collateral);
  const scenarios = scenarioGridScenarios(model);
  const S = scenarios.length;
  const A = book.assets.length;
  const ins = book.instruments;
  const rowOfAsset = new Int32Array(A).fill(-1);
  for (let i = 0; i < ins.count; i++) rowOfAsset[ins.underlying[i]] = 0;
  const units: number[] = [];
  for (let a = 0; a < A; a++) if (rowOfAsset[a] === 0) rowOfAsset[a] = units.push(a) - 1;
  const multiplier = new Float64Array(A * S).fill(1);
  for (const a of units) for (const sc of scenarios) multiplier[a * S + sc.index] = 1 + sc.priceShock;
  const set = bookScenarioSet(terms, S, multiplier, (i, out) => {
    const vol = book.vol[ins.underlying[i]];
    for (const sc of scenarios) out[sc.index] = scenarioVol(model, vol, ins.daysToExpiry[i], sc.volDirection);
    return out;
  });
  const seriesOf = new Int32Array(ins.count).fill(-1);
  const seriesIds = new Map<string, number>();
  for (let i = 0; i < ins.count; i++) {
    if (ins.kind[i] !== KIND_OPTION) continue;
    const key = `${ins.underlying[i]}|${ins.daysToExpiry[i]}|${ins.strike[i]}|${ins.settlement[i]}`;
    let id = seriesIds.get(key);
    if (id === undefined) seriesIds.set(key, (id = seriesIds.size));
    seriesOf[i] = id;
  }
  return {
    model, terms, scenarios, set, rowOfAsset, seriesOf, seriesCount: seriesIds.size,
    riskUnitAssets: Int32Array.from(units), riskUnits: units.map((a) => book.assets[a]),
  };
}

export function scenarioGridBookMargin(prepared: PreparedScenarioGrid, range?: AccountRange): ScenarioGridBookMargin {
  const { terms, model, scenarios, set, rowOfAsset, seriesOf, riskUnitAssets } = prepared;
  const book = terms.book;
  const r = accountRange(book, range);
  const out = bookAccountMargins(r);
  const U = riskUnitAssets.length;
  const S = scenarios.length;
  const n = r.to - r.from;
  const unitMm = new Float64Array(n * U);
  const unitWorst = new Int32Array(n * U).fill(-1);
  const block = new Float64Array(U * S);
  const touched = new Uint8Array(U);
  const shortCalls = new Float64Array(U);
  const shortPuts = new Float64Array(U);
  const longNotional = new Float64Array(U);
  const shortNotional = new Float64Array(U);
  const netShort = new Float64Array(U);
  const seriesNet = new Float64Array(prepared.seriesCount);
  const seriesUnit = new Int32Array(prepared.seriesCount);
  const seriesSeen = new Uint8Array(prepared.seriesCount);
  const seriesTouched: number[] = [];
  const weight = Float64Array.from(scenarios, (s) => s.weight);
  const soc = model.shortOptionContingencyFraction.toNumber();
  const ofc = model.offsettingFuturesContingencyFraction.toNumber();
  const som = model.shortOptionMinimumFraction.toNumber();
  const imFactor = model.initialMarginFactor.toNumber();
  const { instruments: ins, positions: bp, accounts: ba } = book;
  const A = book.assets.length;

  for (let k = r.from; k < r.to; k++) {
    const j = k - r.from;
    block.fill(0);
    touched.fill(0);
    shortCalls.fill(0); shortPuts.fill(0); longNotional.fill(0); shortNotional.fill(0); netShort.fill(0);
    addAccountScenarioPnl(terms, set, k, rowOfAsset, block);
    for (let a = 0; a < A; a++) if (ba.collateral[k * A + a] !== 0 && rowOfAsset[a] >= 0) touched[rowOfAsset[a]] = 1;
    for (let p = ba.positionStart[k]; p < ba.positionStart[k + 1]; p++) {
      const i = bp.instrument[p];
      const u = rowOfAsset[ins.underlying[i]];
      touched[u] = 1;
      const q = bp.quantity[p];
      const g = seriesOf[i];
      if (g >= 0) {
        if (!seriesSeen[g]) { seriesSeen[g] = 1; seriesTouched.push(g); }
        seriesNet[g] += q;
        seriesUnit[g] = u;
        if (q < 0) {
          if (ins.optionType[i] === 1) shortCalls[u] -= q;
          else shortPuts[u] -= q;
        }
        continue;
      }
      const notional = ins.settlement[i] === SETTLEMENT_LINEAR ? Math.abs(q) * book.spot[ins.underlying[i]] : Math.abs(q) * ins.contractSizeUsd[i];
      if (q > 0) longNotional[u] += notional;
      else shortNotional[u] += notional;
    }
    for (const g of seriesTouched) {
      if (seriesNet[g] < 0) netShort[seriesUnit[g]] -= seriesNet[g];
      seriesNet[g] = 0;
      seriesSeen[g] = 0;
    }
    seriesTouched.length = 0;

    let mm = 0;
    for (let u = 0; u < U; u++) {
      if (!touched[u]) continue;
      let worst = 0;
      let worstLoss = -Infinity;
      for (let s = 0; s < S; s++) {
        const loss = -weight[s] * block[u * S + s];
        if (loss > worstLoss) { worstLoss = loss; worst = s; }
      }
      const price = book.spot[riskUnitAssets[u]];
      const scan = Math.max(0, worstLoss);
      const withContingencies = scan + soc * netShort[u] * price + ofc * Math.min(longNotional[u], shortNotional[u]);
      const minimum = som * Math.max(shortCalls[u], shortPuts[u]) * price;
      const unit = Math.max(withContingencies, minimum);
      unitMm[j * U + u] = unit;
      unitWorst[j * U + u] = worst;
      mm += unit;
    }
    setAccountMargin(out, j, terms.collateralValueUsd[k], terms.accountPnlUsd[k], mm * imFactor, mm, terms.positionCount[k]);
  }
  return { model: model.name, accounts: out, riskUnits: prepared.riskUnits, scenarios, riskUnitMaintenanceUsd: unitMm, riskUnitWorstScenario: unitWorst };
}
