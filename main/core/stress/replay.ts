/**
 * Replay of a historical episode on the user's own price data (docs/methodology stress-scenarios,
 * "Historical episodes"). Two modes, per asset, on daily closes keyed by UTC day:
 *   closeToClose   close(from − 1 day) → close(anchorDate). For a one-day episode anchored at
 *                  2020-03-12 that is the 2020-03-11 close → 2020-03-12 close (Binance BTC/USDT
 *                  7934.52 → 4800.00 = −39.50 %).
 *   worstWindow    the most negative h-day move close(d − h) → close(d) with both days in
 *                  [from − 1, to]; ties go to the earliest. Worst per asset, so the assets' worst
 *                  days need not coincide (a conservative, non-simultaneous replay).
 * Both closes must exist on exactly those calendar days: an asset whose data lacks them is listed in
 * `missingAssets` with the reason, never filled in or shifted to a neighbouring day.
 */
import { InputError } from '../errors';
import { addDays, daysBetween, parseIsoDay } from '../market/calendar';
import type { Episode } from './episodes';
import type { ScenarioWire } from './scenario';

/** What replay needs of a price series (PriceSeries satisfies it). */
export interface CloseSeries {
  dates: readonly string[];
  close: ArrayLike<number>;
}

export interface ReplayOptions {
  mode: 'closeToClose' | 'worstWindow';
  /** h for worstWindow (default 1); must fit in the window: h <= to − from + 1. Ignored by closeToClose. */
  horizonDays?: number;
  /** Assets to replay (default: every key of seriesByAsset); an asset without data is reported missing. */
  assets?: readonly string[];
}

export interface ReplayMove {
  asset: string;
  fromDate: string;
  toDate: string;
  fromClose: number;
  toClose: number;
  /** (toClose − fromClose) / fromClose × 100. */
  returnPct: number;
}

export interface ReplayResult {
  episodeId: string;
  mode: 'closeToClose' | 'worstWindow';
  /** Days per move: anchor − from + 1 for closeToClose, h for worstWindow. */
  horizonDays: number;
  moves: ReplayMove[];
  missingAssets: { asset: string; reason: string }[];
}

/** Close on each day of a series, checked (strictly ascending days, closes finite and > 0). */
function closesByDay(series: CloseSeries, asset: string): Map<string, number> {
  if (series.dates.length !== series.close.length) {
    throw new InputError(`replayEpisode: ${asset} has ${series.dates.length} dates but ${series.close.length} closes`);
  }
  const out = new Map<string, number>();
  let previous = -Infinity;
  series.dates.forEach((d, i) => {
    const day = parseIsoDay(d);
    if (day === undefined) throw new InputError(`replayEpisode: ${asset} date at index ${i} "${d}" is not a calendar day`);
    if (day <= previous) throw new InputError(`replayEpisode: ${asset} dates must be strictly ascending: ${d} at index ${i}`);
    previous = day;
    const c = series.close[i];
    if (!(c > 0) || !Number.isFinite(c)) throw new InputError(`replayEpisode: ${asset} close on ${d} must be a finite price > 0, got ${c}`);
    out.set(d, c);
  });
  return out;
}

function move(asset: string, fromDate: string, toDate: string, fromClose: number, toClose: number): ReplayMove {
  return { asset, fromDate, toDate, fromClose, toClose, returnPct: ((toClose - fromClose) / fromClose) * 100 };
}

/** Replay an episode on daily closes by asset. */
export function replayEpisode(
  seriesByAsset: Readonly<Record<string, CloseSeries>>, episode: Episode, options: ReplayOptions,
): ReplayResult {
  if (options.mode !== 'closeToClose' && options.mode !== 'worstWindow') {
    throw new InputError(`replayEpisode: mode must be 'closeToClose' or 'worstWindow', got ${String(options.mode)}`);
  }
  const start = addDays(episode.from, -1);
  const windowDays = daysBetween(episode.from, episode.to) + 1;
  let h = daysBetween(episode.from, episode.anchorDate) + 1;
  if (options.mode === 'worstWindow') {
    h = options.horizonDays ?? 1;
    if (!Number.isInteger(h) || h < 1 || h > windowDays) {
      throw new InputError(`replayEpisode: horizonDays must be an integer in [1, ${windowDays}] for episode ${episode.id} (${episode.from}…${episode.to}), got ${h}`);
    }
  }
  const assets = options.assets ?? Object.keys(seriesByAsset);
  const moves: ReplayMove[] = [];
  const missingAssets: { asset: string; reason: string }[] = [];
  for (const asset of assets) {
    const series = Object.prototype.hasOwnProperty.call(seriesByAsset, asset) ? seriesByAsset[asset] : undefined;
    if (series === undefined) {
      missingAssets.push({ asset, reason: 'no price series for this asset' });
      continue;
    }
    const closes = closesByDay(series, asset);
    if (options.mode === 'closeToClose') {
      const p0 = closes.get(start);
      const p1 = closes.get(episode.anchorDate);
      if (p0 === undefined || p1 === undefined) {
        missingAssets.push({ asset, reason: `no close on ${[p0 === undefined ? start : null, p1 === undefined ? episode.anchorDate : null].filter(Boolean).join(' and ')}` });
      } else {
        moves.push(move(asset, start, episode.anchorDate, p0, p1));
      }
      continue;
    }
    let worst: ReplayMove | null = null;
    for (let end = h; end <= windowDays; end++) {
      const d0 = addDays(start, end - h);
      const d1 = addDays(start, end);
      const p0 = closes.get(d0);
      const p1 = closes.get(d1);
      if (p0 === undefined || p1 === undefined) continue;
      const m = move(asset, d0, d1, p0, p1);
      if (worst === null || m.returnPct < worst.returnPct) worst = m;
    }
    if (worst === null) missingAssets.push({ asset, reason: `no pair of closes ${h} day(s) apart within ${start}…${episode.to}` });
    else moves.push(worst);
  }
  return { episodeId: episode.id, mode: options.mode, horizonDays: h, moves, missingAssets };
}

/**
 * A replay as a price scenario: one relative price shock per replayed asset with
 * shockPct = the replayed returnPct (JSON form, ready to save, review and parse).
 */
export function scenarioFromReplay(replay: ReplayResult, episode: Episode, name?: string): ScenarioWire {
  if (replay.episodeId !== episode.id) throw new InputError(`scenarioFromReplay: the replay is of episode ${replay.episodeId}, not ${episode.id}`);
  if (replay.moves.length === 0) throw new InputError(`scenarioFromReplay: the replay of ${episode.id} has no moves (every asset is missing)`);
  const how = replay.mode === 'closeToClose'
    ? `close-to-close ${addDays(episode.from, -1)} → ${episode.anchorDate}`
    : `worst ${replay.horizonDays}-day move per asset within ${addDays(episode.from, -1)}…${episode.to}`;
  const missing = replay.missingAssets.length === 0 ? '' : `; not replayed (no data): ${replay.missingAssets.map((m) => m.asset).join(', ')}`;
  return {
    schemaVersion: 1,
    name: name ?? `${episode.name} (${replay.mode === 'closeToClose' ? 'close-to-close' : `worst ${replay.horizonDays}d`})`,
    description: `Replay of episode ${episode.id}: ${how}${missing}.`,
    source: `episode ${episode.id}, ${replay.mode}`,
    shocks: replay.moves.map((m) => ({ type: 'price', shift: 'relative', assets: [m.asset], shockPct: m.returnPct })),
  };
}
