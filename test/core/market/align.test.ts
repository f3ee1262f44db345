import { describe, expect, it } from 'vitest';
import { alignSeries } from '../../../main/core/market/align';
import type { PriceSeries } from '../../../main/core/market/types';

function series(asset: string, rows: [string, number][]): PriceSeries {
  const close = Float64Array.from(rows.map((r) => r[1]));
  return { asset, dates: rows.map((r) => r[0]), open: close, high: close, low: close, close, volume: new Float64Array(rows.length) };
}

// Worked example: BTC has every day 1..6 March; ETH starts on the 2nd and misses the 4th;
// SOL misses the 5th and the 6th is missing from nobody.
const BTC = series('BTC', [['2024-03-01', 100], ['2024-03-02', 101], ['2024-03-03', 102], ['2024-03-04', 103], ['2024-03-05', 104], ['2024-03-06', 105]]);
const ETH = series('ETH', [['2024-03-02', 10], ['2024-03-03', 11], ['2024-03-05', 13], ['2024-03-06', 14]]);
const SOL = series('SOL', [['2024-03-01', 1], ['2024-03-02', 2], ['2024-03-03', 3], ['2024-03-04', 4], ['2024-03-06', 6]]);

describe('alignSeries', () => {
  it("'drop' keeps only days every asset has and reports each missing (asset, day)", () => {
    const a = alignSeries([BTC, ETH, SOL], 'drop');
    expect(a.dates).toEqual(['2024-03-02', '2024-03-03', '2024-03-06']);
    expect(Array.from(a.close[0])).toEqual([101, 102, 105]);
    expect(Array.from(a.close[1])).toEqual([10, 11, 14]);
    expect(Array.from(a.close[2])).toEqual([2, 3, 6]);
    expect(a.gapReport).toEqual([
      { asset: 'ETH', date: '2024-03-01', action: 'dropped' },
      { asset: 'ETH', date: '2024-03-04', action: 'dropped' },
      { asset: 'SOL', date: '2024-03-05', action: 'dropped' },
    ]);
  });

  it("'carryForward' fills with the previous close, but drops days before an asset's first close", () => {
    const a = alignSeries([BTC, ETH, SOL], 'carryForward');
    expect(a.dates).toEqual(['2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05', '2024-03-06']);
    expect(Array.from(a.close[0])).toEqual([101, 102, 103, 104, 105]);
    expect(Array.from(a.close[1])).toEqual([10, 11, 11, 13, 14]); // 4th carried from the 3rd
    expect(Array.from(a.close[2])).toEqual([2, 3, 4, 4, 6]); // 5th carried from the 4th
    expect(a.gapReport).toEqual([
      { asset: 'ETH', date: '2024-03-01', action: 'dropped' },
      { asset: 'ETH', date: '2024-03-04', action: 'carried' },
      { asset: 'SOL', date: '2024-03-05', action: 'carried' },
    ]);
  });

  it('leaves gap-free, identical calendars untouched and does not invent days no asset has', () => {
    const x = series('X', [['2024-01-01', 5], ['2024-01-03', 6]]);
    const y = series('Y', [['2024-01-01', 7], ['2024-01-03', 8]]);
    for (const policy of ['drop', 'carryForward'] as const) {
      const a = alignSeries([x, y], policy);
      expect(a.dates).toEqual(['2024-01-01', '2024-01-03']);
      expect(a.gapReport).toEqual([]);
    }
  });

  it('does not modify its inputs', () => {
    const before = Array.from(ETH.close);
    alignSeries([BTC, ETH], 'carryForward');
    expect(Array.from(ETH.close)).toEqual(before);
  });

  it('rejects bad input with errors naming the asset and the value', () => {
    expect(() => alignSeries([], 'drop')).toThrow(/no series/);
    expect(() => alignSeries([BTC, BTC], 'drop')).toThrow(/BTC appears twice/);
    expect(() => alignSeries([BTC], 'fill' as never)).toThrow(/policy/);
    expect(() => alignSeries([series('Z', [['2024-01-01', 0]])], 'drop')).toThrow(/Z: price on 2024-01-01 .* > 0, got 0/);
    expect(() => alignSeries([series('Z', [['2024-01-02', 1], ['2024-01-01', 1]])], 'drop')).toThrow(/strictly ascending/);
    expect(() => alignSeries([series('Z', [['2024-02-30', 1]])], 'drop')).toThrow(/not a calendar day/);
    expect(() => alignSeries([series('Z', [['2024-01-01', NaN]])], 'drop')).toThrow(/got NaN/);
    const disjoint = [series('A', [['2024-01-01', 1]]), series('B', [['2024-01-02', 1]])];
    expect(() => alignSeries(disjoint, 'drop')).toThrow(/no common dates across A, B/);
  });
});
