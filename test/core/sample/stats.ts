/**
 * Plain statistics for the stylised-fact tests, written independently of the generator and checked
 * against scipy/statsmodels/numpy in stats.test.ts.
 */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Excess kurtosis with the biased moment estimator (scipy.stats.kurtosis, fisher=True, bias=True). */
export function excessKurtosis(x: ArrayLike<number>): number {
  const m = mean(x);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= x.length;
  m4 /= x.length;
  return m4 / (m2 * m2) - 3;
}

/** Sample autocorrelation at `lag` as statsmodels acf: Σ(x_t − x̄)(x_{t+lag} − x̄) / Σ(x_t − x̄)². */
export function autocorrelation(x: ArrayLike<number>, lag: number): number {
  const m = mean(x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    den += d * d;
    if (i + lag < x.length) num += d * (x[i + lag] - m);
  }
  return num / den;
}

/** Pearson correlation (scipy.stats.pearsonr). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Hyndman–Fan type 7 quantile (numpy.percentile default). */
export function quantile7(x: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(x).sort();
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Daily log returns of a close series. */
export function logReturns(closes: ArrayLike<number>): Float64Array {
  const r = new Float64Array(closes.length - 1);
  for (let i = 1; i < closes.length; i++) r[i - 1] = Math.log(closes[i] / closes[i - 1]);
  return r;
}

/**
 * Windows of fast crashes: days t whose close is at least `drawdown` below the highest close of the
 * previous `days` days; such days less than `days` apart belong to one window.
 */
export function fastDrawdownWindows(dates: string[], closes: ArrayLike<number>, drawdown: number, days: number): { from: string; to: string; worst: number }[] {
  const windows: { from: string; to: string; worst: number; last: number }[] = [];
  for (let t = 1; t < closes.length; t++) {
    let peak = 0;
    for (let k = Math.max(0, t - days); k < t; k++) peak = Math.max(peak, closes[k]);
    const dd = 1 - closes[t] / peak;
    if (dd < drawdown) continue;
    const open = windows[windows.length - 1];
    if (open && t - open.last <= days) {
      open.to = dates[t];
      open.last = t;
      open.worst = Math.max(open.worst, dd);
    } else {
      windows.push({ from: dates[t], to: dates[t], worst: dd, last: t });
    }
  }
  return windows.map(({ from, to, worst }) => ({ from, to, worst }));
}
