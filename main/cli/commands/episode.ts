import { InputError } from '../../core/errors';
import type { CloseSeries } from '../../core/stress/replay';
import { replayOnSeries } from '../../services/scenariosEpisodes';
import type { Command } from '../command';
import { enumFlag, numberFlag, requiredString, stringFlag } from '../flags';
import { resolvePrices } from '../prices';

const ASSET = /^[A-Z0-9]{1,20}$/;

/** `mwb episode`: the multi-asset moves of one library episode replayed on daily closes (files read directly, or a dataset). */
export const episodeCommand: Command = {
  path: ['episode'],
  summary: 'Replay a historical stress episode (resources/episodes.json) on daily closes: per-asset moves, missing assets, the savable scenario',
  usage: 'mwb episode --prices DIR|FILE|DATASET --name ID [--mode close-to-close|worst-window] [--horizon H] [--assets BTC,ETH] [--json]',
  options: { prices: { type: 'string' }, name: { type: 'string' }, mode: { type: 'string' }, horizon: { type: 'string' }, assets: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const episodeId = requiredString(args, 'name');
    const mode = enumFlag(args, 'mode', ['close-to-close', 'worst-window'] as const, 'close-to-close');
    const horizon = stringFlag(args, 'horizon');
    if (horizon !== undefined && mode === 'close-to-close') throw new InputError('--horizon is only used with --mode worst-window (a close-to-close replay runs from the close before the episode to its anchor day)');
    const horizonDays = horizon === undefined ? undefined : numberFlag(args, 'horizon', { min: 1, max: 366, integer: true });
    const list = stringFlag(args, 'assets');
    const assets = list === undefined ? undefined : list.split(',').map((a) => a.trim()).filter((a) => a.length > 0);
    assets?.forEach((a) => { if (!ASSET.test(a)) throw new InputError(`--assets: "${a}" is not an upper-case asset symbol such as BTC`); });
    if (assets !== undefined && assets.length === 0) throw new InputError('--assets: name at least one asset');
    const prices = resolvePrices(ctx, requiredString(args, 'prices'));
    const series: Record<string, CloseSeries> = Object.fromEntries(prices.series);
    const { datasetId: _source, ...replay } = replayOnSeries(series, prices.source, {
      episodeId, mode: mode === 'close-to-close' ? 'closeToClose' : 'worstWindow', ...(horizonDays !== undefined ? { horizonDays } : {}),
      ...(assets ? { assets } : {}),
    });
    return { prices: prices.source, ...replay };
  },
  text(result) {
    const r = result as ReturnType<typeof replayOnSeries> & { prices: string };
    return [
      `${r.episode.name} (${r.episode.id}), ${r.mode} ${r.horizonDays} day(s), on ${r.prices}`,
      ...r.moves.map((m) => `  ${m.asset.padEnd(8)} ${m.fromDate} ${String(m.fromClose).padStart(14)} → ${m.toDate} ${String(m.toClose).padStart(14)}  ${m.returnPct.toFixed(2).padStart(8)} %`),
      ...r.missingAssets.map((m) => `  ${m.asset.padEnd(8)} not replayed: ${m.reason}`),
    ].join('\n');
  },
};
