import type { z } from 'zod';
import type { LookbackStabilityOutput } from '../../../preload/contract/schemas/calibrationChannels';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, percentLabel, percentTick } from './calibrationChart';

export type LookbackStability = z.infer<typeof LookbackStabilityOutput>;

/** "BTC · HS α 0.99 · h 1 at 2025-12-31": names one stability study in pickers and titles. */
export function lookbackLabel(l: LookbackStability): string {
  return `${l.label} · ${l.method.toUpperCase()} α ${l.confidence} · h ${l.horizonDays} at ${l.at}`;
}

/**
 * VaR and ES at one date for growing lookbacks L (left axis), with the block-bootstrap interval of
 * the VaR when the study has one, and the relative change δ against the previous L as bars (right
 * axis) under the tolerance line; the estimate is stable from the L after which every δ stays
 * below the tolerance (main/core/calibration/sampleSize.ts).
 */
export function buildLookbackOption(study: LookbackStability, synthetic: boolean): ChartOption {
  const pts = study.points;
  for (let i = 1; i < pts.length; i++) {
    if (!(pts[i].windowDays > pts[i - 1].windowDays)) throw new Error(`lookback study ${study.label}: lookbacks must increase (${pts[i].windowDays} after ${pts[i - 1].windowDays})`);
  }
  const withInterval = pts.every((p) => p.interval !== undefined);
  const stable = study.stableFrom === null
    ? `not stable: the last step still moves by more than ${percentLabel(study.tolerance, 0)}`
    : `stable from L = ${study.stableFrom} (every later step < ${percentLabel(study.tolerance, 0)})`;
  // A round top for the δ axis (multiple of 5 %), above the tolerance line and every bar.
  const maxChange = Math.max(study.tolerance, ...pts.map((p) => p.relativeChange ?? 0));
  const changeTop = Math.ceil((maxChange * 1.1) / 0.05) * 0.05;
  const xy = (f: (p: (typeof pts)[number]) => number | undefined) => pts.map((p) => [p.windowDays, f(p) ?? null]);
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`Lookback stability: ${lookbackLabel(study)}`, stable, synthetic),
    legend: { bottom: 4 },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const items = p as { axisValue: number; seriesName: string; value: [number, number | null] }[];
        const lines = items.filter((i) => i.value[1] !== null).map((i) => `${i.seriesName}: ${percentLabel(i.value[1] as number)}`);
        return [`L = ${items[0]?.axisValue ?? ''} days`, ...lines].join('<br/>');
      },
    },
    grid: { left: 72, right: 72, top: 72, bottom: 72 },
    xAxis: {
      type: 'value', name: 'lookback L (h-day losses)', nameLocation: 'middle', nameGap: 28, scale: true,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted }, splitLine: { show: false },
    },
    yAxis: [
      {
        type: 'value', name: 'VaR / ES (% of notional)', nameLocation: 'middle', nameGap: 52, scale: true,
        nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: percentTick },
        splitLine: { lineStyle: { color: palette.grid } },
      },
      {
        type: 'value', name: 'relative change δ', nameLocation: 'middle', nameGap: 48, min: 0, max: changeTop,
        nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: percentTick }, splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'δ vs previous L', type: 'bar', yAxisIndex: 1, data: xy((p) => p.relativeChange ?? undefined), barMaxWidth: 18,
        itemStyle: { color: 'rgba(123, 135, 148, 0.45)' },
        markLine: {
          symbol: 'none', silent: true,
          data: [{ yAxis: study.tolerance, label: { formatter: `tolerance ${percentLabel(study.tolerance, 0)}`, color: palette.muted, position: 'insideEndTop' }, lineStyle: { color: palette.muted, type: 'dotted' } }],
        },
      },
      {
        name: 'VaR', type: 'line', data: xy((p) => p.valueAtRisk), symbolSize: 6, lineStyle: { color: palette.accent, width: 2 }, itemStyle: { color: palette.accent },
        markLine: study.stableFrom === null ? undefined : {
          symbol: 'none', silent: true,
          data: [{ xAxis: study.stableFrom, label: { formatter: `stable from ${study.stableFrom}`, color: '#2f7d5b' }, lineStyle: { color: '#2f7d5b', type: 'dashed' } }],
        },
      },
      { name: 'ES', type: 'line', data: xy((p) => p.expectedShortfall), symbolSize: 5, lineStyle: { color: palette.reference, width: 1.5, type: 'dashed' }, itemStyle: { color: palette.reference } },
      ...(withInterval
        ? (['lower', 'upper'] as const).map((edge) => ({
          name: `VaR ${percentLabel(pts[0].interval!.level, 0)} interval`, type: 'line' as const, data: xy((p) => p.interval![edge]), showSymbol: false,
          lineStyle: { color: palette.accent, width: 1, type: 'dotted' as const }, itemStyle: { color: palette.accent },
        }))
        : []),
    ],
  };
}
