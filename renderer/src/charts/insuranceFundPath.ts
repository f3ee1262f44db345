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
    grid: { left: 72, right: 24, top: 64, bottom: 64 },
    xAxis: { type: 'category', data: path.categories, axisLabel: { color: palette.muted } },
    yAxis: {
      type: 'value', name: 'USD', nameLocation: 'middle', nameGap: 56,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted, formatter: (v: number) => compactUsd(v) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      { name: 'penalties in', type: 'bar', stack: 'flows', data: path.penaltiesIn, itemStyle: { color: palette.up }, barMaxWidth: 36 },
      { name: 'bad debt paid', type: 'bar', stack: 'flows', data: path.paidOut, itemStyle: { color: palette.reference } },
      { name: 'deficit (uncovered)', type: 'bar', stack: 'flows', data: path.deficit, itemStyle: { color: palette.down } },
      {
        name: 'fund balance', type: 'line', data: path.balance, symbol: 'circle', symbolSize: 7,
        lineStyle: { color: palette.accent, width: 2 }, itemStyle: { color: palette.accent },
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: palette.axis, type: 'dashed' }, label: { show: false } },
        ...(path.exhaustedAt === null ? {} : {
          markPoint: {
            symbol: 'pin', symbolSize: 36, itemStyle: { color: palette.down },
            data: [{ name: 'exhausted', coord: [path.exhaustedAt, path.balance[path.exhaustedAt]], value: 'empty' }],
            label: { fontSize: 9, color: '#fff' },
          },
        }),
      },
    ],
  };
}
