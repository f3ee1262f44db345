// Calibrations side by side: each calibrated parameter (asset · parameter) as a group of bars, one per
// run, with the bootstrap interval in the tooltip. One chart per unit (fractions, vol points) so the
// bars of one chart share a scale.
import type { CalibrateCompareView } from '../../../preload/contract/schemas/compare';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, percentLabel, percentTick } from './calibrationChart';
import { runColor } from './runColors';

type Parameter = CalibrateCompareView['parameters'][number];

export function parametersOfUnit(view: CalibrateCompareView, unit: Parameter['unit']): Parameter[] {
  return view.parameters.filter((p) => p.unit === unit);
}

const show = (unit: Parameter['unit'], x: number): string => (unit === 'fraction' ? percentLabel(x) : `${x.toFixed(2)} vol pts`);

export function buildEstimatesOption(params: readonly Parameter[], unit: Parameter['unit'], titles: readonly string[], synthetic: boolean): ChartOption {
  // More than six groups: the category names are turned to fit under their bars.
  const rotate = params.length > 6 ? 30 : 0;
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(unit === 'fraction' ? 'Calibrated rates by run' : 'Calibrated vol shocks by run', 'estimate before rounding; the bootstrap interval is in the tooltip', synthetic),
    legend: { top: 8, right: 16, data: [...titles] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const items = p as { dataIndex: number; seriesIndex: number; seriesName: string }[];
        const param = params[items[0]?.dataIndex ?? 0];
        const lines = items.map((i) => {
          const v = param?.values[i.seriesIndex];
          if (!v) return `${i.seriesName}: not calibrated`;
          const ci = v.lower !== null && v.upper !== null ? ` [${show(unit, v.lower)} … ${show(unit, v.upper)}]` : '';
          return `${i.seriesName}: ${show(unit, v.estimate)}${ci}`;
        });
        return [param ? `${param.asset} · ${param.parameter}` : '', ...lines].join('<br/>');
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: rotate ? 88 : 36 },
    xAxis: {
      type: 'category', data: params.map((p) => `${p.asset} · ${p.parameter}`),
      axisLabel: { color: palette.muted, interval: 0, rotate },
    },
    yAxis: {
      type: 'value', name: unit === 'fraction' ? 'fraction' : 'vol points', nameLocation: 'middle', nameGap: 48, nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted, formatter: unit === 'fraction' ? percentTick : (v: number) => String(v) }, splitLine: { lineStyle: { color: palette.grid } },
    },
    series: titles.map((t, k) => ({
      name: t, type: 'bar' as const, data: params.map((p) => p.values[k]?.estimate ?? null), itemStyle: { color: runColor(k) },
    })),
  };
}
