import { describe, expect, it } from 'vitest';
import { maxDrawdown, worstMoves } from '../../../main/core/market/drawdown';
import { SHORT_PATH, SHORT_PATH_DATES } from './shortPath';

const days = (n: number): string[] => Array.from({ length: n }, (_v, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);

describe('maxDrawdown', () => {
  it('worked example: peak 120 on the 2nd, trough 60 on the 4th (−50%), recovered on the 6th', () => {
    const close = Float64Array.from([100, 120, 90, 60, 110, 125, 80]);
    // later dip 125 → 80 is −36%, smaller than −50%
    expect(maxDrawdown(close, days(7))).toEqual({
      maxDrawdown: -0.5, peakDate: '2024-01-02', troughDate: '2024-01-04', recoveryDate: '2024-01-06',
    });
  });

  it('recovery needs a close at or above the peak; none → null', () => {
    expect(maxDrawdown(Float64Array.from([100, 80, 100]), days(3)).recoveryDate).toBe('2024-01-03');
    expect(maxDrawdown(Float64Array.from([100, 80, 99.99]), days(3)).recoveryDate).toBeNull();
  });

  it('a series that never falls has drawdown 0 dated at the first day', () => {
    expect(maxDrawdown(Float64Array.from([1, 2, 2, 3]), days(4))).toEqual({
      maxDrawdown: 0, peakDate: '2024-01-01', troughDate: '2024-01-01', recoveryDate: '2024-01-01',
    });
  });

  it('matches numpy on the short price path (numpy 2.4.6: p/np.maximum.accumulate(p) − 1, argmin, argmax)', () => {
    const d = maxDrawdown(SHORT_PATH, SHORT_PATH_DATES);
    expect(d.maxDrawdown).toBeCloseTo(-0.46113958473851757, 14);
    expect(d.peakDate).toBe('2023-03-04');
    expect(d.troughDate).toBe('2023-04-20');
    expect(d.recoveryDate).toBeNull();
  });

  it('rejects empty, mismatched and non-positive input', () => {
    expect(() => maxDrawdown(new Float64Array(0), [])).toThrow(/no closes/);
    expect(() => maxDrawdown(Float64Array.from([1, 2]), days(3))).toThrow(/3 dates but 2 prices/);
    expect(() => maxDrawdown(Float64Array.from([1, 0]), days(2))).toThrow(/on 2024-01-02/);
  });
});

describe('worstMoves', () => {
  it('picks non-overlapping windows greedily, worst first (worked example, h = 2)', () => {
    //           idx: 0    1    2    3    4    5    6
    const close = Float64Array.from([100, 90, 72, 80, 60, 66, 33]);
    // 2-day moves from i: −28%, −11.1%, −16.7%, −17.5%, −45%. Worst (4→6) blocks 3 and 5;
    // next worst allowed is 0→2 (−28%), which blocks 1; then 2→4 (−16.7%).
    const moves = worstMoves(close, days(7), 2, 5);
    expect(moves.map((m) => [m.startDate, m.endDate])).toEqual([
      ['2024-01-05', '2024-01-07'], ['2024-01-01', '2024-01-03'], ['2024-01-03', '2024-01-05'],
    ]);
    expect(moves[0].returnPct).toBeCloseTo(-45, 12);
    expect(moves[1].returnPct).toBeCloseTo(-28, 12);
    expect(moves[2].returnPct).toBeCloseTo((60 / 72 - 1) * 100, 12);
  });

  it('matches an independent Python greedy selection on the short path (h = 3, 3 moves; numpy 2.4.6)', () => {
    const moves = worstMoves(SHORT_PATH, SHORT_PATH_DATES, 3, 3);
    expect(moves.map((m) => m.startDate)).toEqual(['2023-04-09', '2023-04-15', '2023-03-19']);
    expect(moves.map((m) => m.endDate)).toEqual(['2023-04-12', '2023-04-18', '2023-03-22']);
    [-14.76071500848274, -13.598127384080517, -10.78453043114812].forEach((r, i) => expect(moves[i].returnPct).toBeCloseTo(r, 11));
  });

  it('rejects too-short series and bad horizons or counts', () => {
    expect(() => worstMoves(Float64Array.from([1, 2]), days(2), 2, 1)).toThrow(/need at least 3/);
    expect(() => worstMoves(Float64Array.from([1, 2]), days(2), 0, 1)).toThrow(/horizonDays/);
    expect(() => worstMoves(Float64Array.from([1, 2]), days(2), 1, 0)).toThrow(/count/);
  });
});
