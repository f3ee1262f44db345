import type { ComposeOption } from 'echarts/core';
import type { ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { largeScatter } from './largeData';
import { chartFont, palette } from './palette';
import { runColor } from './runColors';

export type ScatterChartOption = ComposeOption<
  ScatterSeriesOption | DataZoomComponentOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption
  | TitleComponentOption | TooltipComponentOption
>;

export interface ScatterRun {
  /** Legend entry: the model the run used. */
  label: string;
  synthetic: boolean;
  rows: readonly { accountId: string; leverage: number | null; marginRatio: number | null }[];
}

export interface ScatterSeriesData {
  label: string;
  /** [leverage (×), margin ratio (fraction), account id]. */
  points: [number, number, string][];
  /** Accounts with equity ≤ 0: neither leverage nor margin ratio is defined. */
  noEquity: number;
  /** Accounts with a zero margin ratio (no maintenance margin): a log axis has no place for them. */
  zeroRatio: number;
}

/** One point per account with both measures defined and a positive ratio, per run, in the rows' order. */
export function leverageScatterSeries(runs: readonly ScatterRun[]): ScatterSeriesData[] {
  return runs.map((run) => {
    const points: [number, number, string][] = [];
    let noEquity = 0;
    let zeroRatio = 0;
    for (const row of run.rows) {
      if (row.leverage === null || row.marginRatio === null) {
        noEquity++;
        continue;
      }
      if (!Number.isFinite(row.leverage) || !Number.isFinite(row.marginRatio) || row.marginRatio < 0) {
        throw new Error(`run "${run.label}", account ${row.accountId}: leverage ${row.leverage} / margin ratio ${row.marginRatio} is not a finite non-negative pair`);
      }
      if (row.marginRatio === 0) zeroRatio++;
      else points.push([row.leverage, row.marginRatio, row.accountId]);
    }
    return { label: run.label, points, noEquity, zeroRatio };
  });
}

/** Log-axis tick labels: 0.001 → "0.1%", 0.05 → "5%", 10 → "1000%". */
export function ratioTickLabel(v: number): string {
  const pct = v * 100;
  return `${pct >= 1 ? Math.round(pct) : Number(pct.toPrecision(2))}%`;
}

/**
 * Leverage (gross notional / equity) against margin ratio (MM / equity), one colour per run, so the
 * same book computed under two models shows how each model charges the same accounts: for a given
 * leverage, a higher point means the model asks more maintenance margin. The ratio axis is
 * logarithmic because models differ by orders of magnitude (a tiered 0.4 % MMR against a 15 % scan
 * range). The dashed line at 100 % is the liquidation threshold (MM = equity).
 */
export function buildLeverageScatterOption(runs: readonly ScatterRun[]): ScatterChartOption {
  const series = leverageScatterSeries(runs);
  const synthetic = runs.some((r) => r.synthetic);
  const noEquity = series.map((s) => s.noEquity);
  const zeroRatio = series.map((s) => s.zeroRatio);
  const subtitle = [
    `accounts drawn: ${series.map((s) => s.points.length).join(' / ')}`,
    noEquity.some((n) => n > 0) ? `not drawn, equity ≤ 0: ${noEquity.join(' / ')}` : '',
    zeroRatio.some((n) => n > 0) ? `not drawn, MM = 0: ${zeroRatio.join(' / ')}` : '',
  ].filter(Boolean).join(' · ');
  const total = series.reduce((n, s) => n + s.points.length, 0);
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Leverage vs margin ratio${runs.length > 1 ? ' by model' : ''}${synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: subtitle,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    legend: { bottom: 0, data: series.map((s) => s.label) },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = p as { seriesName: string; value: [number, number, string] };
        const [lev, ratio, id] = item.value;
        return `${id}<br/>${item.seriesName}<br/>leverage ${lev.toFixed(2)}× · margin ratio ${(ratio * 100).toFixed(2)}%`;
      },
    },
    grid: { left: 72, right: 32, top: 64, bottom: 84 },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    xAxis: {
      type: 'value',
      name: 'leverage (×, gross notional / equity)',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: palette.muted },
      scale: true,
      axisLabel: { color: palette.muted, formatter: (v: number) => `${v}×` },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'log',
      logBase: 10,
      name: 'margin ratio (MM / equity, log scale)',
      nameLocation: 'middle',
      nameGap: 52,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted, formatter: ratioTickLabel },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: series.map((s, i) => ({
      name: s.label,
      type: 'scatter' as const,
      data: s.points,
      symbolSize: 5,
      // 100,000 accounts: one batched path per run, drawn in chunks (largeData.ts).
      ...largeScatter(total),
      itemStyle: { color: runColor(i), opacity: 0.65 },
      markLine: i === 0
        ? {
          symbol: 'none',
          silent: true,
          label: { formatter: 'liquidation (MM = equity)', color: palette.down, position: 'insideEndTop' },
          lineStyle: { color: palette.down, type: 'dashed' },
          data: [{ yAxis: 1 }],
        }
        : undefined,
    })),
  };
}
