import { describe, expect, it } from 'vitest';
import { calibrateBrackets } from '../../../main/core/calibration/calibrateBrackets';
import { calibrateHaircuts } from '../../../main/core/calibration/calibrateHaircuts';
import { calibrateScanRange } from '../../../main/core/calibration/calibrateScanRange';
import { calibrateVolShock, realisedVolPoints } from '../../../main/core/calibration/calibrateVolShock';
import { averageDailyVolumeUsd } from '../../../main/core/calibration/liquidation';
import { toDecimalString } from '../../../main/core/calibration/provenance';
import { BracketTableConfig, CollateralConfig, ScenarioGridModelConfig } from '../../../preload/contract/schemas/models';
import { scenarioGridConfig } from '../../../main/core/calibration/modelConfigs';
import { REFERENCE_CLOSES, REFERENCE_DATES } from './fixtures/backtestReference';

const REL_TOL = 1e-12;
const series = { asset: 'BTC', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES) };
const bootstrap = { seed: 17, resamples: 200 };
const appVersion = '0.1.0';

function rel(a: number, b: number) {
  return Math.abs(a - b) / Math.abs(b);
}

describe('scan ranges', () => {
  // Reference: numpy 2.4.6 on the embedded closes c (script in the comment of each value):
  // r = c[2:]/c[:-2] - 1; e = 91..150; np.quantile(abs(r[e-2]), 0.99)
  it('plain: α-quantile of |h-day returns| over the lookback', () => {
    const r = calibrateScanRange(series, { confidence: 0.99, lookbackDays: 60, horizonDays: 2, at: '2022-05-31', bootstrap, appVersion });
    expect(rel(r.estimate, 0.05587949957509868)).toBeLessThan(REL_TOL);
    expect(r.priceRangeDecimal).toBe('0.0559');
    expect(r.boundBy).toBeNull();
    expect(r.provenance).toMatchObject({ asset: 'BTC', dataFrom: '2022-03-31', dataTo: '2022-05-31', observations: 60, confidence: 0.99, lookbackDays: 60, horizonDays: 2, method: 'abs-return-quantile', appVersion: '0.1.0' });
    const ci = r.provenance.confidenceInterval!;
    expect(ci.lower).toBeLessThanOrEqual(r.estimate);
    expect(ci.upper).toBeGreaterThanOrEqual(ci.lower);
    expect(ci).toMatchObject({ seed: 17, resamples: 200, scheme: 'stationary', blockLength: 4 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('vol-scaled (FHS): |r_e| σ_t / σ_{e−h} with EWMA(0.94)', () => {
    // numpy: same window, abs(r[e-2]) * vol[150] / vol[e-2], vol = EWMA per design.md (seeded on 30 returns)
    const r = calibrateScanRange(series, { confidence: 0.99, lookbackDays: 60, horizonDays: 2, at: '2022-05-31', volScaled: {}, bootstrap, appVersion });
    expect(rel(r.estimate, 0.09567314959345924)).toBeLessThan(REL_TOL);
    expect(r.provenance.method).toBe('abs-return-quantile-fhs(lambda=0.94)');
  });

  it('floor and cap bind and are reported', () => {
    const base = { confidence: 0.99, lookbackDays: 60, horizonDays: 2, at: '2022-05-31', bootstrap, appVersion };
    expect(calibrateScanRange(series, { ...base, floor: 0.08 })).toMatchObject({ priceRange: 0.08, priceRangeDecimal: '0.08', boundBy: 'floor' });
    expect(calibrateScanRange(series, { ...base, cap: 0.05 })).toMatchObject({ priceRange: 0.05, boundBy: 'cap' });
    expect(() => calibrateScanRange(series, { ...base, floor: 0.2, cap: 0.1 })).toThrow(/floor 0.2 is above cap 0.1/);
    expect(() => calibrateScanRange(series, { ...base, lookbackDays: 180 })).toThrow(/only 149 of the 180/);
    expect(() => calibrateScanRange(series, { ...base, appVersion: '' })).toThrow(/appVersion/);
  });
});

describe('vol shocks', () => {
  it('from an implied-vol history: quantiles of h-day changes up and down', () => {
    // numpy: i = arange(60); iv = 60 + 8 sin(0.37 i) + 0.5 (i % 7); d = iv[20:60] - iv[18:58];
    // np.quantile(d, 0.9) = 5.427936691840926, np.quantile(-d, 0.9) = 4.821401360373414
    const dates = REFERENCE_DATES.slice(0, 60);
    const volPoints = Float64Array.from({ length: 60 }, (_, i) => 60 + 8 * Math.sin(0.37 * i) + 0.5 * (i % 7));
    const r = calibrateVolShock(series, { dates, volPoints }, { confidence: 0.9, lookbackDays: 40, horizonDays: 2, bootstrap, appVersion });
    expect(r.source).toBe('implied');
    expect(rel(r.volUpPoints, 5.427936691840926)).toBeLessThan(1e-12);
    expect(rel(r.volDownPoints, 4.821401360373414)).toBeLessThan(1e-12);
    expect([r.volUpPointsDecimal, r.volDownPointsDecimal]).toEqual(['5.43', '4.83']);
    expect(r.provenanceUp).toMatchObject({ dataFrom: dates[18], dataTo: dates[59], observations: 40, method: 'implied-vol-change-quantile-up' });
  });

  it('from realised vol when no implied history exists', () => {
    // numpy: rv[d] = 100 sqrt(365 mean(r1[d-30:d]^2)); d = rv[120:200] - rv[117:197];
    // rv[199] = 36.76685105303266; np.quantile(d, .95) = 9.939352279344927; np.quantile(-d, .95) = 5.523006850278024
    const rv = realisedVolPoints(series, 30);
    expect(Number.isNaN(rv[29])).toBe(true);
    expect(rel(rv[199], 36.76685105303266)).toBeLessThan(1e-12);
    const r = calibrateVolShock(series, null, { confidence: 0.95, lookbackDays: 80, horizonDays: 3, bootstrap, appVersion });
    expect(r.source).toBe('realised');
    expect(rel(r.volUpPoints, 9.939352279344927)).toBeLessThan(1e-10);
    expect(rel(r.volDownPoints, 5.523006850278024)).toBeLessThan(1e-10);
  });

  it('scan range + vol shocks make a scenarioGrid configuration the contract accepts', () => {
    const scan = calibrateScanRange(series, { confidence: 0.99, lookbackDays: 60, horizonDays: 2, bootstrap, appVersion });
    const vol = calibrateVolShock(series, null, { confidence: 0.99, lookbackDays: 60, horizonDays: 2, bootstrap, appVersion });
    const config = scenarioGridConfig(
      { priceRangeDecimal: scan.priceRangeDecimal, volUpPointsDecimal: vol.volUpPointsDecimal, volDownPointsDecimal: vol.volDownPointsDecimal, source: `calibrated ${scan.provenance.dataFrom}..${scan.provenance.dataTo}` },
      { name: 'BTC grid', priceStepsPerSide: 3, extremeMultiple: '3', extremeCoverage: '0.35', shortOptionContingencyFraction: '0.01', offsettingFuturesContingencyFraction: '0.001', shortOptionMinimumFraction: '0.01', initialMarginFactor: '1.3' },
    );
    expect(ScenarioGridModelConfig.safeParse(config).success).toBe(true);
  });
});

describe('bracket MMRs', () => {
  // Reference: numpy 2.4.6 + Python decimal on the embedded closes: q = np.quantile(abs(r1[100..199 window]), .99)
  // = 0.0697617767799913, σ_d = 0.017670253902828243; h_eff = 1 + N/(0.1 × 2e7); MMR = q √h_eff + σ_d √(N/2e7);
  // rates rounded up to 1e-4; cum_k = cum_{k−1} + cap_{k−1} (rate_k − rate_{k−1}).
  const options = {
    confidence: 0.99, lookbackDays: 100, horizonDays: 1, notionalCapsUsd: [1e5, 1e6, 5e6], advUsd: 2e7,
    liquidity: { participationRate: 0.1 }, bootstrap, appVersion,
  };

  it('grow with size through the liquidation horizon and the square-root impact', () => {
    const r = calibrateBrackets(series, options);
    expect(rel(r.quantileH, 0.0697617767799913)).toBeLessThan(REL_TOL);
    expect(rel(r.dailyVol, 0.017670253902828243)).toBeLessThan(REL_TOL);
    const expected = [
      { liquidationDays: 1.05, tailMove: 0.07148454920104345, impactCost: 0.0012494756359977908, mmr: 0.07273402483704125 },
      { liquidationDays: 1.5, tailMove: 0.08544037833045919, impactCost: 0.0039511888906404915, mmr: 0.08939156722109967 },
      { liquidationDays: 3.5, tailMove: 0.13051233370166465, impactCost: 0.008835126951414122, mmr: 0.13934746065307876 },
    ];
    r.brackets.forEach((b, k) => {
      expect(b.liquidationDays).toBeCloseTo(expected[k].liquidationDays, 14);
      expect(rel(b.tailMove, expected[k].tailMove)).toBeLessThan(REL_TOL);
      expect(rel(b.impactCost, expected[k].impactCost)).toBeLessThan(REL_TOL);
      expect(rel(b.maintenanceMarginRate, expected[k].mmr)).toBeLessThan(REL_TOL);
      expect(b.mmrLower).toBeLessThanOrEqual(b.mmrUpper);
    });
    expect(r.table.brackets).toEqual([
      { notionalCap: '100000', maxLeverage: '6', maintenanceMarginRate: '0.0728', maintenanceAmount: '0' },
      { notionalCap: '1000000', maxLeverage: '5', maintenanceMarginRate: '0.0894', maintenanceAmount: '1660' },
      { notionalCap: '5000000', maxLeverage: '3', maintenanceMarginRate: '0.1394', maintenanceAmount: '51660' },
    ]);
    expect(BracketTableConfig.safeParse(r.table).success).toBe(true);
  });

  it('a thinner market (lower ADV) never lowers any MMR', () => {
    const deep = calibrateBrackets(series, options);
    const thin = calibrateBrackets(series, { ...options, advUsd: 5e6 });
    thin.brackets.forEach((b, k) => expect(b.maintenanceMarginRate).toBeGreaterThan(deep.brackets[k].maintenanceMarginRate));
  });

  it('refuses caps that do not increase or positions that cannot be margined', () => {
    expect(() => calibrateBrackets(series, { ...options, notionalCapsUsd: [1e6, 1e5] })).toThrow(/must increase/);
    expect(() => calibrateBrackets(series, { ...options, notionalCapsUsd: [1e12] })).toThrow(/lower the cap/);
    expect(() => calibrateBrackets(series, { ...options, advUsd: 0 })).toThrow(/average daily volume/);
  });
});

describe('collateral haircuts', () => {
  const calm = { asset: 'USDT', dates: REFERENCE_DATES, close: Float64Array.from(REFERENCE_CLOSES, (_, i) => 1 + 0.0005 * Math.sin(i)) };
  const options = { confidence: 0.975, lookbackDays: 100, horizonDays: 1, liquidationAmountUsd: 1e6, liquidity: { participationRate: 0.1 }, bootstrap, appVersion };

  it('= long-loss tail over the liquidation horizon + impact; quality score ranks the assets', () => {
    // numpy: q = np.quantile(-r1[window ending at 199], .975) = 0.02504792695601829; σ_d as above;
    // h_eff = 1 + 1e6/(0.1 × 4e7) = 1.25; haircut = q √1.25 + σ_d √(1e6/4e7)
    const r = calibrateHaircuts([{ series, advUsd: 4e7 }, { series: calm, advUsd: 1e9 }], options);
    const btc = r.assets[0];
    expect(rel(btc.quantileH, 0.02504792695601829)).toBeLessThan(REL_TOL);
    const expected = 0.02504792695601829 * Math.sqrt(1.25) + 0.017670253902828243 * Math.sqrt(1e6 / 4e7);
    expect(rel(btc.haircut, expected)).toBeLessThan(1e-12);
    expect(btc.qualityScore).toBeCloseTo(1 - expected, 14);
    expect(r.assets[1].haircut).toBeLessThan(btc.haircut);
    expect([r.assets[0].qualityRank, r.assets[1].qualityRank]).toEqual([2, 1]);
    expect(r.haircuts.BTC).toBe(toDecimalString(expected, 4, 'up'));
    expect(CollateralConfig.safeParse({ haircuts: r.haircuts }).success).toBe(true);
    expect(btc.haircutLower).toBeLessThanOrEqual(btc.haircutUpper);
  });

  it('a larger amount to liquidate never lowers the haircut', () => {
    const small = calibrateHaircuts([{ series, advUsd: 4e7 }], options).assets[0].haircut;
    const large = calibrateHaircuts([{ series, advUsd: 4e7 }], { ...options, liquidationAmountUsd: 2e7 }).assets[0].haircut;
    expect(large).toBeGreaterThan(small);
    expect(() => calibrateHaircuts([{ series, advUsd: 4e7 }, { series, advUsd: 4e7 }], options)).toThrow(/listed twice/);
  });
});

describe('helpers', () => {
  it('ADV in USD from base-unit volume, and decimal rounding direction', () => {
    const volume = new Float64Array(REFERENCE_DATES.length).fill(2);
    const adv = averageDailyVolumeUsd({ ...series, volume }, REFERENCE_DATES[39], 10);
    let expected = 0;
    for (let i = 30; i < 40; i++) expected += 2 * REFERENCE_CLOSES[i];
    expect(adv).toBeCloseTo(expected / 10, 8);
    expect(averageDailyVolumeUsd({ ...series, volume }, REFERENCE_DATES[39], 10, 'usd')).toBe(2);
    expect(() => averageDailyVolumeUsd({ ...series, volume }, REFERENCE_DATES[3], 10)).toThrow(/only 4 of the 10/);
    expect(toDecimalString(0.12341, 4, 'up')).toBe('0.1235');
    expect(toDecimalString(0.12349, 4, 'down')).toBe('0.1234');
    expect(toDecimalString(0.1, 4, 'up')).toBe('0.1');
  });
});
