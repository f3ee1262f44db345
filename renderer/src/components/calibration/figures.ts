/** Display of test statistics in the Calibration view (tables and panels; charts format their own axes). */

/** A likelihood-ratio or test statistic: 4 decimals (χ² critical values are read to that precision). */
export function statistic(x: number): string {
  return x.toFixed(4);
}

/** p-values keep 4 significant digits, so 0.0034 and 8.9e-11 both stay readable and distinct. */
export function pValue(p: number): string {
  if (p === 0) return '0';
  return p >= 1e-4 ? String(Number(p.toPrecision(4))) : p.toExponential(3);
}

/** Peak-to-trough margin ratio: "3.56×"; null (non-positive trough) → "—". */
export function ratio(x: number | null): string {
  return x === null ? '—' : `${x.toFixed(2)}×`;
}
