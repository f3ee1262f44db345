import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { quantileType7, sturgesBinCount, type BinRule } from './returnStats';
import { runColor } from './runColors';

/**
 * Histogram of account margin ratios (MM / equity) for one or more margin runs on shared bins.
 *
 * Bins cover [0, largest ratio below 1] with equal widths; their number follows Freedman–Diaconis
 * (1981), k = ⌈range / (2·IQR·n^(−1/3))⌉ on the pooled ratios below 1 (Sturges when the IQR is zero),
 * capped at MAX_BINS. Ratios ≥ 1 (the account is liquidatable: MM ≥ equity) are counted in their own
 * bar rather than stretching the axis, and accounts with equity ≤ 0 have no ratio: they are counted
 * apart and named in the subtitle.
 */

export const MAX_BINS = 60;

export interface RatioRun {
  label: string;
  synthetic: boolean;
  rows: readonly { marginRatio: number | null }[];
}

export interface MarginRatioBins {
  /** k + 1 equally spaced edges from 0; the last bin is closed on the right (as numpy.histogram). */
  edges: number[];
  rule: BinRule;
  /** counts[run][bin]. */
  counts: number[][];
  /** Per run: accounts with ratio ≥ 1. */
  liquidatable: number[];
  /** Per run: accounts with no ratio (equity ≤ 0). */
  noRatio: number[];
}

export function marginRatioBins(runs: readonly RatioRun[]): MarginRatioBins {
  const below: number[] = [];
  for (const run of runs) {
    for (const { marginRatio: r } of run.rows) {
      if (r === null) continue;
      if (!Number.isFinite(r) || r < 0) throw new Error(`run "${run.label}": margin ratio ${r} is not a finite non-negative number`);
      if (r < 1) below.push(r);
    }
  }
  const sorted = Float64Array.from(below).sort();
  const n = sorted.length;
  const hi = n > 0 ? sorted[n - 1] : 0;
  let rule: BinRule = 'Freedman–Diaconis';
  let k = 1;
  if (n >= 2 && hi > 0) {
    const iqr = quantileType7(sorted, 0.75) - quantileType7(sorted, 0.25);
    const width = (2 * iqr) / Math.cbrt(n);
    if (width > 0) k = Math.ceil(hi / width);
    else {
      rule = 'Sturges';
      k = sturgesBinCount(n);
    }
  }
  k = Math.min(Math.max(k, 1), MAX_BINS);
  // No spread to show (no ratios, or all zero): one bin up to the liquidation threshold.
  const top = hi > 0 ? hi : 1;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? top : (top * i) / k));
  const binOf = (r: number): number => {
    let b = Math.min(k - 1, Math.floor((r / top) * k));
    while (b > 0 && r < edges[b]) b--;
    while (b < k - 1 && r >= edges[b + 1]) b++;
    return b;
  };
  const counts: number[][] = [];
  const liquidatable: number[] = [];
  const noRatio: number[] = [];
  for (const run of runs) {
    const c = new Array<number>(k).fill(0);
    let over = 0;
    let none = 0;
    for (const { marginRatio: r } of run.rows) {
      if (r === null) none++;
      else if (r >= 1) over++;
      else c[binOf(r)]++;
    }
    counts.push(c);
    liquidatable.push(over);
    noRatio.push(none);
  }
  return { edges, rule, counts, liquidatable, noRatio };
}

function pct(x: number, digits: number): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Enough decimals that neighbouring edges read differently (one decimal down to 0.1 percentage point). */
function edgeDigits(edges: readonly number[]): number {
  const width = edges.length > 1 ? edges[1] - edges[0] : 1;
  return width >= 0.001 ? 1 : width >= 0.0001 ? 2 : 3;
}

/** The liquidatable bar's category; its axis label is red and the tooltip spells it out. */
export const LIQUIDATABLE_LABEL = '≥ 100%';

export function buildMarginRatioHistogramOption(runs: readonly RatioRun[]): ChartOption {
  const bins = marginRatioBins(runs);
  const digits = edgeDigits(bins.edges);
  const categories = bins.counts[0]?.map((_, i) => `${pct(bins.edges[i], digits)}–${pct(bins.edges[i + 1], digits)}`) ?? [];
  categories.push(LIQUIDATABLE_LABEL);
  const labelStep = Math.ceil(categories.length / 8);
  const synthetic = runs.some((r) => r.synthetic);
  const noRatio = bins.noRatio.reduce((a, b) => a + b, 0);
  const accounts = runs.map((r) => r.rows.length);
  const subtitle = [
    runs.length === 1 ? `${accounts[0]} accounts` : `${runs.length} runs: ${accounts.join(' / ')} accounts`,
    `${bins.rule} bins`,
    noRatio ? `equity ≤ 0 (no ratio): ${bins.noRatio.join(' / ')}` : '',
  ].filter(Boolean).join(' · ');
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Margin ratio (MM / equity)${synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: subtitle,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    legend: { bottom: 0, data: runs.map((r) => r.label) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const items = p as { name: string; seriesName: string; value: number }[];
        const head = items[0]?.name === LIQUIDATABLE_LABEL ? 'margin ratio ≥ 100% (liquidatable)' : `margin ratio ${items[0]?.name ?? ''}`;
        return [head, ...items.map((i) => `${i.seriesName}: ${i.value} accounts`)].join('<br/>');
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 84 },
    xAxis: {
      type: 'category',
      data: categories,
      name: 'margin ratio (bins from their lower edge)',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: palette.muted },
      axisLabel: {
        // About eight labels, always the liquidatable bar's, and none crowding it (ECharts would hide it).
        interval: (index: number, value: string) => value === LIQUIDATABLE_LABEL || (index % labelStep === 0 && index < categories.length - labelStep),
        showMaxLabel: true,
        // Lower edges only: the full range of each bin is in the tooltip.
        formatter: (value: string) => (value === LIQUIDATABLE_LABEL ? value : value.slice(0, value.indexOf('–'))),
        color: (value?: string | number) => (value === LIQUIDATABLE_LABEL ? palette.down : palette.muted),
      },
    },
    yAxis: {
      type: 'value',
      name: 'accounts',
      nameLocation: 'middle',
      nameGap: 44,
      minInterval: 1,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: runs.map((run, i) => ({
      name: run.label,
      type: 'bar' as const,
      data: [...bins.counts[i], bins.liquidatable[i]],
      itemStyle: { color: runColor(i) },
      barGap: '10%',
    })),
  };
}
