import { afterEach, describe, expect, it } from 'vitest';
import { init, use, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// The app's registration of the chart parts (EChart.vue imports the same module).
import '../../renderer/src/charts/echarts';
import type { ChartOption } from '../../renderer/src/charts/echarts';
import { buildBacktestReturnsOption, returnsSeries, type BacktestView } from '../../renderer/src/charts/backtestReturns';
import { buildTrafficLightOption, rollingExceptions } from '../../renderer/src/charts/trafficLightTimeline';
import {
  buildSweepFrontierOption, frontierPointPixel, frontierPoints, procyclicalityStyle, type SweepRow,
} from '../../renderer/src/charts/sweepFrontier';
import { buildQqOption, qqSeries } from '../../renderer/src/charts/qqPlot';
import { buildLookbackOption, type LookbackStability } from '../../renderer/src/charts/lookbackStability';
import { paddedExtent, percentTick } from '../../renderer/src/charts/calibrationChart';
import type { QqOutput } from '../../preload/contract/schemas/calibrationChannels';
import { importMain } from './importMain';

// The core's walk-forward backtest, as the cross-check reference (signatures as used here).
interface CoreBacktest {
  label: string; apc: string; observations: number; exceptions: number; coverage: number;
  series: { dates: string[]; margin: Float64Array; valueAtRisk: Float64Array; expectedShortfall: Float64Array; realisedLoss: Float64Array; exception: Uint8Array };
  rollingTrafficLight: {
    windowDays: number; greenMax: number; yellowMax: number; exceptionCounts: Int32Array; zoneDays: { green: number; yellow: number; red: number };
    worstZone: 'green' | 'yellow' | 'red' | null; latestZone: 'green' | 'yellow' | 'red' | null;
  };
}
const { backtestLossHistory } = await importMain<{ backtestLossHistory(history: unknown, model: object): CoreBacktest }>('core/calibration/backtest');
const { assetLossHistory } = await importMain<{ assetLossHistory(series: object, horizonDays: number): unknown }>('core/calibration/lossHistory');
const { createRng } = await importMain<{ createRng(seed: number): { studentT(dof: number): number } }>('core/numeric/rng');

use([SVGRenderer]);
const PIXEL_TOLERANCE = 0.5;
let chart: EChartsType | null = null;
afterEach(() => {
  chart?.dispose();
  chart = null;
});

/** Server-side ECharts (toolchain.md): the library itself, as the reference for where it draws. */
function render(option: ChartOption, width: number, height: number): EChartsType {
  chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option);
  return chart;
}

/** Park–Miller minimal standard generator (x ← 16807·x mod 2³¹−1), reproduced in numpy for the reference values. */
function parkMillerExceptions(n: number, seed: number, p: (i: number) => number): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (16807 * x) % 2147483647;
    out.push(x / 2147483647 < p(i) ? 1 : 0);
  }
  return out;
}

describe('rolling traffic light', () => {
  it('counts a hand-worked window of 3 days', () => {
    // Windows ending at days 2..6: {1,0,1}=2, {0,1,1}=2, {1,1,0}=2, {1,0,0}=1, {0,0,1}=1.
    const r = rollingExceptions([1, 0, 1, 1, 0, 0, 1], 3, 1, 2);
    expect(r.counts).toEqual([null, null, 2, 2, 2, 1, 1]);
    expect(r.zones).toEqual([null, null, 'yellow', 'yellow', 'yellow', 'green', 'green']);
    expect(r.zoneDays).toEqual({ green: 2, yellow: 3, red: 0 });
  });

  it('matches numpy on 700 test days with a stressed cluster', () => {
    const e = parkMillerExceptions(700, 20260101, (i) => (i < 300 ? 0.005 : i < 450 ? 0.045 : 0.01));
    const r = rollingExceptions(e, 250, 4, 9);
    // numpy 2.4.6: c = np.convolve(e, np.ones(250, int), 'valid') on the same Park–Miller draws:
    // 16 exceptions, 451 windows, c[0]=2, c[50]=2, c[100]=3, c[150]=5, c[200]=10, c[450]=5, max 11 at 325;
    // zones (≤4 / 5–9 / ≥10): 158 / 139 / 154.
    expect(e.reduce((a, b) => a + b, 0)).toBe(16);
    const windows = r.counts.slice(249);
    expect(windows.length).toBe(451);
    expect([0, 50, 100, 150, 200, 450].map((k) => windows[k])).toEqual([2, 2, 3, 5, 10, 5]);
    expect(Math.max(...windows.map((c) => c ?? 0))).toBe(11);
    expect(windows.indexOf(11)).toBe(325);
    expect(r.zoneDays).toEqual({ green: 158, yellow: 139, red: 154 });
    expect(() => rollingExceptions([0, 2], 1, 0, 1)).toThrow('exception flag on test day 1 must be 0 or 1, got 2');
  });
});

