import type { ChartOption } from './echarts';
import { chartTitle } from './candlestick';
import { chartFont, palette } from './palette';
import {
  dailyLogReturns, mean, normalDensity, returnHistogram, sampleStdDev, type BinRule, type Histogram,
} from './returnStats';

/** Everything the histogram panel shows, computed once from the closes. */
export interface ReturnDistribution {
  count: number;
  meanLogReturn: number;
  /** Sample standard deviation (n − 1) of daily log returns. */
  sdLogReturn: number;
  /** sd × √365 (design.md annualises daily crypto vol with √365: the market trades every day). */
  annualisedVol: number;
  minLogReturn: number;
  maxLogReturn: number;
  histogram: Histogram;
  skippedAcrossGaps: number;
  skippedNonPositive: number;
}

export function returnDistribution(dates: readonly string[], closes: ArrayLike<number>): ReturnDistribution {
  const r = dailyLogReturns(dates, closes);
  if (r.returns.length < 2) {
    throw new Error(`need at least 2 one-day returns for a histogram, found ${r.returns.length}`);
  }
  const sd = sampleStdDev(r.returns);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of r.returns) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return {
    count: r.returns.length,
    meanLogReturn: mean(r.returns),
    sdLogReturn: sd,
    annualisedVol: sd * Math.sqrt(365),
    minLogReturn: lo,
    maxLogReturn: hi,
    histogram: returnHistogram(r.returns),
    skippedAcrossGaps: r.skippedAcrossGaps,
    skippedNonPositive: r.skippedNonPositive,
  };
}

/**
 * The fitted normal density on a grid symmetric about the mean (so the mean itself is a grid point),
 * scaled to the histogram's units: expected count per bin = n · binWidth · φ(x; μ, σ).
 */
export function normalOverlay(dist: ReturnDistribution, halfPoints = 100): [number, number][] {
  const { histogram: h, count, meanLogReturn: mu, sdLogReturn: sd } = dist;
  // Constant returns have no spread to fit; draw no curve rather than a misleading flat line.
  if (!(sd > 0)) return [];
  const first = h.edges[0];
  const last = h.edges[h.edges.length - 1];
  const reach = Math.max(mu - first, last - mu);
  const step = reach / halfPoints;
  const points: [number, number][] = [];
  for (let j = -halfPoints; j <= halfPoints; j++) {
    const x = mu + j * step;
    if (x < first - step || x > last + step) continue;
    points.push([x, count * h.binWidth * normalDensity(x, mu, sd)]);
  }
  return points;
}

function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function binRuleNote(rule: BinRule): string {
  return rule === 'Freedman–Diaconis'
    ? 'bins: Freedman–Diaconis, width 2·IQR·n^(−1/3)'
    : 'bins: Sturges, ⌈log2 n⌉ + 1 (IQR is zero, so Freedman–Diaconis is undefined)';
}

/**
 * Histogram of daily log returns with a normal density of the same mean and sd drawn over it, so
 * fat tails and a sharp peak stand out. Bars sit on a value axis: ECharts sizes value-axis bars by the
 * smallest gap between x values, which here is exactly one bin width.
 */
export function buildReturnHistogramOption(dist: ReturnDistribution, label: { asset: string; synthetic: boolean }): ChartOption {
  const h = dist.histogram;
  const bars = Array.from(h.counts, (c, i) => ({
    value: [(h.edges[i] + h.edges[i + 1]) / 2, c, h.edges[i], h.edges[i + 1]],
  }));
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: chartTitle(label.asset, 'daily log returns', label.synthetic),
      subtext: `n = ${dist.count} · ${binRuleNote(h.rule)}`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: label.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    legend: { bottom: 0, data: ['observed', 'normal fit'] },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = p as { seriesName: string; value: number[] };
        if (item.seriesName === 'observed') {
          const [, c, a, b] = item.value;
          return `${pct(a, 2)} to ${pct(b, 2)}: ${c} days`;
        }
        return `normal fit at ${pct(item.value[0], 2)}: ${item.value[1].toFixed(1)} days`;
      },
    },
    grid: { left: 56, right: 24, top: 76, bottom: 64 },
    xAxis: {
      type: 'value',
      min: h.edges[0],
      max: h.edges[h.edges.length - 1],
      name: 'log return',
      nameLocation: 'middle',
      nameGap: 26,
      // The axis ends at the outer bin edges, which are not round numbers: label only the ticks.
      axisLabel: { color: palette.muted, formatter: (v: number) => pct(v, 0), showMinLabel: false, showMaxLabel: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'days',
      nameTextStyle: { color: palette.muted, align: 'right' },
      axisLabel: { color: palette.muted },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        name: 'observed',
        type: 'bar',
        data: bars,
        barWidth: '100%',
        itemStyle: { color: palette.barFill, borderColor: '#ffffff', borderWidth: 0.5 },
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: `mean ${pct(dist.meanLogReturn, 2)}`, color: palette.muted },
          lineStyle: { color: palette.muted, type: 'dashed' },
          data: [{ xAxis: dist.meanLogReturn }],
        },
      },
      {
        name: 'normal fit',
        type: 'line',
        data: normalOverlay(dist),
        showSymbol: false,
        smooth: false,
        lineStyle: { color: palette.reference, width: 2 },
        itemStyle: { color: palette.reference },
      },
    ],
  };
}
