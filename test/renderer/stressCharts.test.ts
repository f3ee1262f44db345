import { describe, expect, it } from 'vitest';
import { buildCorrelationHeatmapOption, changeScale, heatmapCells, matrixDifference } from '../../renderer/src/charts/correlationHeatmap';
import { buildLossHistogramOption, compactUsd, lossBins, MAX_LOSS_BINS } from '../../renderer/src/charts/stressLossHistogram';
import { buildLiquidationWaterfallOption, waterfallBars, type Round } from '../../renderer/src/charts/liquidationWaterfall';
import { buildInsuranceFundOption, fundPath } from '../../renderer/src/charts/insuranceFundPath';
import { buildReverseStressOption, curvePoints } from '../../renderer/src/charts/reverseStressCurve';
import { buildDistributionOption, distributionBars, lineLabels } from '../../renderer/src/charts/monteCarloDistribution';
import type { Distribution, StressReverseOutput } from '../../preload/contract/schemas/stressRuns';

/** Heavy-tailed deterministic losses, the same expression as the numpy reference below. */
const LOSSES = Array.from({ length: 300 }, (_, i) => 5000 * Math.sinh(3 * (((i * 0.6180339887) % 1) - 0.5)));
const ACCOUNTS = LOSSES.map((x, i) => ({ scenarioPnlUsd: -x, liquidated: i % 3 === 0 }));

type AnyOption = Record<string, unknown> & { series: Record<string, unknown>[] };
const asAny = (o: unknown) => o as AnyOption;

describe('loss histogram', () => {
  it('cuts the 1 % / 99 % tails into end bars and bins the rest like numpy histogram(bins="fd")', () => {
    // numpy 2.4: x = [5000*sinh(3*(((i*0.6180339887)%1)-0.5)) for i in range(300)]; lo, hi = np.quantile(x, [0.01, 0.99]);
    // c, e = np.histogram(x[(x>=lo)&(x<=hi)], bins='fd'), split by i % 3 == 0 (liquidated).
    const b = lossBins(ACCOUNTS);
    expect(b.rule).toBe('Freedman–Diaconis');
    expect(b.under!.boundUsd).toBeCloseTo(-10298.294763481084, 6);
    expect(b.over!.boundUsd).toBeCloseTo(10256.955010481068, 6);
    expect(b.edges).toHaveLength(10);
    expect(b.edges[0]).toBeCloseTo(-10296.55746176968, 6);
    expect(b.edges[1]).toBeCloseTo(-8012.9524651849115, 6);
    expect(b.edges[9]).toBeCloseTo(10255.887507493231, 6);
    expect(b.kept).toEqual([14, 19, 24, 27, 30, 27, 24, 16, 16]);
    expect(b.liquidated).toEqual([8, 8, 10, 14, 15, 15, 10, 11, 6]);
    expect([b.under!.kept, b.under!.liquidated, b.over!.kept, b.over!.liquidated]).toEqual([2, 1, 1, 2]);
    const total = [...b.kept, ...b.liquidated].reduce((a, c) => a + c, 0) + 6;
    expect(total).toBe(300);
  });

  it('keeps every account in the bins below 200 accounts (no tail cut)', () => {
    // numpy: np.histogram(x[:50], bins='fd') → counts [8, 11, 12, 11, 8], edges −10646.397275474086 … 9916.492472499127.
    const b = lossBins(ACCOUNTS.slice(0, 50));
    expect(b.under).toBeNull();
    expect(b.kept.map((k, i) => k + b.liquidated[i])).toEqual([8, 11, 12, 11, 8]);
    expect(b.edges[0]).toBeCloseTo(-10646.397275474086, 6);
    expect(b.edges[5]).toBeCloseTo(9916.492472499127, 6);
  });

  it('caps the bin count, draws end bars as categories and labels SYNTHETIC', () => {
    // A tight core (4,000 losses in 0..100 USD) and a wide spread (1,000 in 0..1M): IQR ≈ 60, FD width ≈ 7 USD
    // over a central range of ~980k USD asks for ~10^5 bins → capped.
    const many = Array.from({ length: 5000 }, (_, i) => ({ scenarioPnlUsd: -(i < 4000 ? (i * 37) % 101 : ((i * 7919) % 1000) * 1000), liquidated: false }));
    expect(lossBins(many).kept).toHaveLength(MAX_LOSS_BINS);
    expect(lossBins(many).rule).toBe(`Freedman–Diaconis capped at ${MAX_LOSS_BINS}`);
    const o = asAny(buildLossHistogramOption({ accounts: ACCOUNTS, synthetic: true, totalAccounts: 300 }));
    const cats = (o.xAxis as { data: string[] }).data;
    expect(cats[0]).toBe(`< ${compactUsd(-10298.294763481084)}`);
    expect(cats[cats.length - 1]).toBe(`> ${compactUsd(10256.955010481068)}`);
    expect(o.series[1].data).toEqual([1, 8, 8, 10, 14, 15, 15, 10, 11, 6, 2]);
    expect((o.title as { text: string }).text).toBe('Account losses under the scenario — SYNTHETIC');
  });

  it('refuses a non-finite PnL instead of drawing it', () => {
    expect(() => lossBins([{ scenarioPnlUsd: NaN, liquidated: false }, { scenarioPnlUsd: 1, liquidated: false }])).toThrow(/account 0/);
  });

  it('writes compact USD', () => {
    expect([compactUsd(1234567), compactUsd(-2500), compactUsd(999), compactUsd(3.2e9)]).toEqual(['1.23M', '−2.5k', '999', '3.2B']);
  });
});

