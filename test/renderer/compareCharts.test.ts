// The Compare view's option builders as pure functions, on small inputs whose every figure is
// worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { BacktestCompareView, CalibrateCompareView, StressCompareView } from '../../preload/contract/schemas/compare';
import {
  buildSharedHistogramOption, histogramCategories, histogramSubtitle, ratioEdgeLabel, sharedCountMax, usdEdgeLabel,
} from '../../renderer/src/charts/compareHistogram';
import { buildRatioScatterOption, diagonalCounts, diagonalExtent, sharedFrontierExtents } from '../../renderer/src/charts/compareScatter';
import {
  backtestYMax, niceCeil, buildBacktestRunOption, buildFundPathOption, buildMarginDifferenceOption, buildRoundsOption, exceptionPoints, marginDifference,
} from '../../renderer/src/charts/compareSeries';
import { buildEstimatesOption, parametersOfUnit } from '../../renderer/src/charts/compareEstimates';
import { diffClass, formatDiff, formatFigure, formatSignedAmount } from '../../renderer/src/components/compare/format';

type Series = { name: string; data: unknown[] };

describe('shared histograms', () => {
  // Edges 10^(k/5) for k = −10 … −8: 0.01, 0.01585, 0.02512.
  const edges = [0.01, 10 ** -1.8, 10 ** -1.6];

  it('labels bins by their edges in percent (3 significant digits), extras before and after', () => {
    expect(ratioEdgeLabel(10 ** -1.8)).toBe('1.58 %');
    expect(histogramCategories(edges, ratioEdgeLabel, [{ label: '≥ 100 %', count: 3 }, { label: '< 1 %', count: 1, before: true }]))
      .toEqual(['< 1 %', '1 %–1.58 %', '1.58 %–2.51 %', '≥ 100 %']);
    expect(usdEdgeLabel(1580)).toBe('1.58K');
    expect(usdEdgeLabel(-2_500_000)).toBe('−2.5M');
    expect(usdEdgeLabel(0)).toBe('0');
  });

  it('shares one y maximum across runs: the largest bar of any run, extras included', () => {
    expect(sharedCountMax([{ title: 'a', counts: [3, 7], extras: [{ label: 'x', count: 9 }] }, { title: 'b', counts: [8, 1], extras: [] }])).toBe(9);
    expect(sharedCountMax([{ title: 'empty', counts: [0, 0], extras: [] }])).toBe(1);
  });

  it('draws the below-the-bins bar first and names the extras in the subtitle', () => {
    const run = { title: 'Classic SPAN', counts: [4, 6], extras: [{ label: '< 1 %', count: 2, before: true }, { label: '≥ 100 %', count: 5, alarm: true }, { label: 'MM = 0', count: 0 }] };
    const option = buildSharedHistogramOption({ measure: 'Margin ratio', xName: 'ratio', edges, edgeLabel: ratioEdgeLabel, run, noun: 'accounts', yMax: 12, color: '#123456', synthetic: true });
    const data = (option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0].data;
    expect(data.map((d) => d.value)).toEqual([2, 4, 6, 5, 0]);
    expect(data[1].itemStyle.color).toBe('#123456');
    expect(data[3].itemStyle.color).toBe('#b83232'); // alarm: the palette's "down" red
    expect((option.yAxis as { max: number }).max).toBe(12);
    const title = option.title as { text: string; subtext: string };
    expect(title.text).toBe('Classic SPAN — SYNTHETIC');
    // 4 + 6 + 2 + 5 + 0 = 17 accounts; a zero extra is not named.
    expect(title.subtext).toBe('17 accounts · left of the bins < 1 %: 2 · right of the bins ≥ 100 %: 5');
    expect(histogramSubtitle({ title: 't', counts: [], extras: [] }, 1234, 'scenarios')).toBe('1,234 scenarios');
  });
});

