/**
 * Block bootstrap confidence intervals for quantile-based parameters (VaR, ES, scan ranges, vol
 * shocks) estimated from dependent data (docs/methodology, "Bootstrap").
 *
 * Daily crypto returns cluster in volatility and h-day losses overlap, so resampling single
 * observations would understate the sampling error. Two schemes:
 *  - 'stationary' (default; Politis & Romano 1994, JASA 89): start at a uniform index, continue with
 *    the next observation (circularly) with probability 1 − 1/b, jump to a new uniform start with
 *    probability 1/b; block lengths are geometric with mean b and the resampled series is
 *    stationary, which makes the result less sensitive to the exact b.
 *  - 'moving' (Künsch 1989, Ann. Stat. 17): ⌈n/b⌉ blocks of exactly b consecutive observations,
 *    starts uniform on [0, n − b], concatenated and cut to n.
 * Default b = max(1, round(n^{1/3})): the MSE-optimal order for bootstrap variance and bias
 * estimates (Hall, Horowitz & Jing 1995, Biometrika 82). Interval: percentile method, the type-7
 * quantiles (1 ∓ level)/2 of the B replicates. Randomness: createRng(seed) only; same seed, same
 * interval.
 */
import { InputError } from '../errors';
import { quantileType7, expectedShortfallWithVar } from '../numeric/quantile';
import { createRng } from '../numeric/rng';
import type { Rng } from '../numeric/rng';

export type BlockScheme = 'stationary' | 'moving';

export interface BootstrapOptions {
  /** Seed of the random stream (recorded in provenance). */
  seed: number;
  /** Number of bootstrap replicates B (default 1000). */
  resamples?: number;
  /** Mean (stationary) or fixed (moving) block length b; default round(n^{1/3}). */
  blockLength?: number;
  scheme?: BlockScheme;
  /** Two-sided interval level (default 0.90). */
  level?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original sample. */
  estimate: number;
  lower: number;
  upper: number;
  /** Standard deviation of the replicates (n − 1 denominator). */
  standardError: number;
  level: number;
  resamples: number;
  blockLength: number;
  scheme: BlockScheme;
  seed: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_LEVEL = 0.9;

/** Default block length round(n^{1/3}), at least 1. */
export function defaultBlockLength(n: number): number {
  return Math.max(1, Math.round(Math.cbrt(n)));
}

/** Fill `out` (length n) with the indices of one block-bootstrap resample of 0..n−1. */
export function blockResampleIndices(n: number, blockLength: number, scheme: BlockScheme, rng: Rng, out: Int32Array): void {
  if (scheme === 'stationary') {
    const pNew = 1 / blockLength;
    let j = rng.int(n);
    out[0] = j;
    for (let i = 1; i < n; i++) {
      j = rng.uniform() < pNew ? rng.int(n) : j + 1 === n ? 0 : j + 1;
      out[i] = j;
    }
    return;
  }
  const b = Math.min(blockLength, n);
  let i = 0;
  while (i < n) {
    const s = rng.int(n - b + 1);
    for (let k = 0; k < b && i < n; k++) out[i++] = s + k;
  }
}

function resolveOptions(n: number, options: BootstrapOptions) {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const blockLength = options.blockLength ?? defaultBlockLength(n);
  const scheme = options.scheme ?? 'stationary';
  const level = options.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(resamples) || resamples < 2) throw new InputError(`resamples must be an integer >= 2, got ${resamples}`);
  if (!Number.isInteger(blockLength) || blockLength < 1 || blockLength > n) {
    throw new InputError(`blockLength must be an integer in [1, ${n}], got ${blockLength}`);
  }
  if (scheme !== 'stationary' && scheme !== 'moving') throw new InputError(`scheme must be 'stationary' or 'moving', got ${String(scheme)}`);
  if (!(level > 0 && level < 1)) throw new InputError(`level must lie in (0, 1), got ${level}`);
  return { resamples, blockLength, scheme, level };
}

/**
 * Percentile intervals for k statistics computed together on each resample (one sort can serve VaR
 * and ES). `statistics(x)` must return k finite numbers; it may sort x in place (x is scratch).
 */
export function blockBootstrap(
  sample: Float64Array,
  statistics: (x: Float64Array) => ArrayLike<number>,
  options: BootstrapOptions,
): BootstrapInterval[] {
  const n = sample.length;
  if (n < 2) throw new InputError(`bootstrap needs at least 2 observations, got ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(sample[i])) throw new InputError(`bootstrap sample value at ${i} is not finite (${sample[i]})`);
  const { resamples, blockLength, scheme, level } = resolveOptions(n, options);
  const estimate = Array.from(statistics(Float64Array.from(sample)));
  const k = estimate.length;
  const replicates = Array.from({ length: k }, () => new Float64Array(resamples));
  const rng = createRng(options.seed);
  const idx = new Int32Array(n);
  const x = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    blockResampleIndices(n, blockLength, scheme, rng, idx);
    for (let i = 0; i < n; i++) x[i] = sample[idx[i]];
    const values = statistics(x);
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(values[j])) throw new InputError(`bootstrap statistic ${j} is not finite on resample ${r}`);
      replicates[j][r] = values[j];
    }
  }
  const lowP = (1 - level) / 2;
  return replicates.map((rep, j) => {
    let mean = 0;
    for (let r = 0; r < resamples; r++) mean += rep[r];
    mean /= resamples;
    let ss = 0;
    for (let r = 0; r < resamples; r++) ss += (rep[r] - mean) ** 2;
    rep.sort();
    return {
      estimate: estimate[j],
      lower: quantileType7(rep, lowP),
      upper: quantileType7(rep, 1 - lowP),
      standardError: Math.sqrt(ss / (resamples - 1)),
      level,
      resamples,
      blockLength,
      scheme,
      seed: options.seed,
    };
  });
}

/** Intervals for HS VaR and ES (type-7 quantile; mean of losses >= VaR) of a loss sample. */
export function bootstrapVarEs(
  losses: Float64Array,
  confidence: number,
  options: BootstrapOptions,
): { valueAtRisk: BootstrapInterval; expectedShortfall: BootstrapInterval } {
  const [v, e] = blockBootstrap(losses, (x) => {
    const r = expectedShortfallWithVar(x, confidence);
    return [r.valueAtRisk, r.expectedShortfall];
  }, options);
  return { valueAtRisk: v, expectedShortfall: e };
}

/** Interval for a single type-7 quantile of a sample (e.g. a scan range from |returns|). */
export function bootstrapQuantile(sample: Float64Array, confidence: number, options: BootstrapOptions): BootstrapInterval {
  return blockBootstrap(sample, (x) => [quantileType7(x.sort(), confidence)], options)[0];
}