function round(n: number, notional: number, fund: Round['fund'], extra: Partial<Round> = {}): Round {
  return {
    round: n, accountsLiquidated: 1, notionalLiquidatedUsd: notional, impactCostUsd: 0, penaltiesUsd: fund.penaltiesUsd, badDebtUsd: fund.badDebtUsd,
    fund, assets: [], ...extra,
  };
}

/** docs/methodology stress-book-runs "Insurance fund": F_in = F + penalties, paid = min(F_in, bad debt), deficit = bad debt − paid. */
function fundRound(before: number, penalties: number, badDebt: number): Round['fund'] {
  const available = before + penalties;
  const paid = Math.min(available, badDebt);
  return { fundBeforeUsd: before, penaltiesUsd: penalties, badDebtUsd: badDebt, paidUsd: paid, fundAfterUsd: available - paid, deficitUsd: badDebt - paid };
}

describe('liquidation waterfall and fund path', () => {
  // The hand-worked book of docs/methodology stress-book-runs: fund 5,000, penalty 400, bad debt 10,000
  // → the fund pays 5,400 and is exhausted with a deficit of 4,600; a second round adds 100 of penalties.
  const r1 = round(1, 140_000, fundRound(5_000, 400, 10_000));
  const r2 = round(2, 60_000, fundRound(0, 100, 0));
  const r3 = round(3, 25_000, fundRound(100, 0, 0));

  it('stacks each round on the ones before it and ends with the total', () => {
    expect(waterfallBars([r1, r2, r3])).toEqual({
      categories: ['round 1', 'round 2', 'round 3', 'total'], base: [0, 140_000, 200_000, 0], value: [140_000, 60_000, 25_000, 225_000], total: 225_000,
    });
    const o = asAny(buildLiquidationWaterfallOption({ rounds: [r1, r2, r3], cascade: true, synthetic: false }));
    expect(o.series[0].data).toEqual([0, 140_000, 200_000, 0]);
    expect((o.series[0].itemStyle as { color: string }).color).toBe('transparent');
    expect((o.title as { subtext: string }).subtext).toContain('3 rounds (cascade with market impact) · 3 accounts · 225k USD notional');
  });

  it('follows the fund round by round and marks where it ran out', () => {
    const p = fundPath(5_000, [r1, r2, r3]);
    expect(p.balance).toEqual([5_000, 0, 100, 100]);
    expect(p.penaltiesIn).toEqual([0, 400, 100, 0]);
    expect(p.paidOut).toEqual([0, -5_400, -0, -0]);
    expect(p.deficit).toEqual([0, -4_600, -0, -0]);
    expect(p.exhaustedAt).toBe(1);
    const o = asAny(buildInsuranceFundOption({ initialUsd: 5_000, rounds: [r1, r2, r3], synthetic: true }));
    const line = o.series[0] as { data: number[]; markLine: { data: { xAxis: string }[] } };
    expect(line.data).toEqual([5_000, 0, 100, 100]);
    expect(line.markLine.data[0].xAxis).toBe('round 1');
    expect((o.title as { subtext: string }).subtext).toBe('5k → 100 USD · drawdown 4.9k USD · exhausted in round 1');
  });

  it('refuses a path that does not chain', () => {
    expect(() => fundPath(5_000, [r1, round(2, 1, fundRound(50, 0, 0))])).toThrow(/round 2: fund before 50 USD does not continue from 0 USD/);
  });
});