describe('ratio scatter', () => {
  const points: [number, number, string][] = [[0.004, 0.15, 'A1'], [0.02, 2.5, 'A2'], [0.3, 0.3, 'A3'], [0.5, 0.25, 'A4']];

  it('spans whole decades of both ratios on both axes: 0.004 … 2.5 → 0.001 … 10', () => {
    expect(diagonalExtent(points)).toEqual([0.001, 10]);
    expect(diagonalExtent([])).toEqual([0.001, 1]);
    expect(diagonalCounts(points)).toEqual({ above: 2, below: 1, equal: 1 });
  });

  it('draws the y = x line across the extent and counts in the subtitle', () => {
    const o = buildRatioScatterOption({ baseTitle: 'Tiered', otherTitle: 'SPAN', points, eligible: 8, color: '#c05621', synthetic: false });
    const s = (o.series as { data: unknown[]; markLine: { data: { coord: number[] }[][] } }[])[0];
    expect(s.data).toHaveLength(4);
    expect(s.markLine.data[0].map((p) => p.coord)).toEqual([[0.001, 0.001], [10, 10]]);
    expect((o.title as { subtext: string }).subtext).toBe('4 of 8 accounts drawn (one in 2) · higher under SPAN: 2 · lower: 1 · equal: 1');
  });

  it('frontier charts share padded extents: coverage 0.98 … 0.995 ± 8 % of the range', () => {
    const ext = sharedFrontierExtents([
      { title: 'a', points: [{ id: 's1', coverage: 0.98, averageMargin: 0.05, frontier: true }] },
      { title: 'b', points: [{ id: 's1', coverage: 0.995, averageMargin: 0.07, frontier: false }, { id: 's2', coverage: 0.99, averageMargin: 0.06, frontier: true }] },
    ]);
    // range 0.015 × 0.08 = 0.0012; margin range 0.02 × 0.08 = 0.0016
    expect(ext.x[0]).toBeCloseTo(0.9788, 12);
    expect(ext.x[1]).toBeCloseTo(0.9962, 12);
    expect(ext.y[0]).toBeCloseTo(0.0484, 12);
    expect(ext.y[1]).toBeCloseTo(0.0716, 12);
  });
});

describe('backtest series on the shared date axis', () => {
  const view: BacktestCompareView = {
    kind: 'backtest',
    dates: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'],
    series: [
      { runId: 'a', margin: [0.05, 0.06, 0.055, 0.07], realisedLoss: [0.01, 0.08, -0.02, 0.03], exception: [false, true, false, false] },
      { runId: 'b', margin: [null, 0.09, 0.08, 0.075], realisedLoss: [null, 0.08, -0.02, 0.03], exception: [null, false, false, false] },
    ],
    figures: [],
    exceptionOverlap: [{ runId: 'b', commonDays: 3, both: 0, onlyBase: 1, onlyOther: 0 }],
  };

  it('differences other − base only where both runs test the day', () => {
    const d = marginDifference(view, 1);
    expect(d[0]).toBeNull();
    expect(d[1]).toBeCloseTo(0.03, 15);
    expect(d[2]).toBeCloseTo(0.025, 15);
    expect(d[3]).toBeCloseTo(0.005, 15);
  });

  it('marks exceptions at their loss and shares a y maximum 5 % above the largest margin or loss', () => {
    expect(exceptionPoints(view, 0)).toEqual([['2024-01-02', 0.08]]);
    expect(exceptionPoints(view, 1)).toEqual([]);
    // 0.09 × 1.05 = 0.0945 → 9.45 hundredths, rounded up to the half: 9.5 → 0.095.
    expect(backtestYMax(view)).toBeCloseTo(0.095, 15);
    expect(niceCeil(0.419)).toBeCloseTo(0.45, 15);
    expect(niceCeil(0.4)).toBeCloseTo(0.4, 15);
    expect(niceCeil(1234)).toBe(1500);
    const o = buildBacktestRunOption(view, 1, 'W 500', 0.1, true);
    const series = o.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['realised loss', 'margin', 'exception']);
    expect(series[0].data).toEqual([null, 0.08, 0, 0.03]); // gains drawn at 0: the chart shows losses
    expect((o.title as { subtext: string }).subtext).toBe('3 test days · 0 exceptions');
    // Same dataZoom ids in every chart of the group: echarts.connect replays a zoom on all of them.
    expect((o.dataZoom as { id: string }[]).map((z) => z.id)).toEqual(['days-inside', 'days-slider']);
    const diff = buildMarginDifferenceOption(view, ['W 250', 'W 500'], false);
    expect((diff.series as Series[]).map((s) => s.name)).toEqual(['W 500 − W 250']);
  });
});

