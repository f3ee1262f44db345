// `mwb var | backtest | diagnose | calibrate | sweep` run in-process (runCli from source, worker
// tasks through the tsx shim) on the SYNTHETIC fixtures of test/fixtures/calibration (generate.mjs).
// Reference values: test/fixtures/calibration/reference.py run with Debian's /usr/bin/python3
// (numpy 1.24.2, scipy 1.10.1, statsmodels 0.13.5), which re-implements the conventions from scratch.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { CALA, FIXTURES, mwbInProcess, parsed, PRICES_DIR } from './calibrationCli';

const tmp = tempDir('mwb-calib-cli-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'calib.db');

/** Float64 agreement with numpy: same order statistics, same arithmetic up to summation order. */
const REL = 1e-12;
const closeTo = (actual: number, expected: number, rel = REL): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

const varArgs = (...extra: string[]) => ['--json', 'var', '--prices', CALA, '--asset', 'CALA', ...extra];
interface VarJson { var: number; es: number; observations: number; at: string }

describe('mwb var (CSV file, in-process, no store)', () => {
  it('hs, W = 250, α = 0.99, h = 1 at the last date = numpy type-7 quantile and tail mean', async () => {
    const r = parsed<VarJson>(await mwbInProcess(varArgs('--window', '250', '--confidence', '0.99', '--horizon', '1', '--method', 'hs')));
    // reference.py: w = L[-250:]; np.quantile(w, 0.99) (method='linear'); w[w >= q].mean()
    closeTo(r.var, 0.08936629365269036);
    closeTo(r.es, 0.14113563733951798);
    expect(r).toMatchObject({ observations: 250, at: '2023-09-27' });
  });

  it('fhs, W = 500, α = 0.975, λ = 0.94 at 2023-06-30 = numpy filtered HS', async () => {
    const r = parsed<VarJson>(await mwbInProcess(varArgs('--window', '500', '--confidence', '0.975', '--horizon', '1', '--method', 'fhs', '--lambda', '0.94', '--at', '2023-06-30')));
    // reference.py var_path('fhs'): z_e = L_e / vol[e−1]; vol[t] · np.quantile(z[t−499..t], 0.975); vol[t] · mean(z ≥ q)
    closeTo(r.var, 0.06958142111039736, 1e-11);
    closeTo(r.es, 0.11999377581386911, 1e-11);
    expect(r).toMatchObject({ observations: 500, at: '2023-06-30' });
  });

  it('parametric, α = 0.99, h = 2, λ = 0.97 on the crash day uses data up to and including it', async () => {
    const r = parsed<VarJson>(await mwbInProcess(varArgs('--confidence', '0.99', '--horizon', '2', '--method', 'parametric', '--lambda', '0.97', '--at', '2022-06-13')));
    // reference.py: scipy.stats.norm.ppf(0.99) · vol[t] · √2 and vol[t] · √2 · norm.pdf(norm.ppf(0.99)) / 0.01
    closeTo(r.var, 0.17983277186364363, 1e-11);
    closeTo(r.es, 0.20602802624813787, 1e-11);
  });

  it('hs with overlapping 2-day losses, W = 300, α = 0.975 at 2022-12-31', async () => {
    const r = parsed<VarJson>(await mwbInProcess(varArgs('--window', '300', '--confidence', '0.975', '--horizon', '2', '--method', 'hs', '--at', '2022-12-31')));
    // reference.py: L = −(P_t/P_{t−2} − 1); np.quantile(L[t−299..t], 0.975)
    closeTo(r.var, 0.10738348614331955);
    closeTo(r.es, 0.1716070640741743);
  });
});

interface BacktestJson {
  observations: number; exceptions: number; exceptionDates: string[]; coverage: number; largestExceptionLoss: number | null;
  kupiec: { lr: number; pValue: number }; christoffersen: { lrInd: number; pValueInd: number; lrCc: number; pValueCc: number };
  trafficLight: { zone: string; greenMax: number; yellowMax: number }; firstDate: string; lastDate: string; runId?: string; resultHash?: string;
}

/** reference.py backtest(): exceptions, Kupiec and Christoffersen with scipy.stats.chi2.sf. */
function expectBacktest(r: BacktestJson, ref: Omit<BacktestJson, 'kupiec' | 'christoffersen' | 'trafficLight' | 'coverage'> & Record<'lr' | 'pValue' | 'lrInd' | 'pValueInd' | 'lrCc' | 'pValueCc', number>): void {
  expect({ observations: r.observations, exceptions: r.exceptions, exceptionDates: r.exceptionDates, firstDate: r.firstDate, lastDate: r.lastDate })
    .toEqual({ observations: ref.observations, exceptions: ref.exceptions, exceptionDates: ref.exceptionDates, firstDate: ref.firstDate, lastDate: ref.lastDate });
  closeTo(r.largestExceptionLoss!, ref.largestExceptionLoss!);
  closeTo(r.coverage, 1 - ref.exceptions / ref.observations);
  // LRs are differences of log-likelihoods: agreement to ~1e−13 absolute.
  for (const [k, v] of [['lr', r.kupiec.lr], ['lrInd', r.christoffersen.lrInd], ['lrCc', r.christoffersen.lrCc]] as const) closeTo(v, ref[k], 1e-10);
  for (const [k, v] of [['pValue', r.kupiec.pValue], ['pValueInd', r.christoffersen.pValueInd], ['pValueCc', r.christoffersen.pValueCc]] as const) {
    expect(Math.abs(v - ref[k]), k).toBeLessThanOrEqual(1e-10 * Math.max(ref[k], 1e-12));
  }
}

const backtestArgs = (...extra: string[]) => ['--json', '--db', db, 'backtest', '--prices', CALA, '--asset', 'CALA', ...extra];

describe('mwb backtest (CSV file)', () => {
  it('hs, W = 250, α = 0.99, h = 1 over 250 days of 2022: numpy/scipy figures and the Basel zones 0–4 / 5–9 / ≥ 10', async () => {
    const r = parsed<BacktestJson>(await mwbInProcess(backtestArgs('--window', '250', '--confidence', '0.99', '--horizon', '1', '--method', 'hs', '--from', '2022-01-01', '--to', '2022-09-07')));
    expectBacktest(r, {
      observations: 250, exceptions: 3, exceptionDates: ['2022-04-10', '2022-06-12', '2022-06-22'], firstDate: '2022-01-01', lastDate: '2022-09-07',
      largestExceptionLoss: 0.2499999169563506, // the −25 % crash of 2022-06-13, realised over (06-12, 06-13]
      lr: 0.09494012266443264, pValue: 0.75798832137329, lrInd: 0.07317254548595287, pValueInd: 0.7867723531107524,
      lrCc: 0.1681126681503855, pValueCc: 0.9193794622445023,
    });
    // BCBS (1996), "Supervisory framework for the use of backtesting", Table 2: 250 observations at 99 %:
    // green 0–4, yellow 5–9, red 10 or more.
    expect(r.trafficLight).toEqual({ zone: 'green', greenMax: 4, yellowMax: 9 });
    expect(r.runId).toBeUndefined(); // a CSV file is not a stored dataset: nothing is recorded
  });

  it('fhs, W = 500, α = 0.99, h = 1 over the whole file', async () => {
    const r = parsed<BacktestJson>(await mwbInProcess(backtestArgs('--window', '500', '--confidence', '0.99', '--horizon', '1', '--method', 'fhs')));
    expectBacktest(r, {
      observations: 469, exceptions: 6, exceptionDates: ['2022-06-22', '2022-12-10', '2023-03-12', '2023-05-23', '2023-07-21', '2023-09-14'],
      firstDate: '2022-06-15', lastDate: '2023-09-26', largestExceptionLoss: 0.2030771386534015,
      lr: 0.33962214417881853, pValue: 0.5600474086829312, lrInd: 0.1558485369840099, pValueInd: 0.6930077908670674,
      lrCc: 0.49547068116282844, pValueCc: 0.7805665002193242,
    });
  });

  it('parametric, α = 0.975, h = 2: overlapping losses cluster exceptions, which Christoffersen rejects', async () => {
    const r = parsed<BacktestJson>(await mwbInProcess(backtestArgs('--window', '250', '--confidence', '0.975', '--horizon', '2', '--method', 'parametric')));
    expectBacktest(r, {
      observations: 968, exceptions: 26, firstDate: '2021-01-31', lastDate: '2023-09-25', largestExceptionLoss: 0.285853525138425,
      exceptionDates: ['2021-03-18', '2021-03-19', '2021-04-15', '2021-04-20', '2021-07-16', '2021-07-17', '2021-10-24', '2021-10-25', '2022-01-04',
        '2022-01-05', '2022-01-26', '2022-03-15', '2022-06-11', '2022-06-12', '2022-06-22', '2022-09-04', '2022-11-17', '2022-11-18', '2022-11-19',
        '2022-12-09', '2023-01-19', '2023-03-11', '2023-03-12', '2023-07-20', '2023-07-21', '2023-09-14'],
      lr: 0.13411816785884412, pValue: 0.7141998198131965, lrInd: 35.632331034775234, pValueInd: 2.382995057229773e-09,
      lrCc: 35.76644920263408, pValueCc: 1.7116471331061812e-08,
    });
  });

  it('a fixed portfolio (CALA 0.6, CALB 0.4) on the common days; CALB\'s two missing days are dropped', async () => {
    const r = parsed<BacktestJson>(await mwbInProcess(['--json', '--db', db, 'backtest', '--prices', PRICES_DIR, '--weights', 'CALA:0.6,CALB:0.4',
      '--window', '250', '--confidence', '0.99', '--horizon', '1', '--method', 'hs']));
    // reference.py: inner join of the two files' dates, L = −(0.6 r_A + 0.4 r_B), rolling np.quantile(·, 0.99) over 250.
    expectBacktest(r, {
      observations: 747, exceptions: 7, exceptionDates: ['2021-10-25', '2022-04-10', '2022-06-12', '2022-06-22', '2023-03-12', '2023-07-21', '2023-07-26'],
      firstDate: '2021-09-08', lastDate: '2023-09-26', largestExceptionLoss: 0.17149117824398583,
      lr: 0.03051073871958465, pValue: 0.8613364004818405, lrInd: 0.1326136204869357, pValueInd: 0.7157373915835834,
      lrCc: 0.16312435920652035, pValueCc: 0.9216753986614887,
    });
  });
});

interface Adf { statistic: number; pValue: number; lags: number; nobs: number }
describe('mwb diagnose (CSV file)', () => {
  it('ADF on log prices and log returns = statsmodels adfuller(regression="c", autolag="AIC"); moments = scipy', async () => {
    const r = parsed<{ adfLogPrice: Adf; adfReturns: Adf; skewness: number; excessKurtosis: number; annualisedVol: number; jarqueBera: { statistic: number } }>(
      await mwbInProcess(['--json', 'diagnose', '--prices', CALA, '--asset', 'CALA']));
    // statsmodels 0.13.5 adfuller(np.log(close), regression='c', autolag='AIC') → (stat, p, usedlag, nobs)
    expect({ lags: r.adfLogPrice.lags, nobs: r.adfLogPrice.nobs }).toEqual({ lags: 3, nobs: 996 });
    closeTo(r.adfLogPrice.statistic, -0.8263258671723585, 1e-9);
    closeTo(r.adfLogPrice.pValue, 0.8112664817450015, 1e-9);
    // adfuller(np.diff(np.log(close)), regression='c', autolag='AIC'): τ below MacKinnon's τ_min → p = 0
    expect({ lags: r.adfReturns.lags, nobs: r.adfReturns.nobs, pValue: r.adfReturns.pValue }).toEqual({ lags: 2, nobs: 996, pValue: 0 });
    closeTo(r.adfReturns.statistic, -20.845269686635024, 1e-9);
    // scipy.stats.skew / kurtosis (bias=True) / jarque_bera of the daily log returns; np.std(ddof=1)·√365
    closeTo(r.skewness, -1.3390851972120261, 1e-10);
    closeTo(r.excessKurtosis, 13.977855603059258, 1e-10);
    closeTo(r.jarqueBera.statistic, 8431.270453234292, 1e-10);
    closeTo(r.annualisedVol, 0.7385407581704428, 1e-12);
  });

  it('--adf-lags 5 = adfuller(maxlag=5, autolag=None)', async () => {
    const r = parsed<{ adfLogPrice: Adf; adfReturns: Adf }>(await mwbInProcess(['--json', 'diagnose', '--prices', CALA, '--asset', 'CALA', '--adf-lags', '5']));
    expect({ lags: r.adfLogPrice.lags, nobs: r.adfLogPrice.nobs }).toEqual({ lags: 5, nobs: 994 });
    closeTo(r.adfLogPrice.statistic, -0.7183970029687033, 1e-9);
    closeTo(r.adfLogPrice.pValue, 0.8419265792549924, 1e-9);
    expect({ lags: r.adfReturns.lags, nobs: r.adfReturns.nobs }).toEqual({ lags: 5, nobs: 993 });
    closeTo(r.adfReturns.statistic, -14.844389679692943, 1e-9);
    expect(Math.abs(r.adfReturns.pValue - 1.8166345854583974e-27)).toBeLessThanOrEqual(1e-8 * 1.8166345854583974e-27);
  });
});

describe('stored datasets: recorded runs', () => {
  it('a backtest on a stored dataset is a run with hashes; the same inputs give the same resultHash', async () => {
    parsed(await mwbInProcess(['--json', '--db', db, 'import', 'prices', CALA, join(PRICES_DIR, 'CALB-USD.csv'), '--dataset', 'Calib fixtures']));
    const args = ['--json', '--db', db, 'backtest', '--prices', 'Calib fixtures', '--asset', 'CALA', '--window', '250', '--confidence', '0.99', '--horizon', '1', '--method', 'hs', '--from', '2022-01-01', '--to', '2022-09-07'];
    const a = parsed<BacktestJson>(await mwbInProcess(args));
    const b = parsed<BacktestJson>(await mwbInProcess(args));
    expect(a.runId).toMatch(/.+/);
    expect(b.runId).not.toBe(a.runId);
    expect(b.resultHash).toBe(a.resultHash);
    // Same figures as from the CSV file (the dataset stores the same bars).
    expect({ exceptions: a.exceptions, exceptionDates: a.exceptionDates }).toEqual({ exceptions: 3, exceptionDates: ['2022-04-10', '2022-06-12', '2022-06-22'] });
    const apc = parsed<BacktestJson>(await mwbInProcess([...args, '--apc', 'buffer25']));
    expect(apc.resultHash).not.toBe(a.resultHash);
    expect(apc.exceptions).toBeLessThanOrEqual(a.exceptions);
  });

  it('calibrate --config: relative paths resolve against the config file; implied vol for CALA, realised for CALB', async () => {
    const r = parsed<{ at: string; runId: string | null; scanRanges: { asset: string; priceRangeDecimal: string; provenance: { appVersion: string; confidenceInterval: { seed: number } } }[];
      volShocks: { asset: string; source: string; impliedMissingDays: number | null }[]; brackets: { asset: string }[]; haircuts: { haircuts: Record<string, string> }; candidates: { id: string }[] }>(
      await mwbInProcess(['--json', '--db', db, 'calibrate', '--config', join(FIXTURES, 'calibrate.json')]));
    expect(r.at).toBe('2023-09-20');
    expect(r.runId).toBeNull();
    expect(r.volShocks.map((v) => [v.asset, v.source])).toEqual([['CALA', 'implied'], ['CALB', 'realised']]);
    expect(r.volShocks[0].impliedMissingDays).toBe(22); // generate.mjs drops every 37th of 849 days
    expect(r.scanRanges.every((s) => s.provenance.appVersion.length > 0 && s.provenance.confidenceInterval.seed === 7)).toBe(true);
    expect(r.brackets.map((b) => b.asset)).toEqual(['CALA', 'CALB']);
    expect(Object.keys(r.haircuts.haircuts)).toEqual(['CALA', 'CALB']);
    expect(r.candidates.map((c) => c.id)).toEqual(['scenarioGrid:CALA', 'scenarioGrid:CALB', 'tiered']);
  });

  it('sweep --config on the stored dataset: a recorded run whose rows carry frontier ranks', async () => {
    const config = join(tmp.dir, 'sweep.json');
    writeFileSync(config, JSON.stringify({
      prices: 'Calib fixtures', assets: ['CALA', 'CALB'],
      axes: { methods: ['hs', 'fhs'], confidences: [0.99], windowDays: [250, 400], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none', 'buffer25'] },
    }));
    const r = parsed<{ runId: string; sets: number; rows: { id: string; rank: number | null }[]; frontier: { frontierIds: string[] }; lookbackStability: unknown[] }>(
      await mwbInProcess(['--json', '--db', db, 'sweep', '--config', config]));
    expect(r.runId).toMatch(/.+/);
    expect(r.sets).toBe(8);
    expect(r.rows.filter((row) => row.rank === 0).map((row) => row.id)).toEqual(r.frontier.frontierIds);
    expect(r.lookbackStability).toHaveLength(4); // 2 assets × {hs, fhs} × 1 α × 1 h over lookbacks 250, 400
  });
});

describe('bad input exits 2 with a one-line reason naming the flag, field or line', () => {
  const cases: [string, string[], RegExp][] = [
    ['non-numeric window', varArgs('--window', 'abc', '--confidence', '0.99', '--method', 'hs'), /--window "abc" is not a number/],
    ['confidence outside (0.5, 1)', varArgs('--window', '250', '--confidence', '1.2', '--method', 'hs'), /--confidence 1\.2/],
    ['unknown method', varArgs('--window', '250', '--confidence', '0.99', '--method', 'garch'), /--method "garch" must be one of hs, fhs, parametric/],
    ['window below the contract minimum', varArgs('--window', '5', '--confidence', '0.99', '--method', 'hs'), /--window 5/],
    ['asset not in the file', ['--json', 'var', '--prices', CALA, '--asset', 'BTC', '--window', '250', '--confidence', '0.99', '--method', 'hs'], /BTC: not in .*CALA-USD\.csv \(it has CALA\)/],
    ['no such file or dataset', ['--json', '--db', db, 'var', '--prices', join(FIXTURES, 'nope.csv'), '--asset', 'CALA', '--window', '250', '--confidence', '0.99', '--method', 'hs'], /--prices ".*nope\.csv": no such file or directory, and no stored dataset/],
    ['date not in the series', varArgs('--window', '250', '--confidence', '0.99', '--method', 'hs', '--at', '2030-01-01'), /2030-01-01 is not in the series/],
    ['not a date', varArgs('--window', '250', '--confidence', '0.99', '--method', 'hs', '--at', '2023-02-30'), /--at "2023-02-30" is not a date/],
    ['from after to', backtestArgs('--window', '250', '--confidence', '0.99', '--method', 'hs', '--from', '2023-01-01', '--to', '2022-01-01'), /--from 2023-01-01 is after --to 2022-01-01/],
    ['malformed weights', ['--json', '--db', db, 'backtest', '--prices', PRICES_DIR, '--weights', 'CALA=0.5', '--window', '250', '--confidence', '0.99', '--method', 'hs'], /--weights "CALA=0.5"/],
    ['unknown APC variant', backtestArgs('--window', '250', '--confidence', '0.99', '--method', 'hs', '--apc', 'floor5y'), /--apc "floor5y" must be one of none, buffer25/],
    ['window too long for the data', backtestArgs('--window', '2000', '--confidence', '0.99', '--method', 'hs'), /CALA: no test days/],
    ['negative ADF lags', ['--json', 'diagnose', '--prices', CALA, '--asset', 'CALA', '--adf-lags=-1'], /--adf-lags -1 must be at least 0/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await mwbInProcess(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }

  it('config files: JSON syntax errors name the line, schema errors the field, missing implied files the asset', async () => {
    const write = (name: string, text: string): string => {
      const p = join(tmp.dir, name);
      writeFileSync(p, text);
      return p;
    };
    const syntax = await mwbInProcess(['calibrate', '--config', write('syntax.json', '{\n  "prices": "x",\n  "assets": ["CALA"]\n  "confidence": 0.99\n}')]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.json: line 4: not valid JSON/);
    const field = await mwbInProcess(['sweep', '--config', write('field.json', JSON.stringify({ prices: PRICES_DIR, assets: ['CALA'], axes: { methods: ['hs'], confidences: [1.5], windowDays: [250], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] } }))]);
    expect(field.code).toBe(2);
    expect(field.stderr).toMatch(/field\.json: axes\.confidences\.0: must be below 1/);
    const implied = await mwbInProcess(['--db', db, 'calibrate', '--config', write('implied.json', JSON.stringify({ prices: PRICES_DIR, assets: ['CALA'], impliedVol: { CALA: 'missing-dvol.csv' } }))]);
    expect(implied.code).toBe(2);
    expect(implied.stderr).toMatch(/implied\.json: impliedVol\.CALA: cannot read .*missing-dvol\.csv: ENOENT/);
    const unknown = await mwbInProcess(['calibrate', '--config', write('unknown.json', JSON.stringify({ prices: PRICES_DIR, assets: ['CALA'], lookback: 365 }))]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown\.json: .*lookback/);
  });
});
