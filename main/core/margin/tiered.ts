/**
 * The tiered model on one account, in Dec (the single-account rule; tieredBook.ts is the same rule over a
 * compiled book in float64, and a test holds them together).
 *
 * Per account (docs/methodology margin-tiered):
 *   collateral value   = Σ balance × price × (1 − haircut)        (collateral.ts)
 *   unrealised PnL     = Σ positions' PnL in USD (inverse PnL in coin × the coin's mark)
 *   equity             = collateral value + unrealised PnL
 *   IM, MM             = Σ positions' IM, MM in USD
 *   margin ratio       = MM / equity (null when equity ≤ 0)
 *   free margin        = equity − IM
 * Options are not margined by this model: they are listed in `excluded` and count nowhere (value or margin).
 */
import type { Account, InstrumentSpec } from '../book/types';
import { InputError } from '../errors';
import { ZERO, type Dec } from '../money/decimal';
import type { MarketSnapshot } from '../market/types';
import { collateralValue, priceUsd, type CollateralValuation } from './collateral';
import { crossLiquidation, type CrossLiquidation } from './crossLiquidation';
import { isolatedLiquidation, type IsolatedLiquidation } from './liquidation';
import { deltaOneTerms, positionMargin, type DeltaOneTerms, type PositionMargin } from './position';
import type { TieredModel } from './types';

export interface ExcludedPosition {
  instrumentId: string;
  reason: string;
}

export interface IsolatedPositionLiquidation extends IsolatedLiquidation {
  /** Wallet balance + PnL of the position, settlement unit. */
  positionEquity: Dec;
  liquidatable: boolean;
}

export interface AccountMargin {
  accountId: string;
  marginMode: Account['marginMode'];
  model: string;
  convention: TieredModel['convention'];
  collateral: CollateralValuation;
  positions: PositionMargin[];
  /** Isolated accounts: one entry per position, in `positions` order. */
  isolated: IsolatedPositionLiquidation[];
  /** Cross accounts: one entry per underlying the account trades. */
  cross: CrossLiquidation[];
  excluded: ExcludedPosition[];
  unrealisedPnlUsd: Dec;
  equityUsd: Dec;
  initialMarginUsd: Dec;
  maintenanceMarginUsd: Dec;
  marginRatio: Dec | null;
  freeMarginUsd: Dec;
  /** Cross: equity ≤ MM. Isolated: some position's equity ≤ its MM. */
  liquidatable: boolean;
}

export type InstrumentLookup = ReadonlyMap<string, InstrumentSpec>;

export function instrumentLookup(instruments: readonly InstrumentSpec[]): InstrumentLookup {
  return new Map(instruments.map((i) => [i.id, i]));
}

export function tieredAccountMargin(account: Account, instruments: InstrumentLookup, market: MarketSnapshot, model: TieredModel): AccountMargin {
  const collateral = collateralValue(account.collateral, market, model.collateral);
  const excluded: ExcludedPosition[] = [];
  const terms: DeltaOneTerms[] = [];
  const held: Account['positions'] = [];
  account.positions.forEach((p, k) => {
    const where = `account ${account.id} positions[${k}]`;
    const instrument = instruments.get(p.instrumentId);
    if (!instrument) throw new InputError(`${where}.instrumentId: unknown instrument "${p.instrumentId}"`);
    if (instrument.kind === 'option') {
      excluded.push({ instrumentId: p.instrumentId, reason: 'options are not margined by the tiered model (use a scenarioGrid model)' });
      return;
    }
    terms.push(deltaOneTerms(p, instrument, model, where));
    held.push(p);
  });
  const marks = new Map<string, Dec>();
  const markOf = (u: string): Dec => {
    let m = marks.get(u);
    if (!m) marks.set(u, (m = priceUsd(market, u)));
    return m;
  };
  const positions = terms.map((t, k) => positionMargin(t, markOf(t.instrument.underlying), model, account.marginMode, held[k].leverage));
  const sum = (f: (p: PositionMargin) => Dec): Dec => positions.reduce((s, p) => s.add(f(p)), ZERO);
  const unrealisedPnlUsd = sum((p) => p.unrealisedPnlUsd);
  const initialMarginUsd = sum((p) => p.initialMarginUsd);
  const maintenanceMarginUsd = sum((p) => p.maintenanceMarginUsd);
  const equityUsd = collateral.valueUsd.add(unrealisedPnlUsd);

  let isolated: IsolatedPositionLiquidation[] = [];
  let cross: CrossLiquidation[] = [];
  let liquidatable: boolean;
  if (account.marginMode === 'isolated') {
    isolated = terms.map((t, k) => {
      const liq = isolatedLiquidation(t, held[k], model.convention);
      const positionEquity = liq.walletBalance.add(positions[k].unrealisedPnl);
      return { ...liq, positionEquity, liquidatable: positionEquity.lte(positions[k].maintenanceMargin) };
    });
    liquidatable = isolated.some((l) => l.liquidatable);
  } else {
    const underlyings = [...new Set(terms.map((t) => t.instrument.underlying))];
    cross = underlyings.map((u) => crossLiquidation({ terms, margins: positions, collateral, convention: model.convention }, u, markOf(u)));
    liquidatable = equityUsd.lte(maintenanceMarginUsd) && positions.length > 0;
  }
  return {
    accountId: account.id,
    marginMode: account.marginMode,
    model: model.name,
    convention: model.convention,
    collateral,
    positions,
    isolated,
    cross,
    excluded,
    unrealisedPnlUsd,
    equityUsd,
    initialMarginUsd,
    maintenanceMarginUsd,
    marginRatio: equityUsd.gt(0) ? maintenanceMarginUsd.div(equityUsd) : null,
    freeMarginUsd: equityUsd.sub(initialMarginUsd),
    liquidatable,
  };
}