/** A walk-forward HS backtest by the core on a seeded fat-tailed price path, as the chart receives it. */
function coreBacktest(): BacktestView {
  const rng = createRng(7);
  const dates: string[] = [];
  const close = new Float64Array(900);
  let price = 100;
  for (let i = 0; i < close.length; i++) {
    dates.push(new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10));
    const vol = i > 600 && i < 700 ? 0.06 : 0.02;
    price *= 1 + vol * rng.studentT(4) / Math.SQRT2;
    close[i] = price;
  }
  const r = backtestLossHistory(assetLossHistory({ asset: 'TEST', dates, close }, 1), { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 250 });
  return {
    label: r.label, apc: r.apc, observations: r.observations, exceptions: r.exceptions, coverage: r.coverage,
    model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 250, lambda: 0.94, measure: 'var' },
    series: {
      dates: r.series.dates, margin: Array.from(r.series.margin), valueAtRisk: Array.from(r.series.valueAtRisk),
      expectedShortfall: Array.from(r.series.expectedShortfall), realisedLoss: Array.from(r.series.realisedLoss), exception: Array.from(r.series.exception),
    },
    rollingTrafficLight: {
      windowDays: r.rollingTrafficLight.windowDays, greenMax: r.rollingTrafficLight.greenMax, yellowMax: r.rollingTrafficLight.yellowMax,
      zoneDays: r.rollingTrafficLight.zoneDays, worstZone: r.rollingTrafficLight.worstZone, latestZone: r.rollingTrafficLight.latestZone,
    },
    // Carried for the cross-check below (not part of the contract's output).
    ...{ coreCounts: Array.from(r.rollingTrafficLight.exceptionCounts) },
  };
}

