import { KIND_OPTION, SETTLEMENT_LINEAR, type CompiledBook } from './compile';

/**
 * Gross notional per account in USD at `spot`: Σ |q| × price for linear contracts and options (the
 * underlying amount), Σ |contracts| × contract size for inverse contracts (their face value).
 * Used for leverage (gross notional / equity) and distance to liquidation (docs/methodology.md).
 */
export function grossNotionalUsd(book: CompiledBook, from = 0, to = book.accounts.count, spot: Float64Array = book.spot): Float64Array {
  const out = new Float64Array(to - from);
  const { positionStart } = book.accounts;
  const { instrument, quantity } = book.positions;
  const { kind, settlement, underlying, contractSizeUsd } = book.instruments;
  for (let k = from; k < to; k++) {
    let sum = 0;
    for (let p = positionStart[k]!; p < positionStart[k + 1]!; p++) {
      const i = instrument[p]!;
      const q = Math.abs(quantity[p]!);
      sum += settlement[i] === SETTLEMENT_LINEAR || kind[i] === KIND_OPTION ? q * spot[underlying[i]!]! : q * contractSizeUsd[i]!;
    }
    out[k - from] = sum;
  }
  return out;
}
