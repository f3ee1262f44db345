import type { SweepOutput } from '../../../preload/contract/schemas/calibrationChannels';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, paddedExtent, percentLabel, percentTick } from './calibrationChart';

export type SweepRow = SweepOutput['rows'][number];
export type FrontierXKey = 'coverage' | 'kupiecPValue';

export const X_LABELS: Record<FrontierXKey, string> = {
  coverage: 'coverage (share of test days with loss ≤ margin)',
  kupiecPValue: 'Kupiec POF p-value',
};

export interface FrontierPoint {
  id: string;
  x: number;
  /** Average margin, fraction of notional (the cost objective). */
  y: number;
  peakToTroughRatio: number | null;
  rank: number | null;
  symbolSize: number;
  color: string;
}

const SIZE_MIN = 9;
const SIZE_MAX = 26;
/** Low procyclicality → light blue, high → dark orange (sequential, readable on white). */
const COLOR_LOW: [number, number, number] = [0x9e, 0xc5, 0xe6];
const COLOR_HIGH: [number, number, number] = [0xb3, 0x45, 0x0c];
const COLOR_UNDEFINED = '#9aa5b1';

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Procyclicality (peak-to-trough margin ratio) → symbol size and colour, linear between the
 * smallest and largest ratio of the sweep; a run without a ratio (non-positive trough) is grey at
 * the smallest size. One ratio for all runs maps to the middle of both scales.
 */
export function procyclicalityStyle(ratio: number | null, lo: number, hi: number): { symbolSize: number; color: string } {
  if (ratio === null) return { symbolSize: SIZE_MIN, color: COLOR_UNDEFINED };
  const f = hi > lo ? Math.min(1, Math.max(0, (ratio - lo) / (hi - lo))) : 0.5;
  return {
    symbolSize: SIZE_MIN + f * (SIZE_MAX - SIZE_MIN),
    color: hex(COLOR_LOW.map((c, i) => c + f * (COLOR_HIGH[i] - c))),
  };
}

export function frontierPoints(rows: readonly SweepRow[], xKey: FrontierXKey): FrontierPoint[] {
  const ratios = rows.map((r) => r.peakToTroughRatio).filter((r): r is number => r !== null);
  const lo = ratios.length ? Math.min(...ratios) : 0;
  const hi = ratios.length ? Math.max(...ratios) : 0;
  return rows.map((r) => ({
    id: r.id, x: r[xKey], y: r.averageMargin, peakToTroughRatio: r.peakToTroughRatio, rank: r.rank,
    ...procyclicalityStyle(r.peakToTroughRatio, lo, hi),
  }));
}

export interface FrontierChartInput {
  rows: readonly SweepRow[];
  frontierIds: readonly string[];
  xKey: FrontierXKey;
  /** The parameter set loaded into the form, ringed. */
  selectedId: string | null;
  synthetic: boolean;
}

export const FRONTIER_GRID = { left: 76, right: 28, top: 72, bottom: 76 } as const;

function tooltipOf(row: SweepRow | undefined): string {
  if (!row) return '';
  return [
    `<b>${row.id}</b>`,
    `coverage ${percentLabel(row.coverage)} · ${row.exceptions} exceptions in ${row.observations} days`,
    `Kupiec p ${row.kupiecPValue.toPrecision(3)} · Christoffersen cc p ${row.christoffersenPValueCc.toPrecision(3)}`,
    `average margin ${percentLabel(row.averageMargin)}`,
    `peak-to-trough ${row.peakToTroughRatio === null ? '—' : row.peakToTroughRatio.toFixed(2)} · largest 1-day increase ${percentLabel(row.largestOneDayIncrease)}`,
    row.rank === null ? 'not ranked (an objective is undefined)' : row.rank === 0 ? 'Pareto frontier (rank 0)' : `rank ${row.rank}`,
    'click to load into the form',
  ].join('<br/>');
}

/**
 * The sweep's runs as cost (average margin) against coverage or the Kupiec p-value, sized and
 * coloured by procyclicality; the Pareto frontier (rank 0 over Kupiec p ↑, average margin ↓,
 * peak-to-trough ↓, computed by the service) is ringed in ink. Axis extents are explicit, so a
 * point's pixel position follows from the option alone (frontierPointPixel).
 */
