import type { ChartOption } from './echarts';
import type { SeriesData } from '../api';
import { LARGE_SERIES_POINTS, PROGRESSIVE_CHUNK, isLarge } from './largeData';
import { chartFont, palette } from './palette';

/** What the candlestick chart needs from a `dataset:series` result. */
export type OhlcSeries = Pick<SeriesData, 'asset' | 'synthetic' | 'dates' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

export function chartTitle(asset: string, what: string, synthetic: boolean): string {
  return synthetic ? `${asset} ${what} — SYNTHETIC` : `${asset} ${what}`;
}

function checkLengths(series: OhlcSeries): void {
  const n = series.dates.length;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (series[field].length !== n) {
      throw new Error(`series ${series.asset}: ${field} has ${series[field].length} values for ${n} dates`);
    }
  }
}

/** Candles shown when the chart opens; older history is one drag of the slider away. */
export const INITIAL_WINDOW_DAYS = 365;

/**
 * Daily candles (upper grid) and traded volume (lower grid) on one shared date axis, with a slider
 * and mouse-wheel zoom acting on both. ECharts candlestick data order is [open, close, low, high].
 * Animation is off so the 'finished' event marks a fully drawn chart (the e2e readiness signal).
 */
export function buildCandlestickOption(series: OhlcSeries): ChartOption {
  checkLengths(series);
  const n = series.dates.length;
  const candles: [number, number, number, number][] = new Array(n);
  const volumes: { value: number; itemStyle: { color: string } }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    candles[i] = [series.open[i], series.close[i], series.low[i], series.high[i]];
    const rising = series.close[i] >= series.open[i];
    volumes[i] = { value: series.volume[i], itemStyle: { color: rising ? palette.up : palette.down } };
  }
  const initialWindow = { startValue: Math.max(0, n - INITIAL_WINDOW_DAYS), endValue: Math.max(0, n - 1) };
  const axisCommon = {
    type: 'category' as const,
    data: series.dates,
    boundaryGap: true,
    axisLine: { lineStyle: { color: palette.axis } },
    axisLabel: { color: palette.muted },
  };
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: chartTitle(series.asset, 'daily OHLC', series.synthetic),
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: series.synthetic ? palette.down : palette.ink },
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 64, right: 24, top: 44, height: '56%' },
      { left: 64, right: 24, top: '75%', height: '12%' },
    ],
    xAxis: [
      { ...axisCommon, gridIndex: 0, axisLabel: { show: false } },
      { ...axisCommon, gridIndex: 1 },
    ],
    yAxis: [
      {
        gridIndex: 0, scale: true,
        splitLine: { lineStyle: { color: palette.grid } }, axisLabel: { color: palette.muted },
      },
      {
        gridIndex: 1, scale: true, name: 'volume', nameTextStyle: { color: palette.muted },
        splitNumber: 2, splitLine: { show: false }, axisLabel: { color: palette.muted, formatter: compactNumber },
      },
    ],
    // Opens on the latest year of candles (readable bodies); the slider reaches the whole history.
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], ...initialWindow },
      { type: 'slider', xAxisIndex: [0, 1], bottom: 8, height: 20, ...initialWindow },
    ],
    series: [
      {
        name: series.asset,
        type: 'candlestick',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: candles,
        itemStyle: { color: palette.up, color0: palette.down, borderColor: palette.up, borderColor0: palette.down },
        // Zoomed out over a long history: batched candles, drawn in chunks (largeData.ts).
        large: isLarge(n), largeThreshold: LARGE_SERIES_POINTS, progressive: PROGRESSIVE_CHUNK, progressiveThreshold: LARGE_SERIES_POINTS,
      },
      // Large bars take one colour: per-bar up/down colours hold up to the threshold.
      { name: 'volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: volumes, large: isLarge(n), largeThreshold: LARGE_SERIES_POINTS, progressive: PROGRESSIVE_CHUNK },
    ],
  };
}

/** 1234567 → "1.23M"; axis labels only (tables show full figures). */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toPrecision(3)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  return String(value);
}
