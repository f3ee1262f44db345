import { describe, expect, it } from 'vitest';
import {
  backtestInput, calibrateInput, defaultBacktestForm, defaultCalibrateForm, defaultSweepGrid, gridSize, lookbackLadder, modelOfSweepRow,
  parseList, sweepConfig, type BacktestForm,
} from '../../renderer/src/components/calibration/calibrationForm';
import { pValue, ratio, statistic } from '../../renderer/src/components/calibration/figures';

const form = (change: Partial<BacktestForm> = {}): BacktestForm => ({ ...defaultBacktestForm(), datasetId: 'ds-1', asset: 'BTC', ...change });

describe('calibration forms → contract payloads', () => {
  it('parses typed lists and names the field and token that are not numbers', () => {
    expect(parseList('0.99, 0.975;0.95  0.99', 'axes.confidences')).toEqual({ ok: true, value: [0.99, 0.975, 0.95] });
    expect(parseList(' ', 'axes.windowDays')).toEqual({ ok: false, message: 'axes.windowDays: enter at least one value' });
    expect(parseList('250, 5OO', 'axes.windowDays')).toEqual({ ok: false, message: 'axes.windowDays: "5OO" is not a number' });
  });

  it('builds a backtest payload for one asset or a weighted portfolio, validated by the contract schema', () => {
    expect(backtestInput(form())).toEqual({
      ok: true,
      value: {
        prices: 'ds-1', target: { type: 'asset', asset: 'BTC' },
        model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 500, lambda: 0.94, measure: 'var' }, apc: 'none',
      },
    });
    const portfolio = backtestInput(form({ targetType: 'portfolio', weights: { BTC: '0.6', ETH: '-0.4', SOL: ' ' }, from: '2022-01-01', apc: 'floor10y' }));
    expect(portfolio.ok && portfolio.value).toMatchObject({ target: { type: 'portfolio', weights: { BTC: 0.6, ETH: -0.4 } }, from: '2022-01-01', apc: 'floor10y' });
    expect(backtestInput(form({ targetType: 'portfolio', weights: { ETH: 'half' } }))).toEqual({ ok: false, message: 'target.weights.ETH: "half" is not a number' });
    expect(backtestInput(form({ confidence: 1.2 }))).toEqual({ ok: false, message: 'Backtest: model.confidence: must be below 1' });
    expect(backtestInput(form({ windowDays: 10 }))).toMatchObject({ ok: false, message: expect.stringContaining('model.windowDays:') });
    expect(backtestInput(form({ to: '2024-02-30' }))).toEqual({ ok: false, message: 'Backtest: to: is not a real calendar date' });
    expect(backtestInput(form({ datasetId: null }))).toEqual({ ok: false, message: 'prices: choose a dataset' });
  });

  it('counts the sweep grid and refuses one over 5,000 sets as the service would', () => {
    const grid = { ...defaultSweepGrid(), methods: ['hs', 'fhs'] as ('hs' | 'fhs')[], ewmaLambdas: '0.94, 0.97', apcVariants: ['none', 'all'] as ('none' | 'all')[] };
    // hs ignores λ: 2 α × 2 L × 1 × 1 h × 2 APC = 8 sets; fhs: 2 × 2 × 2 λ × 1 × 2 = 16 → 24 of the 32 combinations.
    expect(gridSize(grid)).toEqual({ sizes: [2, 2, 2, 2, 1, 2], total: 32, sets: 24 });
    // The e2e sweep: 630 sets, as main/core/calibration/sweep.ts sweepGrid makes (180 hs + 360 fhs + 90 parametric).
    expect(gridSize({ methods: ['hs', 'fhs', 'parametric'], confidences: '0.99 0.975 0.95', windowDays: '250 500 750 1000', ewmaLambdas: '0.94 0.97', horizonDays: '1 2 5', apcVariants: ['none', 'buffer25', 'stressed25', 'floor10y', 'all'] }))
      .toEqual({ sizes: [3, 3, 4, 2, 3, 5], total: 1080, sets: 630 });
    expect(gridSize({ ...grid, horizonDays: '1, x' })).toBeNull();
    const ok = sweepConfig(grid, form());
    expect(ok.ok && ok.value).toEqual({
      prices: 'ds-1', assets: ['BTC'],
      axes: { methods: ['hs', 'fhs'], confidences: [0.99, 0.975], windowDays: [250, 500], ewmaLambdas: [0.94, 0.97], horizonDays: [1], apcVariants: ['none', 'all'] },
    });
    const huge = { ...grid, windowDays: Array.from({ length: 40 }, (_, i) => 250 + i).join(','), horizonDays: '1,2,3,4,5,6,7,8,9,10' };
    expect(gridSize(huge)?.total).toBe(6400);
    expect(gridSize(huge)?.sets).toBe(4800);
    expect(sweepConfig(huge, form())).toEqual({ ok: false, message: 'Sweep: axes: the grid has more than 5,000 parameter sets' });
    expect(sweepConfig(grid, form({ targetType: 'portfolio', weights: {} }))).toEqual({ ok: false, message: 'assets: choose an asset (or give portfolio weights) above' });
  });

  it('builds a calibration payload with only the parts asked for', () => {
    const f = { ...defaultCalibrateForm(), assets: ['BTC', 'ETH'], bracketCapsUsd: '100000, 1000000', haircutAmountUsd: '1000000', cap: '0.5' };
    const out = calibrateInput(f, 'ds-1', '2025-06-30');
    expect(out.ok && out.value).toEqual({
      prices: 'ds-1', assets: ['BTC', 'ETH'], at: '2025-06-30', confidence: 0.99, lookbackDays: 365, horizonDays: 2, cap: 0.5,
      brackets: { notionalCapsUsd: [100000, 1000000], participationRate: 0.1 }, haircuts: { liquidationAmountUsd: 1000000, participationRate: 0.1 },
      advDays: 30, bootstrap: { seed: 1, resamples: 1000, level: 0.9 },
    });
    expect(calibrateInput({ ...f, floor: 'ten' }, 'ds-1')).toEqual({ ok: false, message: 'floor: "ten" is not a number' });
    expect(calibrateInput({ ...f, resamples: 10 }, 'ds-1')).toMatchObject({ ok: false, message: expect.stringContaining('bootstrap.resamples:') });
    expect(calibrateInput({ ...f, assets: [] }, 'ds-1')).toMatchObject({ ok: false, message: expect.stringContaining('assets:') });
  });

  it('loads a sweep row into the model fields and picks lookbacks that fit the data', () => {
    expect(modelOfSweepRow({ method: 'fhs', confidence: 0.975, windowDays: 750, ewmaLambda: 0.97, horizonDays: 2, apcVariant: 'buffer25' }))
      .toEqual({ method: 'fhs', confidence: 0.975, windowDays: 750, lambda: 0.97, horizonDays: 2, apc: 'buffer25' });
    // 2,557 closes, h = 1: at most 2557 − 1 − 1 − 30 = 2525 losses after the EWMA seed.
    expect(lookbackLadder(2557, 1, 600)).toEqual([125, 250, 375, 500, 600, 750, 1000, 1500, 2000]);
    expect(lookbackLadder(200, 1, 500)).toEqual([125]);
  });

  it('formats statistics, p-values and ratios for the tables', () => {
    expect(statistic(11.339697177055683)).toBe('11.3397');
    expect([0.9225791656100018, 0.0034321407432025726, 8.914617355242394e-11, 0].map(pValue)).toEqual(['0.9226', '0.003432', '8.915e-11', '0']);
    expect([3.5626798019227346, null].map(ratio)).toEqual(['3.56×', '—']);
  });
});
