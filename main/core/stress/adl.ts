/**
 * Auto-deleveraging (docs/methodology stress-book-runs, "Auto-deleveraging"). When the insurance fund
 * cannot pay a round's bad debt, the deficit is socialised on the profitable accounts on the other side
 * of the bankrupt positions, in the BitMEX ADL queue order:
 *
 *   ranking_j,a = PnL%_j,a × effective leverage_j,a = (uPnL_j,a / collateral_j) × (|x_j,a|·S_a / equity_j)
 *
 * uPnL_j,a = unrealised PnL of j's positions on asset a (> 0 to qualify), x_j,a its net coin exposure
 * (sign opposite to the bankrupt side), collateral and equity at the final prices (equity > 0). A profitable
 * account with collateral ≤ 0 has an unbounded PnL% and ranks first (ties: account order). BitMEX ranks by
 * "PNL percentage × effective leverage" (BitMEX, "Auto-Deleveraging" guide); the ratios above are the
 * issue's account-level reading of it.
 *
 * The deficit of a bucket (asset, bankrupt side) is taken down the queue; account j gives up at most
 * min(its remaining uPnL_j,a, its remaining equity) — the profit forfeited when its position is closed
 * at the bankrupt position's price, never more than it has. What no counterparty can absorb is residual
 * bad debt.
 */
export interface AdlInput {
  assets: readonly string[];
  accountIds: readonly string[];
  /** Deficit per bucket: [2a] from bankrupt LONG positions on a (counterparties short), [2a+1] from bankrupt shorts. */
  deficitUsd: Float64Array;
  /** N × A net coin exposure at the final prices. */
  exposureCoin: Float64Array;
  /** N × A unrealised position PnL at the final prices. */
  positionPnlUsd: Float64Array;
  equityUsd: Float64Array;
  collateralUsd: Float64Array;
  prices: Float64Array;
  /** 1 when the account may be deleveraged (still open, holds positions, equity > 0). */
  eligible: Uint8Array;
}

export interface AdlHit {
  /** Position in the queue of its bucket (1 = first). */
  rank: number;
  account: number;
  accountId: string;
  asset: string;
  /** Side of the counterparty's position (opposite to the bankrupt one). */
  side: 'long' | 'short';
  unrealisedPnlUsd: number;
  /** uPnL / collateral (Infinity when collateral ≤ 0). */
  pnlFraction: number;
  /** notional / equity. */
  effectiveLeverage: number;
  rankingScore: number;
  /** Loss socialised on this account. */
  amountUsd: number;
}

export interface AdlOutcome {
  triggered: boolean;
  hits: AdlHit[];
  /** Per account: total amount socialised on it. */
  adlUsd: Float64Array;
  socialisedLossUsd: number;
  /** Deficit no counterparty could absorb. */
  unabsorbedUsd: number;
}

interface Candidate {
  account: number;
  pnl: number;
  pnlFraction: number;
  effectiveLeverage: number;
  score: number;
}

export function autoDeleverage(input: AdlInput): AdlOutcome {
  const A = input.assets.length;
  const N = input.accountIds.length;
  const adlUsd = new Float64Array(N);
  const equityLeft = Float64Array.from(input.equityUsd);
  const hits: AdlHit[] = [];
  let socialised = 0;
  let unabsorbed = 0;
  let triggered = false;
  for (let a = 0; a < A; a++) {
    for (let bankruptSide = 0; bankruptSide < 2; bankruptSide++) {
      let remaining = input.deficitUsd[2 * a + bankruptSide];
      if (!(remaining > 0)) continue;
      triggered = true;
      const wantShort = bankruptSide === 0;
      const queue: Candidate[] = [];
      for (let j = 0; j < N; j++) {
        if (!input.eligible[j]) continue;
        const x = input.exposureCoin[j * A + a];
        const pnl = input.positionPnlUsd[j * A + a];
        if (!(pnl > 0) || (wantShort ? !(x < 0) : !(x > 0))) continue;
        const collateral = input.collateralUsd[j];
        const equity = input.equityUsd[j];
        const pnlFraction = collateral > 0 ? pnl / collateral : Infinity;
        const effectiveLeverage = (Math.abs(x) * input.prices[a]) / equity;
        queue.push({ account: j, pnl, pnlFraction, effectiveLeverage, score: pnlFraction * effectiveLeverage });
      }
      queue.sort((p, q) => (q.score - p.score) || (p.account - q.account));
      for (let r = 0; r < queue.length && remaining > 0; r++) {
        const c = queue[r];
        const take = Math.min(remaining, c.pnl, Math.max(0, equityLeft[c.account]));
        if (!(take > 0)) continue;
        remaining -= take;
        equityLeft[c.account] -= take;
        adlUsd[c.account] += take;
        socialised += take;
        hits.push({
          rank: r + 1, account: c.account, accountId: input.accountIds[c.account], asset: input.assets[a], side: wantShort ? 'short' : 'long',
          unrealisedPnlUsd: c.pnl, pnlFraction: c.pnlFraction, effectiveLeverage: c.effectiveLeverage, rankingScore: c.score, amountUsd: take,
        });
      }
      unabsorbed += remaining;
    }
  }
  return { triggered, hits, adlUsd, socialisedLossUsd: socialised, unabsorbedUsd: unabsorbed };
}
