/**
 * PnL, exposure and notional of linear and inverse perpetuals / futures (design.md):
 *
 *   linear  (USD(T)-margined, quantity q in coin, signed):  PnL_usd  = q·(exit − entry)
 *   inverse (coin-margined, N signed contracts of S USD):    PnL_coin = N·S·(1/entry − 1/exit)
 *
 * An inverse position is a fixed USD face N·S held in coin: its coin-equivalent exposure at mark
 * price P is N·S/P coin, and ∂PnL_coin/∂P = N·S/P² (coin per USD), so a long inverse position
 * gains less coin per USD of rise the higher the price (the "inverse convexity").
 *
 * Each rule exists twice: in Dec for settlement (one position, exact decimal) and in float for the
 * vectorised book paths; test/core/instruments asserts they agree.
 */
import { Dec } from '../money/decimal';
import { InputError } from '../errors';

function requirePositiveDec(value: Dec, what: string): void {
  if (!value.isFinite() || !value.gt(0)) throw new InputError(`${what} must be a positive price, got ${value.toString()}`);
}

function requirePositive(value: number, what: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError(`${what} must be a positive finite number, got ${value}`);
}

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new InputError(`${what} must be a finite number, got ${value}`);
}

// ---- Dec: settlement -------------------------------------------------------------------------

/** Linear PnL in USD: quantity (coin, signed) × (exit − entry). */
export function linearPnl(quantity: Dec, entryPrice: Dec, exitPrice: Dec): Dec {
  requirePositiveDec(entryPrice, 'entryPrice');
  requirePositiveDec(exitPrice, 'exitPrice');
  return quantity.mul(exitPrice.sub(entryPrice));
}

/** Inverse PnL in coin: contracts (signed) × contractSizeUsd × (1/entry − 1/exit). */
export function inversePnlCoin(contracts: Dec, contractSizeUsd: Dec, entryPrice: Dec, exitPrice: Dec): Dec {
  requirePositiveDec(contractSizeUsd, 'contractSizeUsd');
  requirePositiveDec(entryPrice, 'entryPrice');
  requirePositiveDec(exitPrice, 'exitPrice');
  return contracts.mul(contractSizeUsd).mul(new Dec(1).div(entryPrice).sub(new Dec(1).div(exitPrice)));
}

/** Signed USD exposure of a linear position: quantity × mark. */
export function linearExposureUsd(quantity: Dec, markPrice: Dec): Dec {
  requirePositiveDec(markPrice, 'markPrice');
  return quantity.mul(markPrice);
}

/** Signed USD face of an inverse position: contracts × contractSizeUsd (constant in price). */
export function inverseExposureUsd(contracts: Dec, contractSizeUsd: Dec): Dec {
  requirePositiveDec(contractSizeUsd, 'contractSizeUsd');
  return contracts.mul(contractSizeUsd);
}

/** Signed coin-equivalent exposure of an inverse position: contracts × contractSizeUsd / mark. */
export function inverseExposureCoin(contracts: Dec, contractSizeUsd: Dec, markPrice: Dec): Dec {
  requirePositiveDec(markPrice, 'markPrice');
  return inverseExposureUsd(contracts, contractSizeUsd).div(markPrice);
}

/** Notional (absolute exposure) in USD of a linear position: |quantity| × mark. */
export function linearNotionalUsd(quantity: Dec, markPrice: Dec): Dec {
  return linearExposureUsd(quantity, markPrice).abs();
}

/** Notional in USD of an inverse position: |contracts| × contractSizeUsd. */
export function inverseNotionalUsd(contracts: Dec, contractSizeUsd: Dec): Dec {
  return inverseExposureUsd(contracts, contractSizeUsd).abs();
}

// ---- float: analytics and vectorised paths -----------------------------------------------------

/** Float form of linearPnl. */
export function linearPnlFloat(quantity: number, entryPrice: number, exitPrice: number): number {
  requireFinite(quantity, 'quantity');
  requirePositive(entryPrice, 'entryPrice');
  requirePositive(exitPrice, 'exitPrice');
  return quantity * (exitPrice - entryPrice);
}

/** Float form of inversePnlCoin, written as N·S·(exit − entry)/(entry·exit) (one rounding less). */
export function inversePnlCoinFloat(contracts: number, contractSizeUsd: number, entryPrice: number, exitPrice: number): number {
  requireFinite(contracts, 'contracts');
  requirePositive(contractSizeUsd, 'contractSizeUsd');
  requirePositive(entryPrice, 'entryPrice');
  requirePositive(exitPrice, 'exitPrice');
  return (contracts * contractSizeUsd * (exitPrice - entryPrice)) / (entryPrice * exitPrice);
}

/** Float form of inverseExposureCoin. */
export function inverseExposureCoinFloat(contracts: number, contractSizeUsd: number, markPrice: number): number {
  requireFinite(contracts, 'contracts');
  requirePositive(contractSizeUsd, 'contractSizeUsd');
  requirePositive(markPrice, 'markPrice');
  return (contracts * contractSizeUsd) / markPrice;
}

function outputFor(length: number, out: Float64Array | undefined, what: string): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) throw new InputError(`${what}: out has length ${out.length}, expected ${length}`);
  return out;
}

/**
 * Linear PnL for many exit prices (scenarios): out[i] = q·(exit[i] − entry). Exit prices must be
 * positive; the first bad one is reported by index.
 */
export function linearPnlVector(quantity: number, entryPrice: number, exitPrices: Float64Array, out?: Float64Array): Float64Array {
  requireFinite(quantity, 'quantity');
  requirePositive(entryPrice, 'entryPrice');
  const result = outputFor(exitPrices.length, out, 'linearPnlVector');
  for (let i = 0; i < exitPrices.length; i++) {
    const p = exitPrices[i];
    if (!(p > 0) || p === Infinity) throw new InputError(`linearPnlVector: exitPrices[${i}] = ${p} is not a positive finite price`);
    result[i] = quantity * (p - entryPrice);
  }
  return result;
}

/** Inverse PnL in coin for many exit prices: out[i] = N·S·(exit[i] − entry)/(entry·exit[i]). */
export function inversePnlCoinVector(
  contracts: number,
  contractSizeUsd: number,
  entryPrice: number,
  exitPrices: Float64Array,
  out?: Float64Array,
): Float64Array {
  requireFinite(contracts, 'contracts');
  requirePositive(contractSizeUsd, 'contractSizeUsd');
  requirePositive(entryPrice, 'entryPrice');
  const result = outputFor(exitPrices.length, out, 'inversePnlCoinVector');
  const face = contracts * contractSizeUsd;
  for (let i = 0; i < exitPrices.length; i++) {
    const p = exitPrices[i];
    if (!(p > 0) || p === Infinity) throw new InputError(`inversePnlCoinVector: exitPrices[${i}] = ${p} is not a positive finite price`);
    result[i] = (face * (p - entryPrice)) / (entryPrice * p);
  }
  return result;
}
