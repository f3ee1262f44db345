/**
 * Explain output of the tiered model as plain JSON-like data (decimals as strings, no class instances), so
 * it can cross IPC, be stored and be shown component by component: collateral haircuts, each position's
 * bracket, rates, maintenance amount, IM and MM, and the liquidation / bankruptcy prices.
 */
import type { Account } from '../book/types';
import type { Dec } from '../money/decimal';
import type { MarketSnapshot } from '../market/types';
import type { BracketChoice } from './brackets';
import { tieredAccountMargin, type AccountMargin, type InstrumentLookup } from './tiered';
import type { TieredModel } from './types';

type Text = string;
const s = (d: Dec): Text => d.toString();
const sOrNull = (d: Dec | null): Text | null => (d === null ? null : d.toString());

export interface BracketExplain {
  level: number;
  floor: Text;
  cap: Text;
  maxLeverage: Text;
  initialMarginRate: Text;
  maintenanceMarginRate: Text;
  maintenanceAmount: Text;
  beyondLastCap: boolean;
}

function bracketExplain(c: BracketChoice): BracketExplain {
  const b = c.bracket;
  return {
    level: b.level,
    floor: s(b.floor),
    cap: s(b.cap),
    maxLeverage: s(b.maxLeverage),
    initialMarginRate: s(b.initialMarginRate),
    maintenanceMarginRate: s(b.maintenanceMarginRate),
    maintenanceAmount: s(b.maintenanceAmount),
    beyondLastCap: c.beyondLastCap,
  };
}

export interface PositionExplain {
  instrumentId: string;
  underlying: string;
  kind: 'perpetual' | 'future';
  settlement: 'linear' | 'inverse';
  quantity: Text;
  entryPrice: Text;
  markPrice: Text;
  settlementUnit: string;
  table: string;
  notionalUnit: 'usd' | 'coin';
  basisPrice: Text;
  notional: Text;
  notionalUsd: Text;
  bracket: BracketExplain;
  initialMarginRate: Text;
  initialMargin: Text;
  maintenanceMargin: Text;
  unrealisedPnl: Text;
  initialMarginUsd: Text;
  maintenanceMarginUsd: Text;
  unrealisedPnlUsd: Text;
  /** Isolated accounts only. */
  isolated?: {
    walletBalance: Text;
    positionEquity: Text;
    liquidationPrice: Text | null;
    bracketAtLiquidation: BracketExplain | null;
    bankruptcyPrice: Text | null;
    liquidatable: boolean;
  };
}

export interface AccountMarginExplain {
  accountId: string;
  marginMode: 'cross' | 'isolated';
  model: string;
  convention: 'markPrice' | 'entryPrice';
  collateral: { asset: string; balance: Text; priceUsd: Text; haircut: Text; valueUsd: Text }[];
  collateralValueUsd: Text;
  positions: PositionExplain[];
  cross: { underlying: string; markPrice: Text; maintenanceGapUsd: Text; liquidationPriceDown: Text | null; liquidationPriceUp: Text | null; bankruptcyPrice: Text | null }[];
  excluded: { instrumentId: string; reason: string }[];
  unrealisedPnlUsd: Text;
  equityUsd: Text;
  initialMarginUsd: Text;
  maintenanceMarginUsd: Text;
  marginRatio: Text | null;
  freeMarginUsd: Text;
  liquidatable: boolean;
}

export function accountMarginExplain(m: AccountMargin): AccountMarginExplain {
  return {
    accountId: m.accountId,
    marginMode: m.marginMode,
    model: m.model,
    convention: m.convention,
    collateral: m.collateral.items.map((c) => ({ asset: c.asset, balance: s(c.balance), priceUsd: s(c.priceUsd), haircut: s(c.haircut), valueUsd: s(c.valueUsd) })),
    collateralValueUsd: s(m.collateral.valueUsd),
    positions: m.positions.map((p, k) => {
      const out: PositionExplain = {
        instrumentId: p.instrumentId, underlying: p.underlying, kind: p.kind, settlement: p.settlement,
        quantity: s(p.quantity), entryPrice: s(p.entryPrice), markPrice: s(p.markPrice), settlementUnit: p.settlementUnit,
        table: p.table, notionalUnit: p.notionalUnit, basisPrice: s(p.basisPrice), notional: s(p.notional), notionalUsd: s(p.notionalUsd),
        bracket: bracketExplain(p.bracket), initialMarginRate: s(p.initialMarginRate), initialMargin: s(p.initialMargin),
        maintenanceMargin: s(p.maintenanceMargin), unrealisedPnl: s(p.unrealisedPnl), initialMarginUsd: s(p.initialMarginUsd),
        maintenanceMarginUsd: s(p.maintenanceMarginUsd), unrealisedPnlUsd: s(p.unrealisedPnlUsd),
      };
      const iso = m.isolated[k];
      if (iso) {
        out.isolated = {
          walletBalance: s(iso.walletBalance), positionEquity: s(iso.positionEquity), liquidationPrice: sOrNull(iso.liquidationPrice),
          bracketAtLiquidation: iso.bracketAtLiquidation ? bracketExplain(iso.bracketAtLiquidation) : null,
          bankruptcyPrice: sOrNull(iso.bankruptcyPrice), liquidatable: iso.liquidatable,
        };
      }
      return out;
    }),
    cross: m.cross.map((c) => ({
      underlying: c.underlying, markPrice: s(c.markPrice), maintenanceGapUsd: s(c.maintenanceGapUsd),
      liquidationPriceDown: sOrNull(c.liquidationPriceDown), liquidationPriceUp: sOrNull(c.liquidationPriceUp), bankruptcyPrice: sOrNull(c.bankruptcyPrice),
    })),
    excluded: m.excluded.map((e) => ({ ...e })),
    unrealisedPnlUsd: s(m.unrealisedPnlUsd),
    equityUsd: s(m.equityUsd),
    initialMarginUsd: s(m.initialMarginUsd),
    maintenanceMarginUsd: s(m.maintenanceMarginUsd),
    marginRatio: sOrNull(m.marginRatio),
    freeMarginUsd: s(m.freeMarginUsd),
    liquidatable: m.liquidatable,
  };
}

/** tieredAccountMargin followed by accountMarginExplain. */
export function explainTieredAccountMargin(account: Account, instruments: InstrumentLookup, market: MarketSnapshot, model: TieredModel): AccountMarginExplain {
  return accountMarginExplain(tieredAccountMargin(account, instruments, market, model));
}
