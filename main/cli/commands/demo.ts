import type { Command } from '../command';
import { numberFlag } from '../flags';

/** The models the smoke pipeline margins the sample book under (a bracket model and a portfolio model). */
const DEMO_MODELS = ['preset:tiered-binance-btcusdt-mark', 'preset:scenario-span-16'];

export const demo: Command = {
  path: ['demo'],
  summary: 'Create the SYNTHETIC sample workspace and run a smoke pipeline over it (margin under two models, a backtest)',
  usage: 'mwb demo [--seed N] [--json]',
  options: { seed: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const seed = numberFlag(args, 'seed', { integer: true, min: 0, max: 2 ** 31 - 1, default: 20260101 });
    const wb = ctx.workbench();
    const sample = await wb.services.workspace.createSample({ seed });
    const dataset = wb.services.datasets.get(sample.datasetId);
    const margin = [];
    for (const modelId of DEMO_MODELS) {
      const run = await wb.services.margin.compute({ bookId: sample.bookId, modelId, datasetId: sample.datasetId });
      margin.push({ runId: run.runId, model: run.model.name, at: run.at, ...run.totals, resultHash: run.resultHash });
    }
    const bt = await wb.services.calibration.backtest({
      prices: { kind: 'dataset', ref: sample.datasetId }, target: { type: 'asset', asset: 'BTC' }, apc: 'none',
      model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 500, lambda: 0.94, measure: 'var' },
    });
    return {
      synthetic: true,
      note: 'SYNTHETIC sample workspace generated from a seed; not market data.',
      seed,
      dataset: { id: dataset.id, name: dataset.name, assets: dataset.series.length, firstDate: sample.firstDate, lastDate: sample.lastDate, days: sample.days },
      book: { id: sample.bookId, accounts: sample.accounts, positions: sample.positions },
      counts: { accounts: sample.accounts, assets: sample.assets.length, dates: sample.days },
      pipeline: {
        margin,
        backtest: {
          runId: bt.runId, asset: 'BTC', model: 'HS 99% W500 h1', observations: bt.observations, exceptions: bt.exceptions,
          coverage: bt.coverage, kupiecPValue: bt.kupiec.pValue, trafficLight: bt.trafficLight.zone, resultHash: bt.resultHash,
        },
      },
    };
  },
};
