import { describe, expect, it } from 'vitest';
import { diagnoseAsset } from '../../../main/core/calibration/diagnostics';
import type { PriceSeries } from '../../../main/core/market/types';
import { SHORT_PATH, SHORT_PATH_DATES } from '../market/shortPath';

const close = (actual: number, expected: number, rel = 1e-10): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

function series(asset: string, c: Float64Array, dates: string[]): PriceSeries {
  return { asset, dates, open: c, high: c, low: c, close: c, volume: new Float64Array(c.length) };
}

const btc = series('BTC', SHORT_PATH, SHORT_PATH_DATES);

describe('diagnoseAsset', () => {
  const d = diagnoseAsset(btc, { horizonDays: 3, worstMoveCount: 3 });

  it('moments of daily log returns match scipy (scipy 1.17.1 / numpy 2.4.6, bias=True)', () => {
    // r = np.diff(np.log(p)); np.mean(r); np.std(r, ddof=1)*np.sqrt(365);
    // stats.skew(r, bias=True); stats.kurtosis(r, fisher=True, bias=True); stats.jarque_bera(r)
    expect(d.asset).toBe('BTC');
    expect([d.firstDate, d.lastDate, d.closes, d.returns, d.missingDays]).toEqual(['2023-03-01', '2023-05-19', 80, 79, 0]);
    close(d.meanDailyLogReturn, -0.003104499655862891, 1e-9);
    close(d.annualisedVol, 0.6563029339156179);
    close(d.skewness, 0.839681828722525);
    close(d.excessKurtosis, 2.9831563438702746);
    close(d.jarqueBera.statistic, 38.57663505032223);
    close(d.jarqueBera.pValue, 4.199427942244972e-9, 1e-9);
  });

  it('ADF on ln P and on returns match statsmodels 0.13.5 adfuller(regression="c", autolag="AIC")', () => {
    close(d.adfLogPrice.statistic, -1.642969440388255, 1e-9);
    close(d.adfLogPrice.pValue, 0.46070959861488614, 1e-9);
    expect(d.adfLogPrice.lags).toBe(1);
    close(d.adfReturns.statistic, -6.969394043366251, 1e-9);
    close(d.adfReturns.pValue, 8.74397098535761e-10, 1e-9);
    expect(d.adfReturns.lags).toBe(0);
    // a unit root in prices is not rejected; returns are stationary
    expect(d.adfLogPrice.pValue).toBeGreaterThan(0.1);
    expect(d.adfReturns.pValue).toBeLessThan(0.01);
  });

  it('passes fixed lags and the AIC search limit through to the ADF test', () => {
    // statsmodels 0.13.5: adfuller(np.log(p), maxlag=1, autolag=None) → same τ as the AIC choice (lag 1)
    const fixed = diagnoseAsset(btc, { horizonDays: 3, adfLags: 1 });
    close(fixed.adfLogPrice.statistic, -1.642969440388255, 1e-9);
    expect(fixed.adfLogPrice.icBest).toBeUndefined();
    // statsmodels 0.13.5: adfuller(np.diff(np.log(p)), autolag='AIC', maxlag=4) → icbest −285.5730245605289
    const limited = diagnoseAsset(btc, { horizonDays: 3, maxAdfLags: 4 });
    close(limited.adfReturns.icBest!, -285.5730245605289, 1e-9);
    expect(() => diagnoseAsset(btc, { horizonDays: 3, adfLags: 2, maxAdfLags: 4 })).toThrow(/maxAdfLags applies only/);
  });

  it('reports the drawdown and worst non-overlapping h-day moves with dates', () => {
    expect(d.maxDrawdown.peakDate).toBe('2023-03-04');
    expect(d.maxDrawdown.troughDate).toBe('2023-04-20');
    close(d.maxDrawdown.maxDrawdown, -0.46113958473851757);
    expect(d.horizonDays).toBe(3);
    expect(d.worstMoves.map((m) => m.startDate)).toEqual(['2023-04-09', '2023-04-15', '2023-03-19']);
    expect(diagnoseAsset(btc, { horizonDays: 1 }).worstMoves).toHaveLength(5); // default count
  });

  it('rejects short, constant and non-positive series, naming the asset', () => {
    expect(() => diagnoseAsset(series('ETH', SHORT_PATH.subarray(0, 9), SHORT_PATH_DATES.slice(0, 9)), { horizonDays: 1 }))
      .toThrow(/ETH: needs at least 10 closes, got 9/);
    const flat = new Float64Array(30).fill(1);
    expect(() => diagnoseAsset(series('USDC', flat, SHORT_PATH_DATES.slice(0, 30)), { horizonDays: 1 })).toThrow(/constant/);
    const bad = Float64Array.from(SHORT_PATH);
    bad[5] = -1;
    expect(() => diagnoseAsset(series('SOL', bad, SHORT_PATH_DATES), { horizonDays: 1 })).toThrow(/SOL: price on 2023-03-06/);
    expect(() => diagnoseAsset(series('SOL', SHORT_PATH, SHORT_PATH_DATES.slice(1)), { horizonDays: 1 })).toThrow(/79 dates but 80 prices/);
    const shuffled = [...SHORT_PATH_DATES];
    [shuffled[3], shuffled[4]] = [shuffled[4], shuffled[3]];
    expect(() => diagnoseAsset(series('SOL', SHORT_PATH, shuffled), { horizonDays: 1 })).toThrow(/strictly ascending/);
  });

  it('counts missing calendar days', () => {
    const gappy = [...SHORT_PATH_DATES.slice(0, 40), ...SHORT_PATH_DATES.slice(43)];
    const c = Float64Array.from([...SHORT_PATH.subarray(0, 40), ...SHORT_PATH.subarray(43)]);
    expect(diagnoseAsset(series('BTC', c, gappy), { horizonDays: 1 }).missingDays).toBe(3);
  });
});
