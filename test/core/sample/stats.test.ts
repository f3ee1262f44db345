import { describe, expect, it } from 'vitest';
import { autocorrelation, excessKurtosis, fastDrawdownWindows, pearson, quantile7 } from './stats';

// A fixed sample; every reference below was computed from it with Debian's scipy 1.17 / statsmodels 0.13.5
// / numpy 2.x (/usr/bin/python3).
const X = [0.012, -0.034, 0.051, -0.008, 0.027, -0.091, 0.004, 0.018, -0.022, 0.14, -0.065, 0.009, 0.031, -0.047, 0.002, 0.076, -0.013, -0.029, 0.055, -0.101];
const Y = [0.01, -0.02, 0.047, 0.001, 0.02, -0.11, 0.012, 0.011, -0.03, 0.12, -0.04, 0.002, 0.045, -0.05, -0.004, 0.06, -0.02, -0.01, 0.07, -0.12];
const TOL = 1e-12;

describe('test statistics match the Python references', () => {
  it('excess kurtosis = scipy.stats.kurtosis(x, fisher=True, bias=True)', () => {
    expect(excessKurtosis(X)).toBeCloseTo(0.39421165935186586, 12);
  });
  it('lag-1 autocorrelation of x² = statsmodels acf(x**2, nlags=1, fft=False)[1]', () => {
    expect(Math.abs(autocorrelation(X.map((v) => v * v), 1) - -0.053764777710267726)).toBeLessThan(TOL);
  });
  it('Pearson correlation = scipy.stats.pearsonr(x, y)[0]', () => {
    expect(Math.abs(pearson(X, Y) - 0.9717182851480208)).toBeLessThan(TOL);
  });
  it('type-7 quantiles = numpy.percentile(x, q)', () => {
    expect(quantile7(X, 0.99)).toBeCloseTo(0.12783999999999993, 12);
    expect(quantile7(X, 0.5)).toBeCloseTo(0.003, 12);
    expect(quantile7(X, 0.1)).toBeCloseTo(-0.0676, 12);
  });
  it('fast drawdown windows merge nearby days and measure from the 10-day peak', () => {
    const dates = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];
    // 100 → 60 is a 40 % drawdown on d2, still 35 % on d3; 25 % on d4 is too shallow.
    const windows = fastDrawdownWindows(dates, [100, 90, 60, 65, 75, 100], 0.3, 10);
    expect(windows).toEqual([{ from: 'd2', to: 'd3', worst: 1 - 60 / 100 }]);
  });
});
