import { Dec } from '../../core/money/decimal';

/**
 * Exact sum of non-negative decimal texts (the volumes of one day's intraday bars). Float64 sums
 * drift (0.1 + 0.2); the sum is kept as an integer count of 10^-scale units, the scale being the
 * most decimals any addend had, so the result reads like Python's `decimal.Decimal` addition
 * (exponent = the smallest addend exponent): `1.50 + 2.5 = 4.00`. Exponent notation (`1.5e3`) is
 * expanded first (`1500`).
 *
 * Hot path: a plain `digits[.digits]` addend of at most 15 digits is an exact integer below 2^53,
 * added to a float64 integer that is moved into a BigInt before it could round (no BigInt per row).
 */
export interface DecimalSum {
  /** Adds one checked, non-negative decimal text. */
  add(text: string): void;
  /** The sum as plain decimal text (no exponent), with `scale` decimals. */
  text(): string;
  /** Back to zero (scale 0), to start the next day. */
  reset(): void;
}

const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export function createDecimalSum(): DecimalSum {
  let big = 0n;
  let small = 0;
  let scale = 0;

  function rescale(to: number): void {
    const factor = 10n ** BigInt(to - scale);
    big = (big + BigInt(small)) * factor;
    small = 0;
    scale = to;
  }

  function addUnits(units: number | bigint, unitScale: number): void {
    if (unitScale > scale) rescale(unitScale);
    const shift = scale - unitScale;
    if (typeof units === 'number' && shift <= 22) {
      // Both terms are exact integers; their float64 sum is exact while it stays ≤ 2^53 - 1.
      const scaled = units * POW10[shift];
      if (scaled <= Number.MAX_SAFE_INTEGER) {
        if (small + scaled > Number.MAX_SAFE_INTEGER) {
          big += BigInt(small);
          small = 0;
        }
        small += scaled;
        return;
      }
    }
    big += BigInt(units) * 10n ** BigInt(shift);
  }

  /** Units and scale of a plain `digits[.digits]` text, as an exact number when ≤ 15 digits. */
  function addPlain(text: string): boolean {
    let units = 0;
    let digits = 0;
    let fraction = 0;
    let dot = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        units = units * 10 + (c - 48);
        digits += 1;
        if (dot) fraction += 1;
      } else if (c === 46 && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    if (digits === 0) return false;
    if (digits <= 15) {
      addUnits(units, fraction);
    } else {
      const dotAt = text.indexOf('.');
      addUnits(BigInt(dotAt < 0 ? text : text.slice(0, dotAt) + text.slice(dotAt + 1)), fraction);
    }
    return true;
  }

  return {
    add(text: string): void {
      if (addPlain(text)) return;
      // Signs and exponents: decimal.js expands them exactly (the validator already checked the text).
      const plain = new Dec(text).toFixed();
      if (plain.startsWith('-') || !addPlain(plain)) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(text)}`);
    },
    text(): string {
      const total = (big + BigInt(small)).toString();
      if (scale === 0) return total;
      const padded = total.padStart(scale + 1, '0');
      return `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
    },
    reset(): void {
      big = 0n;
      small = 0;
      scale = 0;
    },
  };
}
