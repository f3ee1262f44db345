/**
 * Chart specs → ECharts options, as pure functions (no DOM, no echarts import): the report renderer
 * draws them server-side to SVG, a Vue view could hand the same options to vue-echarts. Options are
 * plain JSON (no formatter functions), animation off, so a render is a pure function of the spec.
 * Fractions are drawn in per cent (values × 100, axis name "… (%)").
 */
import type { AxisSpec, BarChartSpec, ChartSpec, LineChartSpec, ScatterChartSpec } from './model';

/** Colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/** Above this many points a line is down-sampled for drawing (largest-triangle-three-buckets keeps the peaks). */
const SAMPLING_THRESHOLD = 600;

const scaleOf = (axis: AxisSpec): number => (axis.unit === 'fraction' ? 100 : 1);
const axisName = (axis: AxisSpec): string => (axis.unit === 'fraction' ? `${axis.label} (%)` : axis.unit === 'usd' ? `${axis.label} (USD)` : axis.label);
const scaled = (v: number | null, k: number): number | null => (v === null || !Number.isFinite(v) ? null : k === 1 ? v : v * k);

function base(title: string, legend: string[]): Record<string, unknown> {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: 'sans-serif' },
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 13, fontWeight: 'bold' } },
    legend: { data: legend, bottom: 4, textStyle: { fontSize: 11 } },
    grid: { left: 72, right: 24, top: 40, bottom: 64, containLabel: false },
  };
}

export function lineChartOption(spec: LineChartSpec): Record<string, unknown> {
  const k = scaleOf(spec.y);
  return {
    ...base(spec.title, spec.series.map((s) => s.name)),
    xAxis: { type: 'category', data: [...spec.dates], boundaryGap: false, axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', name: axisName(spec.y), nameLocation: 'middle', nameGap: 52, axisLabel: { fontSize: 10 }, scale: false },
    series: spec.series.map((s) => (s.style === 'points'
      ? { type: 'scatter', name: s.name, symbol: 'circle', symbolSize: 5, data: s.values.map((v) => scaled(v, k)) }
      : {
        type: 'line', name: s.name, showSymbol: false, symbol: 'none', lineStyle: { width: 1.2 }, connectNulls: false,
        ...(s.values.length > SAMPLING_THRESHOLD ? { sampling: 'lttb' } : {}),
        data: s.values.map((v) => scaled(v, k)),
      })),
  };
}

export function barChartOption(spec: BarChartSpec): Record<string, unknown> {
  const k = scaleOf(spec.y);
  return {
    ...base(spec.title, spec.series.map((s) => s.name)),
    xAxis: { type: 'category', data: [...spec.categories], name: spec.xLabel, nameLocation: 'middle', nameGap: 30, axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', name: axisName(spec.y), nameLocation: 'middle', nameGap: 52, axisLabel: { fontSize: 10 } },
    series: spec.series.map((s) => ({ type: 'bar', name: s.name, barGap: '10%', data: s.values.map((v) => scaled(v, k)) })),
  };
}

export function scatterChartOption(spec: ScatterChartSpec): Record<string, unknown> {
  const kx = scaleOf(spec.x);
  const ky = scaleOf(spec.y);
  return {
    ...base(spec.title, spec.series.map((s) => s.name)),
    xAxis: { type: 'value', name: axisName(spec.x), nameLocation: 'middle', nameGap: 30, scale: true, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', name: axisName(spec.y), nameLocation: 'middle', nameGap: 52, scale: true, axisLabel: { fontSize: 10 } },
    series: spec.series.map((s) => ({
      type: 'scatter', name: s.name, symbolSize: 7,
      data: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]) => [x * kx, y * ky]),
    })),
  };
}

/** The ECharts option of any chart spec. */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'line': return lineChartOption(spec);
    case 'bar': return barChartOption(spec);
    case 'scatter': return scatterChartOption(spec);
  }
}

/**
 * Equal-width histogram of finite values over [lo, hi] (values outside are clamped into the end
 * bins and counted there, so every value is in exactly one bin). Bin labels show the lower edge.
 */
export function equalWidthHistogram(values: ArrayLike<number>, bins: number, lo: number, hi: number, digits = 2): { categories: string[]; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const k = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[k]++;
  }
  const categories = counts.map((_, k) => `${(lo + k * width).toFixed(digits)}${k === bins - 1 ? '+' : ''}`);
  return { categories, counts };
}
