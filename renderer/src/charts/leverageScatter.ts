import type { ComposeOption } from 'echarts/core';
import type { ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
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
  skipped: number;
}

/** One point per account with both measures defined, per run, in the rows' order. */
export function leverageScatterSeries(runs: readonly ScatterRun[]): ScatterSeriesData[] {
  return runs.map((run) => {
    const points: [number, number, string][] = [];
    let skipped = 0;
    for (const row of run.rows) {
      if (row.leverage === null || row.marginRatio === null) {
        skipped++;
        continue;
      }
      if (!Number.isFinite(row.leverage) || !Number.isFinite(row.marginRatio)) {
        throw new Error(`run "${run.label}", account ${row.accountId}: leverage ${row.leverage} / margin ratio ${row.marginRatio} is not finite`);
      }
      points.push([row.leverage, row.marginRatio, row.accountId]);
    }
    return { label: run.label, points, skipped };
  });
}

/**
 * Leverage (gross notional / equity) against margin ratio (MM / equity), one colour per run, so the
 * same book computed under two models shows how each model charges the same accounts: for a given
 * leverage, a higher point means the model asks more maintenance margin. The dashed line at 100 % is
 * the liquidation threshold (MM = equity).
 */
export function buildLeverageScatterOption(runs: readonly ScatterRun[]): ScatterChartOption {
  const series = leverageScatterSeries(runs);
  const synthetic = runs.some((r) => r.synthetic);
  const skipped = series.map((s) => s.skipped);
  const subtitle = [
    series.map((s) => `${s.label}: ${s.points.length} accounts`).join(' · '),
    skipped.some((n) => n > 0) ? `not drawn (equity ≤ 0): ${skipped.join(' / ')}` : '',
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
      subtextStyle: { color: palette.muted, fontSize: 11, width: 640, overflow: 'truncate' },
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
    grid: { left: 64, right: 32, top: 64, bottom: 64 },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    xAxis: {
      type: 'value',
      name: 'leverage (×, gross notional / equity)',
      nameLocation: 'middle',
      nameGap: 26,
      scale: true,
      axisLabel: { color: palette.muted, formatter: (v: number) => `${v}×` },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value',
      name: 'margin ratio (MM / equity)',
      nameTextStyle: { color: palette.muted, align: 'left' },
      min: 0,
      axisLabel: { color: palette.muted, formatter: (v: number) => `${Math.round(v * 1000) / 10}%` },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: series.map((s, i) => ({
      name: s.label,
      type: 'scatter' as const,
      data: s.points,
      symbolSize: 5,
      large: total > 5000,
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
