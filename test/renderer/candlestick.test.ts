import { describe, expect, it } from 'vitest';
import { buildCandlestickOption, compactNumber } from '../../renderer/src/charts/candlestick';

const SERIES = {
  asset: 'ETH',
  synthetic: false,
  dates: ['2024-05-01', '2024-05-02', '2024-05-03'],
  open: [3000, 2990.5, 3101.25],
  high: [3050, 3120, 3110],
  low: [2950, 2980, 3001],
  close: [2990.5, 3101.25, 3020],
  volume: [1200.5, 1500, 900],
};

describe('buildCandlestickOption', () => {
  const option = buildCandlestickOption(SERIES);
  const series = option.series as { type: string; data: unknown[] }[];

  it('orders each candle as ECharts expects: [open, close, low, high]', () => {
    const candles = series.find((s) => s.type === 'candlestick')!;
    expect(candles.data).toEqual([
      [3000, 2990.5, 2950, 3050],
      [2990.5, 3101.25, 2980, 3120],
      [3101.25, 3020, 3001, 3110],
    ]);
  });

  it('shares the date axis between candles and volume, zoomable, with animation off', () => {
    expect(option.animation).toBe(false);
    const xAxes = option.xAxis as { data: string[] }[];
    expect(xAxes).toHaveLength(2);
    expect(xAxes[0].data).toEqual(SERIES.dates);
    expect(xAxes[1].data).toEqual(SERIES.dates);
    const zooms = option.dataZoom as { type: string; xAxisIndex: number[] }[];
    expect(zooms.map((z) => z.type)).toEqual(['inside', 'slider']);
    zooms.forEach((z) => expect(z.xAxisIndex).toEqual([0, 1]));
  });

  it('colours volume by the candle direction (close ≥ open is up)', () => {
    const vol = series.find((s) => s.type === 'bar')!.data as { value: number; itemStyle: { color: string } }[];
    expect(vol.map((v) => v.value)).toEqual(SERIES.volume);
    expect(vol[0].itemStyle.color).not.toBe(vol[1].itemStyle.color);
  });

  it('labels synthetic series in the title', () => {
    const t = buildCandlestickOption({ ...SERIES, synthetic: true }).title as { text: string };
    expect(t.text).toBe('ETH daily OHLC — SYNTHETIC');
  });

  it('rejects fields whose length differs from the dates, naming the field', () => {
    expect(() => buildCandlestickOption({ ...SERIES, low: [1, 2] })).toThrow(/low has 2 values for 3 dates/);
  });

  it('abbreviates axis numbers', () => {
    expect(compactNumber(1_234_567)).toBe('1.23M');
    expect(compactNumber(45_600)).toBe('45.6k');
    expect(compactNumber(12)).toBe('12');
  });
});

describe('initial zoom window', () => {
  it('opens on the latest 365 candles of a long series and on everything of a short one', () => {
    const n = 1000;
    const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    const flat = Array.from({ length: n }, () => 1);
    const long = buildCandlestickOption({ asset: 'X', synthetic: false, dates, open: flat, high: flat, low: flat, close: flat, volume: flat });
    const zooms = long.dataZoom as { startValue: number; endValue: number }[];
    zooms.forEach((z) => expect([z.startValue, z.endValue]).toEqual([635, 999]));
    const short = buildCandlestickOption(SERIES).dataZoom as { startValue: number; endValue: number }[];
    short.forEach((z) => expect([z.startValue, z.endValue]).toEqual([0, 2]));
  });
});
