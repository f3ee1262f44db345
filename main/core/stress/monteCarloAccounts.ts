/**
 * The Monte Carlo kernel over one range of accounts (docs/methodology stress-book-runs, "Monte Carlo"):
 * a pure function of the prepared, structured-cloneable inputs (typed arrays and strings only — the
 * instruments × scenarios matrix is `set`), so a service can run account ranges in worker threads and
 * combine the parts (monteCarlo.ts combineMonteCarlo). Per account k, with one reusable buffer of S:
 *
 *   PnL_k(s)    addAccountScenarioPnl (portfolioBookTerms.ts): q·[ΔV_i(s) + b_p·ΔS_u(s)] + collateral
 *   E_k(s)      = E0_k + PnL_k(s)
 *   MM_k(s)     tiered model: its rule at the scenario prices (scenarioMaintenance.ts), evaluated
 *               exactly wherever E_k(s) ≤ an upper bound of MM_k over all scenarios; other models:
 *               MM at the start, held over the horizon (their requirement is recomputed on the
 *               exchange's schedule; re-running a VaR or grid model per scenario is out of scope)
 *   losses      −PnL_k(s): type-7 quantiles by successive selection (lossQuantiles.ts), VaR = quantile,
 *               ES = mean ≥ VaR; the same pass gives the mean and the largest loss
 *   liquidated  positions held and E_k(s) ≤ MM_k(s); then penalty min(rate·L_k(s), max(0, E)),
 *               bad debt max(0, −E), L_k(s) the notional at the scenario prices. The scenarios are
 *               scanned only when E0 − largest loss ≤ the MM bound (otherwise none can qualify)
 * Book sums per scenario are accumulated per block of MONTE_CARLO_ACCOUNT_BLOCK accounts (absolute
 * block numbers) and folded in block order by combineMonteCarlo, so a result does not depend on how the
 * ranges were split (ranges start on a block boundary).
 */
import { InputError } from '../errors';
import { KIND_OPTION, SETTLEMENT_LINEAR } from '../book/compile';
import { addAccountScenarioPnl, type BookScenarioSet, type PortfolioBookTerms } from '../margin/portfolioBookTerms';
import { accountRange, type AccountRange } from '../margin/portfolioBookAccounts';
import type { CompiledTieredModel } from '../margin/tieredBookModel';
import { quantilesBySelection, tailMeanAfterSelection } from './lossQuantiles';
import { tieredMaintenanceAt, tieredMaintenanceBound } from './scenarioMaintenance';

export const MONTE_CARLO_ACCOUNT_BLOCK = 256;

/** What the kernel reads: structured-cloneable (no Dec, no functions). */
export interface MonteCarloKernelInput {
  terms: PortfolioBookTerms;
  scenarios: number;
  /** Price multiplier S'/S at [a·S + s] (1 for assets that do not move). */
  multiplier: Float64Array;
  /** Per asset: smallest and largest multiplier over the scenarios. */
  multiplierMin: Float64Array;
  multiplierMax: Float64Array;
  /** Per asset: 0 when it moves, −1 when it is held fixed (addAccountScenarioPnl then skips it). */
  rowOfAsset: Int32Array;
  set: BookScenarioSet;
  /** Per account: equity and MM at the start. */
  equityUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
  /** The tiered model compiled against the book (MM per scenario), or null (MM held at the start). */
  tiered: CompiledTieredModel | null;
  /** Ascending quantile levels (VaR confidences included). */
  levels: Float64Array;
  /** VaR / ES confidences, each one of `levels`. */
  confidence: Float64Array;
  penaltyRate: number;
}

export interface MonteCarloPart {
  range: AccountRange;
  /** [j·L + q]: loss quantile at levels[q] of account from + j. */
  lossQuantilesUsd: Float64Array;
  /** [j·C + c]. */
  valueAtRiskUsd: Float64Array;
  expectedShortfallUsd: Float64Array;
  expectedLossUsd: Float64Array;
  liquidationProbability: Float64Array;
  expectedBadDebtUsd: Float64Array;
  /** Absolute index of the first block; per block b of the range, [b·S + s] sums over its accounts. */
  firstBlock: number;
  blockBadDebtUsd: Float64Array;
  blockPenaltiesUsd: Float64Array;
  blockNotionalLiquidatedUsd: Float64Array;
  accountsLiquidated: Int32Array;
}

function requireAligned(range: AccountRange, n: number): void {
  const B = MONTE_CARLO_ACCOUNT_BLOCK;
  if (range.from % B !== 0 || (range.to % B !== 0 && range.to !== n)) {
    throw new InputError(`account range: from must be a multiple of ${B} and to a multiple of ${B} or ${n}, got from ${range.from}, to ${range.to}`);
  }
}

