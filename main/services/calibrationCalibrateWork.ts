/**
 * `calibration:calibrate` as a pure function of plain data (a worker task): per asset the scan
 * range, the vol shocks (implied-vol history when given, else realised vol), the bracket MMRs and,
 * across the assets, the collateral haircuts — each with its provenance (docs/methodology,
 * "Calibration"). Every bootstrap uses the configured seed, so the same inputs give the same figures.
 */
import { InputError } from '../core/errors';
import type { BootstrapOptions } from '../core/calibration/bootstrap';
import { calibrateBrackets } from '../core/calibration/calibrateBrackets';
import type { BracketCalibration } from '../core/calibration/calibrateBrackets';
import { calibrateHaircuts } from '../core/calibration/calibrateHaircuts';
import type { CollateralCalibration } from '../core/calibration/calibrateHaircuts';
import { calibrateScanRange } from '../core/calibration/calibrateScanRange';
import type { ScanRangeCalibration } from '../core/calibration/calibrateScanRange';
import { calibrateVolShock } from '../core/calibration/calibrateVolShock';
import type { VolShockCalibration } from '../core/calibration/calibrateVolShock';
import { averageDailyVolumeUsd } from '../core/calibration/liquidation';
import type { PriceSeries } from '../core/market/types';
import type { ProgressFn } from '../jobs/protocol';
import { impliedDateOnOrBefore } from './calibrationImpliedVol';
import type { ParsedImpliedVol } from './calibrationImpliedVol';

export interface CalibrateAssetInput {
  series: PriceSeries;
  implied: (ParsedImpliedVol & { fileName: string }) | null;
  volumeUnit: 'base' | 'usd';
}

export interface CalibrateWorkPayload {
  assets: CalibrateAssetInput[];
  at?: string;
  confidence: number;
  lookbackDays: number;
  horizonDays: number;
  volScaledLambda?: number;
  floor?: number;
  cap?: number;
  advDays: number;
  brackets?: { notionalCapsUsd: number[]; participationRate: number; impactCoefficient?: number; imrMultiple?: number };
  haircuts?: { liquidationAmountUsd: number; participationRate: number; impactCoefficient?: number };
  bootstrap: BootstrapOptions;
  appVersion: string;
}

export interface VolShockResult extends VolShockCalibration {
  impliedFile: string | null;
  impliedMissingDays: number | null;
}

export interface CalibrateWorkResult {
  at: string;
  scanRanges: ScanRangeCalibration[];
  volShocks: VolShockResult[];
  brackets: BracketCalibration[];
  haircuts: CollateralCalibration | null;
}

/** The latest date every asset has a close on (a calibration date common to all of them). */
export function latestCommonDate(series: readonly PriceSeries[]): string {
  let common = new Set(series[0].dates);
  for (const s of series.slice(1)) common = new Set(s.dates.filter((d) => common.has(d)));
  if (common.size === 0) throw new InputError(`the assets ${series.map((s) => s.asset).join(', ')} share no date`);
  return [...common].sort().at(-1)!;
}

export function calibrateWork(p: CalibrateWorkPayload, progress: ProgressFn = () => undefined): CalibrateWorkResult {
  if (p.assets.length === 0) throw new InputError('assets: none given');
  const at = p.at ?? latestCommonDate(p.assets.map((a) => a.series));
  const common = { confidence: p.confidence, lookbackDays: p.lookbackDays, horizonDays: p.horizonDays, at, bootstrap: p.bootstrap, appVersion: p.appVersion };
  const total = p.assets.length * (p.brackets ? 3 : 2) + (p.haircuts ? 1 : 0);
  let done = 0;
  const step = (message: string): void => progress(++done, total, message);
  const adv = (a: CalibrateAssetInput): number => averageDailyVolumeUsd(a.series, at, p.advDays, a.volumeUnit);

  const scanRanges = p.assets.map((a) => {
    const r = calibrateScanRange(a.series, {
      ...common, floor: p.floor, cap: p.cap, ...(p.volScaledLambda !== undefined ? { volScaled: { lambda: p.volScaledLambda } } : {}),
    });
    step(`${a.series.asset} scan range`);
    return r;
  });
  const volShocks = p.assets.map((a): VolShockResult => {
    const impliedAt = a.implied ? impliedDateOnOrBefore(a.implied, at, a.implied.fileName) : at;
    const r = calibrateVolShock(a.series, a.implied, { ...common, at: impliedAt });
    step(`${a.series.asset} vol shocks`);
    return { ...r, impliedFile: a.implied?.fileName ?? null, impliedMissingDays: a.implied?.missingDays ?? null };
  });
  const brackets = p.brackets
    ? p.assets.map((a) => {
      const b = p.brackets!;
      const r = calibrateBrackets(a.series, {
        ...common, notionalCapsUsd: b.notionalCapsUsd, advUsd: adv(a), imrMultiple: b.imrMultiple,
        liquidity: { participationRate: b.participationRate, impactCoefficient: b.impactCoefficient },
      });
      step(`${a.series.asset} brackets`);
      return r;
    })
    : [];
  let haircuts: CollateralCalibration | null = null;
  if (p.haircuts) {
    const h = p.haircuts;
    haircuts = calibrateHaircuts(p.assets.map((a) => ({ series: a.series, advUsd: adv(a) })), {
      ...common, liquidationAmountUsd: h.liquidationAmountUsd, liquidity: { participationRate: h.participationRate, impactCoefficient: h.impactCoefficient },
    });
    step('collateral haircuts');
  }
  return { at, scanRanges, volShocks, brackets, haircuts };
}
