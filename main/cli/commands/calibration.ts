import type { BacktestOutput, CalibrationVarOutput } from '../../../preload/contract/schemas/calibrationChannels';
import { ApcVariant } from '../../../preload/contract/schemas/calibration';
import { InputError } from '../../core/errors';
import { valueAtRiskOf } from '../../services/calibration';
import { pricesFromSeries } from '../../services/calibrationPrices';
import { diagnoseWork } from '../../services/calibrationWork';
import { backtestCliSummary, diagnoseOutput } from '../../services/calibrationOutputs';
import type { Command, ParsedCommandArgs } from '../command';
import { enumFlag, numberFlag, requiredString, stringFlag } from '../flags';
import { assetFlag, dateFlag, priceSourceOf, VAR_OPTIONS, varSpecFlags } from './calibrationShared';

/** `mwb var`: VaR / ES of a long position at one date (fractions of its value). */
export const varCommand: Command = {
  path: ['var'],
  summary: 'VaR and ES of a long position at a date (hs, fhs or parametric), as fractions of its value',
  usage: 'mwb var --prices FILE|DIR|DATASET --asset SYM --window N --confidence A --horizon H --method hs|fhs|parametric [--lambda L] [--measure var|es] [--at DATE] [--json]',
  options: { ...VAR_OPTIONS, at: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const asset = assetFlag(args)!;
    const model = varSpecFlags(args);
    const at = dateFlag(args, 'at');
    const source = priceSourceOf(ctx, requiredString(args, 'prices'), '--prices');
    // Cheap: computed in-process; CSV files never open the store.
    const r: CalibrationVarOutput = source.kind === 'series'
      ? valueAtRiskOf(pricesFromSeries(source.source, source.series, [asset]), { asset, model, at })
      : await ctx.workbench().services.calibration.valueAtRisk({ prices: source, asset, model, at });
    return { var: r.var, es: r.es, observations: r.observations, at: r.at, asset, method: r.method, confidence: r.confidence, horizonDays: r.horizonDays, windowDays: r.windowDays, source: r.source };
  },
  text(result) {
    const r = result as { var: number; es: number; observations: number; at: string; asset: string; method: string; confidence: number; horizonDays: number };
    return `${r.asset} ${r.method} at ${r.at}: VaR ${(100 * r.var).toFixed(2)}%  ES ${(100 * r.es).toFixed(2)}%  ` +
      `(α = ${r.confidence}, h = ${r.horizonDays} d, ${r.observations} observations; loss as a share of a long position)`;
  },
};

/** `--weights BTC:0.6,ETH:-0.4` (fractions of notional) for a fixed-portfolio backtest. */
function weightsFlag(args: ParsedCommandArgs): Record<string, number> | undefined {
  const raw = stringFlag(args, 'weights');
  if (raw === undefined) return undefined;
  const weights: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const m = /^\s*([A-Z0-9]{1,20})\s*:\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)\s*$/.exec(part);
    if (!m) throw new InputError(`--weights "${part}": expected ASSET:WEIGHT, e.g. BTC:0.6,ETH:0.4`);
    if (m[1] in weights) throw new InputError(`--weights: ${m[1]} appears twice`);
    weights[m[1]] = Number(m[2]);
  }
  if (Object.values(weights).every((w) => w === 0)) throw new InputError('--weights are all zero');
  return weights;
}

/** `mwb backtest`: walk-forward backtest with coverage tests; recorded as a run when the prices are a stored dataset. */
export const backtestCommand: Command = {
  path: ['backtest'],
  summary: 'Walk-forward VaR backtest of an asset or fixed portfolio: exceptions, Kupiec, Christoffersen, traffic light',
  usage: 'mwb backtest --prices FILE|DIR|DATASET (--asset SYM | --weights A:w,B:w) --window N --confidence A --horizon H --method hs|fhs|parametric ' +
    '[--lambda L] [--measure var|es] [--apc none|buffer25|stressed25|floor10y|all] [--from DATE] [--to DATE] [--json]',
  options: { ...VAR_OPTIONS, weights: { type: 'string' }, apc: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const weights = weightsFlag(args);
    const asset = assetFlag(args, weights === undefined);
    if (asset !== undefined && weights !== undefined) throw new InputError('give either --asset or --weights, not both');
    const model = varSpecFlags(args);
    const apc = enumFlag(args, 'apc', ApcVariant.options, 'none');
    const from = dateFlag(args, 'from');
    const to = dateFlag(args, 'to');
    if (from && to && from > to) throw new InputError(`--from ${from} is after --to ${to}`);
    const prices = priceSourceOf(ctx, requiredString(args, 'prices'), '--prices');
    const target = weights ? { type: 'portfolio' as const, weights } : { type: 'asset' as const, asset: asset! };
    const r: BacktestOutput = await ctx.workbench().services.calibration.backtest({ prices, target, model, apc, from, to });
    return backtestCliSummary(r);
  },
  text(result) {
    const r = result as ReturnType<typeof backtestCliSummary>;
    return [
      `${r.label} ${r.firstDate} .. ${r.lastDate}: ${r.exceptions} exceptions in ${r.observations} days (coverage ${(100 * r.coverage).toFixed(2)}%)`,
      `Kupiec LR ${r.kupiec.lr.toFixed(3)} (p ${r.kupiec.pValue.toFixed(4)}); Christoffersen LRind ${r.christoffersen.lrInd.toFixed(3)} (p ${r.christoffersen.pValueInd.toFixed(4)}), LRcc ${r.christoffersen.lrCc.toFixed(3)} (p ${r.christoffersen.pValueCc.toFixed(4)})`,
      `Traffic light: ${r.trafficLight.zone} (green ≤ ${r.trafficLight.greenMax}, yellow ≤ ${r.trafficLight.yellowMax})`,
      ...(r.runId ? [`Run ${r.runId} (result ${r.resultHash})`] : []),
    ].join('\n');
  },
};

/** `mwb diagnose`: data diagnostics before a calibration (moments, Jarque–Bera, ADF, drawdown, worst moves). */
export const diagnoseCommand: Command = {
  path: ['diagnose'],
  summary: 'Data diagnostics of one asset: moments, Jarque–Bera, ADF on log prices and returns, drawdown, worst moves',
  usage: 'mwb diagnose --prices FILE|DIR|DATASET --asset SYM [--adf-lags N] [--horizon H] [--worst N] [--json]',
  options: { prices: { type: 'string' }, asset: { type: 'string' }, 'adf-lags': { type: 'string' }, horizon: { type: 'string' }, worst: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const asset = assetFlag(args)!;
    const lags = numberFlag(args, 'adf-lags', { integer: true, min: 0, max: 100, required: false });
    const request = {
      asset,
      horizonDays: numberFlag(args, 'horizon', { integer: true, min: 1, max: 365, default: 1 }),
      adfLags: Number.isNaN(lags) ? ('aic' as const) : lags,
      worstMoveCount: numberFlag(args, 'worst', { integer: true, min: 1, max: 50, default: 5 }),
    };
    const prices = priceSourceOf(ctx, requiredString(args, 'prices'), '--prices');
    if (prices.kind === 'series') {
      const loaded = pricesFromSeries(prices.source, prices.series, [asset]);
      return diagnoseOutput(diagnoseWork({ series: loaded.series.get(asset)!, ...request }), loaded.source);
    }
    return ctx.workbench().services.calibration.diagnose({ prices, ...request });
  },
};
