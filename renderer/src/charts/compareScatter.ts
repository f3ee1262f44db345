// Scatter charts of the Compare view: each account's margin ratio under the base run against
// another run (log–log, on one extent for both axes so the diagonal y = x is "no change"), and the
// sweeps' cost/coverage frontiers on shared axes.
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, paddedExtent, percentLabel, percentTick } from './calibrationChart';
import { ratioTickLabel } from './leverageScatter';

/**
 * Decade bounds holding every x and y: 10^⌊log10 min⌋ … 10^⌈log10 max⌉, the same for both axes so
 * the diagonal is at 45°. No points: [0.001, 1].
 */
export function diagonalExtent(points: readonly (readonly [number, number, ...unknown[]])[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const [x, y] of points) {
    min = Math.min(min, x, y);
    max = Math.max(max, x, y);
  }
  if (!(min > 0) || !Number.isFinite(max)) return [0.001, 1];
  const lo = 10 ** Math.floor(Math.log10(min));
  let hi = 10 ** Math.ceil(Math.log10(max));
  if (hi <= lo) hi = lo * 10;
  return [lo, hi];
}

/** Accounts above the diagonal (the other run asks more), below it, and on it (equal to 1e−12 relative). */
export function diagonalCounts(points: readonly (readonly [number, number, ...unknown[]])[]): { above: number; below: number; equal: number } {
  let above = 0;
  let below = 0;
  let equal = 0;
  for (const [x, y] of points) {
    if (Math.abs(y - x) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y))) equal++;
    else if (y > x) above++;
    else below++;
  }
  return { above, below, equal };
}

export interface RatioScatterInput {
  baseTitle: string;
  otherTitle: string;
  points: readonly [number, number, string][];
  eligible: number;
  color: string;
  synthetic: boolean;
}

export function buildRatioScatterOption(input: RatioScatterInput): ChartOption {
  const [lo, hi] = diagonalExtent(input.points);
  const c = diagonalCounts(input.points);
  const drawn = input.eligible > input.points.length
    ? `${input.points.length} of ${input.eligible} accounts drawn (one in ${Math.ceil(input.eligible / input.points.length)})`
    : `${input.points.length} accounts`;
  const logAxis = (name: string) => ({
    type: 'log' as const, logBase: 10, min: lo, max: hi, name, nameLocation: 'middle' as const, nameGap: 36,
    nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: ratioTickLabel },
    splitLine: { lineStyle: { color: palette.grid } },
  });
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`Margin ratio per account: ${input.otherTitle} against ${input.baseTitle}`,
      `${drawn} · higher under ${input.otherTitle}: ${c.above} · lower: ${c.below} · equal: ${c.equal}`, input.synthetic),
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, string] }).value;
        return `${v[2]}<br/>${input.baseTitle}: ${percentLabel(v[0])}<br/>${input.otherTitle}: ${percentLabel(v[1])}`;
      },
    },
    grid: { left: 72, right: 32, top: 64, bottom: 56 },
    xAxis: logAxis(`${input.baseTitle} (MM / equity)`),
    yAxis: { ...logAxis(`${input.otherTitle} (MM / equity)`), nameGap: 52 },
    series: [{
      name: input.otherTitle,
      type: 'scatter',
      data: input.points.map((p) => [...p]),
      symbolSize: 5,
      large: input.points.length > 5000,
      itemStyle: { color: input.color, opacity: 0.6 },
      markLine: {
        symbol: 'none', silent: true,
        label: { formatter: 'no change', color: palette.muted, position: 'insideEndTop' },
        lineStyle: { color: palette.muted, type: 'dashed' },
        data: [[{ coord: [lo, lo] }, { coord: [hi, hi] }]],
      },
    }],
  };
}

export interface FrontierRunPoints {
  title: string;
  points: readonly { id: string; averageMargin: number; coverage: number; frontier: boolean }[];
}

/** One extent per axis over every run's points, so frontier charts side by side share their axes. */
export function sharedFrontierExtents(runs: readonly FrontierRunPoints[]): { x: [number, number]; y: [number, number] } {
  const all = runs.flatMap((r) => r.points);
  return { x: paddedExtent(all.map((p) => p.coverage)), y: paddedExtent(all.map((p) => p.averageMargin)) };
}

export function buildFrontierCompareOption(run: FrontierRunPoints, extents: { x: [number, number]; y: [number, number] }, color: string, synthetic: boolean): ChartOption {
  const frontier = run.points.filter((p) => p.frontier);
  const other = run.points.filter((p) => !p.frontier);
  const data = (ps: typeof run.points) => ps.map((p) => ({ name: p.id, value: [p.coverage, p.averageMargin] }));
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(run.title, `average margin against coverage · ${run.points.length} sets · ${frontier.length} on the Pareto frontier`, synthetic),
    legend: { bottom: 0, data: ['frontier', 'other sets'] },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = p as { name: string; value: [number, number] };
        return `${item.name}<br/>coverage ${percentLabel(item.value[0])} · average margin ${percentLabel(item.value[1])}`;
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 72 },
    xAxis: {
      type: 'value', min: extents.x[0], max: extents.x[1], name: 'coverage', nameLocation: 'middle', nameGap: 32,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: percentTick, showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value', min: extents.y[0], max: extents.y[1], name: 'average margin', nameLocation: 'middle', nameGap: 48,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: percentTick, showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      { name: 'frontier', type: 'scatter', data: data(frontier), symbolSize: 11, itemStyle: { color } },
      { name: 'other sets', type: 'scatter', data: data(other), symbolSize: 7, itemStyle: { color: palette.bar, opacity: 0.55 } },
    ],
  };
}
