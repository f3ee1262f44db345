import type { Distribution } from '../../../preload/contract/schemas/stressRuns';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { compactUsd } from './stressLossHistogram';

/**
 * A Monte Carlo distribution of a book figure (bad debt, insurance-fund drawdown) from the run's own
 * equal-width histogram, with its tail quantiles (the book's VaR at each level) and its mean marked
 * as vertical lines on the same USD axis.
 */

export interface DistributionBars {
  /** [bin centre, count] pairs. */
  bars: [number, number][];
  binWidth: number;
  scenarios: number;
}

export function distributionBars(d: Distribution): DistributionBars {
  const { edges, counts } = d.histogram;
  if (edges.length !== counts.length + 1) throw new Error(`histogram has ${edges.length} edges for ${counts.length} bins (needs bins + 1)`);
  const bars: [number, number][] = counts.map((c, i) => [(edges[i] + edges[i + 1]) / 2, c]);
  return { bars, binWidth: counts.length ? edges[1] - edges[0] : 0, scenarios: counts.reduce((a, b) => a + b, 0) };
}

/** Lines closer than this fraction of the axis range would print their labels over each other. */
export const MIN_LABEL_GAP = 0.08;

/**
 * Which marker lines get a text label: the first (the mean), then the rest from the last (the
 * deepest tail quantile) backwards, each only if it is at least MIN_LABEL_GAP of the range [lo, hi]
 * from every label already placed. Unlabelled lines are still drawn; the table carries every value.
 */
export function lineLabels(xs: readonly number[], lo: number, hi: number): boolean[] {
  const gap = MIN_LABEL_GAP * Math.max(hi - lo, Number.MIN_VALUE);
  const shown = xs.map(() => false);
  const placed: number[] = [];
  const order = xs.length ? [0, ...xs.map((_, i) => xs.length - 1 - i).filter((i) => i !== 0)] : [];
  for (const i of order) {
    if (placed.every((x) => Math.abs(x - xs[i]) >= gap)) {
      shown[i] = true;
      placed.push(xs[i]);
    }
  }
  return shown;
}

/** "99.9 %" for 0.999: enough digits to tell the levels apart. */
export function levelText(level: number): string {
  return `${Number((level * 100).toFixed(3))} %`;
}

export function buildDistributionOption(input: {
  title: string; distribution: Distribution; quantileLevels: readonly number[]; seed: number; synthetic: boolean;
}): ChartOption {
  const d = input.distribution;
  const { bars, scenarios } = distributionBars(d);
  if (d.quantiles.length !== input.quantileLevels.length) throw new Error(`${d.quantiles.length} quantiles for ${input.quantileLevels.length} levels`);
  const lines = [
    { xAxis: d.mean, lineStyle: { color: palette.accent, type: 'solid' as const }, label: { formatter: `mean ${compactUsd(d.mean)}`, color: palette.accent, position: 'insideEndTop' as const, fontSize: 10, show: true } },
    ...d.quantiles.map((q, i) => ({
      xAxis: q, lineStyle: { color: palette.down, type: 'dashed' as const },
      label: { formatter: `q ${levelText(input.quantileLevels[i])}: ${compactUsd(q)}`, color: palette.down, position: 'insideEndTop' as const, fontSize: 10, show: true },
    })),
  ];
  const labelled = lineLabels([d.mean, ...d.quantiles], d.histogram.edges[0] ?? d.min, d.histogram.edges[d.histogram.edges.length - 1] ?? d.max);
  lines.forEach((l, i) => (l.label.show = labelled[i]));
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `${input.title}${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: `${scenarios} Monte Carlo scenarios · seed ${input.seed} · min ${compactUsd(d.min)} · max ${compactUsd(d.max)} USD`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number] }[])[0]?.value;
        return v ? `around ${compactUsd(v[0])} USD: ${v[1]} scenarios` : '';
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 44 },
    xAxis: {
      type: 'value', name: 'USD', nameLocation: 'middle', nameGap: 26, scale: true,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: (v: number) => compactUsd(v) },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value', name: 'scenarios', nameLocation: 'middle', nameGap: 44, minInterval: 1,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [{
      name: input.title, type: 'bar', data: bars, barWidth: '96%', itemStyle: { color: palette.barFill },
      markLine: { silent: true, symbol: 'none', data: lines },
    }],
  };
}
