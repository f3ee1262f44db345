/**
 * The effect of each anti-procyclicality measure on one model (docs/methodology,
 * "Anti-procyclicality"): the same walk-forward backtest with no measure, each measure alone and
 * all together, over the same test days, so cost (average margin) and procyclicality (peak-to-trough,
 * largest 1- and 5-day increases) can be read with and without.
 */
import { InputError } from '../errors';
import { APC_VARIANTS, apcLabel } from './apc';
import type { ApcSettings } from './apc';
import { backtestLossHistory } from './backtest';
import type { LossHistory } from './lossHistory';
import type { VarModel } from './var';

export interface ApcEffect {
  variant: string;
  label: string;
  averageMargin: number;
  /** averageMargin / averageMargin(no measure) − 1. */
  averageMarginChange: number;
  peakToTroughRatio: number | null;
  largestOneDayIncrease: number;
  largestFiveDayIncrease: number;
  exceptions: number;
  coverage: number;
  kupiecPValue: number;
  /** The margin path on the test days (for the with/without chart). */
  margin: Float64Array;
}

export interface ApcEffects {
  dates: string[];
  effects: ApcEffect[];
}

export function antiProcyclicalityEffects(
  history: LossHistory,
  model: VarModel,
  options: { from?: string; to?: string; variants?: Readonly<Record<string, ApcSettings>> } = {},
): ApcEffects {
  const variants = options.variants ?? APC_VARIANTS;
  if (!('none' in variants)) throw new InputError("APC effects need a 'none' variant to compare against");
  // Every measure is defined wherever the model's own margin is (apc.ts), so all variants share
  // the same test days.
  const aligned = Object.entries(variants).map(([variant, apc]) => ({ variant, apc, r: backtestLossHistory(history, model, { apc, from: options.from, to: options.to }) }));
  const base = aligned.find((x) => x.variant === 'none')!.r.averageMargin;
  return {
    dates: aligned[0].r.series.dates,
    effects: aligned.map(({ variant, apc, r }) => ({
      variant,
      label: apcLabel(apc),
      averageMargin: r.averageMargin,
      averageMarginChange: r.averageMargin / base - 1,
      peakToTroughRatio: r.procyclicality.peakToTroughRatio,
      largestOneDayIncrease: r.procyclicality.largestOneDayIncrease,
      largestFiveDayIncrease: r.procyclicality.largestFiveDayIncrease,
      exceptions: r.exceptions,
      coverage: r.coverage,
      kupiecPValue: r.kupiec.pValue,
      margin: r.series.margin,
    })),
  };
}
