import type { Bar, PriceSeries } from './types';

/** Bars (decimal text, as stored) → typed arrays for analytics: the one text → float64 conversion. */
export function seriesFromBars(asset: string, bars: readonly Bar[]): PriceSeries {
  const n = bars.length;
  const s: PriceSeries = {
    asset, dates: new Array<string>(n), open: new Float64Array(n), high: new Float64Array(n),
    low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i]!;
    s.dates[i] = b.date;
    s.open[i] = Number(b.open);
    s.high[i] = Number(b.high);
    s.low[i] = Number(b.low);
    s.close[i] = Number(b.close);
    s.volume[i] = Number(b.volume);
  }
  return s;
}
