// Chart spec → ECharts option builders (pure). Expected bins are counted by hand.
import { describe, expect, it } from 'vitest';
import { chartOption, equalWidthHistogram } from '../../../main/core/report';

describe('chart option builders', () => {
  it('line charts draw fractions in per cent, points as a scatter series, long lines down-sampled', () => {
    const dates = Array.from({ length: 700 }, (_, i) => `d${i}`);
    const o = chartOption({
      kind: 'line', id: 'x', title: 'T', dates, y: { label: 'Loss', unit: 'fraction' },
      series: [{ name: 'Margin', values: dates.map(() => 0.05), style: 'line' }, { name: 'Exceptions', values: dates.map((_, i) => (i === 3 ? 0.125 : null)), style: 'points' }],
    }) as { animation: boolean; yAxis: { name: string }; series: { type: string; data: (number | null)[]; sampling?: string }[] };
    expect(o.animation).toBe(false);
    expect(o.yAxis.name).toBe('Loss (%)');
    expect(o.series[0].type).toBe('line');
    expect(o.series[0].sampling).toBe('lttb');
    expect(o.series[0].data[0]).toBeCloseTo(5, 12);
    expect(o.series[1].type).toBe('scatter');
    expect(o.series[1].data[3]).toBe(12.5);
    expect(o.series[1].data[4]).toBeNull();
    expect(JSON.parse(JSON.stringify(o))).toEqual(o); // plain JSON: no functions, no NaN
  });

  it('scatter charts drop non-finite points; bar charts keep categories', () => {
    const s = chartOption({ kind: 'scatter', id: 's', title: 'S', x: { label: 'Cost', unit: 'fraction' }, y: { label: 'p', unit: 'number' },
      series: [{ name: 'a', points: [[0.1, 0.5], [Number.NaN, 1], [0.2, Number.POSITIVE_INFINITY]] }] }) as { series: { data: number[][] }[] };
    expect(s.series[0].data).toEqual([[10, 0.5]]);
    const b = chartOption({ kind: 'bar', id: 'b', title: 'B', categories: ['x', 'y'], xLabel: 'X', y: { label: 'n', unit: 'integer' }, series: [{ name: 'n', values: [1, 2] }] }) as
      { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(b.xAxis.data).toEqual(['x', 'y']);
    expect(b.series[0].data).toEqual([1, 2]);
  });

  it('equal-width histogram: edges, clamping into the end bins, non-finite values skipped', () => {
    // 11 bins of width 0.1 over [0, 1.1]: 0 and 0.05 → bin 0; 0.1 → bin 1; 0.55 → bin 5; 1.0, 1.5 → bin 10 (1.5 clamped); −0.2 → bin 0 (clamped).
    const h = equalWidthHistogram([0, 0.05, 0.1, 0.55, 1.0, 1.5, -0.2, Number.NaN], 11, 0, 1.1);
    expect(h.counts).toEqual([3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
    expect(h.categories[0]).toBe('0.00');
    expect(h.categories[10]).toBe('1.00+');
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(7);
  });
});
