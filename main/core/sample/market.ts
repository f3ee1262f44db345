/**
 * The SYNTHETIC sample market: daily OHLCV bars for the risk assets (GJR-GARCH, Student-t, asymmetric
 * factor correlation, scripted crashes; returns.ts) and the stablecoins (stablecoin.ts). Deterministic:
 * the same spec and seed give bit-identical bars.
 */
import type { Bar } from '../market/types';
import { createRng } from '../numeric/rng';
import { addDays, dailyCalendar, deriveSeed, requireSeed } from './calendar';
import { exponential, formatBars, logReturnsOf, volumeUsdPath } from './bars';
import { simulateRiskAssetPaths } from './returns';
import { simulateStablecoin } from './stablecoin';
import type { SampleWorkspaceSpec } from './spec';

/** A scripted stress window of the sample market (crash episode or stablecoin de-peg), inclusive dates. */
export interface SampleEpisode {
  name: string;
  from: string;
  to: string;
}

export interface SampleMarket {
  /** Dataset name, e.g. "Sample market (SYNTHETIC)". */
  name: string;
  synthetic: true;
  /** Risk assets first (spec order), then stablecoins. */
  assets: string[];
  /** Bars per asset, one per calendar day from firstDate to lastDate, no gaps. */
  series: Record<string, Bar[]>;
  episodes: SampleEpisode[];
}

/** Salt of the market's stream within a workspace seed (the book uses another). */
export const MARKET_SEED_SALT = 1;

export function generateSampleMarket(spec: SampleWorkspaceSpec, seed: number): SampleMarket {
  const market = spec.market;
  const rng = createRng(deriveSeed(requireSeed(seed), MARKET_SEED_SALT));
  const dates = dailyCalendar(market.firstDate, market.lastDate);
  const series: Record<string, Bar[]> = {};

  const paths = simulateRiskAssetPaths(market, dates.length, rng.fork());
  market.assets.forEach((a, i) => {
    const path = paths[i];
    const intradayRng = rng.fork();
    const n = dates.length;
    const lowWickLog = new Float64Array(n);
    const highWickLog = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      // Wicks scale with the day's conditional volatility; scripted crash days add their own excursion.
      highWickLog[t] = exponential(intradayRng, a.wickUpVolFraction * path.conditionalVol[t]) + path.highWickLog[t];
      lowWickLog[t] = exponential(intradayRng, a.wickDownVolFraction * path.conditionalVol[t]) + path.lowWickLog[t];
    }
    const returns = logReturnsOf(path.logClose, path.firstDayLogReturn);
    series[a.symbol] = formatBars({
      symbol: a.symbol,
      dates,
      logClose: path.logClose,
      firstDayLogReturn: path.firstDayLogReturn,
      lowWickLog,
      highWickLog,
      volumeUsd: volumeUsdPath(returns, a.dailyVol, a, intradayRng),
      pricePrecision: a.pricePrecision,
      volumePrecision: a.volumePrecision,
    });
  });
  for (const s of market.stablecoins) {
    series[s.symbol] = formatBars(simulateStablecoin(s, dates, rng.fork()));
  }

  const episodes: SampleEpisode[] = [
    ...market.episodes.map((e) => ({ name: e.name, from: e.from, to: addDays(e.from, e.days.length - 1) })),
    ...market.stablecoins.flatMap((s) => s.depegs.map((d) => ({ name: d.name, from: d.from, to: addDays(d.from, d.closes.length - 1) }))),
  ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));

  return {
    name: market.name,
    synthetic: true,
    assets: [...market.assets.map((a) => a.symbol), ...market.stablecoins.map((s) => s.symbol)],
    series,
    episodes,
  };
}