describe('stress rounds and fund path', () => {
  const view = {
    kind: 'stress', totals: [], rounds: [1, 2],
    lossHistogram: { edges: [0, 1], counts: [[1], [1]], zero: [0, 0], below: [0, 0], above: [0, 0] },
    waterfall: [
      { runId: 'a', liquidatedNotionalUsd: [1000, 200], penaltiesUsd: [10, 2], badDebtUsd: [50, 5], fundPaidUsd: [50, 5] },
      { runId: 'b', liquidatedNotionalUsd: [1500, null], penaltiesUsd: [15, null], badDebtUsd: [80, null], fundPaidUsd: [60, null] },
    ],
    fundPath: [{ runId: 'a', fundUsd: [100, 50, 45] }, { runId: 'b', fundUsd: [100, 40, null] }],
    monteCarloBadDebt: null,
  } satisfies StressCompareView;

  it('one bar series per run on the round axis; the fund path starts before round 1', () => {
    const o = buildRoundsOption(view, 'badDebtUsd', ['base', 'stressed'], false);
    expect((o.xAxis as { data: string[] }).data).toEqual(['round 1', 'round 2']);
    expect((o.series as Series[]).map((s) => s.data)).toEqual([[50, 5], [80, null]]);
    const f = buildFundPathOption(view, ['base', 'stressed'], false);
    expect((f.xAxis as { data: string[] }).data).toEqual(['start', 'after round 1', 'after round 2']);
    expect((f.series as Series[])[1].data).toEqual([100, 40, null]);
  });
});

describe('calibration estimates', () => {
  const est = (estimate: number, used: number | null) => ({ estimate, used, lower: estimate * 0.9, upper: estimate * 1.1, observations: 250, dataFrom: '2023-01-01', dataTo: '2023-12-31', detail: '' });
  const view: CalibrateCompareView = {
    kind: 'calibrate', at: ['2023-12-31', '2024-06-30'],
    parameters: [
      { key: 'BTC|scan range', asset: 'BTC', parameter: 'scan range', unit: 'fraction', values: [est(0.12, 0.1201), est(0.15, 0.1501)], diffEstimate: [0.03], diffUsed: [0.03] },
      { key: 'BTC|vol up', asset: 'BTC', parameter: 'vol up', unit: 'volPoints', values: [est(20, 20.01), null], diffEstimate: [null], diffUsed: [null] },
    ],
  };

  it('one chart per unit, one bar per run, a missing estimate as a gap', () => {
    expect(parametersOfUnit(view, 'fraction').map((p) => p.key)).toEqual(['BTC|scan range']);
    const o = buildEstimatesOption(parametersOfUnit(view, 'volPoints'), 'volPoints', ['L 250', 'L 365'], false);
    expect((o.series as Series[]).map((s) => s.data)).toEqual([[20], [null]]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['BTC · vol up']);
  });
});

describe('figure formatting', () => {
  it('formats values by unit and differences with an explicit sign', () => {
    expect(formatFigure(1234.5, 'usd')).toBe('1,234.50 USD');
    expect(formatFigure(0.98765, 'fraction')).toBe('98.77 %');
    expect(formatFigure(null, 'integer')).toBe('—');
    expect(formatFigure('green', 'text')).toBe('green');
    expect(formatDiff(-0.0035, 'fraction')).toBe('−0.35 pp');
    expect(formatDiff(243, 'integer')).toBe('+243');
    expect(formatDiff(0, 'usd')).toBe('±0.00 USD');
    expect(formatSignedAmount(-1012513.444)).toBe('−1,012,513.44');
    expect([diffClass(2), diffClass(-1), diffClass(0), diffClass(null)]).toEqual(['up', 'down', '', '']);
  });
});