describe('correlation heatmaps', () => {
  const assets = ['BTC', 'ETH', 'SOL'];
  const shocked = [[1, 0.9, -0.6], [0.9, 1, 0.9], [-0.6, 0.9, 1]];
  const repaired = [[1, 0.75, -0.3], [0.75, 1, 0.7], [-0.3, 0.7, 1]];

  it('maps rows to y and columns to x, with a fixed [−1, 1] scale for correlations', () => {
    expect(heatmapCells(['A', 'B'], [[1, 0.2], [0.2, 1]])).toEqual([[0, 0, 1], [1, 0, 0.2], [0, 1, 0.2], [1, 1, 1]]);
    const o = asAny(buildCorrelationHeatmapOption({ title: 'Shocked', assets, matrix: shocked, kind: 'correlation', synthetic: true }));
    expect(o.visualMap).toMatchObject({ min: -1, max: 1 });
    expect((o.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect((o.title as { text: string }).text).toBe('Shocked — SYNTHETIC');
  });

  it('draws the repair change on a scale symmetric about zero', () => {
    const change = matrixDifference(repaired, shocked);
    expect(change[0][2]).toBeCloseTo(0.3, 12);
    expect(change[1][2]).toBeCloseTo(-0.2, 12);
    expect(changeScale(change)).toBeCloseTo(0.3, 12);
    const o = asAny(buildCorrelationHeatmapOption({ title: 'Change', assets, matrix: change, kind: 'change', synthetic: false }));
    expect((o.visualMap as { min: number }).min).toBeCloseTo(-0.3, 12);
    expect((o.visualMap as { max: number }).max).toBeCloseTo(0.3, 12);
  });

  it('refuses a matrix that does not fit the assets', () => {
    expect(() => heatmapCells(assets, [[1, 0], [0, 1]])).toThrow('matrix has 2 rows for 3 assets');
    expect(() => heatmapCells(['A', 'B'], [[1, NaN], [0, 1]])).toThrow('matrix entry [0,1] is NaN');
  });
});

describe('reverse stress curve', () => {
  const point = (severity: number, badDebtUsd: number, source: 'grid' | 'bisection' = 'grid') => ({
    severity, badDebtUsd, deficitUsd: Math.max(0, badDebtUsd - 100), accountsLiquidated: 0, fundFinalUsd: 0, met: badDebtUsd > 100, source,
  });
  const result: StressReverseOutput = {
    runId: 'r', resultHash: 'h', durationMs: 1, bookId: 'b', model: { id: 'm', name: 'M', kind: 'tiered' }, datasetId: 'd', at: '2025-12-31',
    scenario: { id: null, name: 'S', contentHash: 'c' }, target: { kind: 'badDebt', thresholdUsd: '100' }, severity: 1.25, bracket: { below: 1.2, above: 1.25 },
    severityBound: 3.5, priceViolation: { shockIndex: 0, asset: 'SOL', before: 10, after: -0.1, shock: 'price relative -30%' },
    curve: [point(0, 0), point(1, 50), point(2, 300), point(1.25, 120, 'bisection'), point(1.5, 90), point(2, 300)],
    nonMonotone: [{ from: 1.25, to: 1.5, badDebtFromUsd: 120, badDebtToUsd: 90 }], evaluations: 6, notes: [],
  };

  it('sorts evaluations by k, drops repeats and keeps bisection steps apart', () => {
    const p = curvePoints(result.curve);
    expect(p.badDebt).toEqual([[0, 0], [1, 50], [1.25, 120], [1.5, 90], [2, 300]]);
    expect(p.bisection).toEqual([[1.25, 120]]);
    expect(p.deficit[4]).toEqual([2, 200]);
  });

  it('marks k*, the threshold, the feasibility bound and the non-monotone segment', () => {
    const o = asAny(buildReverseStressOption({ result, synthetic: false }));
    const s = o.series[0] as { markLine: { data: Record<string, unknown>[] }; markArea: { data: { xAxis: number }[][] } };
    expect(s.markLine.data.map((d) => d.xAxis ?? `y=${String(d.yAxis)}`)).toEqual([1.25, 3.5, 'y=100']);
    expect(s.markArea.data).toEqual([[{ xAxis: 1.25 }, { xAxis: 1.5 }]]);
    expect((o.title as { subtext: string }).subtext).toContain('breaks at k = 1.2500');
  });
});

describe('Monte Carlo distribution', () => {
  const d: Distribution = {
    mean: 30, min: 0, max: 100, quantiles: [60, 90, 99],
    histogram: { edges: [0, 25, 50, 75, 100], counts: [700, 200, 80, 20] },
  };

  it('puts each bin at its centre and counts the scenarios', () => {
    expect(distributionBars(d)).toEqual({ bars: [[12.5, 700], [37.5, 200], [62.5, 80], [87.5, 20]], binWidth: 25, scenarios: 1000 });
    expect(() => distributionBars({ ...d, histogram: { edges: [0, 1], counts: [1, 2] } })).toThrow('2 edges for 2 bins');
  });

  it('labels the mean and the deepest quantiles first, skipping labels closer than 8 % of the range', () => {
    // Range 0..100 → gap 8: mean 30 ✓, q 99 ✓, q 90 ✓ (9 from 99), q 60 ✓.
    expect(lineLabels([30, 60, 90, 99], 0, 100)).toEqual([true, true, true, true]);
    // q 97 is 2 from q 99 → unlabelled; q 33 is 3 from the mean → unlabelled.
    expect(lineLabels([30, 33, 97, 99], 0, 100)).toEqual([true, false, false, true]);
    const o = asAny(buildDistributionOption({ title: 'Bad debt', distribution: d, quantileLevels: [0.9, 0.99, 0.999], seed: 7, synthetic: true }));
    const lines = (o.series[0] as { markLine: { data: { xAxis: number; label: { formatter: string } }[] } }).markLine.data;
    expect(lines.map((l) => l.xAxis)).toEqual([30, 60, 90, 99]);
    expect(lines[3].label.formatter).toBe('q 99.9 %: 99');
    expect((o.title as { subtext: string }).subtext).toBe('1000 Monte Carlo scenarios · seed 7 · min 0 · max 100 USD');
  });
});
