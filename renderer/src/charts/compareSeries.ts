// Series charts of the Compare view. Backtests: one chart per run on the shared date axis (every
// test day of any run) with the same dataZoom ids, so echarts.connect zooms them together, plus the
// margin difference other − base. Stress: the cascade round by round, the insurance fund's path and
// the reverse-stress curves, all runs on one axis.
import type { BacktestCompareView, StressCompareView } from '../../../preload/contract/schemas/compare';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, percentLabel, percentTick } from './calibrationChart';
import { linkedDataZoom } from './backtestReturns';
import { runColor } from './runColors';
import { usdEdgeLabel } from './compareHistogram';

const valueAxis = (name: string, formatter: (v: number) => string, nameGap = 48) => ({
  type: 'value' as const, name, nameLocation: 'middle' as const, nameGap, nameTextStyle: { color: palette.muted },
  axisLabel: { color: palette.muted, formatter }, splitLine: { lineStyle: { color: palette.grid } },
});

/** Exceptions of run k as [date, realised loss] points. */
export function exceptionPoints(view: BacktestCompareView, k: number): [string, number][] {
  const s = view.series[k];
  const out: [string, number][] = [];
  view.dates.forEach((d, i) => {
    if (s.exception[i] === true && s.realisedLoss[i] !== null) out.push([d, s.realisedLoss[i]!]);
  });
  return out;
}

/** Margin of run k minus the base's margin on each shared day (null where either has no test day). */
export function marginDifference(view: BacktestCompareView, k: number): (number | null)[] {
  const a = view.series[0].margin;
  const b = view.series[k].margin;
  return view.dates.map((_, i) => (a[i] !== null && b[i] !== null ? b[i]! - a[i]! : null));
}

/** The smallest of 1, 1.5, 2, 2.5 … 9.5, 10 × a power of ten that is ≥ x (x > 0): 0.419 → 0.45, 0.0945 → 0.095. */
export function niceCeil(x: number): number {
  const unit = 10 ** Math.floor(Math.log10(x));
  return (Math.ceil((x / unit) * 2 - 1e-9) / 2) * unit;
}

/** Shared y extent of the per-run backtest charts: 0 … 5 % above the largest margin or loss of any run, rounded up (niceCeil). */
export function backtestYMax(view: BacktestCompareView): number {
  let max = 0;
  for (const s of view.series) for (const x of [...s.margin, ...s.realisedLoss]) if (x !== null && x > max) max = x;
  return max > 0 ? niceCeil(max * 1.05) : 0.01;
}

export function buildBacktestRunOption(view: BacktestCompareView, k: number, title: string, yMax: number, synthetic: boolean): ChartOption {
  const s = view.series[k];
  const exceptions = exceptionPoints(view, k);
  const days = s.margin.filter((m) => m !== null).length;
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`Margin against realised loss — ${title}`, `${days} test days · ${exceptions.length} exceptions`, synthetic),
    legend: { top: 8, right: 16, data: ['realised loss', 'margin', 'exception'] },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const items = p as { axisValue: string; seriesName: string; value: number | null | [string, number] }[];
        const lines = items.filter((i) => i.value !== null && i.value !== undefined)
          .map((i) => `${i.seriesName}: ${percentLabel(Array.isArray(i.value) ? i.value[1] : (i.value as number))}`);
        return [items[0]?.axisValue ?? '', ...lines].join('<br/>');
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 64 },
    dataZoom: linkedDataZoom(true),
    xAxis: { type: 'category', data: view.dates, boundaryGap: false, axisLabel: { color: palette.muted }, axisLine: { lineStyle: { color: palette.axis } } },
    yAxis: { ...valueAxis('fraction of notional', percentTick), min: 0, max: yMax },
    series: [
      { name: 'realised loss', type: 'line', data: s.realisedLoss.map((x) => (x === null ? null : Math.max(0, x))), showSymbol: false,
        lineStyle: { width: 1, color: palette.bar }, itemStyle: { color: palette.bar } },
      { name: 'margin', type: 'line', data: s.margin, showSymbol: false, step: 'end', lineStyle: { width: 1.5, color: runColor(k) }, itemStyle: { color: runColor(k) } },
      { name: 'exception', type: 'scatter', data: exceptions, symbolSize: 7, itemStyle: { color: palette.down, borderColor: '#fff', borderWidth: 1 }, z: 5 },
    ],
  };
}

