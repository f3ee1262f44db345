import type { StressRunOutput } from '../../../preload/contract/schemas/stressRuns';
import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { compactUsd } from './stressLossHistogram';

/**
 * Liquidation waterfall of a book stress run: each cascade round's liquidated notional stacked on
 * the rounds before it (a floating bar from the running total before the round to the total after),
 * then the total. Round 1 liquidates at the shocked prices; later rounds at the prices the previous
 * rounds' forced orders moved (docs/methodology stress-book-runs, "Liquidation cascade").
 */

export type Round = StressRunOutput['rounds'][number];

export interface WaterfallBars {
  categories: string[];
  /** Invisible base of each bar (the running total before it; 0 for the total bar). */
  base: number[];
  /** Height of each visible bar. */
  value: number[];
  total: number;
}

export function waterfallBars(rounds: readonly Round[]): WaterfallBars {
  const categories: string[] = [];
  const base: number[] = [];
  const value: number[] = [];
  let running = 0;
  for (const r of rounds) {
    if (!(r.notionalLiquidatedUsd >= 0)) throw new Error(`round ${r.round}: liquidated notional ${r.notionalLiquidatedUsd} is not ≥ 0`);
    categories.push(`round ${r.round}`);
    base.push(running);
    value.push(r.notionalLiquidatedUsd);
    running += r.notionalLiquidatedUsd;
  }
  categories.push('total');
  base.push(0);
  value.push(running);
  return { categories, base, value, total: running };
}

function roundTooltip(r: Round): string {
  const moves = r.assets.filter((a) => a.priceChangePct !== 0).map((a) => `${a.asset} ${a.priceChangePct.toFixed(2)} %`);
  return [
    `<b>round ${r.round}</b>`,
    `accounts liquidated: ${r.accountsLiquidated}`,
    `notional liquidated: ${compactUsd(r.notionalLiquidatedUsd)} USD`,
    `bad debt: ${compactUsd(r.badDebtUsd)} USD · penalties: ${compactUsd(r.penaltiesUsd)} USD`,
    `impact cost: ${compactUsd(r.impactCostUsd)} USD`,
    ...(moves.length ? [`price impact: ${moves.join(', ')}`] : []),
  ].join('<br/>');
}

export function buildLiquidationWaterfallOption(input: { rounds: readonly Round[]; cascade: boolean; synthetic: boolean }): ChartOption {
  const bars = waterfallBars(input.rounds);
  const accounts = input.rounds.reduce((s, r) => s + r.accountsLiquidated, 0);
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Liquidation waterfall by cascade round${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: `${input.rounds.length} round${input.rounds.length === 1 ? '' : 's'}${input.cascade ? ' (cascade with market impact)' : ' (no cascade: one round at the shocked prices)'} · ${accounts} accounts · ${compactUsd(bars.total)} USD notional`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const i = (p as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const round = input.rounds[i];
        return round ? roundTooltip(round) : `<b>total</b><br/>${accounts} accounts<br/>${compactUsd(bars.total)} USD notional liquidated`;
      },
    },
    grid: { left: 72, right: 24, top: 64, bottom: 40 },
    xAxis: { type: 'category', data: bars.categories, axisLabel: { color: palette.muted } },
    yAxis: {
      type: 'value', name: 'notional liquidated (USD)', nameLocation: 'middle', nameGap: 56,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: (v: number) => compactUsd(v) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      { name: 'before', type: 'bar', stack: 'waterfall', data: bars.base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, silent: true },
      {
        name: 'notional liquidated', type: 'bar', stack: 'waterfall', barCategoryGap: '30%',
        data: bars.value.map((v, i) => ({ value: v, itemStyle: { color: i === bars.value.length - 1 ? palette.accent : palette.down } })),
        label: { show: true, position: 'top', color: palette.ink, fontSize: 10, formatter: (p: unknown) => compactUsd((p as { value: number }).value) },
      },
    ],
  };
}
