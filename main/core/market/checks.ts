/**
 * Input checks shared by the market estimators. Each throws an InputError that names the
 * function, the field and the offending index or value, so no NaN is ever passed on silently.
 */
import { InputError } from '../errors';

/** Every price must be finite and > 0 (log and ratio returns are undefined otherwise). */
export function requirePositivePrices(close: ArrayLike<number>, what: string, dates?: readonly string[]): void {
  for (let i = 0; i < close.length; i++) {
    const p = close[i];
    if (!(p > 0) || !Number.isFinite(p)) {
      const where = dates !== undefined && dates[i] !== undefined ? `on ${dates[i]} (index ${i})` : `at index ${i}`;
      throw new InputError(`${what}: price ${where} must be a finite number > 0, got ${p}`);
    }
  }
}

/** Every value must be a finite number. */
export function requireFiniteValues(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new InputError(`${what}: value at index ${i} must be finite, got ${values[i]}`);
  }
}

/** A count of days or observations: an integer >= `minimum`. */
export function requireInteger(value: number, minimum: number, what: string): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new InputError(`${what} must be an integer >= ${minimum}, got ${value}`);
  }
}

/** At least `minimum` observations. */
export function requireLength(values: ArrayLike<number>, minimum: number, what: string): void {
  if (values.length < minimum) {
    throw new InputError(`${what}: needs at least ${minimum} observation(s), got ${values.length}`);
  }
}

/** Dates and a value column of the same length. */
export function requireSameLength(dates: readonly string[], values: ArrayLike<number>, what: string): void {
  if (dates.length !== values.length) {
    throw new InputError(`${what}: ${dates.length} dates but ${values.length} prices`);
  }
}
