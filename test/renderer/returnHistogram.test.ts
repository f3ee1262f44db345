import { describe, expect, it } from 'vitest';
import {
  dailyLogReturns, normalDensity, quantileType7, returnHistogram, sampleStdDev, sturgesBinCount,
} from '../../renderer/src/charts/returnStats';
import { buildReturnHistogramOption, normalOverlay, returnDistribution } from '../../renderer/src/charts/returnHistogram';

const TOL = 1e-12;

/** Consecutive UTC days from `start`. */
function days(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

// 61 closes: a seeded random walk, numpy default_rng(7), 100·exp(cumsum(normal(0.001, 0.03, 60))) rounded to cents.
const CLOSES = [
  100.0, 100.1, 101.11, 100.38, 97.83, 96.6, 93.86, 94.13, 98.09, 96.75, 95.06, 96.56, 97.7, 98.1, 95.5, 95.51, 97.62,
  93.86, 92.67, 87.62, 84.38, 79.92, 79.44, 76.55, 77.26, 77.7, 77.34, 71.79, 70.71, 70.68, 70.99, 67.87, 66.97, 65.1,
  63.6, 65.72, 64.22, 64.22, 66.01, 64.93, 64.78, 65.06, 65.25, 62.96, 63.16, 65.86, 62.93, 64.64, 64.94, 63.76, 67.77,
  69.41, 67.03, 67.24, 68.48, 68.17, 69.65, 69.58, 71.06, 74.26, 72.85,
];
const DATES = days('2024-01-01', CLOSES.length);

// Reference values: numpy 2.4.6, r = np.log(c[1:] / c[:-1]);
// np.histogram(r, bins='fd'); r.mean(); r.std(ddof=1); np.percentile(r, [25, 75]) (type 7).
const REF = {
  n: 60,
  mean: -0.005279460889114628,
  sd: 0.02667416004614424,
  q25: -0.023144223097886323,
  q75: 0.009434013046365137,
  counts: [1, 4, 5, 11, 13, 14, 7, 4, 1],
  edges: [
    -0.07446609559075934, -0.05941502000666809, -0.04436394442257684, -0.029312868838485585, -0.014261793254394334,
    0.0007892823296969109, 0.01584035791378817, 0.030891433497879428, 0.04594250908197067, 0.06099358466606192,
  ],
  binWidth: 0.015051075584091252,
};

describe('daily log returns and their histogram (numpy references)', () => {
  it('computes the returns, mean, sd and type-7 quartiles numpy computes', () => {
    const r = dailyLogReturns(DATES, CLOSES);
    expect(r.returns.length).toBe(REF.n);
    expect(r.skippedAcrossGaps).toBe(0);
    const sorted = Float64Array.from(r.returns).sort();
    expect(quantileType7(sorted, 0.25)).toBeCloseTo(REF.q25, 14);
    expect(quantileType7(sorted, 0.75)).toBeCloseTo(REF.q75, 14);
    expect(sampleStdDev(r.returns)).toBeCloseTo(REF.sd, 14);
  });

  it('bins by Freedman–Diaconis exactly as numpy.histogram(bins="fd")', () => {
    const h = returnHistogram(dailyLogReturns(DATES, CLOSES).returns);
    expect(h.rule).toBe('Freedman–Diaconis');
    expect(Array.from(h.counts)).toEqual(REF.counts);
    expect(h.edges.length).toBe(REF.edges.length);
    h.edges.forEach((e, i) => expect(Math.abs(e - REF.edges[i])).toBeLessThan(TOL));
    expect(h.binWidth).toBeCloseTo(REF.binWidth, 14);
  });

  it('falls back to Sturges when the IQR is zero (a pegged stablecoin), matching numpy bins="sturges"', () => {
    const closes = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.01, 1, 0.98, 1, 1, 1, 1, 1, 1, 1, 1];
    const h = returnHistogram(dailyLogReturns(days('2024-03-01', closes.length), closes).returns);
    expect(h.rule).toBe('Sturges');
    // numpy: np.histogram(np.log(s[1:]/s[:-1]), bins='sturges') → 6 bins, counts [1, 1, 16, 0, 1, 1]
    expect(sturgesBinCount(20)).toBe(6);
    expect(Array.from(h.counts)).toEqual([1, 1, 16, 0, 1, 1]);
    expect(h.edges[0]).toBeCloseTo(-0.020202707317519466, 15);
    expect(h.edges[6]).toBeCloseTo(0.02020270731751947, 15);
  });

  it('leaves out returns that span a date gap or touch a non-positive close, and counts them', () => {
    const dates = ['2024-01-01', '2024-01-02', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08'];
    const closes = [100, 110, 121, 0, 50, 55];
    const r = dailyLogReturns(dates, closes);
    // kept: ln(110/100) and ln(55/50); 01-02→01-05 spans a gap; 121→0 and 0→50 have a zero close.
    expect(Array.from(r.returns)).toEqual([Math.log(1.1), Math.log(55 / 50)]);
    expect(r.skippedAcrossGaps).toBe(1);
    expect(r.skippedNonPositive).toBe(2);
  });

  it('rejects mismatched inputs with a message naming the lengths', () => {
    expect(() => dailyLogReturns(['2024-01-01'], [1, 2])).toThrow(/dates \(1\) and closes \(2\)/);
    expect(() => returnHistogram([0.1])).toThrow(/at least 2 returns, got 1/);
  });
});

describe('normal density overlay', () => {
  it('φ at the mean is 1/(σ√(2π)) and at μ+σ matches scipy', () => {
    // scipy.stats.norm.pdf(mean, mean, sd) = 14.956132815852245; pdf(mean+sd, mean, sd) = 9.071353103548628
    expect(normalDensity(REF.mean, REF.mean, REF.sd)).toBeCloseTo(14.956132815852245, 10);
    expect(normalDensity(REF.mean + REF.sd, REF.mean, REF.sd)).toBeCloseTo(9.071353103548628, 10);
  });

  it('is scaled to counts: value at the mean = n · binWidth / (sd · √(2π))', () => {
    const dist = returnDistribution(DATES, CLOSES);
    const overlay = normalOverlay(dist);
    const atMean = overlay.find(([x]) => x === dist.meanLogReturn);
    expect(atMean).toBeDefined();
    // numpy: 60 * 0.015051075584091252 / (0.02667416004614424 * sqrt(2π)) = 13.506353127425982
    expect(atMean![1]).toBeCloseTo(13.506353127425982, 10);
    expect(atMean![1]).toBeCloseTo((REF.n * REF.binWidth) / (REF.sd * Math.sqrt(2 * Math.PI)), 12);
    // The curve peaks at the mean.
    const peak = overlay.reduce((m, p) => (p[1] > m[1] ? p : m));
    expect(peak[0]).toBe(dist.meanLogReturn);
  });
});

describe('buildReturnHistogramOption', () => {
  const dist = returnDistribution(DATES, CLOSES);
  const option = buildReturnHistogramOption(dist, { asset: 'TEST', synthetic: false });
  const series = option.series as { name: string; type: string; data: unknown[] }[];

  it('draws one bar per bin at the bin centre with the numpy counts, animation off', () => {
    expect(option.animation).toBe(false);
    const bars = series.find((s) => s.name === 'observed')!;
    expect(bars.type).toBe('bar');
    const values = bars.data.map((d) => (d as { value: number[] }).value);
    expect(values.map((v) => v[1])).toEqual(REF.counts);
    expect(values[0][0]).toBeCloseTo((REF.edges[0] + REF.edges[1]) / 2, 12);
    expect(values.reduce((s, v) => s + v[1], 0)).toBe(REF.n);
  });

  it('states the bin rule and n in the subtitle, and labels synthetic data', () => {
    const title = option.title as { text: string; subtext: string };
    expect(title.text).toBe('TEST daily log returns');
    expect(title.subtext).toContain('n = 60');
    expect(title.subtext).toContain('Freedman–Diaconis');
    const synthetic = buildReturnHistogramOption(dist, { asset: 'BTC', synthetic: true });
    expect((synthetic.title as { text: string }).text).toContain('SYNTHETIC');
  });

  it('annualises the daily sd with √365', () => {
    expect(dist.annualisedVol).toBeCloseTo(REF.sd * Math.sqrt(365), 14);
  });
});
