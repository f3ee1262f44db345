import { combineMonteCarlo, type MonteCarloResult, type PreparedMonteCarlo } from '../../core/stress/monteCarlo';
import { MONTE_CARLO_ACCOUNT_BLOCK, type MonteCarloPart } from '../../core/stress/monteCarloAccounts';
import type { JobPool } from '../../jobs/pool';

/** [0, n) split into at most `parts` ranges that start on MONTE_CARLO_ACCOUNT_BLOCK multiples (core requires it). */
export function blockRanges(n: number, parts: number): { from: number; to: number }[] {
  const blocks = Math.ceil(n / MONTE_CARLO_ACCOUNT_BLOCK);
  const k = Math.max(1, Math.min(parts, blocks));
  return Array.from({ length: k }, (_, i) => ({
    from: Math.floor((i * blocks) / k) * MONTE_CARLO_ACCOUNT_BLOCK,
    to: Math.min(n, Math.floor(((i + 1) * blocks) / k) * MONTE_CARLO_ACCOUNT_BLOCK),
  })).filter((r) => r.to > r.from);
}

export interface MonteCarloOnPoolOptions {
  /** Parts run as `${jobId}-part-${firstPart + i}` so job:cancel reaches them. */
  jobId: string;
  kind: string;
  firstPart: number;
  /** Account ranges (default: 2 per worker thread, so progress moves before the last part ends). */
  parts?: number;
  onAccounts?: (accountsDone: number, accounts: number) => void;
}

/**
 * The Monte Carlo kernel over account ranges on the worker pool (task 'stress:monteCarloAccounts'), folded by
 * combineMonteCarlo on this side. The prepared input is structured-cloned to each part; the result is
 * bit-identical to one thread whatever the split (core folds book sums per absolute account block).
 */
export async function monteCarloOnPool(pool: JobPool, prepared: PreparedMonteCarlo, o: MonteCarloOnPoolOptions): Promise<MonteCarloResult> {
  const n = prepared.terms.book.accounts.count;
  let done = 0;
  const parts = await Promise.all(blockRanges(n, o.parts ?? 2 * pool.threads).map((r, i) =>
    pool.run<MonteCarloPart>('stress:monteCarloAccounts', { prepared, ...r }, { jobId: `${o.jobId}-part-${o.firstPart + i}`, kind: o.kind }).then((part) => {
      done += r.to - r.from;
      o.onAccounts?.(done, n);
      return part;
    })));
  return combineMonteCarlo(prepared, parts);
}
