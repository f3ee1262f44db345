import { InputError } from '../core/errors';
import { alignSeries } from '../core/market/align';
import { annualiseVol, ewmaVariance } from '../core/market/ewma';
import { simpleReturns } from '../core/market/returns';
import type { MarketSnapshot, PriceSeries } from '../core/market/types';
import type { ServiceContext } from './context';

/** Stablecoins priced at 1 USD when the dataset has no series for them (reported, never silent). */
export const USD_PEGGED = new Set(['USD', 'USDT', 'USDC', 'BUSD', 'DAI', 'FDUSD', 'TUSD']);
/** RiskMetrics decay for the proxy volatility of option revaluation (docs/methodology.md). */
export const PROXY_VOL_LAMBDA = 0.94;

export interface MarketContext {
  snapshot: MarketSnapshot;
  /**
   * Aligned closes up to and including `at` for every asset the dataset has (history for VaR models);
   * `constant` lists the assets assumed pegged (no series: zero shocks, zero variance in VaR models).
   */
  history: { dates: string[]; assets: string[]; close: Float64Array[]; constant: string[] };
  /** Assets assumed at 1 USD because the dataset has no series for them. */
  assumedPegged: string[];
}

/**
 * Builds the valuation market for a book at a date from a stored dataset: spot = the close at `at`,
 * vol = annualised EWMA(λ = 0.94) realised vol of daily returns up to `at` (the proxy for implied vol;
 * a dataset has no option prices). `at` defaults to the last date every needed asset has.
 */
export function marketContext(ctx: ServiceContext, datasetId: string, assets: readonly string[], at?: string): MarketContext {
  const dataset = ctx.store.datasets.get(datasetId) ?? ctx.store.datasets.findByName(datasetId);
  if (!dataset) throw new InputError(`no dataset with id or name "${datasetId}"`);
  const have = new Set(dataset.series.map((s) => s.asset));
  const missing = assets.filter((a) => !have.has(a));
  const notPegged = missing.filter((a) => !USD_PEGGED.has(a));
  if (notPegged.length) throw new InputError(`dataset "${dataset.name}" has no prices for ${notPegged.join(', ')} (it has ${[...have].join(', ')})`);
  const needed = assets.filter((a) => have.has(a));
  if (needed.length === 0) throw new InputError(`dataset "${dataset.name}" has none of the book's assets (${assets.join(', ')})`);
  const series: PriceSeries[] = needed.map((a) => ctx.store.datasets.readSeries(dataset.id, a, undefined, at));
  for (const s of series) if (s.dates.length < 2) throw new InputError(`dataset "${dataset.name}": ${s.asset} has fewer than 2 closes up to ${at ?? 'its end'}`);
  const aligned = alignSeries(series, 'drop');
  const last = aligned.dates.length - 1;
  if (last < 0) throw new InputError(`dataset "${dataset.name}": the assets ${needed.join(', ')} share no date${at ? ` up to ${at}` : ''}`);
  const date = aligned.dates[last]!;
  if (at && date !== at) throw new InputError(`dataset "${dataset.name}" has no common close on ${at} for ${needed.join(', ')} (latest common date: ${date})`);
  const spot: Record<string, number> = {};
  const vol: Record<string, number> = {};
  needed.forEach((a, k) => {
    const close = aligned.close[k]!;
    spot[a] = close[last]!;
    const returns = simpleReturns(close, 1);
    const variance = ewmaVariance(returns, PROXY_VOL_LAMBDA, Math.min(30, returns.length));
    vol[a] = annualiseVol(Math.sqrt(variance[variance.length - 1]!));
  });
  for (const a of missing) {
    spot[a] = 1;
    vol[a] = 0;
  }
  return {
    snapshot: { date, spot, vol, rate: 0 },
    history: { dates: aligned.dates, assets: needed, close: aligned.close, constant: [...missing] },
    assumedPegged: missing,
  };
}
