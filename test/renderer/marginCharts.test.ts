import { describe, expect, it } from 'vitest';
import {
  LIQUIDATABLE_LABEL, MAX_BINS, buildMarginRatioHistogramOption, marginRatioBins, type RatioRun,
} from '../../renderer/src/charts/marginRatioHistogram';
import { buildLeverageScatterOption, leverageScatterSeries, ratioTickLabel, type ScatterRun } from '../../renderer/src/charts/leverageScatter';
import { runColor } from '../../renderer/src/charts/runColors';
import { formatLeverage, formatPercent, formatUsd, formatUsdAmount, formatUsdText } from '../../renderer/src/charts/units';

const ratios = (label: string, values: (number | null)[]): RatioRun => ({ label, synthetic: false, rows: values.map((marginRatio) => ({ marginRatio })) });

describe('margin ratio bins', () => {
  it('one run: Freedman–Diaconis on the ratios below 1, liquidatable and no-ratio accounts apart (hand-computed)', () => {
    // Below 1: [0.1, 0.2, 0.2, 0.4, 0.9], n = 5. Type-7 quartiles: q25 = x[1] = 0.2, q75 = x[3] = 0.4, IQR = 0.2.
    // FD width 2·0.2/5^(1/3) = 0.233921; k = ⌈0.9 / 0.233921⌉ = ⌈3.847⌉ = 4 bins of 0.225 on [0, 0.9].
    // 0.1, 0.2, 0.2 → bin 1; 0.4 → bin 2; 0.9 (the closed right edge) → bin 4. 1.3 ≥ 1 is liquidatable; null has no ratio.
    // numpy 2.4.6: np.histogram([0.1,0.2,0.2,0.4,0.9], bins=4, range=(0,0.9)) → [3 1 0 1], edges [0 .225 .45 .675 .9].
    const bins = marginRatioBins([ratios('A', [0.1, 0.2, 0.2, 0.4, 0.9, 1.3, null])]);
    expect(bins.rule).toBe('Freedman–Diaconis');
    expect(bins.edges).toHaveLength(5);
    [0, 0.225, 0.45, 0.675, 0.9].forEach((e, i) => expect(bins.edges[i]).toBeCloseTo(e, 12));
    expect(bins.counts).toEqual([[3, 1, 0, 1]]);
    expect(bins.liquidatable).toEqual([1]);
    expect(bins.noRatio).toEqual([1]);
  });

  it('two runs share bins computed on the pooled ratios (hand-computed)', () => {
    // Pooled below 1: [0.05, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.9], n = 8. q25 at h = 1.75: 0.1 + 0.75·0.1 = 0.175;
    // q75 at h = 5.25: 0.4 + 0.25·0.1 = 0.425 (numpy percentile [0.175 0.425]); IQR 0.25; width 0.5/8^(1/3) = 0.25;
    // k = ⌈0.9/0.25⌉ = 4 → the same edges as above. B: 0.05 → 1, 0.3 → 2, 0.5 → 3; 1.0 is liquidatable (≥ 1).
    // numpy: np.histogram([0.05,0.3,0.5], bins=4, range=(0,0.9)) → [1 1 1 0].
    const bins = marginRatioBins([ratios('A', [0.1, 0.2, 0.2, 0.4, 0.9, 1.3, null]), ratios('B', [0.05, 0.3, 0.5, 1.0, null, null])]);
    expect(bins.edges[4]).toBeCloseTo(0.9, 12);
    expect(bins.counts).toEqual([[3, 1, 0, 1], [1, 1, 1, 0]]);
    expect(bins.liquidatable).toEqual([1, 1]);
    expect(bins.noRatio).toEqual([1, 2]);
  });

  it('a value on an interior edge goes to the bin on its right (left-closed bins)', () => {
    // [0, 0.45, 0.45, 0.9]: q25 = 0.3375, q75 = 0.5625, IQR 0.225, width 0.45/4^(1/3) = 0.283479 → k = ⌈3.175⌉ = 4, edges 0.225 apart.
    const bins = marginRatioBins([ratios('A', [0, 0.45, 0.45, 0.9])]);
    expect(bins.edges[2]).toBeCloseTo(0.45, 12);
    expect(bins.counts).toEqual([[1, 0, 2, 1]]);
  });

  it('falls back to Sturges when the IQR is zero, and to one bin when there are no ratios below 1', () => {
    // Four equal ratios: IQR 0 → Sturges ⌈log2 4⌉ + 1 = 3 bins on [0, 0.2]; 0.2 is the closed right edge.
    const flat = marginRatioBins([ratios('A', [0.2, 0.2, 0.2, 0.2])]);
    expect(flat.rule).toBe('Sturges');
    expect(flat.counts).toEqual([[0, 0, 4]]);
    const none = marginRatioBins([ratios('A', [1.5, null])]);
    expect(none.edges).toEqual([0, 1]);
    expect(none.counts).toEqual([[0]]);
    expect(none.liquidatable).toEqual([1]);
  });

  it('caps the number of bins and rejects impossible ratios', () => {
    // One outlier far from a tight cluster: FD would ask for thousands of bins.
    const values = [...Array.from({ length: 100 }, (_, i) => 0.01 + i * 1e-5), 0.99];
    expect(marginRatioBins([ratios('A', values)]).counts[0]).toHaveLength(MAX_BINS);
    expect(() => marginRatioBins([ratios('A', [0.1, -0.2])])).toThrow(/margin ratio -0.2/);
    expect(() => marginRatioBins([ratios('A', [Number.NaN])])).toThrow(/not a finite/);
  });

  it('builds bars per run with the liquidatable bar last and a SYNTHETIC title', () => {
    const runs = [ratios('Binance', [0.1, 0.2, 0.2, 0.4, 0.9, 1.3, null]), { ...ratios('SPAN', [0.05, 0.3, 0.5, 1.0]), synthetic: true }];
    const option = buildMarginRatioHistogramOption(runs);
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data).toEqual(['0.0%–22.5%', '22.5%–45.0%', '45.0%–67.5%', '67.5%–90.0%', LIQUIDATABLE_LABEL]);
    const series = option.series as { name: string; data: number[]; itemStyle: { color: string } }[];
    expect(series.map((s) => s.name)).toEqual(['Binance', 'SPAN']);
    expect(series[0].data).toEqual([3, 1, 0, 1, 1]);
    expect(series[1].data).toEqual([1, 1, 1, 0, 1]);
    expect(series[0].itemStyle.color).not.toBe(series[1].itemStyle.color);
    const title = option.title as { text: string; subtext: string };
    expect(title.text).toBe('Margin ratio (MM / equity) — SYNTHETIC');
    expect(title.subtext).toContain('2 runs: 7 / 4 accounts');
    expect(title.subtext).toContain('equity ≤ 0 (no ratio): 1 / 0');
    // Axis labels show each bin's lower edge; the tooltip spells out the range and the counts.
    const axisLabel = (option.xAxis as { axisLabel: { formatter: (v: string) => string; interval: (i: number, v: string) => boolean } }).axisLabel;
    expect(xAxis.data.map(axisLabel.formatter)).toEqual(['0.0%', '22.5%', '45.0%', '67.5%', '≥ 100%']);
    // 5 categories, label step ⌈5/8⌉ = 1: every category has a label.
    expect(xAxis.data.map((v, i) => axisLabel.interval(i, v))).toEqual([true, true, true, true, true]);
    // 0.00 … 0.99 four times each: type-7 quartiles 0.2475 and 0.7425, IQR 0.495, FD width 0.99/400^(1/3) = 0.13437,
    // k = ⌈0.99 / 0.13437⌉ = ⌈7.368⌉ = 8 bins + the liquidatable bar = 9 categories, label step ⌈9/8⌉ = 2:
    // labels at 0, 2, 4, 6 (none within 2 of the last) and the liquidatable bar's at 8.
    const many = buildMarginRatioHistogramOption([ratios('M', Array.from({ length: 400 }, (_, i) => (i % 100) / 100))]);
    const manyAxis = many.xAxis as { data: string[]; axisLabel: { interval: (i: number, v: string) => boolean } };
    const shown = manyAxis.data.flatMap((v, i) => (manyAxis.axisLabel.interval(i, v) ? [i] : []));
    expect(manyAxis.data).toHaveLength(9);
    expect(shown).toEqual([0, 2, 4, 6, 8]);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([
      { name: LIQUIDATABLE_LABEL, seriesName: 'Binance', value: 1 }, { name: LIQUIDATABLE_LABEL, seriesName: 'SPAN', value: 1 },
    ]);
    expect(tooltip).toBe('margin ratio ≥ 100% (liquidatable)<br/>Binance: 1 accounts<br/>SPAN: 1 accounts');
  });
});

