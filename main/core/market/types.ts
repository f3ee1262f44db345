/**
 * Market data values. Raw bars keep the decimal text exactly as imported (provenance); analytics
 * read closes as float64 (design.md: statistics are Float64Array).
 */
export interface Bar {
  /** UTC calendar day, `YYYY-MM-DD`. */
  date: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

/** One asset's aligned daily history as typed arrays (dates ascending, no duplicates). */
export interface PriceSeries {
  asset: string;
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Base-asset units traded (0 when the source has none). */
  volume: Float64Array;
}

/** A snapshot of prices used to value a book at one date (USD per unit of each asset). */
export interface MarketSnapshot {
  /** UTC date of the snapshot. */
  date: string;
  /** Index / spot price per asset (USD). */
  spot: Record<string, number>;
  /** Annualised implied (or proxy) volatility per asset, as a fraction (0.6 = 60%). */
  vol: Record<string, number>;
  /** Continuously compounded USD rate used for discounting option premia. */
  rate: number;
}
