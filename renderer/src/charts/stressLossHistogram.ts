import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { quantileType7, returnHistogram, type BinRule } from './returnStats';

/**
 * Histogram of account losses in a book stress run: loss = −scenario PnL at the shocked prices (USD;
 * a gain is a negative loss), one bar per bin split into accounts the run liquidated and accounts it
 * did not. Account sizes are heavy-tailed, so with at least TAIL_MIN_ACCOUNTS accounts the bins cover
 * the central 98 % — from the type-7 1 % to the 99 % quantile of the losses — and the accounts
 * outside are counted in one end bar on each side instead of squeezing every other account into one
 * bin. Inside, bins follow Freedman–Diaconis exactly as numpy `histogram(central, bins='fd')`
 * (returnHistogram), capped at MAX_LOSS_BINS equal bins over the same range.
 */

export const MAX_LOSS_BINS = 60;
export const TAIL_MIN_ACCOUNTS = 200;
export const TAIL_LEVELS = [0.01, 0.99] as const;

export interface LossAccount {
  scenarioPnlUsd: number;
  liquidated: boolean;
}

export interface TailBar {
  /** The cut: losses below (under) or above (over) it are counted here. */
  boundUsd: number;
  kept: number;
  liquidated: number;
}

export interface LossBins {
  edges: number[];
  /** Accounts per bin that were not liquidated / were liquidated. */
  kept: number[];
  liquidated: number[];
  rule: BinRule | `Freedman–Diaconis capped at ${number}`;
  /** Accounts below the 1 % / above the 99 % quantile (null when the tails are not cut). */
  under: TailBar | null;
  over: TailBar | null;
}

export function lossBins(accounts: readonly LossAccount[]): LossBins {
  const losses = accounts.map((a) => -a.scenarioPnlUsd);
  for (const [i, x] of losses.entries()) if (!Number.isFinite(x)) throw new Error(`account ${i}: scenario PnL ${x} is not a finite number`);
  let under: TailBar | null = null;
  let over: TailBar | null = null;
  let central = losses;
  if (losses.length >= TAIL_MIN_ACCOUNTS) {
    const sorted = Float64Array.from(losses).sort();
    const lo = quantileType7(sorted, TAIL_LEVELS[0]);
    const hi = quantileType7(sorted, TAIL_LEVELS[1]);
    under = { boundUsd: lo, kept: 0, liquidated: 0 };
    over = { boundUsd: hi, kept: 0, liquidated: 0 };
    central = losses.filter((x) => x >= lo && x <= hi);
  }
  let edges: number[];
  let rule: LossBins['rule'];
  if (central.length < 2) {
    // One account: numpy widens a zero range to ±0.5 around the value.
    const x = central[0] ?? 0;
    edges = [x - 0.5, x + 0.5];
    rule = 'Sturges';
  } else {
    const h = returnHistogram(central);
    rule = h.rule;
    edges = Array.from(h.edges);
    if (edges.length - 1 > MAX_LOSS_BINS) {
      const lo = edges[0];
      const hi = edges[edges.length - 1];
      edges = Array.from({ length: MAX_LOSS_BINS + 1 }, (_, i) => (i === MAX_LOSS_BINS ? hi : lo + ((hi - lo) * i) / MAX_LOSS_BINS));
      rule = `Freedman–Diaconis capped at ${MAX_LOSS_BINS}`;
    }
  }
  const k = edges.length - 1;
  const kept = new Array<number>(k).fill(0);
  const liquidated = new Array<number>(k).fill(0);
  const width = (edges[k] - edges[0]) / k;
  accounts.forEach((a, i) => {
    const x = losses[i];
    if (under && x < under.boundUsd) {
      under[a.liquidated ? 'liquidated' : 'kept']++;
      return;
    }
    if (over && x > over.boundUsd) {
      over[a.liquidated ? 'liquidated' : 'kept']++;
      return;
    }
    let b = Math.min(k - 1, Math.max(0, Math.floor((x - edges[0]) / width)));
    // Half-open bins [e_b, e_{b+1}), the last one closed (numpy.histogram).
    while (b > 0 && x < edges[b]) b--;
    while (b < k - 1 && x >= edges[b + 1]) b++;
    (a.liquidated ? liquidated : kept)[b]++;
  });
  return { edges, kept, liquidated, rule, under, over };
}

/** Compact USD for axis labels: 1234567 → "1.23M", −2500 → "−2.5k". */
export function compactUsd(x: number): string {
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (a >= 1e9) return `${sign}${Number((a / 1e9).toPrecision(3))}B`;
  if (a >= 1e6) return `${sign}${Number((a / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${sign}${Number((a / 1e3).toPrecision(3))}k`;
  return `${sign}${Number(a.toPrecision(3))}`;
}

export function buildLossHistogramOption(input: { accounts: readonly LossAccount[]; synthetic: boolean; totalAccounts: number }): ChartOption {
  const bins = lossBins(input.accounts);
  const categories = bins.kept.map((_, i) => `${compactUsd(bins.edges[i])} – ${compactUsd(bins.edges[i + 1])}`);
  const kept = [...bins.kept];
  const liquidated = [...bins.liquidated];
  if (bins.under) {
    categories.unshift(`< ${compactUsd(bins.under.boundUsd)}`);
    kept.unshift(bins.under.kept);
    liquidated.unshift(bins.under.liquidated);
  }
  if (bins.over) {
    categories.push(`> ${compactUsd(bins.over.boundUsd)}`);
    kept.push(bins.over.kept);
    liquidated.push(bins.over.liquidated);
  }
  const isTail = (v: string) => v.startsWith('<') || v.startsWith('>');
  const losing = input.accounts.filter((a) => a.scenarioPnlUsd < 0).length;
  const shown = input.accounts.length < input.totalAccounts ? ` (first ${input.accounts.length} of ${input.totalAccounts})` : '';
  const tails = bins.under ? 'end bars: below the 1 % / above the 99 % quantile · ' : '';
  // The second line fits a half-width chart: the tail note and the loss convention, briefly.
  const labelStep = Math.ceil(categories.length / 8);
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Account losses under the scenario${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: `${input.accounts.length} accounts${shown} · ${losing} lose money · ${bins.rule} bins\n${tails}loss = −PnL at the shocked prices`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11, lineHeight: 14 },
    },
    legend: { bottom: 0, data: ['not liquidated', 'liquidated'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const items = p as { name: string; seriesName: string; value: number }[];
        return [`loss ${items[0]?.name ?? ''} USD`, ...items.map((i) => `${i.seriesName}: ${i.value} accounts`)].join('<br/>');
      },
    },
    grid: { left: 64, right: 24, top: 78, bottom: 72 },
    xAxis: {
      type: 'category',
      data: categories,
      name: 'loss per account (USD, bins from their lower edge)',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: palette.muted },
      axisLabel: {
        // About eight labels, always the two end bars'.
        interval: (index: number, value: string) => isTail(value) || index % labelStep === 0,
        color: (value?: string | number) => (typeof value === 'string' && isTail(value) ? palette.reference : palette.muted),
        formatter: (v: string) => (isTail(v) ? v : v.slice(0, v.indexOf(' – '))),
      },
    },
    yAxis: {
      type: 'value', name: 'accounts', nameLocation: 'middle', nameGap: 44, minInterval: 1,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      { name: 'not liquidated', type: 'bar', stack: 'accounts', data: kept, itemStyle: { color: palette.barFill }, barCategoryGap: '8%' },
      { name: 'liquidated', type: 'bar', stack: 'accounts', data: liquidated, itemStyle: { color: palette.down } },
    ],
  };
}
