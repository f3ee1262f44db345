import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import type { Round } from './liquidationWaterfall';
import { compactUsd } from './stressLossHistogram';

/**
 * The insurance fund through the cascade: its balance at the start and after each round (line), with
 * what flowed in and out in the round (bars): liquidation penalties paid in, bad debt paid out, and
 * the deficit the fund could not cover (what ADL and socialisation must absorb). Per round,
 * fundAfter = fundBefore + penalties − paid (docs/methodology stress-book-runs, "Insurance fund").
 */

export interface FundPath {
  categories: string[];
  balance: number[];
  penaltiesIn: number[];
  paidOut: number[];
  deficit: number[];
  /** Index into categories of the first round that left the fund at zero with a deficit, or null. */
  exhaustedAt: number | null;
}

export function fundPath(initialUsd: number, rounds: readonly Round[]): FundPath {
  const out: FundPath = { categories: ['start'], balance: [initialUsd], penaltiesIn: [0], paidOut: [0], deficit: [0], exhaustedAt: null };
  let expectedBefore = initialUsd;
  for (const r of rounds) {
    const f = r.fund;
    // The path must chain: each round starts where the previous one ended.
    const tolerance = 1e-6 * Math.max(1, Math.abs(expectedBefore));
    if (Math.abs(f.fundBeforeUsd - expectedBefore) > tolerance) {
      throw new Error(`round ${r.round}: fund before ${f.fundBeforeUsd} USD does not continue from ${expectedBefore} USD`);
    }
    out.categories.push(`round ${r.round}`);
    out.balance.push(f.fundAfterUsd);
    out.penaltiesIn.push(f.penaltiesUsd);
    out.paidOut.push(-f.paidUsd);
    out.deficit.push(-f.deficitUsd);
    if (out.exhaustedAt === null && f.deficitUsd > 0) out.exhaustedAt = out.categories.length - 1;
    expectedBefore = f.fundAfterUsd;
  }
  return out;
}

export function buildInsuranceFundOption(input: { initialUsd: number; rounds: readonly Round[]; synthetic: boolean }): ChartOption {
  const path = fundPath(input.initialUsd, input.rounds);
  const final = path.balance[path.balance.length - 1];
  const drawdown = input.initialUsd - final;
  const exhausted = path.exhaustedAt === null ? 'never exhausted' : `exhausted in ${path.categories[path.exhaustedAt]}`;
  const axisText = { color: palette.muted };
  const usdLabel = { color: palette.muted, formatter: (v: number) => compactUsd(v) };
  // Two panels on one round axis: flows can dwarf the fund (a deficit 100× the fund), so the balance
  // has its own panel above the flows rather than a second scale on the same one.
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Insurance fund path${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: `${compactUsd(input.initialUsd)} → ${compactUsd(final)} USD · drawdown ${compactUsd(drawdown)} USD · ${exhausted}`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
    },
    legend: { bottom: 0, data: ['fund balance', 'penalties in', 'bad debt paid', 'deficit (uncovered)'] },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const items = p as { name: string; seriesName: string; value: number }[];
        return [`<b>${items[0]?.name ?? ''}</b>`, ...items.map((i) => `${i.seriesName}: ${compactUsd(i.value)} USD`)].join('<br/>');
      },
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 72, right: 24, top: 60, height: '26%' },
      { left: 72, right: 24, top: '52%', bottom: 56 },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: path.categories, axisLabel: { show: false }, axisTick: { show: false } },
      { type: 'category', gridIndex: 1, data: path.categories, axisLabel: axisText },
    ],
    yAxis: [
      {
        type: 'value', gridIndex: 0, name: 'balance', nameLocation: 'middle', nameGap: 56, min: 0, splitNumber: 2,
        nameTextStyle: axisText, axisLabel: usdLabel, splitLine: { lineStyle: { color: palette.grid } },
      },
      {
        type: 'value', gridIndex: 1, name: 'flows in the round', nameLocation: 'middle', nameGap: 56,
        nameTextStyle: axisText, axisLabel: usdLabel, splitLine: { lineStyle: { color: palette.grid } },
      },
    ],
    series: [
      {
        name: 'fund balance', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: path.balance, symbol: 'circle', symbolSize: 7,
        lineStyle: { color: palette.accent, width: 2 }, itemStyle: { color: palette.accent },
        ...(path.exhaustedAt === null ? {} : {
          markLine: {
            silent: true, symbol: 'none', lineStyle: { color: palette.down, type: 'solid' as const },
            data: [{ xAxis: path.categories[path.exhaustedAt], label: { formatter: 'fund exhausted', color: palette.down, position: 'end' as const } }],
          },
        }),
      },
      { name: 'penalties in', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'flows', data: path.penaltiesIn, itemStyle: { color: palette.up }, barMaxWidth: 36 },
      { name: 'bad debt paid', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'flows', data: path.paidOut, itemStyle: { color: palette.reference } },
      {
        name: 'deficit (uncovered)', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'flows', data: path.deficit, itemStyle: { color: palette.down },
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: palette.axis, type: 'dashed' }, label: { show: false } },
      },
    ],
  };
}
