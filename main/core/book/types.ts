import type { Dec } from '../money/decimal';

/**
 * Book domain values (immutable by convention). Money fields are Dec; the file/IPC form of the same
 * values uses decimal strings (docs/formats.md).
 *
 * Quantity conventions (docs/methodology.md):
 * - linear contracts (USDT/USD-margined): `quantity` is in coin (base asset), signed (+ long, − short);
 * - inverse contracts (coin-margined): `quantity` is a signed number of contracts of `contractSizeUsd` each;
 * - options: `quantity` is signed, in coin of underlying per contract × contracts (multiplier 1 coin).
 */
export type Settlement = 'linear' | 'inverse';
export type OptionType = 'call' | 'put';

interface InstrumentBase {
  /** Unique within a book, e.g. `BTC-PERP`, `ETH-USD-PERP-INV`, `BTC-20261225-60000-C`. */
  id: string;
  /** Risk unit / underlying asset symbol, e.g. `BTC`. Prices are USD per 1 unit. */
  underlying: string;
  settlement: Settlement;
  /** USD face value of one inverse contract (e.g. 100 on BitMEX XBTUSD); required for inverse. */
  contractSizeUsd?: Dec;
}

export interface PerpetualSpec extends InstrumentBase {
  kind: 'perpetual';
}

export interface FutureSpec extends InstrumentBase {
  kind: 'future';
  /** Expiry as an ISO date (UTC, settles 08:00 UTC by convention; we count calendar days). */
  expiry: string;
}

export interface OptionSpec extends InstrumentBase {
  kind: 'option';
  expiry: string;
  strike: Dec;
  optionType: OptionType;
}

export type InstrumentSpec = PerpetualSpec | FutureSpec | OptionSpec;

export interface Position {
  instrumentId: string;
  /** Signed size, see the quantity conventions above. */
  quantity: Dec;
  /** Average entry price in USD (for options: premium in USD per coin; inverse options: premium in coin). */
  entryPrice: Dec;
  /** Isolated-margin accounts only: margin assigned to this position, in the settlement asset. */
  isolatedMargin?: Dec;
  /** Leverage chosen by the user (informational for cross; sets initial margin for isolated). */
  leverage?: Dec;
}

export interface CollateralBalance {
  /** Asset symbol, e.g. `USDT`, `USDC`, `BTC`. Stablecoins are priced by their own series (de-peg aware). */
  asset: string;
  balance: Dec;
}

export type MarginMode = 'cross' | 'isolated';

export interface Account {
  id: string;
  marginMode: MarginMode;
  collateral: CollateralBalance[];
  positions: Position[];
}

export interface Book {
  id: string;
  name: string;
  /** True for the generated sample workspace: always labelled SYNTHETIC where it appears. */
  synthetic: boolean;
  instruments: InstrumentSpec[];
  accounts: Account[];
}
