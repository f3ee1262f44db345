import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock } from './calibrationChart';
import { checkSeriesLengths, linkedDataZoom, modelLabel, type BacktestView } from './backtestReturns';

export type Zone = 'green' | 'yellow' | 'red';

export const ZONE_COLORS: Record<Zone, string> = { green: '#2f7d5b', yellow: '#d69e2e', red: '#b83232' };

export interface RollingExceptions {
  /** counts[i]: exceptions in the `windowDays` test days ending at day i; null before the first full window. */
  counts: (number | null)[];
  zones: (Zone | null)[];
  zoneDays: Record<Zone, number>;
}

/**
 * The Basel traffic light over a rolling window of test days (BCBS 1996, "Supervisory framework
 * for the use of backtesting", table 2: 250 days at 99 %, green ≤ 4, yellow 5–9, red ≥ 10). The
 * thresholds come with the backtest result (binomial CDF at the model's α, design.md); this only
 * counts the window, as main/core/calibration/backtest.ts does for its zone-day totals.
 */
export function rollingExceptions(exception: readonly number[], windowDays: number, greenMax: number, yellowMax: number): RollingExceptions {
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new Error(`rolling window must be a positive whole number of days, got ${windowDays}`);
  const counts: (number | null)[] = new Array(exception.length).fill(null);
  const zones: (Zone | null)[] = new Array(exception.length).fill(null);
  const zoneDays: Record<Zone, number> = { green: 0, yellow: 0, red: 0 };
  let running = 0;
  for (let i = 0; i < exception.length; i++) {
    const e = exception[i];
    if (e !== 0 && e !== 1) throw new Error(`exception flag on test day ${i} must be 0 or 1, got ${e}`);
    running += e;
    if (i >= windowDays) running -= exception[i - windowDays];
    if (i < windowDays - 1) continue;
    const zone: Zone = running <= greenMax ? 'green' : running <= yellowMax ? 'yellow' : 'red';
    counts[i] = running;
    zones[i] = zone;
    zoneDays[zone]++;
  }
  return { counts, zones, zoneDays };
}

/**
 * Rolling exception count per test day as bars coloured by zone, with the zone boundaries as
 * dashed lines; on the same test-day axis as the returns chart so the two zoom together.
 */
export function buildTrafficLightOption(view: BacktestView, synthetic: boolean): ChartOption {
  checkSeriesLengths(view);
  const t = view.rollingTrafficLight;
  const rolling = rollingExceptions(view.series.exception, t.windowDays, t.greenMax, t.yellowMax);
  const max = Math.max(0, ...rolling.counts.map((c) => c ?? 0));
  // Room above the red boundary and the highest count, on whole ticks of a round step.
  const top = Math.max(t.yellowMax + 2, max + 1);
  const step = top <= 12 ? 2 : top <= 30 ? 5 : 10;
  const zoneSeries = (zone: Zone, name: string) => ({
    name,
    type: 'bar' as const,
    stack: 'count',
    data: rolling.counts.map((c, i) => (rolling.zones[i] === zone ? c : null)),
    itemStyle: { color: ZONE_COLORS[zone] },
    barCategoryGap: '0%',
    large: true,
  });
  const windows = view.series.dates.length - t.windowDays + 1;
  const subtitle = windows > 0
    ? `${modelLabel(view.model, view.apc)} · days in zone: green ${rolling.zoneDays.green}, yellow ${rolling.zoneDays.yellow}, red ${rolling.zoneDays.red}`
    : `${view.series.dates.length} test days: fewer than one ${t.windowDays}-day window, no traffic light`;
  const boundary = (value: number, text: string, color: string) => ({
    yAxis: value, label: { formatter: text, color, position: 'insideStartTop' as const }, lineStyle: { color, type: 'dashed' as const },
  });
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`Traffic light: exceptions in the last ${t.windowDays} test days`, subtitle, synthetic),
    legend: { top: 8, right: 16 },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const items = (p as { axisValue: string; seriesName: string; value: number | null }[]).filter((i) => i.value !== null && i.value !== undefined);
        const head = (p as { axisValue: string }[])[0]?.axisValue ?? '';
        return items.length ? `${head}<br/>${items[0].value} exceptions (${items[0].seriesName})` : `${head}<br/>no full ${t.windowDays}-day window yet`;
      },
    },
    grid: { left: 64, right: 24, top: 64, bottom: 36 },
    dataZoom: linkedDataZoom(false),
    xAxis: {
      type: 'category',
      data: view.series.dates,
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel: { color: palette.muted },
    },
    yAxis: {
      type: 'value',
      name: 'exceptions',
      nameLocation: 'middle',
      nameGap: 40,
      min: 0,
      max: Math.ceil(top / step) * step,
      interval: step,
      nameTextStyle: { color: palette.muted },
      axisLabel: { color: palette.muted },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        ...zoneSeries('green', `green (≤ ${t.greenMax})`),
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            boundary(t.greenMax + 0.5, `yellow from ${t.greenMax + 1}`, ZONE_COLORS.yellow),
            boundary(t.yellowMax + 0.5, `red from ${t.yellowMax + 1}`, ZONE_COLORS.red),
          ],
        },
      },
      zoneSeries('yellow', `yellow (${t.greenMax + 1}–${t.yellowMax})`),
      zoneSeries('red', `red (≥ ${t.yellowMax + 1})`),
    ],
  };
}
