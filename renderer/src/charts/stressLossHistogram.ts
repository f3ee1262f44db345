import type { ChartOption } from './echarts';
import { chartFont, palette } from './palette';
import { returnHistogram, type BinRule } from './returnStats';

/**
 * Histogram of account losses in a book stress run: loss = −scenario PnL at the shocked prices (USD;
 * a gain is a negative loss), one bar per bin split into accounts the run liquidated and accounts it
 * did not. Bins follow Freedman–Diaconis exactly as numpy `histogram(losses, bins='fd')`
 * (returnHistogram); a heavy tail can ask for hundreds of bins, so above MAX_LOSS_BINS the same range
 * is cut into MAX_LOSS_BINS equal bins and the rule says so.
 */

export const MAX_LOSS_BINS = 60;

export interface LossAccount {
  scenarioPnlUsd: number;
  liquidated: boolean;
}

export interface LossBins {
  edges: number[];
  /** Accounts per bin that were not liquidated / were liquidated. */
  kept: number[];
  liquidated: number[];
  rule: BinRule | `Freedman–Diaconis capped at ${number}`;
}

export function lossBins(accounts: readonly LossAccount[]): LossBins {
  const losses = accounts.map((a) => -a.scenarioPnlUsd);
  for (const [i, x] of losses.entries()) if (!Number.isFinite(x)) throw new Error(`account ${i}: scenario PnL ${x} is not a finite number`);
  let edges: number[];
  let rule: LossBins['rule'];
  if (losses.length < 2) {
    // One account: numpy widens a zero range to ±0.5 around the value.
    const x = losses[0] ?? 0;
    edges = [x - 0.5, x + 0.5];
    rule = 'Sturges';
  } else {
    const h = returnHistogram(losses);
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
    let b = Math.min(k - 1, Math.max(0, Math.floor((x - edges[0]) / width)));
    // Half-open bins [e_b, e_{b+1}), the last one closed (numpy.histogram).
    while (b > 0 && x < edges[b]) b--;
    while (b < k - 1 && x >= edges[b + 1]) b++;
    (a.liquidated ? liquidated : kept)[b]++;
  });
  return { edges, kept, liquidated, rule };
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
  const losing = input.accounts.filter((a) => a.scenarioPnlUsd < 0).length;
  const shown = input.accounts.length < input.totalAccounts ? ` (first ${input.accounts.length} of ${input.totalAccounts})` : '';
  const labelStep = Math.ceil(categories.length / 8);
  return {
    animation: false,
    textStyle: { fontFamily: chartFont },
    title: {
      text: `Account losses under the scenario${input.synthetic ? ' — SYNTHETIC' : ''}`,
      subtext: `${input.accounts.length} accounts${shown} · ${losing} lose money · ${bins.rule} bins · loss = −PnL at the shocked prices`,
      left: 8,
      textStyle: { fontSize: 13, fontWeight: 600, color: input.synthetic ? palette.down : palette.ink },
      subtextStyle: { color: palette.muted, fontSize: 11 },
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
    grid: { left: 64, right: 24, top: 64, bottom: 72 },
    xAxis: {
      type: 'category',
      data: categories,
      name: 'loss per account (USD, bins from their lower edge)',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: palette.muted },
      axisLabel: { interval: labelStep - 1, color: palette.muted, formatter: (v: string) => v.slice(0, v.indexOf(' – ')) },
    },
    yAxis: {
      type: 'value', name: 'accounts', nameLocation: 'middle', nameGap: 44, minInterval: 1,
      nameTextStyle: { color: palette.muted }, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      { name: 'not liquidated', type: 'bar', stack: 'accounts', data: bins.kept, itemStyle: { color: palette.barFill }, barCategoryGap: '8%' },
      { name: 'liquidated', type: 'bar', stack: 'accounts', data: bins.liquidated, itemStyle: { color: palette.down } },
    ],
  };
}
