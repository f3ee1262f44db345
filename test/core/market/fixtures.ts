/**
 * Fixed simulated series shared by the estimator tests. Each is generated with the project's seeded
 * RNG (main/core/numeric/rng.ts), so the tests and the reference computations see identical data:
 * the reference values in the tests were computed by exporting exactly these arrays to JSON and
 * fitting them with numpy/scipy/statsmodels (each test names the library, version and call).
 * `checksum` pins the data: if the RNG ever changes, the checksum test fails first and says why
 * the reference values no longer apply.
 */
import { createRng } from '../../../main/core/numeric/rng';

export const GARCH_TRUE = { omega: 1.8e-5, alpha: 0.08, beta: 0.9 } as const;
export const GARCH_T_TRUE_NU = 6;

/**
 * GARCH(1,1) zero-mean returns: h_{t+1} = ω + α r_t² + β h_t, r_t = √h_t z_t, h_0 = ω/(1−α−β),
 * 500 burn-in days dropped. z standard normal, or unit-variance Student-t when `dof` is given.
 */
export function simulateGarch(seed: number, n: number, dof?: number): Float64Array {
  const rng = createRng(seed);
  const { omega, alpha, beta } = GARCH_TRUE;
  const burnIn = 500;
  const out = new Float64Array(n);
  let h = omega / (1 - alpha - beta);
  for (let t = 0; t < burnIn + n; t++) {
    const z = dof === undefined ? rng.normal() : rng.studentT(dof) * Math.sqrt((dof - 2) / dof);
    const r = Math.sqrt(h) * z;
    if (t >= burnIn) out[t - burnIn] = r;
    h = omega + alpha * r * r + beta * h;
  }
  return out;
}

/** The GARCH-normal test series: seed 20240601, 2000 days. */
export const garchNormalSeries = (): Float64Array => simulateGarch(20240601, 2000);
/** The GARCH-t test series: seed 20240602, 2000 days, ν = 6. */
export const garchTSeries = (): Float64Array => simulateGarch(20240602, 2000, GARCH_T_TRUE_NU);

/** Location-scale t sample: μ = 0.001, σ = 0.02, ν = 4; seed 7, 2000 values. */
export function studentTSample(): Float64Array {
  const rng = createRng(7);
  return Float64Array.from({ length: 2000 }, () => 0.001 + 0.02 * rng.studentT(4));
}

/** Gaussian random walk from 100: seed 11, 500 levels. */
export function randomWalk(): Float64Array {
  const rng = createRng(11);
  const out = new Float64Array(500);
  out[0] = 100;
  for (let t = 1; t < out.length; t++) out[t] = out[t - 1] + rng.normal();
  return out;
}

/** Stationary AR(1) x_t = 0.5 x_{t−1} + e_t around 0: seed 12, 400 values. */
export function stationaryAr1(): Float64Array {
  const rng = createRng(12);
  const out = new Float64Array(400);
  for (let t = 1; t < out.length; t++) out[t] = 0.5 * out[t - 1] + rng.normal();
  return out;
}

/** Σ x_i and Σ |x_i| i/n: a cheap fingerprint of a series. */
export function checksum(x: Float64Array): [number, number] {
  let s = 0;
  let w = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i];
    w += (Math.abs(x[i]) * i) / x.length;
  }
  return [s, w];
}

/** Integrated series with AR(2) differences Δx_t = 0.5Δx_{t−1} − 0.3Δx_{t−2} + e_t from 50: seed 13, 300 levels. */
export function integratedAr2(): Float64Array {
  const rng = createRng(13);
  const out = new Float64Array(300);
  out[0] = 50;
  let d1 = 0;
  let d2 = 0;
  for (let t = 1; t < out.length; t++) {
    const d = 0.5 * d1 - 0.3 * d2 + rng.normal();
    out[t] = out[t - 1] + d;
    d2 = d1;
    d1 = d;
  }
  return out;
}

/** Three correlated daily return series (250 days, seed 21): vols 3%, 4%, 2%; loadings on one factor. */
export function correlatedPanel(): Float64Array[] {
  const rng = createRng(21);
  const out = [new Float64Array(250), new Float64Array(250), new Float64Array(250)];
  for (let t = 0; t < 250; t++) {
    const f = rng.normal();
    out[0][t] = 0.03 * f;
    out[1][t] = 0.04 * (0.6 * f + 0.8 * rng.normal());
    out[2][t] = 0.02 * (-0.3 * f + Math.sqrt(0.91) * rng.normal());
  }
  return out;
}
