import type { EpisodeReplayOutput, ParsedInputOf } from '../../preload/contract';
import { InputError, NotFoundError } from '../core/errors';
import { parseEpisode, parseEpisodeFile, type Episode } from '../core/stress/episodes';
import { replayEpisode, scenarioFromReplay, type CloseSeries } from '../core/stress/replay';
import episodesJson from '../../resources/episodes.json';
import type { ServiceContext } from './context';

/** The built-in episode library (resources/episodes.json, bundled at build time and validated on load). */
export const EPISODES: readonly Episode[] = parseEpisodeFile(episodesJson);

export type ReplayRequest = Omit<ParsedInputOf<'episode:replay'>, 'datasetId'>;

/** The library episode, or the custom window as an episode (id `custom:<from>..<to>`, anchored at `to` unless given). */
export function episodeOf(req: Pick<ReplayRequest, 'episodeId' | 'window'>): Episode {
  if (req.episodeId !== undefined) {
    const e = EPISODES.find((x) => x.id === req.episodeId);
    if (!e) throw new NotFoundError(`no episode "${req.episodeId}" in the library (${EPISODES.map((x) => x.id).join(', ')})`);
    return e;
  }
  const w = req.window;
  if (!w) throw new InputError('episodeId: give a library episode id or a custom window');
  const anchorDate = w.anchorDate ?? w.to;
  return parseEpisode({
    id: `custom:${w.from}..${w.to}`, name: w.name ?? `Custom window ${w.from} to ${w.to}`, anchorDate, from: w.from, to: w.to,
    description: 'User-defined window', windowRationale: `anchored at ${anchorDate}`,
  }, 'window');
}

/**
 * Replays an episode on daily closes by asset (core/stress/replay.ts) and offers the result as a savable
 * price scenario. Shared by episode:replay (a stored dataset) and `mwb episode` (files read directly).
 */
export function replayOnSeries(series: Readonly<Record<string, CloseSeries>>, datasetId: string, req: ReplayRequest): EpisodeReplayOutput {
  const episode = episodeOf(req);
  const replay = replayEpisode(series, episode, { mode: req.mode, horizonDays: req.horizonDays, assets: req.assets });
  const scenario = replay.moves.length > 0 ? scenarioFromReplay(replay, episode) : null;
  return {
    episode: { ...episode },
    datasetId,
    mode: replay.mode,
    horizonDays: replay.horizonDays,
    moves: replay.moves,
    missingAssets: replay.missingAssets,
    scenario: scenario as EpisodeReplayOutput['scenario'],
  };
}

/** The episode library and its replay on a stored dataset. */
export function episodesService(ctx: ServiceContext) {
  return {
    list(): { episodes: Episode[] } {
      return { episodes: EPISODES.map((e) => ({ ...e })) };
    },
    replay(input: ParsedInputOf<'episode:replay'>): EpisodeReplayOutput {
      const dataset = ctx.store.datasets.get(input.datasetId) ?? ctx.store.datasets.findByName(input.datasetId);
      if (!dataset) throw new NotFoundError(`no dataset with id or name "${input.datasetId}"`);
      const wanted = input.assets ?? dataset.series.map((s) => s.asset);
      const have = new Set(dataset.series.map((s) => s.asset));
      const series: Record<string, CloseSeries> = {};
      for (const a of wanted) if (have.has(a)) series[a] = ctx.store.datasets.readSeries(dataset.id, a);
      const { datasetId: _ignored, ...req } = input;
      return replayOnSeries(series, dataset.id, { ...req, assets: wanted });
    },
  };
}