describe('backtest charts', () => {
  it('marks exactly the days whose P&L falls below −margin, and counts windows as the core does', () => {
    const view = coreBacktest();
    const r = returnsSeries(view);
    expect(view.exceptions).toBeGreaterThan(0);
    expect(r.exceptions.length).toBe(view.exceptions);
    r.pnl.forEach((pnl, i) => expect(pnl < r.negMargin[i]).toBe(view.series.exception[i] === 1));
    for (const [date, pnl] of r.exceptions) expect(pnl).toBe(-view.series.realisedLoss[view.series.dates.indexOf(date)]);

    const t = view.rollingTrafficLight;
    const rolling = rollingExceptions(view.series.exception, t.windowDays, t.greenMax, t.yellowMax);
    expect(rolling.counts.slice(t.windowDays - 1)).toEqual((view as unknown as { coreCounts: number[] }).coreCounts);
    expect(rolling.zoneDays).toEqual(t.zoneDays);
    // BCBS (1996) table 2: 250 days at 99 %: green up to 4, yellow up to 9 (binomial CDF in the core).
    expect([t.greenMax, t.yellowMax]).toEqual([4, 9]);
  });

  it('draws P&L, the margin band and the exception markers, plus −VaR when APC changes the margin', () => {
    const view = coreBacktest();
    const option = buildBacktestReturnsOption(view, true) as { title: { text: string }; series: { name: string; data: unknown[] }[] };
    expect(option.title.text).toBe('TEST: realised 1-day P&L against the margin — SYNTHETIC');
    expect(option.series.map((s) => s.name)).toEqual(['P&L', '−margin', 'exception']);
    expect(option.series[2].data.length).toBe(view.exceptions);
    const withApc = buildBacktestReturnsOption({ ...view, apc: 'buffer25' }, false) as { series: { name: string }[] };
    expect(withApc.series.map((s) => s.name)).toEqual(['P&L', '−margin', '−VaR before APC', 'exception']);
    expect(() => buildBacktestReturnsOption({ ...view, series: { ...view.series, margin: [0.1] } }, false)).toThrow(`backtest TEST: series.margin has 1 values for ${view.series.dates.length} test days`);

    const traffic = buildTrafficLightOption(view, false) as { yAxis: { max: number; interval: number }; series: { markLine?: { data: { yAxis: number }[] } }[] };
    expect(traffic.series[0].markLine?.data.map((d) => d.yAxis)).toEqual([4.5, 9.5]);
    expect(traffic.yAxis.max % traffic.yAxis.interval).toBe(0);
    // Both options render in ECharts itself.
    render(buildBacktestReturnsOption(view, false), 900, 380);
    render(buildTrafficLightOption(view, false), 900, 220);
  });
});

// calibration:sweep on the sample workspace (seed 20260101), BTC, hs, α {0.99, 0.975} × L {250, 500}, h 1:
// the service's output rows (frontier = the three rank-0 sets).
const ROWS: SweepRow[] = [
  { id: 'hs|a0.99|L250|lam-|h1|none', method: 'hs', confidence: 0.99, windowDays: 250, ewmaLambda: 0.94, horizonDays: 1, apcVariant: 'none', observations: 2056, exceptions: 29, coverage: 0.9858949416342413, kupiecPValue: 0.07809769981411711, christoffersenPValueCc: 0.00562070238389481, averageMargin: 0.07672174631947065, peakToTroughRatio: 4.137404367409568, largestOneDayIncrease: 0.3085050606227062, largestFiveDayIncrease: 0.8237770951835486, rank: 1 },
  { id: 'hs|a0.99|L500|lam-|h1|none', method: 'hs', confidence: 0.99, windowDays: 500, ewmaLambda: 0.94, horizonDays: 1, apcVariant: 'none', observations: 2056, exceptions: 21, coverage: 0.9897859922178989, kupiecPValue: 0.9225791656100018, christoffersenPValueCc: 0.0034321407432025726, averageMargin: 0.08599983606802125, peakToTroughRatio: 3.5626798019227346, largestOneDayIncrease: 0.1528352379964395, largestFiveDayIncrease: 0.24892055891093423, rank: 0 },
  { id: 'hs|a0.975|L250|lam-|h1|none', method: 'hs', confidence: 0.975, windowDays: 250, ewmaLambda: 0.94, horizonDays: 1, apcVariant: 'none', observations: 2056, exceptions: 66, coverage: 0.9678988326848249, kupiecPValue: 0.048034406372990064, christoffersenPValueCc: 0.0000031782159021747215, averageMargin: 0.05991168553839927, peakToTroughRatio: 4.651166283144711, largestOneDayIncrease: 0.27601730246705003, largestFiveDayIncrease: 0.3008650499991006, rank: 0 },
  { id: 'hs|a0.975|L500|lam-|h1|none', method: 'hs', confidence: 0.975, windowDays: 500, ewmaLambda: 0.94, horizonDays: 1, apcVariant: 'none', observations: 2056, exceptions: 54, coverage: 0.9737354085603113, kupiecPValue: 0.7156200469424483, christoffersenPValueCc: 8.914617355242394e-11, averageMargin: 0.06235573861068326, peakToTroughRatio: 3.2288776368640413, largestOneDayIncrease: 0.125018944435908, largestFiveDayIncrease: 0.2499259349947449, rank: 0 },
];
const FRONTIER = ['hs|a0.99|L500|lam-|h1|none', 'hs|a0.975|L250|lam-|h1|none', 'hs|a0.975|L500|lam-|h1|none'];

