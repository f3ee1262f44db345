import DecimalJs from 'decimal.js';

/**
 * The one configured Decimal for money an exchange settles (balances, PnL statements, margin
 * requirements, liquidation and bankruptcy prices). Never use the global decimal.js constructor:
 * its precision and rounding are process-wide mutable state.
 *
 * 40 significant digits hold any realistic notional (1e15 USD) to 1e-24, far below any tick size;
 * ROUND_HALF_EVEN avoids a systematic bias when many amounts are rounded.
 */
export const Dec = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;
export type DecInput = Dec | string | number;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** Parse a decimal string strictly: finite, plain or exponent notation, nothing else. */
export function parseDec(text: string, what: string): Dec {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    throw new RangeError(`${what}: "${text}" is not a decimal number`);
  }
  const value = new Dec(trimmed);
  if (!value.isFinite()) throw new RangeError(`${what}: "${text}" is not finite`);
  return value;
}

/** Settlement-boundary conversion to float64 for analytics (the only Dec → number path). */
export function toFloat(value: Dec): number {
  return value.toNumber();
}

/** Analytics → settlement boundary. Rejects NaN/Infinity instead of creating a poisoned Decimal. */
export function fromFloat(value: number, what: string): Dec {
  if (!Number.isFinite(value)) throw new RangeError(`${what}: ${value} is not a finite number`);
  return new Dec(value);
}

/** Round to a price tick / amount step (ROUND_HALF_EVEN unless a direction is given). */
export function roundToStep(value: Dec, step: DecInput, mode: 'nearest' | 'up' | 'down' = 'nearest'): Dec {
  const s = new Dec(step);
  const rounding = mode === 'up' ? Dec.ROUND_CEIL : mode === 'down' ? Dec.ROUND_FLOOR : Dec.ROUND_HALF_EVEN;
  return value.div(s).toDecimalPlaces(0, rounding).mul(s);
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}
