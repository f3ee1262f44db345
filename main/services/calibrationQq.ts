/**
 * Data of the Calibration view's QQ plot: the empirical quantiles of h-day simple returns against
 * the quantiles of a normal (sample mean and standard deviation, n − 1 denominator) and of the
 * maximum-likelihood location-scale Student-t (market/studentT.ts), at the plotting positions
 * p_i = (i + 0.5)/n (Hazen 1914; the i-th smallest return is the empirical p_i-quantile).
 * Pure: runs in a worker thread.
 */
import { InputError } from '../core/errors';
import { assetLossHistory, firstIndexOnOrAfter } from '../core/calibration/lossHistory';
import type { CloseSeries } from '../core/calibration/lossHistory';
import { fitStudentT } from '../core/market/studentT';
import type { StudentTFit } from '../core/market/studentT';
import { mean, sampleStdev } from '../core/numeric/moments';
import { normalInv, studentTInv } from '../core/numeric/distributions';

export interface QqWorkPayload {
  series: CloseSeries;
  horizonDays: number;
  from?: string;
  to?: string;
  maxPoints: number;
}

export interface QqData {
  horizonDays: number;
  from: string;
  to: string;
  observations: number;
  normal: { mean: number; stdev: number };
  studentT: StudentTFit;
  points: { p: number[]; empirical: number[]; normal: number[]; studentT: number[] };
}

/** Share of each tail whose points are always plotted (the tails are what a margin model is about). */
export const QQ_TAIL_SHARE = 0.01;

/**
 * Which order statistics to plot: all when n ≤ maxPoints; otherwise every point of both 1 % tails
 * plus evenly spaced ranks in between (or evenly spaced ranks only, first and last included, when
 * the tails alone exceed maxPoints).
 */
export function qqIndices(n: number, maxPoints: number): number[] {
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const even = (from: number, to: number, count: number): number[] =>
    count <= 1 ? [from] : Array.from({ length: count }, (_, k) => Math.round(from + ((to - from) * k) / (count - 1)));
  const tail = Math.ceil(QQ_TAIL_SHARE * n);
  if (2 * tail + 2 > maxPoints) return [...new Set(even(0, n - 1, maxPoints))];
  const picked = new Set<number>();
  for (let i = 0; i < tail; i++) {
    picked.add(i);
    picked.add(n - 1 - i);
  }
  for (const i of even(tail, n - 1 - tail, maxPoints - 2 * tail)) picked.add(i);
  return [...picked].sort((a, b) => a - b);
}

export function qqWork(p: QqWorkPayload): QqData {
  const history = assetLossHistory(p.series, p.horizonDays);
  const dates = p.series.dates;
  const h = p.horizonDays;
  const first = Math.max(h, p.from === undefined ? 0 : firstIndexOnOrAfter(dates, p.from));
  let last = dates.length - 1;
  if (p.to !== undefined) {
    const i = firstIndexOnOrAfter(dates, p.to);
    last = i < dates.length && dates[i] === p.to ? i : i - 1;
  }
  const n = last - first + 1;
  if (n < 30) throw new InputError(`${p.series.asset}: ${Math.max(0, n)} ${h}-day returns between ${p.from ?? dates[0]} and ${p.to ?? dates[dates.length - 1]}; a QQ plot needs at least 30`);
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++) returns[i] = -history.horizonLoss[first + i];
  const m = mean(returns);
  const sd = sampleStdev(returns);
  if (!(sd > 0)) throw new InputError(`${p.series.asset}: the returns do not vary; nothing to plot`);
  const t = fitStudentT(returns);
  const sorted = Float64Array.from(returns).sort();
  const points: QqData['points'] = { p: [], empirical: [], normal: [], studentT: [] };
  for (const i of qqIndices(n, p.maxPoints)) {
    const pi = (i + 0.5) / n;
    points.p.push(pi);
    points.empirical.push(sorted[i]);
    points.normal.push(m + sd * normalInv(pi));
    points.studentT.push(t.mu + t.sigma * studentTInv(pi, t.nu));
  }
  return { horizonDays: h, from: dates[first], to: dates[last], observations: n, normal: { mean: m, stdev: sd }, studentT: t, points };
}