describe('sweep frontier', () => {
  it('scales size and colour linearly with the peak-to-trough ratio', () => {
    expect(procyclicalityStyle(3, 3, 5)).toEqual({ symbolSize: 9, color: '#9ec5e6' });
    expect(procyclicalityStyle(5, 3, 5)).toEqual({ symbolSize: 26, color: '#b3450c' });
    // Midway: size (9 + 26) / 2; colour channels (0x9e+0xb3)/2 = 168.5 → a9, (0xc5+0x45)/2 = 133 → 85, (0xe6+0x0c)/2 = 121 → 79.
    expect(procyclicalityStyle(4, 3, 5)).toEqual({ symbolSize: 17.5, color: '#a98579' });
    expect(procyclicalityStyle(null, 3, 5)).toEqual({ symbolSize: 9, color: '#9aa5b1' });
    const pts = frontierPoints(ROWS, 'kupiecPValue');
    expect(pts.map((p) => p.x)).toEqual(ROWS.map((r) => r.kupiecPValue));
    expect(pts[3].symbolSize).toBe(9); // the smallest ratio, 3.2289
    expect(pts[2].symbolSize).toBe(26); // the largest, 4.6512
  });

  it('rings the frontier and the loaded set, and places points where ECharts draws them', () => {
    for (const xKey of ['coverage', 'kupiecPValue'] as const) {
      const option = buildSweepFrontierOption({ rows: ROWS, frontierIds: FRONTIER, xKey, selectedId: ROWS[2].id, synthetic: true });
      const series = option.series as { name: string; data: { name: string; value: [number, number] }[] }[];
      expect(series.map((s) => [s.name, s.data.map((d) => d.name)])).toEqual([
        ['dominated', [ROWS[0].id]],
        ['not ranked', []],
        ['Pareto frontier (rank 0)', [ROWS[1].id, ROWS[2].id, ROWS[3].id]],
        ['loaded into the form', [ROWS[2].id]],
      ]);
      const c = render(option, 1000, 420);
      for (const [k, row] of ROWS.entries()) {
        expect(series[k === 0 ? 0 : 2].data.some((d) => d.name === row.id)).toBe(true);
        const [ex, ey] = c.convertToPixel({ gridIndex: 0 }, [row[xKey], row.averageMargin]) as number[];
        const mine = frontierPointPixel(option, row.id, 1000, 420);
        expect(Math.abs(mine.x - ex)).toBeLessThan(PIXEL_TOLERANCE);
        expect(Math.abs(mine.y - ey)).toBeLessThan(PIXEL_TOLERANCE);
      }
      chart?.dispose();
      chart = null;
    }
  });
});

