import { describe, expect, it } from 'vitest';
import { DEFAULT_BAD_PRINT_THRESHOLDS, suspectedBadPrints } from '../../../main/core/market/badPrints';
import type { OhlcvColumns } from '../../../main/core/market/badPrints';
import { addDays } from '../../../main/core/market/calendar';

/** Bars from [open, high, low, close, volume] rows on consecutive days from 2024-01-01. */
function series(rows: [number, number, number, number, number][]): OhlcvColumns {
  return {
    dates: rows.map((_, i) => addDays('2024-01-01', i)),
    open: Float64Array.from(rows, (r) => r[0]),
    high: Float64Array.from(rows, (r) => r[1]),
    low: Float64Array.from(rows, (r) => r[2]),
    close: Float64Array.from(rows, (r) => r[3]),
    volume: Float64Array.from(rows, (r) => r[4]),
  };
}

/** Flat bars at the given closes (open = high = low = close), volume 1. */
function closes(values: number[]): OhlcvColumns {
  return series(values.map((c) => [c, c, c, c, 1]));
}

describe('suspectedBadPrints', () => {
  it('has the documented default thresholds', () => {
    expect(DEFAULT_BAD_PRINT_THRESHOLDS).toEqual({
      lowDropFraction: 0.5, highRiseFraction: 1, closeMoveFraction: 0.6, minReversalFraction: 0.5,
    });
  });

  it('flags a low more than 50% below both open and close, not one at exactly 50%', () => {
    const flags = suspectedBadPrints(series([
      [100, 101, 49.99, 100, 5], // 50.01% below both → flagged
      [100, 101, 50, 100, 5], // exactly 50% → not "more than"
      [100, 101, 40, 70, 5], // 60% below open, 42.9% below close → only one side
      [3.817, 3.9, 0.0001, 1.9931, 5], // flash print: 99.997% below open, 99.995% below close
    ]));
    expect(flags.map((f) => [f.index, f.rule, f.field, f.value])).toEqual([
      [0, 'low-wick', 'low', 49.99],
      [3, 'low-wick', 'low', 0.0001],
    ]);
    // 0.0001 / 3.817 − 1 = −0.99997 → "-100.0%"; 0.0001 / 1.9931 − 1 = −0.99995 → "-100.0%".
    expect(flags[1].reason).toBe('low 0.0001 is -100.0% vs open 3.817 and -100.0% vs close 1.9931');
    expect(flags[0].reason).toBe('low 49.99 is -50.0% vs open 100 and -50.0% vs close 100');
  });

  it('flags a high more than 100% above both open and close', () => {
    const flags = suspectedBadPrints(series([
      [1.0007, 2.3495, 0.999, 1.0004, 5], // +134.8% vs open, +134.9% vs close
      [100, 200, 99, 100, 5], // exactly +100% → not flagged
      [100, 250, 99, 130, 5], // +150% vs open but +92.3% vs close → not flagged
    ]));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ index: 0, date: '2024-01-01', field: 'high', rule: 'high-wick', value: 2.3495 });
    // 2.3495 / 1.0007 − 1 = 1.34786 → +134.8%; 2.3495 / 1.0004 − 1 = 1.34856 → +134.9%.
    expect(flags[0].reason).toBe('high 2.3495 is +134.8% vs open 1.0007 and +134.9% vs close 1.0004');
  });

  it('flags a >60% close-to-close spike that the next day retraces by at least half (log terms)', () => {
    // 100 → 170 (+70%) → 100: full reversal.
    expect(suspectedBadPrints(closes([100, 170, 100])).map((f) => [f.index, f.rule])).toEqual([[1, 'close-spike']]);
    // 100 → 170 → 130: |ln(130/170)| = 0.26826 ≥ 0.5·ln(1.7) = 0.26531 (Python math.log) → flagged.
    expect(suspectedBadPrints(closes([100, 170, 130]))).toHaveLength(1);
    // 100 → 170 → 150: |ln(150/170)| = 0.12516 < 0.26531 → a real move that held, not flagged.
    expect(suspectedBadPrints(closes([100, 170, 150]))).toEqual([]);
    // 100 → 170 → 180: no reversal.
    expect(suspectedBadPrints(closes([100, 170, 180]))).toEqual([]);
    // 100 → 35 (−65%) → 90: ln(90/35) = 0.94446 ≥ 0.5·|ln 0.35| = 0.52491 → flagged.
    const down = suspectedBadPrints(closes([100, 35, 90]));
    expect(down).toHaveLength(1);
    expect(down[0].reason).toBe('close 35 is -65.0% vs 100 on 2024-01-01 and reverses +157.1% to 90 on 2024-01-03');
    // Exactly +60% is not "beyond ±60%"; a spike on the last row has no next day to reverse.
    expect(suspectedBadPrints(closes([100, 160, 100]))).toEqual([]);
    expect(suspectedBadPrints(closes([100, 100, 200]))).toEqual([]);
  });

  it('flags zero-volume days', () => {
    const flags = suspectedBadPrints(series([[1, 1, 1, 1, 10], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0.001]]));
    expect(flags).toEqual([{ index: 1, date: '2024-01-02', field: 'volume', value: 0, rule: 'zero-volume', reason: 'zero volume' }]);
  });

  it('reports several rules on one day in a fixed order and honours custom thresholds', () => {
    const s = series([[100, 100, 100, 100, 1], [100, 201, 30, 100, 0], [100, 100, 100, 100, 1]]);
    expect(suspectedBadPrints(s).map((f) => f.rule)).toEqual(['low-wick', 'high-wick', 'zero-volume']);
    const strict = { ...DEFAULT_BAD_PRINT_THRESHOLDS, lowDropFraction: 0.8, highRiseFraction: 2 };
    expect(suspectedBadPrints(s, strict).map((f) => f.rule)).toEqual(['zero-volume']);
  });

  it('never changes its input and returns nothing for an empty series', () => {
    const s = closes([100, 170, 100]);
    const before = Array.from(s.close);
    suspectedBadPrints(s);
    expect(Array.from(s.close)).toEqual(before);
    expect(suspectedBadPrints(closes([]))).toEqual([]);
  });

  it('rejects bad thresholds and ragged columns', () => {
    expect(() => suspectedBadPrints(closes([1]), { ...DEFAULT_BAD_PRINT_THRESHOLDS, closeMoveFraction: 0 })).toThrow(RangeError);
    expect(() => suspectedBadPrints(closes([1]), { ...DEFAULT_BAD_PRINT_THRESHOLDS, lowDropFraction: 1 })).toThrow(RangeError);
    expect(() => suspectedBadPrints({ ...closes([1, 2]), volume: [1] })).toThrow('volume has 1 values for 2 dates');
  });
});

describe('suspectedBadPrints at exact thresholds', () => {
  it('does not flag moves of exactly the threshold despite float64 rounding', () => {
    // 160/100 − 1 = 0.6000000000000001 and 1 − 40/100 = 0.6 in float64 (Python): both are "exactly 60%".
    const t = { ...DEFAULT_BAD_PRINT_THRESHOLDS, lowDropFraction: 0.6 };
    expect(suspectedBadPrints(series([[100, 100, 40, 100, 1]]), t)).toEqual([]);
    expect(suspectedBadPrints(series([[100, 100, 39.99, 100, 1]]), t)).toHaveLength(1);
    expect(suspectedBadPrints(closes([100, 40, 100]))).toEqual([]);
    expect(suspectedBadPrints(closes([100, 39.99, 100]))).toHaveLength(1);
  });
});
