/** Display formatting shared by the views. Fixed 'en-US' grouping so every desk reads the same figures. */

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return intFormat.format(n);
}

/** Prices: up to 8 significant digits, never exponent notation for ordinary crypto prices. */
export function formatPrice(x: number): string {
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8 }).format(x);
}

export function formatPct(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** The first 12 hex digits identify a content hash for the eye; the full hash is in the tooltip. */
export function shortHash(hash: string): string {
  const hex = hash.includes(':') ? hash.slice(hash.indexOf(':') + 1) : hash;
  return hex.slice(0, 12);
}

/** ISO-8601 UTC timestamp → "YYYY-MM-DD HH:MM UTC"; anything else is shown as stored. */
export function formatTimestamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} UTC`;
}