export function buildSweepFrontierOption(input: FrontierChartInput): ChartOption {
  const points = frontierPoints(input.rows, input.xKey);
  const onFrontier = new Set(input.frontierIds);
  const byId = new Map(input.rows.map((r) => [r.id, r]));
  const item = (p: FrontierPoint, frontier: boolean) => ({
    name: p.id,
    value: [p.x, p.y],
    symbolSize: p.symbolSize,
    itemStyle: { color: p.color, borderColor: frontier ? palette.ink : '#fff', borderWidth: frontier ? 2.5 : 1, opacity: 0.95 },
  });
  const frontier = points.filter((p) => onFrontier.has(p.id));
  const ranked = points.filter((p) => !onFrontier.has(p.id) && p.rank !== null);
  const unranked = points.filter((p) => !onFrontier.has(p.id) && p.rank === null);
  const selected = points.find((p) => p.id === input.selectedId);
  const [xMin, xMax] = paddedExtent(points.map((p) => p.x), 0.1, input.xKey === 'coverage' ? 0.002 : 0.02);
  const [yMin, yMax] = paddedExtent(points.map((p) => p.y), 0.12, 0.002);
  const alphas = [...new Set(input.rows.map((r) => r.confidence))];
  const reference = input.xKey === 'kupiecPValue'
    ? { value: 0.05, text: 'p = 0.05' }
    : alphas.length === 1 ? { value: alphas[0], text: `α = ${alphas[0]}` } : null;
  const ratios = points.map((p) => p.peakToTroughRatio).filter((r): r is number => r !== null);
  const scale = ratios.length
    ? `size and colour: peak-to-trough margin ratio, ${Math.min(...ratios).toFixed(2)}× small light blue to ${Math.max(...ratios).toFixed(2)}× large dark orange`
    : 'no run has a peak-to-trough ratio';
  const subtitle = `${input.rows.length} parameter sets · ${frontier.length} on the frontier (ringed) · ${scale}`;
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock('Sweep: average margin against backtest quality', subtitle, input.synthetic),
    legend: { bottom: 4, data: ['Pareto frontier (rank 0)', 'dominated', ...(unranked.length ? ['not ranked'] : [])] },
    tooltip: { trigger: 'item', formatter: (p: unknown) => tooltipOf(byId.get((p as { name: string }).name)) },
    grid: { ...FRONTIER_GRID },
    xAxis: {
      type: 'value', min: xMin, max: xMax, name: X_LABELS[input.xKey], nameLocation: 'middle', nameGap: 28,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted, showMinLabel: false, showMaxLabel: false, formatter: input.xKey === 'coverage' ? percentTick : (v: number) => String(Number(v.toPrecision(4))) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value', min: yMin, max: yMax, name: 'average margin (% of notional)', nameLocation: 'middle', nameGap: 56,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted, showMinLabel: false, showMaxLabel: false, formatter: percentTick },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        name: 'dominated', type: 'scatter', data: ranked.map((p) => item(p, false)), itemStyle: { color: hex(COLOR_LOW) },
        markLine: reference
          ? { symbol: 'none', silent: true, data: [{ xAxis: reference.value, label: { formatter: reference.text, color: palette.reference }, lineStyle: { color: palette.reference, type: 'dashed' } }] }
          : undefined,
      },
      { name: 'not ranked', type: 'scatter', data: unranked.map((p) => item(p, false)), itemStyle: { color: COLOR_UNDEFINED } },
      {
        // The series style draws the legend icon as a ring, like the frontier points.
        name: 'Pareto frontier (rank 0)', type: 'scatter', data: frontier.map((p) => item(p, true)), z: 4,
        itemStyle: { color: '#fff', borderColor: palette.ink, borderWidth: 2.5 },
      },
      {
        name: 'loaded into the form', type: 'scatter', silent: true, z: 5,
        // A hollow ring around the point (a transparent fill keeps the point's own colour visible).
        data: selected ? [{ name: selected.id, value: [selected.x, selected.y], symbolSize: selected.symbolSize + 12 }] : [],
        itemStyle: { color: 'rgba(0, 0, 0, 0)', borderColor: palette.accent, borderWidth: 2 },
      },
    ],
  };
}

/**
 * Where ECharts draws a parameter set's point in a chart of `width` × `height` CSS pixels: the
 * grid's inner box and the explicit axis extents map values linearly (y grows downwards).
 */
export function frontierPointPixel(option: ChartOption, id: string, width: number, height: number): { x: number; y: number } {
  const series = option.series as { data: { name: string; value: [number, number] }[] }[];
  const point = series.slice(0, 3).flatMap((s) => s.data).find((d) => d.name === id);
  if (!point) throw new Error(`no point for parameter set ${id}`);
  const xAxis = option.xAxis as { min: number; max: number };
  const yAxis = option.yAxis as { min: number; max: number };
  const g = option.grid as typeof FRONTIER_GRID;
  const innerWidth = width - g.left - g.right;
  const innerHeight = height - g.top - g.bottom;
  return {
    x: g.left + ((point.value[0] - xAxis.min) / (xAxis.max - xAxis.min)) * innerWidth,
    y: g.top + ((yAxis.max - point.value[1]) / (yAxis.max - yAxis.min)) * innerHeight,
  };
}
