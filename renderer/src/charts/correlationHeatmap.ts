import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';

/**
 * Heatmaps of a correlation breakout (correlation:shock): the base, shocked and repaired matrices on
 * one fixed scale [−1, 1], and the change the Higham (2002) repair made (repaired − shocked) on a
 * scale symmetric about zero, so a reader sees at once which entries the repair had to move.
 */

export type HeatmapKind = 'correlation' | 'change';

export interface HeatmapInput {
  title: string;
  assets: readonly string[];
  /** Rows of the n × n matrix. */
  matrix: readonly (readonly number[])[];
  kind: HeatmapKind;
  synthetic: boolean;
  subtitle?: string;
}

/** Cells as ECharts heatmap data [column j, row i, value]; the matrix must be n × n for n assets. */
export function heatmapCells(assets: readonly string[], matrix: readonly (readonly number[])[]): [number, number, number][] {
  const n = assets.length;
  if (matrix.length !== n) throw new Error(`matrix has ${matrix.length} rows for ${n} assets`);
  const cells: [number, number, number][] = [];
  matrix.forEach((row, i) => {
    if (row.length !== n) throw new Error(`matrix row ${i} has ${row.length} entries for ${n} assets`);
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) throw new Error(`matrix entry [${i},${j}] is ${x}, not a finite number`);
      cells.push([j, i, x]);
    });
  });
  return cells;
}

/** Half-width of a change scale: the largest |entry| (at least 1e-6, so an all-zero change still draws). */
export function changeScale(matrix: readonly (readonly number[])[]): number {
  let m = 0;
  for (const row of matrix) for (const x of row) m = Math.max(m, Math.abs(x));
  return Math.max(m, 1e-6);
}

/** repaired − shocked, entry by entry (what the repair changed). */
export function matrixDifference(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  if (a.length !== b.length) throw new Error(`matrices differ in size: ${a.length} and ${b.length} rows`);
  return a.map((row, i) => row.map((x, j) => x - b[i][j]));
}

/** Cell labels: two decimals for correlations, enough digits for a change to be read. */
export function cellLabelDigits(kind: HeatmapKind, scale: number): number {
  if (kind === 'correlation') return 2;
  return scale >= 0.1 ? 2 : scale >= 0.01 ? 3 : 4;
}

// Diverging blue–white–red: negative correlations blue, positive red (ColorBrewer RdBu, reversed).
const DIVERGING = ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'];

export function buildCorrelationHeatmapOption(input: HeatmapInput): ChartOption {
  const cells = heatmapCells(input.assets, input.matrix);
  const scale = input.kind === 'correlation' ? 1 : changeScale(input.matrix);
  const digits = cellLabelDigits(input.kind, scale);
  const n = input.assets.length;
  // Labels fit in a cell up to about 10 assets; beyond that the tooltip carries the value.
  const showLabels = n <= 10;
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `${input.title}${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: input.subtitle ?? '',
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number] }).value;
        const what = input.kind === 'correlation' ? 'ρ' : 'change';
        return `${input.assets[v[1]]} / ${input.assets[v[0]]}<br/>${what} ${v[2].toFixed(digits + 2)}`;
      },
    },
    grid: { left: 56, right: 16, top: 56, bottom: 64 },
    xAxis: { type: 'category', data: [...input.assets], splitArea: { show: false }, axisLabel: { color: palette.muted, interval: 0 } },
    yAxis: { type: 'category', data: [...input.assets], inverse: true, axisLabel: { color: palette.muted, interval: 0 } },
    visualMap: {
      type: 'continuous',
      min: -scale,
      max: scale,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 120,
      itemWidth: 10,
      precision: digits,
      inRange: { color: DIVERGING },
      textStyle: { color: palette.muted, fontSize: 10 },
    },
    series: [{
      type: 'heatmap',
      name: input.title,
      data: cells,
      label: { show: showLabels, fontSize: 10, color: palette.ink, formatter: (p: unknown) => (p as { value: number[] }).value[2].toFixed(digits) },
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
    }],
  };
}
