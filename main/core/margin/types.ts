/**
 * The tiered-bracket margin model as a value (docs/methodology: margin-tiered). Money-like terms are Dec;
 * the JSON form (decimal strings) is TieredModelWire in config.ts, validated by the zod schema in
 * preload/contract/schemas/models.ts before tieredModelFromWire turns it into this.
 */
import type { Settlement } from '../book/types';
import type { Dec } from '../money/decimal';

/**
 * Which price the position notional of a margin requirement is evaluated at.
 * - `markPrice` (Binance USDⓈ-M / COIN-M): IM and MM follow the mark price, so the liquidation price is
 *   solved with the MM evaluated AT the liquidation price (bracket re-checked there);
 * - `entryPrice` (Bybit USDT contracts): IM and MM are fixed from the entry notional.
 */
export type MarginConvention = 'markPrice' | 'entryPrice';

/**
 * Unit of a table's notional caps and maintenance amounts.
 * - `usd`: quote notional, |qty| × price for linear contracts, contracts × contractSizeUsd (face value) for
 *   inverse ones;
 * - `coin`: coin notional of an inverse contract, contracts × contractSizeUsd / price (Binance COIN-M).
 */
export type NotionalUnit = 'usd' | 'coin';

export interface Bracket {
  /** 1-based level as exchanges number them. */
  level: number;
  /** Lower bound of the bracket (cap of the previous one; 0 for the first), table unit. */
  floor: Dec;
  /** Upper bound (inclusive), table unit. The last cap is the largest position the table allows. */
  cap: Dec;
  maxLeverage: Dec;
  /** Rate applied to the whole notional for IM; ≥ 1 / maxLeverage. */
  initialMarginRate: Dec;
  maintenanceMarginRate: Dec;
  /**
   * cum(n) = floor(n) × (MMR(n) − MMR(n−1)) + cum(n−1), cum(1) = 0 (Binance "maintenance amount"), so that
   * MM = notional × MMR(n) − cum(n) is continuous across brackets.
   */
  maintenanceAmount: Dec;
}

export interface BracketTable {
  name: string;
  /** Underlyings the table applies to; empty = any underlying without a table of its own. */
  underlyings: string[];
  settlement: Settlement;
  notionalUnit: NotionalUnit;
  brackets: Bracket[];
}

export interface CollateralRules {
  /** Haircut per asset, 0 ≤ h ≤ 1: collateral value = balance × price × (1 − h) for positive balances. */
  haircuts: Record<string, Dec>;
  /** Haircut of assets missing from the table; null = such an asset is refused with an InputError. */
  defaultHaircut: Dec | null;
}

export interface TieredModel {
  kind: 'tiered';
  name: string;
  convention: MarginConvention;
  tables: BracketTable[];
  collateral: CollateralRules;
}
