/**
 * Display of margin figures with their units (USD, %, ×), shared by the Books tables and the margin
 * charts. Fixed 'en-US' grouping like format.ts, so every desk reads the same figures.
 */

const usd2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234567.891 → "1,234,567.89" (the unit is in the column header). */
export function formatUsdAmount(x: number): string {
  return usd2.format(x);
}

/** 1234567.891 → "1,234,567.89 USD". */
export function formatUsd(x: number): string {
  return `${usd2.format(x)} USD`;
}

/** A decimal string from the contract (exact) shown as USD; the exact text stays in the tooltip. */
export function formatUsdText(s: string): string {
  const x = Number(s);
  return Number.isFinite(x) ? formatUsd(x) : s;
}

/** 0.1234 → "12.34 %"; null (no ratio: equity ≤ 0) → "—". */
export function formatPercent(x: number | null, digits = 2): string {
  return x === null ? '—' : `${(x * 100).toFixed(digits)} %`;
}

/** 3.256 → "3.26×"; null (equity ≤ 0) → "—". */
export function formatLeverage(x: number | null, digits = 2): string {
  return x === null ? '—' : `${x.toFixed(digits)}×`;
}
