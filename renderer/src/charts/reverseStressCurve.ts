import type { StressReverseOutput } from '../../../preload/contract/schemas/stressRuns';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { compactUsd } from './stressLossHistogram';

/**
 * The reverse stress curve: the book's bad debt (and the part the insurance fund could not cover)
 * against the severity k of the scenario, every evaluation of the search — grid points and bisection
 * steps — in ascending k. The breaking point k* (smallest k meeting the target) is marked with a
 * vertical line; a bad-debt target's threshold is a horizontal line; segments where bad debt falls as
 * k grows (non-monotone) are shaded, and the feasibility bound (a price would reach ≤ 0) is marked.
 */

export interface CurvePoints {
  /** [k, USD] pairs in ascending k (duplicates of one k keep their first evaluation). */
  badDebt: [number, number][];
  deficit: [number, number][];
  /** Bisection evaluations, drawn as separate points. */
  bisection: [number, number][];
}

export function curvePoints(curve: StressReverseOutput['curve']): CurvePoints {
  const sorted = [...curve].sort((a, b) => a.severity - b.severity);
  const seen = new Set<number>();
  const out: CurvePoints = { badDebt: [], deficit: [], bisection: [] };
  for (const p of sorted) {
    if (!Number.isFinite(p.severity) || !Number.isFinite(p.badDebtUsd)) throw new Error(`curve point k=${p.severity}: bad debt ${p.badDebtUsd} is not finite`);
    if (seen.has(p.severity)) continue;
    seen.add(p.severity);
    out.badDebt.push([p.severity, p.badDebtUsd]);
    out.deficit.push([p.severity, p.deficitUsd]);
    if (p.source === 'bisection') out.bisection.push([p.severity, p.badDebtUsd]);
  }
  return out;
}

export function targetText(target: StressReverseOutput['target']): string {
  return target.kind === 'insuranceFund' ? 'insurance fund exhausted' : `bad debt > ${compactUsd(Number(target.thresholdUsd))} USD`;
}

export function buildReverseStressOption(input: { result: StressReverseOutput; synthetic: boolean }): ChartOption {
  const r = input.result;
  const pts = curvePoints(r.curve);
  const breaking = r.severity === null ? `not met up to k = ${r.severityBound}` : `breaks at k = ${r.severity.toFixed(4)}`;
  const vertical: object[] = [];
  if (r.severity !== null) {
    vertical.push({ xAxis: r.severity, name: 'k*', lineStyle: { color: palette.down, width: 2 }, label: { formatter: `k* = ${r.severity.toFixed(3)}`, color: palette.down } });
  }
  if (r.priceViolation) {
    vertical.push({ xAxis: r.severityBound, name: 'bound', lineStyle: { color: palette.muted, type: 'dotted' }, label: { formatter: `price ≤ 0 beyond k = ${r.severityBound.toFixed(3)} (${r.priceViolation.asset})`, color: palette.muted, position: 'insideEndTop' } });
  }
  const horizontal = r.target.kind === 'badDebt'
    ? [{ yAxis: Number(r.target.thresholdUsd), name: 'threshold', lineStyle: { color: palette.reference, type: 'dashed' }, label: { formatter: `threshold ${compactUsd(Number(r.target.thresholdUsd))}`, color: palette.reference, position: 'insideStartTop' } }]
    : [];
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Reverse stress: bad debt against severity${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: `${r.scenario.name} · target: ${targetText(r.target)} · ${breaking} · ${r.evaluations} evaluations${r.nonMonotone.length ? ` · ${r.nonMonotone.length} non-monotone segment(s) shaded` : ''}`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    legend: { bottom: 0, data: ['bad debt', 'not covered by the fund', 'bisection step'] },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const items = p as { seriesName: string; value: [number, number] }[];
        const k = items[0]?.value[0];
        return [`k = ${k}`, ...items.map((i) => `${i.seriesName}: ${compactUsd(i.value[1])} USD`)].join('<br/>');
      },
    },
    grid: { left: 72, right: 32, top: 64, bottom: 64 },
    xAxis: {
      type: 'value', name: 'severity k (1 = the scenario as written)', nameLocation: 'middle', nameGap: 28, min: 0,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value', name: 'USD', nameLocation: 'middle', nameGap: 56, min: 0,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: (v: number) => compactUsd(v) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        name: 'bad debt', type: 'line', data: pts.badDebt, symbol: 'circle', symbolSize: 5, lineStyle: { color: palette.down, width: 2 }, itemStyle: { color: palette.down },
        markLine: { silent: true, symbol: 'none', data: [...vertical, ...horizontal] as never[] },
        markArea: {
          silent: true, itemStyle: { color: 'rgba(192, 86, 33, 0.12)' },
          data: r.nonMonotone.map((s) => [{ xAxis: s.from }, { xAxis: s.to }]) as never[],
        },
      },
      { name: 'not covered by the fund', type: 'line', data: pts.deficit, symbol: 'none', lineStyle: { color: palette.accent, type: 'dashed' }, itemStyle: { color: palette.accent } },
      { name: 'bisection step', type: 'scatter', data: pts.bisection, symbolSize: 7, itemStyle: { color: palette.reference } },
    ],
  };
}