describe('leverage vs margin ratio scatter', () => {
  const run = (label: string, rows: [string, number | null, number | null][]): ScatterRun =>
    ({ label, synthetic: false, rows: rows.map(([accountId, leverage, marginRatio]) => ({ accountId, leverage, marginRatio })) });

  it('draws one point per account with both measures, one series and colour per model', () => {
    const runs = [
      run('Binance tiered', [['A1', 2.5, 0.0125], ['A2', null, null], ['A3', 10, 0.05], ['A4', 0, 0]]),
      run('SPAN grid', [['A1', 2.5, 0.3], ['A2', null, null], ['A3', 10, 1.2], ['A4', 0, 0]]),
    ];
    const data = leverageScatterSeries(runs);
    expect(data[0].points).toEqual([[2.5, 0.0125, 'A1'], [10, 0.05, 'A3']]);
    expect(data[1].points).toEqual([[2.5, 0.3, 'A1'], [10, 1.2, 'A3']]);
    expect(data.map((d) => [d.noEquity, d.zeroRatio])).toEqual([[1, 1], [1, 1]]);
    const option = buildLeverageScatterOption(runs);
    const series = option.series as { name: string; type: string; data: unknown[]; itemStyle: { color: string }; markLine?: { data: { yAxis: number }[] } }[];
    expect(series.map((s) => [s.name, s.type, s.data.length])).toEqual([['Binance tiered', 'scatter', 2], ['SPAN grid', 'scatter', 2]]);
    expect(series.map((s) => s.itemStyle.color)).toEqual([runColor(0), runColor(1)]);
    expect(series[0].markLine?.data).toEqual([{ yAxis: 1 }]);
    expect((option.title as { text: string }).text).toBe('Leverage vs margin ratio by model');
    expect((option.title as { subtext: string }).subtext).toBe('accounts drawn: 2 / 2 · not drawn, equity ≤ 0: 1 / 1 · not drawn, MM = 0: 1 / 1');
    // Log ratio axis: the models differ by orders of magnitude.
    expect((option.yAxis as { type: string }).type).toBe('log');
    expect([0.001, 0.005, 0.05, 1, 10].map(ratioTickLabel)).toEqual(['0.1%', '0.5%', '5%', '100%', '1000%']);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ seriesName: 'SPAN grid', value: [10, 1.2, 'A3'] });
    expect(tooltip).toBe('A3<br/>SPAN grid<br/>leverage 10.00× · margin ratio 120.00%');
  });

  it('refuses a non-finite or negative measure instead of drawing it', () => {
    expect(() => leverageScatterSeries([run('X', [['A1', Number.POSITIVE_INFINITY, 0.1]])])).toThrow(/A1/);
    expect(() => leverageScatterSeries([run('X', [['A2', 3, -0.1]])])).toThrow(/A2/);
  });
});

describe('margin units', () => {
  it('formats USD, percent and leverage with their units', () => {
    expect(formatUsdAmount(1234567.891)).toBe('1,234,567.89');
    expect(formatUsd(-0.005)).toBe('-0.01 USD');
    expect(formatUsdText('11450.5')).toBe('11,450.50 USD');
    expect(formatPercent(0.12345)).toBe('12.35 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatLeverage(3.256)).toBe('3.26×');
    expect(formatLeverage(null)).toBe('—');
  });
});
