/**
 * MacKinnon response surfaces for the Dickey–Fuller τ statistic, regression with a constant ('c'),
 * one I(1) series (N = 1). Coefficients ported from statsmodels 0.13.5,
 * statsmodels/tsa/adfvalues.py (tau_max_c, tau_min_c, tau_star_c, tau_c_smallp, tau_c_largep,
 * small_scaling, large_scaling, tau_c_2010), which in turn come from:
 * - p-values: J. G. MacKinnon (1994), "Approximate asymptotic distribution functions for unit-root
 *   and cointegration tests", Journal of Business & Economic Statistics 12(2), 167–176:
 *     p(τ) = Φ(Σ_k γ_k τ^k), with the small-p polynomial (degree 2) for τ <= τ*, the large-p
 *     polynomial (degree 3) above; p = 0 below τ_min and p = 1 above τ_max;
 * - critical values: J. G. MacKinnon (2010), "Critical values for cointegration tests", Queen's
 *   University Economics Working Paper 1227, Table 2: c(T) = β∞ + β₁/T + β₂/T² + β₃/T³ with T the
 *   number of observations in the ADF regression.
 */
import { normalCdf } from '../numeric/distributions';

// adfvalues.py: tau_max_c[0], tau_min_c[0], tau_star_c[0].
const TAU_MAX_C = 2.74;
const TAU_MIN_C = -18.83;
const TAU_STAR_C = -1.61;

// adfvalues.py: tau_c_smallp[0] * small_scaling, tau_c_largep[0] * large_scaling. The raw table
// rows and the scaling are kept separate, as in statsmodels, so the products round identically.
const SMALL_SCALING = [1, 1, 1e-2];
const LARGE_SCALING = [1, 1e-1, 1e-1, 1e-2];
const TAU_C_SMALLP = [2.1659, 1.4412, 3.8269].map((c, i) => c * SMALL_SCALING[i]);
const TAU_C_LARGEP = [1.7339, 9.3202, -1.2745, -1.0368].map((c, i) => c * LARGE_SCALING[i]);

// adfvalues.py: tau_c_2010[0] — rows 1%, 5%, 10%; columns β∞, β₁, β₂, β₃.
const TAU_C_2010 = {
  '1%': [-3.43035, -6.5393, -16.786, -79.433],
  '5%': [-2.86154, -2.8903, -4.234, -40.04],
  '10%': [-2.56677, -1.5384, -2.809, 0],
} as const;

export interface AdfCriticalValues {
  '1%': number;
  '5%': number;
  '10%': number;
}

/** Horner evaluation of Σ c_k x^k (coefficients in ascending powers). */
function polynomial(coefficients: readonly number[], x: number): number {
  let s = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) s = s * x + coefficients[k];
  return s;
}

/** MacKinnon (1994) approximate p-value of an ADF τ statistic (constant, N = 1). */
export function mackinnonPValue(tau: number): number {
  if (tau > TAU_MAX_C) return 1;
  if (tau < TAU_MIN_C) return 0;
  return normalCdf(polynomial(tau <= TAU_STAR_C ? TAU_C_SMALLP : TAU_C_LARGEP, tau));
}

/** MacKinnon (2010) finite-sample critical values for `nobs` regression observations. */
export function mackinnonCriticalValues(nobs: number): AdfCriticalValues {
  const x = 1 / nobs;
  return {
    '1%': polynomial(TAU_C_2010['1%'], x),
    '5%': polynomial(TAU_C_2010['5%'], x),
    '10%': polynomial(TAU_C_2010['10%'], x),
  };
}
