import type { QqOutput } from '../../../preload/contract/schemas/calibrationChannels';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { chartTitleBlock, paddedExtent, percentLabel, percentTick } from './calibrationChart';
import { largeScatter } from './largeData';

export interface QqSeries {
  /** [fitted normal quantile, empirical quantile] per plotting position. */
  normal: [number, number][];
  /** [fitted Student-t quantile, empirical quantile]. */
  studentT: [number, number][];
  /** The 45° line across both axes' common extent. */
  diagonal: [[number, number], [number, number]];
}

export function qqSeries(qq: Pick<QqOutput, 'asset' | 'points'>): QqSeries {
  const { p, empirical, normal, studentT } = qq.points;
  const n = p.length;
  for (const [name, arr] of [['empirical', empirical], ['normal', normal], ['studentT', studentT]] as const) {
    if (arr.length !== n) throw new Error(`QQ ${qq.asset}: points.${name} has ${arr.length} values for ${n} plotting positions`);
  }
  // A loop, not Math.min(...all): spreading 3 × 100,000 values overflows the call stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of [empirical, normal, studentT]) {
    for (const v of arr) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return {
    normal: normal.map((x, i) => [x, empirical[i]]),
    studentT: studentT.map((x, i) => [x, empirical[i]]),
    diagonal: [[lo, lo], [hi, hi]],
  };
}

/**
 * Empirical quantiles of the h-day returns against the quantiles of the fitted normal and
 * Student-t (ML fit by the service); on the 45° line the fit is exact. Fat tails show as the
 * normal points bending away at both ends while the t points stay close.
 */
export function buildQqOption(qq: QqOutput, synthetic: boolean): ChartOption {
  const s = qqSeries(qq);
  const [lo, hi] = paddedExtent([s.diagonal[0][0], s.diagonal[1][0]], 0.04);
  const t = qq.studentT;
  const subtitle = [
    `${qq.observations} returns ${qq.from} .. ${qq.to} (${qq.points.p.length} plotted)`,
    `normal μ ${percentLabel(qq.normal.mean, 3)}, σ ${percentLabel(qq.normal.stdev)} · Student-t μ ${percentLabel(t.mu, 3)}, σ ${percentLabel(t.sigma)}, ν ${t.nu.toFixed(2)}${t.converged ? '' : ' (fit did not converge)'}`,
  ].join('\n');
  const axis = (name: string) => ({
    type: 'value' as const, min: lo, max: hi, name, nameLocation: 'middle' as const, nameGap: name.startsWith('empirical') ? 52 : 28,
    nameTextStyle: { color: palette.muted },
    axisLabel: { color: palette.muted, showMinLabel: false, showMaxLabel: false, formatter: percentTick },
    splitLine: { lineStyle: { color: palette.grid } },
  });
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: chartTitleBlock(`${qq.asset} QQ plot of ${qq.horizonDays}-day returns`, subtitle, synthetic),
    legend: { bottom: 4, data: ['normal', `Student-t (ν ${t.nu.toFixed(2)})`] },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = p as { seriesName: string; value: [number, number] };
        return `${item.seriesName}<br/>fitted ${percentLabel(item.value[0])} · empirical ${percentLabel(item.value[1])}`;
      },
    },
    grid: { left: 72, right: 24, top: 84, bottom: 72 },
    xAxis: axis('fitted quantile'),
    yAxis: axis('empirical quantile'),
    series: [
      {
        name: '45° line', type: 'line', data: s.diagonal, showSymbol: false, silent: true,
        lineStyle: { color: palette.axis, type: 'dashed', width: 1 }, tooltip: { show: false },
      },
      { name: 'normal', type: 'scatter', data: s.normal, symbolSize: 5, itemStyle: { color: palette.reference, opacity: 0.8 }, ...largeScatter(s.normal.length) },
      { name: `Student-t (ν ${t.nu.toFixed(2)})`, type: 'scatter', data: s.studentT, symbolSize: 5, itemStyle: { color: palette.accent, opacity: 0.8 }, ...largeScatter(s.studentT.length) },
    ],
  };
}
