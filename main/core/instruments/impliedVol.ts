/**
 * Black-76 implied volatility: the σ with black76Value(σ) = price. The Black price is strictly
 * increasing in σ between the no-arbitrage bounds
 *   lower = DF·max(F − K, 0) (call) or DF·max(K − F, 0) (put)  (σ = 0),
 *   upper = DF·F (call) or DF·K (put)                             (σ → ∞),
 * so a price inside them has exactly one implied vol. Solved by Brent's method on [0, 10]
 * (0–1000% vol), the root polished to 1e-12 absolute in σ.
 */
import { InputError } from '../errors';
import type { OptionType } from '../book/types';
import { brentRoot } from '../numeric/roots';
import { black76Value, checkBlack76Input, discountFactor, intrinsicValue } from './black76';

export interface ImpliedVolInput {
  optionType: OptionType;
  forward: number;
  strike: number;
  /** Calendar days to expiry, > 0. */
  expiryDays: number;
  rate: number;
  /** Option premium in USD per coin (the same unit as black76Value). */
  price: number;
}

/** Upper end of the vol search bracket: 10.00 = 1000% annualised. */
export const MAX_IMPLIED_VOL = 10;

/** Implied Black-76 vol as a fraction; InputError naming the violated bound otherwise. */
export function impliedVol(input: ImpliedVolInput): number {
  const { optionType, forward, strike, expiryDays, rate, price } = input;
  checkBlack76Input({ optionType, forward, strike, expiryDays, vol: 0, rate });
  if (!(expiryDays > 0)) throw new InputError(`expiryDays must be > 0 to imply a volatility, got ${expiryDays}`);
  if (!Number.isFinite(price)) throw new InputError(`price must be a finite number, got ${price}`);
  const df = discountFactor(rate, expiryDays);
  const lower = df * intrinsicValue(optionType, forward, strike);
  const upper = df * (optionType === 'call' ? forward : strike);
  // Tolerance for "equal to a bound": a few ulps of the larger of the prices involved.
  const slack = 8 * Number.EPSILON * Math.max(upper, Math.abs(price));
  if (price < lower - slack) {
    throw new InputError(
      `price ${price} is below the discounted intrinsic value ${lower} (lower no-arbitrage bound DF·max(${optionType === 'call' ? 'F − K' : 'K − F'}, 0))`,
    );
  }
  if (price >= upper - slack) {
    throw new InputError(
      `price ${price} is at or above the upper no-arbitrage bound ${upper} (DF·${optionType === 'call' ? 'F' : 'K'})`,
    );
  }
  if (price <= lower + slack) return 0;
  const objective = (vol: number): number => black76Value({ optionType, forward, strike, expiryDays, vol, rate }) - price;
  if (objective(MAX_IMPLIED_VOL) < 0) {
    throw new InputError(`price ${price} implies a volatility above ${MAX_IMPLIED_VOL} (${MAX_IMPLIED_VOL * 100}%), outside the search bracket`);
  }
  return brentRoot(objective, 0, MAX_IMPLIED_VOL, { absTolerance: 1e-12, relTolerance: 0, maxIterations: 200 }).root;
}
