// The BUILT `mwb` (out/cli/mwb.js, worker out/main/worker.js) end to end on the SYNTHETIC fixtures
// of test/fixtures/calibration. The figures are checked in depth in calibration.test.ts (in-process);
// here: the bundle runs the same code, workers included. References: test/fixtures/calibration/reference.py
// (Debian python3: numpy 1.24.2, scipy 1.10.1, statsmodels 0.13.5).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOf, runMwb } from '../helpers/mwb';
import { tempDir } from '../helpers/tmp';
import { CALA, FIXTURES } from './calibrationCli';

const tmp = tempDir('mwb-calib-built-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'built.db');

describe('built mwb: calibration commands', () => {
  it('mwb var = np.quantile(L[-250:], 0.99) and the tail mean', () => {
    const r = jsonOf<{ var: number; es: number; observations: number; at: string }>(runMwb(['var', '--prices', CALA, '--asset', 'CALA', '--window', '250',
      '--confidence', '0.99', '--horizon', '1', '--method', 'hs', '--json']));
    expect(r.var).toBeCloseTo(0.08936629365269036, 14);
    expect(r.es).toBeCloseTo(0.14113563733951798, 14);
    expect(r).toMatchObject({ observations: 250, at: '2023-09-27' });
  });

  it('mwb backtest in a worker thread: 2022-06-12 is an exception, zones 0–4 / 5–9 for 250 days at 99 %', () => {
    const r = jsonOf<{ observations: number; exceptions: number; exceptionDates: string[]; kupiec: { pValue: number }; trafficLight: { greenMax: number; yellowMax: number } }>(
      runMwb(['--db', db, 'backtest', '--prices', CALA, '--asset', 'CALA', '--window', '250', '--confidence', '0.99', '--horizon', '1', '--method', 'hs',
        '--from', '2022-01-01', '--to', '2022-09-07', '--json']));
    expect(r).toMatchObject({ observations: 250, exceptions: 3, exceptionDates: ['2022-04-10', '2022-06-12', '2022-06-22'], trafficLight: { greenMax: 4, yellowMax: 9 } });
    // scipy.stats.chi2.sf(0.09494012266443264, 1)
    expect(r.kupiec.pValue).toBeCloseTo(0.75798832137329, 12);
  });

  it('mwb diagnose: ADF on log prices = statsmodels adfuller(regression="c", autolag="AIC")', () => {
    const r = jsonOf<{ adfLogPrice: { statistic: number; pValue: number; lags: number }; adfReturns: { lags: number } }>(
      runMwb(['diagnose', '--prices', CALA, '--asset', 'CALA', '--json']));
    expect(r.adfLogPrice.statistic).toBeCloseTo(-0.8263258671723585, 9);
    expect(r.adfLogPrice.pValue).toBeCloseTo(0.8112664817450015, 9);
    expect([r.adfLogPrice.lags, r.adfReturns.lags]).toEqual([3, 2]);
  });

  it('mwb sweep runs its parts on the worker pool and draws progress from job:progress events', () => {
    const r = runMwb(['--db', db, 'sweep', '--config', join(FIXTURES, 'sweep.json'), '--json'], { MWB_PROGRESS: 'lines' });
    const out = jsonOf<{ sets: number; parts: number; rows: unknown[]; frontier: { frontierIds: string[] } }>(r);
    expect(out.sets).toBe(96); // hs 2·2·1·2·3 + fhs 2·2·2·2·3 + parametric 2·1·2·2·3
    expect(out.rows).toHaveLength(96);
    expect(out.parts).toBeGreaterThan(1);
    expect(out.frontier.frontierIds.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/calibration:sweep 100% 96 of 96 parameter sets/);
  });

  it('bad flags exit 2 with one line naming the flag', () => {
    const r = runMwb(['backtest', '--prices', CALA, '--asset', 'CALA', '--window', '250', '--confidence', '0.99', '--method', 'hs', '--apc', 'floor5y']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--apc "floor5y" must be one of');
  });
});
