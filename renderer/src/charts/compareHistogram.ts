// Side-by-side histograms of the Compare view: one chart per run, all on the bins the workbench
// shared between the runs (compare:runs) and on one y scale, so the same bar means the same range
// and the same height means the same count in every chart. The charts are linked (echarts.connect):
// hovering a bin in one shows that bin in all of them.
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock } from './calibrationChart';

/** A count outside the shared bins, shown as its own bar after them (e.g. "≥ 100 %", "MM = 0"). */
export interface ExtraBar {
  label: string;
  count: number;
  /** Red for liquidatable/at-risk bars. */
  alarm?: boolean;
  /** Drawn before the bins (values below them) instead of after. */
  before?: boolean;
}

export interface HistogramRun {
  title: string;
  counts: readonly number[];
  extras: readonly ExtraBar[];
}

/** "0.40 %" style label of a ratio edge: 3 significant digits, no float noise. */
export function ratioEdgeLabel(x: number): string {
  return `${Number((x * 100).toPrecision(3))} %`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** USD edge: 1580 → "1.58K", 2.5e6 → "2.5M", −1200 → "−1.2K" (the unit is in the axis name). */
export function usdEdgeLabel(x: number): string {
  if (x === 0) return '0';
  const text = compact.format(Math.abs(x));
  return x < 0 ? `−${text}` : text;
}

/** One category per bin, "lower–upper", with the extra bars' labels before or after them. */
export function histogramCategories(edges: readonly number[], label: (x: number) => string, extras: readonly ExtraBar[] = []): string[] {
  const bins = edges.slice(0, -1).map((e, j) => `${label(e)}–${label(edges[j + 1])}`);
  return [...extras.filter((x) => x.before).map((x) => x.label), ...bins, ...extras.filter((x) => !x.before).map((x) => x.label)];
}

/** The y-axis maximum every chart of the row uses: the largest bar of any run (at least 1). */
export function sharedCountMax(runs: readonly HistogramRun[]): number {
  let max = 1;
  for (const r of runs) for (const c of [...r.counts, ...r.extras.map((x) => x.count)]) max = Math.max(max, c);
  return max;
}

/** "2,000 accounts · left of the bins: < −1.2M 20 · right: ≥ 100 % 2, MM = 0 65" (extras with a count only). */
export function histogramSubtitle(run: HistogramRun, total: number, noun: string): string {
  const list = (xs: readonly ExtraBar[]) => xs.filter((x) => x.count > 0).map((x) => `${x.label}: ${x.count.toLocaleString('en-US')}`).join(', ');
  const left = list(run.extras.filter((x) => x.before));
  const right = list(run.extras.filter((x) => !x.before));
  return [`${total.toLocaleString('en-US')} ${noun}`, left ? `left of the bins ${left}` : '', right ? `right of the bins ${right}` : ''].filter(Boolean).join(' · ');
}

export interface SharedHistogramInput {
  /** What is counted, e.g. "Margin ratio (MM / equity)". */
  measure: string;
  xName: string;
  edges: readonly number[];
  edgeLabel: (x: number) => string;
  run: HistogramRun;
  /** What one count is: "accounts", "scenarios". */
  noun: string;
  yMax: number;
  color: string;
  synthetic: boolean;
}

export function buildSharedHistogramOption(input: SharedHistogramInput): ChartOption {
  const { run } = input;
  const categories = histogramCategories(input.edges, input.edgeLabel, run.extras);
  const binCount = input.edges.length - 1;
  const before = run.extras.filter((x) => x.before);
  const after = run.extras.filter((x) => !x.before);
  const total = run.counts.reduce((s, c) => s + c, 0) + run.extras.reduce((s, x) => s + x.count, 0);
  const labelStep = Math.max(1, Math.ceil(binCount / 5));
  const isBin = (index: number) => index >= before.length && index < before.length + binCount;
  const extraBar = (x: ExtraBar) => ({ value: x.count, itemStyle: { color: x.alarm ? palette.down : palette.bar } });
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(run.title, histogramSubtitle(run, total, input.noun), input.synthetic),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const items = p as { name: string; value: number }[];
        return `${items[0]?.name ?? ''}<br/>${run.title}: ${items[0]?.value ?? 0} ${input.noun}`;
      },
    },
    grid: { left: 56, right: 16, top: 60, bottom: 56 },
    xAxis: {
      type: 'category',
      data: categories,
      name: input.xName,
      nameLocation: 'middle',
      nameGap: 32,
      nameTextStyle: { color: palette.muted },
      axisLabel: {
        color: palette.muted,
        hideOverlap: true,
        // The extra bars sit too close to label: the subtitle names them (histogramSubtitle).
        interval: (index: number) => isBin(index) && (index - before.length) % labelStep === 0,
        // Lower edges only: the full range of each bin is in the tooltip.
        formatter: (value: string) => (value.includes('–') ? value.slice(0, value.indexOf('–')) : value),
      },
    },
    yAxis: {
      type: 'value',
      max: input.yMax,
      minInterval: 1,
      name: input.noun,
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [{
      name: run.title,
      type: 'bar',
      barCategoryGap: '8%',
      data: [...before.map(extraBar), ...run.counts.map((c) => ({ value: c, itemStyle: { color: input.color } })), ...after.map(extraBar)],
    }],
  };
}
