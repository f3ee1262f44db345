import type { BacktestOutput } from '../../../preload/contract/schemas/calibrationChannels';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, percentLabel, percentTick } from './calibrationChart';
import { formatInt } from '../format';
import { largeScatter, lineSampling } from './largeData';

/** What the returns and traffic-light charts need from a calibration:backtest result. */
export type BacktestView = Pick<BacktestOutput, 'label' | 'apc' | 'model' | 'observations' | 'exceptions' | 'coverage' | 'series' | 'rollingTrafficLight'>;

/**
 * dataZoom components shared by every chart of the backtest group, with the same ids, so
 * echarts.connect replays a zoom on one chart onto the others (same test days on every x axis).
 */
export function linkedDataZoom(showSlider: boolean): ChartOption['dataZoom'] {
  return [
    { id: 'days-inside', type: 'inside', xAxisIndex: 0, filterMode: 'none' },
    { id: 'days-slider', type: 'slider', xAxisIndex: 0, filterMode: 'none', show: showSlider, bottom: 8, height: 18 },
  ];
}

export function checkSeriesLengths(view: BacktestView): void {
  const s = view.series;
  const n = s.dates.length;
  for (const field of ['margin', 'valueAtRisk', 'expectedShortfall', 'realisedLoss', 'exception'] as const) {
    if (s[field].length !== n) throw new Error(`backtest ${view.label}: series.${field} has ${s[field].length} values for ${n} test days`);
  }
}

export interface ReturnsSeries {
  /** Realised h-day P&L as a fraction of notional: −loss over (t, t + h]. */
  pnl: number[];
  /** The margin band's lower edge: −margin M_t. */
  negMargin: number[];
  /** −VaR before anti-procyclicality (drawn only when APC changes the margin). */
  negVar: number[];
  /** [test day, P&L] of each exception (loss > margin). */
  exceptions: [string, number][];
}

export function returnsSeries(view: BacktestView): ReturnsSeries {
  checkSeriesLengths(view);
  const s = view.series;
  const exceptions: [string, number][] = [];
  for (let i = 0; i < s.dates.length; i++) if (s.exception[i] === 1) exceptions.push([s.dates[i], -s.realisedLoss[i]]);
  return {
    pnl: s.realisedLoss.map((l) => -l),
    negMargin: s.margin.map((m) => -m),
    negVar: s.valueAtRisk.map((v) => -v),
    exceptions,
  };
}

export function modelLabel(model: BacktestView['model'], apc: string): string {
  const parts = [
    model.method.toUpperCase(), `α ${model.confidence}`, model.method === 'parametric' ? '' : `W ${model.windowDays}`,
    `h ${model.horizonDays}`, model.method === 'hs' ? '' : `λ ${model.lambda}`, model.measure === 'es' ? 'ES' : 'VaR',
    `APC ${apc}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * Realised h-day P&L (−loss, grey) against the margin band (shaded from 0 down to −margin) with
 * the exception days marked: every red point lies below the band's edge (loss > margin).
 */
export function buildBacktestReturnsOption(view: BacktestView, synthetic: boolean): ChartOption {
  const r = returnsSeries(view);
  const h = view.model.horizonDays;
  const apcChanges = view.apc !== 'none';
  const n = view.series.dates.length;
  const subtitle = `${modelLabel(view.model, view.apc)} · ${formatInt(view.exceptions)} exceptions in ${formatInt(view.observations)} test days (coverage ${percentLabel(view.coverage)})`;
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`${view.label}: realised ${h}-day P&L against the margin`, subtitle, synthetic),
    legend: { top: 8, right: 16, data: ['P&L', '−margin', ...(apcChanges ? ['−VaR before APC'] : []), 'exception'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (p: unknown) => {
        const items = p as { axisValue: string; seriesName: string; value: number | [string, number] }[];
        const lines = items.map((i) => `${i.seriesName}: ${percentLabel(Array.isArray(i.value) ? i.value[1] : i.value)}`);
        return [items[0]?.axisValue ?? '', ...lines].join('<br/>');
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 64 },
    dataZoom: linkedDataZoom(true),
    xAxis: {
      type: 'category',
      data: view.series.dates,
      boundaryGap: false,
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel: { color: palette.muted },
    },
    yAxis: {
      type: 'value',
      name: `${h}-day P&L (% of notional)`,
      nameLocation: 'middle',
      nameGap: 48,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted, formatter: percentTick },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        name: 'P&L', type: 'line', data: r.pnl, showSymbol: false, lineStyle: { width: 1, color: palette.bar }, itemStyle: { color: palette.bar },
        z: 2, ...lineSampling(n, 'lttb'),
      },
      {
        // Sampled to the bucket's highest −margin (smallest margin), so every exception stays drawn below the band's edge.
        name: '−margin', type: 'line', data: r.negMargin, showSymbol: false, step: 'end', ...lineSampling(n, 'max'),
        lineStyle: { width: 1.5, color: palette.accent }, itemStyle: { color: palette.accent },
        // Shaded from 0 down to −margin: the losses the margin covers.
        areaStyle: { color: 'rgba(62, 92, 130, 0.14)', origin: 0 }, z: 3,
      },
      ...(apcChanges
        ? [{
          name: '−VaR before APC', type: 'line' as const, data: r.negVar, showSymbol: false, step: 'end' as const, ...lineSampling(n, 'max'),
          lineStyle: { width: 1, type: 'dashed' as const, color: palette.reference }, itemStyle: { color: palette.reference }, z: 3,
        }]
        : []),
      {
        name: 'exception', type: 'scatter', data: r.exceptions, symbol: 'circle', symbolSize: 7, ...largeScatter(r.exceptions.length),
        itemStyle: { color: palette.down, borderColor: '#fff', borderWidth: 1 }, z: 5,
      },
    ],
  };
}