export function monteCarloAccounts(p: MonteCarloKernelInput, range?: AccountRange): MonteCarloPart {
  const { terms, set, multiplier, levels, confidence } = p;
  const book = terms.book;
  const r = accountRange(book, range);
  requireAligned(r, book.accounts.count);
  const S = p.scenarios;
  const A = book.assets.length;
  const L = levels.length;
  const C = confidence.length;
  const n = r.to - r.from;
  const firstBlock = r.from / MONTE_CARLO_ACCOUNT_BLOCK;
  const blocks = Math.ceil(r.to / MONTE_CARLO_ACCOUNT_BLOCK) - firstBlock;
  const part: MonteCarloPart = {
    range: r, lossQuantilesUsd: new Float64Array(n * L), valueAtRiskUsd: new Float64Array(n * C), expectedShortfallUsd: new Float64Array(n * C),
    expectedLossUsd: new Float64Array(n), liquidationProbability: new Float64Array(n), expectedBadDebtUsd: new Float64Array(n),
    firstBlock, blockBadDebtUsd: new Float64Array(blocks * S), blockPenaltiesUsd: new Float64Array(blocks * S),
    blockNotionalLiquidatedUsd: new Float64Array(blocks * S), accountsLiquidated: new Int32Array(S),
  };
  const confidenceLevel = Int32Array.from(confidence, (c) => levels.indexOf(c));
  const pnl = new Float64Array(S);
  const scratch = new Float64Array(S);
  const quantiles = new Float64Array(L);
  const gross = new Float64Array(A);
  const { instruments: ins, positions: bp, accounts: ba } = book;
  for (let k = r.from; k < r.to; k++) {
    const j = k - r.from;
    pnl.fill(0);
    addAccountScenarioPnl(terms, set, k, p.rowOfAsset, pnl);
    const positions = terms.positionCount[k];
    const e0 = p.equityUsd[k];
    // MM everywhere ≤ bound; exact only where equity ≤ bound (tiered), or the start MM (other models).
    const bound = positions === 0 ? -Infinity
      : p.tiered ? tieredMaintenanceBound(p.tiered, book, p.multiplierMin, p.multiplierMax, k) : p.maintenanceMarginUsd[k];
    let faceUsd = 0;
    gross.fill(0);
    for (let q = ba.positionStart[k]; q < ba.positionStart[k + 1]; q++) {
      const i = bp.instrument[q];
      const u = ins.underlying[i];
      if (ins.kind[i] !== KIND_OPTION && ins.settlement[i] !== SETTLEMENT_LINEAR) faceUsd += Math.abs(bp.quantity[q]) * ins.contractSizeUsd[i];
      else gross[u] += Math.abs(bp.quantity[q]) * book.spot[u];
    }
    // Losses = −PnL: quantiles, their sum and the largest loss in one copying pass.
    const summary = quantilesBySelection(pnl, levels, scratch, quantiles, 0, -1);
    part.lossQuantilesUsd.set(quantiles, j * L);
    part.expectedLossUsd[j] = summary.sum / S;
    for (let c = 0; c < C; c++) {
      const v = quantiles[confidenceLevel[c]];
      part.valueAtRiskUsd[j * C + c] = v;
      part.expectedShortfallUsd[j * C + c] = tailMeanAfterSelection(pnl, scratch, confidence[c], v, -1);
    }
    // No scenario can liquidate the account when even its largest loss leaves equity above the MM bound.
    if (!(e0 - summary.max <= bound)) continue;
    const b = (Math.floor(k / MONTE_CARLO_ACCOUNT_BLOCK) - firstBlock) * S;
    let hits = 0;
    let badDebtSum = 0;
    for (let s = 0; s < S; s++) {
      const e = e0 + pnl[s];
      if (!(e <= bound)) continue;
      if (p.tiered && !(e <= tieredMaintenanceAt(p.tiered, book, multiplier, S, s, k))) continue;
      let notional = faceUsd;
      for (let u = 0; u < A; u++) if (gross[u] !== 0) notional += gross[u] * multiplier[u * S + s];
      const penalty = Math.min(p.penaltyRate * notional, e > 0 ? e : 0);
      const badDebt = e < 0 ? -e : 0;
      part.blockBadDebtUsd[b + s] += badDebt;
      part.blockPenaltiesUsd[b + s] += penalty;
      part.blockNotionalLiquidatedUsd[b + s] += notional;
      part.accountsLiquidated[s]++;
      hits++;
      badDebtSum += badDebt;
    }
    part.liquidationProbability[j] = hits / S;
    part.expectedBadDebtUsd[j] = badDebtSum / S;
  }
  return part;
}
