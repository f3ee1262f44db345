// Walk-forward backtest of the REAL BTC and ETH history (../shared/data/market, never copied into the
// repository): HS, 500-day window, 99 %, h = 1, over the whole file, through `mwb backtest` (in-process
// CLI from source, the backtest in a worker thread).
//
// Independent recomputation (Debian python3, numpy 1.24.2, scipy 1.10.1), on each CSV's `close` column:
//   c = closes as float; L[d] = −(c[d]/c[d−1] − 1)
//   for t in range(500, len(c) − 1): VaR_t = np.quantile(L[t−499 : t+1], 0.99)   (type 7)
//                                    exception_t = L[t+1] > VaR_t
//   Kupiec LR = −2[(n−x) ln 0.99 + x ln 0.01 − (n−x) ln(1 − x/n) − x ln(x/n)], p = scipy.stats.chi2.sf(LR, 1)
// Rows are rows of the file: BTC's and ETH's six 2026 calendar gaps make those returns span 2–4 days.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mwbInProcess, parsed } from '../cli/calibrationCli';
import { requireMarketDir } from './helpers';

interface Backtest { largestExceptionLoss: number | null; observations: number; exceptions: number; exceptionDates: string[]; firstDate: string; lastDate: string; kupiec: { lr: number; pValue: number } }

const backtest = async (file: string): Promise<Backtest> => parsed<Backtest>(await mwbInProcess(['--json', 'backtest', '--prices', join(requireMarketDir(), file),
  '--asset', file.slice(0, 3), '--method', 'hs', '--window', '500', '--confidence', '0.99', '--horizon', '1']));

describe('HS VaR backtest on the reference history (W = 500, α = 0.99, h = 1)', () => {
  it('BTC: 26 exceptions in 2,641 days; 2020-03-11 is one (the −39.5 % close of 2020-03-12)', async () => {
    const r = await backtest('BTC-USD.csv');
    expect({ observations: r.observations, exceptions: r.exceptions, firstDate: r.firstDate, lastDate: r.lastDate })
      .toEqual({ observations: 2641, exceptions: 26, firstDate: '2018-12-30', lastDate: '2026-03-29' });
    expect(r.exceptionDates).toContain('2020-03-11');
    // numpy: L[d] on 2020-03-12 = −(4800.00 / 7934.52 − 1) = 0.3950484717412017, the worst day of the file.
    expect(r.largestExceptionLoss).toBeCloseTo(0.3950484717412017, 14);
    expect(r.exceptionDates.slice(0, 6)).toEqual(['2019-06-26', '2019-07-13', '2019-07-15', '2019-09-23', '2020-03-11', '2020-09-02']);
    expect(r.exceptionDates.slice(-3)).toEqual(['2025-10-09', '2026-01-30', '2026-02-04']);
    expect(r.kupiec.lr).toBeCloseTo(0.006462498749954193, 10);
    expect(r.kupiec.pValue).toBeCloseTo(0.9359273439089795, 8);
  });

  it('ETH: 37 exceptions in 2,641 days; 2020-03-11 is one (−44.6 % the next day)', async () => {
    const r = await backtest('ETH-USD.csv');
    expect({ observations: r.observations, exceptions: r.exceptions, firstDate: r.firstDate, lastDate: r.lastDate })
      .toEqual({ observations: 2641, exceptions: 37, firstDate: '2018-12-30', lastDate: '2026-03-29' });
    expect(r.exceptionDates).toContain('2020-03-11');
    // numpy: L[d] on 2020-03-12 = 0.44596886079852016, the worst day of the file.
    expect(r.largestExceptionLoss).toBeCloseTo(0.44596886079852016, 14);
    expect(r.exceptionDates.slice(0, 6)).toEqual(['2019-02-23', '2019-07-13', '2019-09-23', '2020-03-07', '2020-03-11', '2020-09-02']);
    expect(r.exceptionDates.slice(-3)).toEqual(['2025-10-09', '2026-01-30', '2026-02-04']);
    expect(r.kupiec.lr).toBeCloseTo(3.8139150049931914, 10);
    expect(r.kupiec.pValue).toBeCloseTo(0.05082851474477692, 8);
  });
});