describe('QQ and lookback plots', () => {
  // scipy 1.17.1: norm.ppf([0.1, 0.5, 0.9], 0.001, 0.03) = [-0.0374465, 0.001, 0.0394465];
  // t.ppf([0.1, 0.5, 0.9], 3, 0.0005, 0.02) = [-0.0322549, 0.0005, 0.0332549].
  const qq: QqOutput = {
    source: 'test', asset: 'TEST', horizonDays: 1, from: '2024-01-02', to: '2024-12-31', observations: 3,
    normal: { mean: 0.001, stdev: 0.03 }, studentT: { mu: 0.0005, sigma: 0.02, nu: 3, logLikelihood: 5.1, converged: true },
    points: { p: [0.1, 0.5, 0.9], empirical: [-0.05, 0.0, 0.045], normal: [-0.0374465, 0.001, 0.0394465], studentT: [-0.0322549, 0.0005, 0.0332549] },
  };

  it('pairs each fitted quantile with the empirical one and spans the 45° line over all of them', () => {
    const s = qqSeries(qq);
    expect(s.normal).toEqual([[-0.0374465, -0.05], [0.001, 0], [0.0394465, 0.045]]);
    expect(s.studentT[0]).toEqual([-0.0322549, -0.05]);
    expect(s.diagonal).toEqual([[-0.05, -0.05], [0.045, 0.045]]);
    const option = buildQqOption(qq, false) as { title: { subtext: string } };
    expect(option.title.subtext).toContain('normal μ 0.100 %, σ 3.00 % · Student-t μ 0.050 %, σ 2.00 %, ν 3.00');
    render(buildQqOption(qq, true), 600, 380);
    expect(() => qqSeries({ ...qq, points: { ...qq.points, studentT: [0] } })).toThrow('QQ TEST: points.studentT has 1 values for 3 plotting positions');
  });

  const study: LookbackStability = {
    label: 'BTC', at: '2025-12-31', method: 'hs', confidence: 0.99, horizonDays: 1, tolerance: 0.05, stableFrom: 500,
    points: [
      { windowDays: 250, valueAtRisk: 0.067, expectedShortfall: 0.09, relativeChange: null },
      { windowDays: 500, valueAtRisk: 0.0577, expectedShortfall: 0.0788, relativeChange: 0.1388 },
      { windowDays: 750, valueAtRisk: 0.0561, expectedShortfall: 0.075, relativeChange: 0.0277 },
    ],
  };

  it('marks where the estimate is stable and keeps the δ axis on a round top above every bar', () => {
    const option = buildLookbackOption(study, false) as {
      yAxis: { max?: number }[]; series: { name: string; markLine?: { data: { xAxis?: number; yAxis?: number }[] } }[]; title: { subtext: string };
    };
    // Largest δ 0.1388 × 1.1 = 0.1527 → next multiple of 0.05 is 0.2.
    expect(option.yAxis[1].max).toBeCloseTo(0.2, 12);
    expect(option.series.map((s) => s.name)).toEqual(['δ vs previous L', 'VaR', 'ES']);
    expect(option.series[0].markLine?.data[0].yAxis).toBe(0.05);
    expect(option.series[1].markLine?.data[0].xAxis).toBe(500);
    expect(option.title.subtext).toBe('stable from L = 500 (every later step < 5 %)');
    const interval = { estimate: 0, lower: 0.05, upper: 0.08, standardError: 0.01, level: 0.9, resamples: 200, blockLength: 7, scheme: 'stationary', seed: 1 };
    const withCi = buildLookbackOption({ ...study, stableFrom: null, points: study.points.map((p) => ({ ...p, interval })) }, true) as typeof option;
    expect(withCi.series.map((s) => s.name)).toEqual(['δ vs previous L', 'VaR', 'ES', 'VaR 90 % interval', 'VaR 90 % interval']);
    expect(withCi.title.subtext).toBe('not stable: the last step still moves by more than 5 %');
    render(withCi, 600, 380);
    expect(() => buildLookbackOption({ ...study, points: [study.points[1], study.points[0]] }, false)).toThrow('lookbacks must increase (250 after 500)');
  });
});

describe('axis helpers', () => {
  it('pads extents and labels percentages without float noise', () => {
    expect(paddedExtent([1, 3], 0.1)).toEqual([0.8, 3.2]);
    expect(paddedExtent([2, 2], 0.1, 1)).toEqual([1.4, 2.6]);
    expect(paddedExtent([])).toEqual([0, 1]);
    expect([0.07, 0.025, -0.1, 0.07000000000000001, 0.145].map(percentTick)).toEqual(['7%', '2.5%', '-10%', '7%', '14.5%']);
  });
});
