import type { InstrumentSpec } from '../book/types';
import { InputError } from '../errors';
import { ONE, type Dec } from '../money/decimal';
import { bankruptcyPrice, liquidationPrice } from './liquidation';
import { tableNotional, type DeltaOneTerms } from './position';
import type { BracketTable, MarginConvention } from './types';

export interface SinglePositionInput {
  side: 'long' | 'short';
  /** Linear: coin. Inverse: USD face value (contracts × contract size). Positive. */
  quantity: Dec;
  entryPrice: Dec;
  leverage: Dec;
  maintenanceMarginRate: Dec;
  /** Maintenance amount (cum) of the bracket, settlement unit (USD linear, coin inverse); default 0. */
  maintenanceAmount: Dec;
  contract: 'linear' | 'inverse';
  convention: MarginConvention;
  /** Margin backing the position, settlement unit; default the initial margin (isolated at entry). */
  walletBalance?: Dec;
}

export interface SinglePositionLiquidation {
  liquidationPrice: Dec | null;
  bankruptcyPrice: Dec | null;
  /** qty × entry / leverage (linear, USD) or face / entry / leverage (inverse, coin). */
  initialMargin: Dec;
  /** At entry: notional × MMR − maintenance amount, settlement unit. */
  maintenanceMargin: Dec;
  walletBalance: Dec;
  settlementUnit: 'USD' | 'coin';
}

/**
 * Liquidation and bankruptcy price of one isolated position under a single bracket (the `mwb liq`
 * calculator): the same solver as the tiered model (liquidation.ts), with a one-level table.
 */
export function singlePositionLiquidation(input: SinglePositionInput): SinglePositionLiquidation {
  const { quantity, entryPrice, leverage, maintenanceMarginRate: mmr, maintenanceAmount } = input;
  if (!quantity.gt(0)) throw new InputError(`quantity must be > 0, got ${quantity.toString()}`);
  if (!entryPrice.gt(0)) throw new InputError(`entry price must be > 0, got ${entryPrice.toString()}`);
  if (!leverage.gte(1)) throw new InputError(`leverage must be ≥ 1, got ${leverage.toString()}`);
  if (!(mmr.gte(0) && mmr.lt(ONE.div(leverage)))) {
    throw new InputError(`maintenance margin rate ${mmr.toString()} must be in [0, 1/leverage = ${ONE.div(leverage).toSignificantDigits(6).toString()})`);
  }
  if (maintenanceAmount.lt(0)) throw new InputError(`maintenance amount must be ≥ 0, got ${maintenanceAmount.toString()}`);
  const inverse = input.contract === 'inverse';
  const instrument: InstrumentSpec = inverse
    ? { kind: 'perpetual', id: 'CALC-INVERSE', underlying: 'COIN', settlement: 'inverse', contractSizeUsd: ONE }
    : { kind: 'perpetual', id: 'CALC-LINEAR', underlying: 'COIN', settlement: 'linear' };
  const huge = quantity.mul(entryPrice).mul(1e6).add(1e30);
  const table: BracketTable = {
    name: 'single bracket', underlyings: [], settlement: instrument.settlement, notionalUnit: inverse ? 'coin' : 'usd',
    brackets: [{ level: 1, floor: ONE.minus(1), cap: huge, maxLeverage: leverage, initialMarginRate: ONE.div(leverage), maintenanceMarginRate: mmr, maintenanceAmount }],
  };
  const terms: DeltaOneTerms = {
    instrument, table, quantity: input.side === 'long' ? quantity : quantity.neg(), entryPrice,
    contractSizeUsd: ONE, settlementUnit: inverse ? 'coin' : 'USD',
  };
  const notionalAtEntry = tableNotional(terms, entryPrice);
  const initialMargin = notionalAtEntry.div(leverage);
  const maintenanceMargin = notionalAtEntry.mul(mmr).sub(maintenanceAmount);
  const walletBalance = input.walletBalance ?? initialMargin;
  if (!walletBalance.gt(0)) throw new InputError(`wallet balance must be > 0, got ${walletBalance.toString()}`);
  return {
    liquidationPrice: liquidationPrice(terms, walletBalance, input.convention).price,
    bankruptcyPrice: bankruptcyPrice(terms, walletBalance),
    initialMargin, maintenanceMargin, walletBalance, settlementUnit: inverse ? 'coin' : 'USD',
  };
}
