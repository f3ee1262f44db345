import { expect } from 'vitest';

/** Asserts |actual − expected| <= rtol·|expected| + atol, with a message naming both numbers. */
export function expectClose(actual: number, expected: number, rtol: number, atol = 0, label = ''): void {
  const error = Math.abs(actual - expected);
  const bound = rtol * Math.abs(expected) + atol;
  if (!(error <= bound)) {
    expect.fail(`${label} actual ${actual} vs expected ${expected}: error ${error} > ${bound} (rtol ${rtol}, atol ${atol})`);
  }
}
