/**
 * What every calibrated parameter carries with it (docs/methodology, "Calibration provenance"):
 * the data it was estimated from, the estimator settings, the bootstrap interval and the app
 * version, as a plain JSON value. Also the one place where an estimate (float64) becomes a decimal
 * string for a model configuration, rounded in the conservative direction.
 */
import { InputError } from '../errors';
import { Dec } from '../money/decimal';
import type { BootstrapInterval } from './bootstrap';

export interface ConfidenceIntervalRecord {
  lower: number;
  upper: number;
  level: number;
  resamples: number;
  blockLength: number;
  scheme: string;
  seed: number;
}

export interface CalibrationProvenance {
  asset: string;
  /** First and last date of the observations the estimate used. */
  dataFrom: string;
  dataTo: string;
  observations: number;
  /** α of the quantile. */
  confidence: number;
  lookbackDays: number;
  horizonDays: number;
  /** Estimator, e.g. `abs-return-quantile`, `abs-return-quantile-fhs(lambda=0.94)`. */
  method: string;
  /** Block-bootstrap interval of the estimate (before floor/cap and rounding). */
  confidenceInterval: ConfidenceIntervalRecord | null;
  appVersion: string;
}

export function intervalRecord(i: BootstrapInterval): ConfidenceIntervalRecord {
  return { lower: i.lower, upper: i.upper, level: i.level, resamples: i.resamples, blockLength: i.blockLength, scheme: i.scheme, seed: i.seed };
}

export function requireAppVersion(appVersion: string): void {
  if (typeof appVersion !== 'string' || appVersion.trim() === '') throw new InputError('appVersion must be given (it is recorded with every calibrated parameter)');
}

/**
 * A non-negative estimate as a decimal string with `places` decimals, rounded UP (a margin rate,
 * haircut or shock never rounds in the customer's favour) or DOWN (leverage).
 */
export function toDecimalString(value: number, places: number, direction: 'up' | 'down' = 'up'): string {
  if (!Number.isFinite(value)) throw new InputError(`cannot write ${value} as a decimal`);
  const rounding = direction === 'up' ? Dec.ROUND_UP : Dec.ROUND_DOWN;
  // Through the shortest round-trip text of the double, so 0.1 stays 0.1 rather than 0.1000…0555.
  return new Dec(String(value)).toDecimalPlaces(places, rounding).toFixed();
}

/** Apply an optional floor and cap; report which one bound. */
export function floorAndCap(estimate: number, floor?: number, cap?: number): { value: number; boundBy: 'floor' | 'cap' | null } {
  if (floor !== undefined && cap !== undefined && floor > cap) throw new InputError(`floor ${floor} is above cap ${cap}`);
  if (floor !== undefined && estimate < floor) return { value: floor, boundBy: 'floor' };
  if (cap !== undefined && estimate > cap) return { value: cap, boundBy: 'cap' };
  return { value: estimate, boundBy: null };
}