export function buildMarginDifferenceOption(view: BacktestCompareView, titles: readonly string[], synthetic: boolean): ChartOption {
  const series = view.series.slice(1).map((_, j) => ({
    name: `${titles[j + 1]} − ${titles[0]}`, type: 'line' as const, data: marginDifference(view, j + 1), showSymbol: false, step: 'end' as const,
    lineStyle: { width: 1.5, color: runColor(j + 1) }, itemStyle: { color: runColor(j + 1) },
  }));
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock('Margin difference by day (other − base)', 'above zero: the other run asks more margin that day', synthetic),
    legend: { top: 8, right: 16, data: series.map((s) => s.name) },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? percentLabel(v) : '—') },
    grid: { left: 64, right: 24, top: 64, bottom: 64 },
    dataZoom: linkedDataZoom(true),
    xAxis: { type: 'category', data: view.dates, boundaryGap: false, axisLabel: { color: palette.muted }, axisLine: { lineStyle: { color: palette.axis } } },
    yAxis: valueAxis('pp of notional', percentTick),
    series,
  };
}

/** The cascade, one chart per measure: runs side by side per round (bars), on the shared round axis. */
export function buildRoundsOption(view: StressCompareView, measure: 'badDebtUsd' | 'penaltiesUsd' | 'liquidatedNotionalUsd' | 'fundPaidUsd', titles: readonly string[], synthetic: boolean): ChartOption {
  const names = { badDebtUsd: 'Bad debt', penaltiesUsd: 'Liquidation penalties', liquidatedNotionalUsd: 'Notional liquidated', fundPaidUsd: 'Paid by the insurance fund' };
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`${names[measure]} by cascade round`, 'USD per round; a missing bar: the run had stopped', synthetic),
    legend: { bottom: 0, data: [...titles] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString('en-US', { maximumFractionDigits: 0 })} USD` : '—') },
    grid: { left: 72, right: 24, top: 64, bottom: 56 },
    xAxis: { type: 'category', data: view.rounds.map((r) => `round ${r}`), axisLabel: { color: palette.muted } },
    yAxis: valueAxis('USD', usdEdgeLabel, 56),
    series: view.waterfall.map((w, k) => ({ name: titles[k], type: 'bar' as const, data: w[measure], itemStyle: { color: runColor(k) } })),
  };
}

export function buildFundPathOption(view: StressCompareView, titles: readonly string[], synthetic: boolean): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock('Insurance fund through the cascade', 'before round 1, then after each round', synthetic),
    legend: { bottom: 0, data: [...titles] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString('en-US', { maximumFractionDigits: 0 })} USD` : '—') },
    grid: { left: 72, right: 24, top: 64, bottom: 56 },
    xAxis: { type: 'category', data: ['start', ...view.rounds.map((r) => `after round ${r}`)], boundaryGap: false, axisLabel: { color: palette.muted } },
    yAxis: { ...valueAxis('USD', usdEdgeLabel, 56), min: 0 },
    series: view.fundPath.map((f, k) => ({
      name: titles[k], type: 'line' as const, data: f.fundUsd, step: 'end' as const, symbolSize: 6, lineStyle: { width: 2, color: runColor(k) }, itemStyle: { color: runColor(k) },
    })),
  };
}

export function buildReverseCurvesOption(curves: readonly { points: readonly [number, number][] }[], titles: readonly string[], synthetic: boolean): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock('Bad debt against scenario severity k', 'every evaluation of each reverse stress run', synthetic),
    legend: { bottom: 0, data: [...titles] },
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 24, top: 64, bottom: 64 },
    xAxis: { ...valueAxis('severity k', (v) => String(v), 28), min: 0 },
    yAxis: valueAxis('bad debt (USD)', usdEdgeLabel, 56),
    series: curves.map((c, k) => ({
      name: titles[k], type: 'line' as const, data: c.points.map((p) => [...p]), symbolSize: 5, lineStyle: { color: runColor(k) }, itemStyle: { color: runColor(k) },
    })),
  };
}
