/**
 * Stressed-period finder: the prefix-sum search against a brute-force product over every window, a
 * hand-worked case, an arbitrary loss function, and the round trip with an episode replay.
 */
import { describe, expect, it } from 'vitest';
import { alignSeries } from '../../../main/core/market/align';
import { addDays } from '../../../main/core/market/calendar';
import type { PriceSeries } from '../../../main/core/market/types';
import { parseEpisode } from '../../../main/core/stress/episodes';
import { replayEpisode } from '../../../main/core/stress/replay';
import { returnsPanelFromCloses, type ReturnsPanel } from '../../../main/core/stress/returnsPanel';
import { findStressedPeriod } from '../../../main/core/stress/stressedPeriod';
import { near } from './helpers';

function priceSeries(asset: string, first: string, close: number[]): PriceSeries {
  const f = Float64Array.from(close);
  return { asset, dates: close.map((_, i) => addDays(first, i)), open: f, high: f, low: f, close: f, volume: new Float64Array(close.length) };
}

// A deterministic 3-asset path of 121 closes (120 returns) with a crash in the middle.
const T = 121;
const closes = ['BTC', 'ETH', 'SOL'].map((_, a) => {
  const out = [100 * (a + 1)];
  for (let t = 1; t < T; t++) {
    const crash = t >= 60 && t < 64 ? -0.08 * (a + 1) : 0;
    out.push(out[t - 1] * (1 + 0.02 * Math.sin(0.9 * t + a) + crash));
  }
  return out;
});
const SERIES = ['BTC', 'ETH', 'SOL'].map((a, k) => priceSeries(a, '2024-01-01', closes[k]));
const PANEL: ReturnsPanel = returnsPanelFromCloses(alignSeries(SERIES, 'drop'), ['BTC', 'ETH', 'SOL']);

/** Brute force: Π(1 + r) − 1 per asset for every window, loss by the given function. */
function bruteForce(panel: ReturnsPanel, w: number, loss: (R: number[]) => number): { from: string; to: string; loss: number } {
  let best = { from: '', to: '', loss: -Infinity };
  for (let s = 0; s + w <= panel.dates.length; s++) {
    const R = panel.returns.map((r) => {
      let g = 1;
      for (let t = s; t < s + w; t++) g *= 1 + r[t];
      return g - 1;
    });
    const l = loss(R);
    if (l > best.loss) best = { from: panel.dates[s], to: panel.dates[s + w - 1], loss: l };
  }
  return best;
}

describe('findStressedPeriod', () => {
  it('panel dates are the dates of the closes each return ends at', () => {
    expect(PANEL.dates[0]).toBe('2024-01-02');
    near(PANEL.returns[0][0], closes[0][1] / closes[0][0] - 1, 1e-15);
  });

  it('a linear book: matches the brute-force product over every window', () => {
    const exposure = { BTC: 2_000_000, ETH: -500_000, SOL: 300_000 };
    for (const w of [1, 5, 10, 30]) {
      const r = findStressedPeriod(exposure, PANEL, w);
      const ref = bruteForce(PANEL, w, (R) => -(2_000_000 * R[0] - 500_000 * R[1] + 300_000 * R[2]));
      expect([r.from, r.to]).toEqual([ref.from, ref.to]);
      near(r.loss, ref.loss, 1e-7);
      expect(r.windowsEvaluated).toBe(120 - w + 1);
    }
  });

  it('a hand-worked two-asset case', () => {
    const panel: ReturnsPanel = {
      assets: ['A', 'B'],
      dates: ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'],
      returns: [Float64Array.from([0.1, -0.2, -0.1, 0.05]), Float64Array.from([0, 0.1, -0.3, 0])],
    };
    // Long 1000 A, short 500 B, 2-day windows:
    //   03-01…02: A 1.1·0.8 − 1 = −0.12, B +0.1   → loss = 120 + 50 = 170
    //   03-02…03: A 0.8·0.9 − 1 = −0.28, B 1.1·0.7 − 1 = −0.23 → loss = 280 − 115 = 165
    //   03-03…04: A 0.9·1.05 − 1 = −0.055, B −0.3 → loss = 55 − 150 = −95
    const r = findStressedPeriod({ A: 1000, B: -500 }, panel, 2);
    expect([r.from, r.to]).toEqual(['2024-03-01', '2024-03-02']);
    near(r.loss, 170, 1e-9);
    near(r.returnsPct.A, -12, 1e-12);
    near(r.returnsPct.B, 10, 1e-12);
  });

  it('an arbitrary loss function (short-gamma book: loss grows with |move| either way)', () => {
    const lossFn = (R: Float64Array): number => 1e6 * (R[0] * R[0] + 0.5 * R[2] * R[2]);
    const r = findStressedPeriod(lossFn, PANEL, 7);
    const ref = bruteForce(PANEL, 7, (R) => 1e6 * (R[0] * R[0] + 0.5 * R[2] * R[2]));
    expect([r.from, r.to]).toEqual([ref.from, ref.to]);
    near(r.loss, ref.loss, 1e-6);
    const windows: string[] = [];
    findStressedPeriod((_R, window) => { windows.push(window.from); return 0; }, PANEL, 119);
    expect(windows).toEqual([PANEL.dates[0], PANEL.dates[1]]);
  });

  it('the found window, replayed as an episode, gives the same moves', () => {
    const r = findStressedPeriod({ BTC: 1e6, ETH: 1e6, SOL: 1e6 }, PANEL, 4);
    expect(r.from).toBe(addDays('2024-01-01', 60)); // the crash: returns t = 60 … 63
    const episode = parseEpisode({ id: 'found', name: 'found', from: r.from, anchorDate: r.to, to: r.to });
    const replay = replayEpisode(Object.fromEntries(SERIES.map((s) => [s.asset, s])), episode, { mode: 'closeToClose' });
    for (const m of replay.moves) near(m.returnPct, r.returnsPct[m.asset], 1e-10);
  });

  it('rejects bad input by name', () => {
    expect(() => findStressedPeriod({ DOGE: 1 }, PANEL, 5)).toThrow(/exposure asset DOGE is not in the returns panel/);
    expect(() => findStressedPeriod({ BTC: NaN }, PANEL, 5)).toThrow(/exposure of BTC must be a finite USD amount/);
    expect(() => findStressedPeriod({ BTC: 1 }, PANEL, 121)).toThrow(/windowDays 121 exceeds the 120 returns/);
    expect(() => findStressedPeriod({ BTC: 1 }, PANEL, 0)).toThrow(/windowDays must be an integer >= 1/);
    expect(() => findStressedPeriod(() => NaN, PANEL, 5)).toThrow(/the loss function returned NaN for the window 2024-01-02…2024-01-06/);
  });
});
