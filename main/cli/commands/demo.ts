import type { Command } from '../command';
import { numberFlag } from '../flags';

export const demo: Command = {
  path: ['demo'],
  summary: 'Create the SYNTHETIC sample workspace and run a smoke pipeline over it',
  usage: 'mwb demo [--seed N] [--json]',
  options: { seed: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const seed = numberFlag(args, 'seed', { integer: true, min: 0, max: 2 ** 31 - 1, default: 20260101 });
    const wb = ctx.workbench();
    const sample = await wb.services.workspace.createSample({ seed });
    const dataset = wb.services.datasets.get(sample.datasetId);
    return {
      synthetic: true,
      note: 'SYNTHETIC sample workspace generated from a seed; not market data.',
      seed,
      dataset: { id: dataset.id, name: dataset.name, assets: dataset.series.length, firstDate: sample.firstDate, lastDate: sample.lastDate, days: sample.days },
      book: { id: sample.bookId, accounts: sample.accounts, positions: sample.positions },
      counts: { accounts: sample.accounts, assets: sample.assets.length, dates: sample.days },
    };
  },
};
