/**
 * One entry point over the four margin model kinds, so services and the CLI call one function:
 *   accountMargin(account, instruments, market, model, context)  single account, Dec, with explain
 *   bookMargin(compiled, model, context, range?)                 whole compiled book, float64
 * Both return a common shape (IM, MM, equity, margin ratio, free margin, liquidation flag); the tiered kind
 * delegates to tiered.ts / tieredBook.ts unchanged. HS and parametric VaR need `context.history` (aligned
 * daily closes reaching the snapshot date); callers margining many accounts one by one may pass the
 * per-book inputs once (`context.historicalScenarios`, `context.covariance`) instead of rebuilding them.
 */
import type { CompiledBook } from '../book/compile';
import type { Account } from '../book/types';
import { InputError } from '../errors';
import type { MarketSnapshot } from '../market/types';
import type { Dec } from '../money/decimal';
import { tieredModelFromWire, type TieredModelWire } from './config';
import { accountMarginExplain, type AccountMarginExplain } from './explain';
import { historicalScenarios, type HistoricalScenarios, type PriceHistory } from './historicalScenarios';
import { historicalVarAccountMargin } from './historicalVar';
import { historicalVarBookMargin, prepareHistoricalVarBook, type HistoricalVarBookMargin } from './historicalVarBook';
import { ewmaCovarianceAsOf, parametricVarAccountMargin, type EwmaCovarianceEstimate } from './parametricVar';
import { parametricVarBookMargin, prepareParametricVarBook, type ParametricVarBookMargin } from './parametricVarBook';
import { accountRange, type AccountRange, type BookAccountMargins } from './portfolioBookAccounts';
import {
  historicalVarModelFromWire, parametricVarModelFromWire, scenarioGridModelFromWire,
  type HistoricalVarModel, type HistoricalVarModelWire, type ParametricVarModel, type ParametricVarModelWire, type ScenarioGridModel, type ScenarioGridModelWire,
} from './portfolioConfig';
import { historicalVarExplain, parametricVarExplain, scenarioGridExplain, type HistoricalVarExplain, type ParametricVarExplain, type ScenarioGridExplain } from './portfolioExplain';
import { scenarioGridAccountMargin } from './scenarioGrid';
import { prepareScenarioGridBook, scenarioGridBookMargin, type ScenarioGridBookMargin } from './scenarioGridBook';
import { tieredAccountMargin, type InstrumentLookup } from './tiered';
import { tieredBookMargin, type TieredBookMargin } from './tieredBook';
import { compileTieredModel } from './tieredBookModel';
import type { TieredModel } from './types';

export type MarginModel = TieredModel | ScenarioGridModel | HistoricalVarModel | ParametricVarModel;
export type MarginModelKind = MarginModel['kind'];
export type MarginModelWire = TieredModelWire | ScenarioGridModelWire | HistoricalVarModelWire | ParametricVarModelWire;

/** JSON form (validated by the MarginModelConfig zod union) → model value, re-checked by each kind's converter. */
export function marginModelFromWire(w: MarginModelWire): MarginModel {
  switch (w.kind) {
    case 'tiered': return tieredModelFromWire(w);
    case 'scenarioGrid': return scenarioGridModelFromWire(w);
    case 'historicalVar': return historicalVarModelFromWire(w);
    case 'parametricVar': return parametricVarModelFromWire(w);
    default: throw new InputError(`kind: expected "tiered", "scenarioGrid", "historicalVar" or "parametricVar", got "${String((w as { kind: unknown }).kind)}"`);
  }
}

export interface MarginContext {
  history?: PriceHistory;
  historicalScenarios?: HistoricalScenarios;
  covariance?: EwmaCovarianceEstimate;
}

export type MarginExplain = ({ kind: 'tiered' } & AccountMarginExplain) | ScenarioGridExplain | HistoricalVarExplain | ParametricVarExplain;

export interface AccountMarginResult {
  accountId: string;
  kind: MarginModelKind;
  model: string;
  equityUsd: Dec;
  initialMarginUsd: Dec;
  maintenanceMarginUsd: Dec;
  marginRatio: Dec | null;
  freeMarginUsd: Dec;
  liquidatable: boolean;
  explain: MarginExplain;
}

function requireHistory(context: MarginContext, kind: string): PriceHistory {
  if (!context.history) throw new InputError(`context.history: the ${kind} model needs aligned daily closes up to the snapshot date`);
  return context.history;
}

/** Assets whose prices the account's margin reads: its positions' underlyings and its non-zero balances. */
function assetsOfAccount(account: Account, instruments: InstrumentLookup): string[] {
  const out = new Set<string>();
  for (const p of account.positions) {
    const spec = instruments.get(p.instrumentId);
    if (!spec) throw new InputError(`account ${account.id}: unknown instrument "${p.instrumentId}"`);
    out.add(spec.underlying);
  }
  for (const c of account.collateral) if (!c.balance.isZero()) out.add(c.asset);
  return [...out];
}

export function accountMargin(account: Account, instruments: InstrumentLookup, market: MarketSnapshot, model: MarginModel, context: MarginContext = {}): AccountMarginResult {
  const common = { accountId: account.id, kind: model.kind, model: model.name };
  switch (model.kind) {
    case 'tiered': {
      const m = tieredAccountMargin(account, instruments, market, model);
      return { ...common, ...pick(m), explain: { kind: 'tiered', ...accountMarginExplain(m) } };
    }
    case 'scenarioGrid': {
      const m = scenarioGridAccountMargin(account, instruments, market, model);
      return { ...common, ...pick(m), explain: scenarioGridExplain(m) };
    }
    case 'historicalVar': {
      const scenarios = context.historicalScenarios
        ?? historicalScenarios(model, requireHistory(context, model.kind), market.date, assetsOfAccount(account, instruments));
      const m = historicalVarAccountMargin(account, instruments, market, model, scenarios);
      return { ...common, ...pick(m), explain: historicalVarExplain(m) };
    }
    case 'parametricVar': {
      const covariance = context.covariance
        ?? ewmaCovarianceAsOf(requireHistory(context, model.kind), assetsOfAccount(account, instruments), market.date, model.lambda);
      const m = parametricVarAccountMargin(account, instruments, market, model, covariance);
      return { ...common, ...pick(m), explain: parametricVarExplain(m) };
    }
  }
}

function pick(m: Pick<AccountMarginResult, 'equityUsd' | 'initialMarginUsd' | 'maintenanceMarginUsd' | 'marginRatio' | 'freeMarginUsd' | 'liquidatable'>) {
  const { equityUsd, initialMarginUsd, maintenanceMarginUsd, marginRatio, freeMarginUsd, liquidatable } = m;
  return { equityUsd, initialMarginUsd, maintenanceMarginUsd, marginRatio, freeMarginUsd, liquidatable };
}

export type BookMarginDetail =
  | { kind: 'tiered'; result: TieredBookMargin }
  | { kind: 'scenarioGrid'; result: ScenarioGridBookMargin }
  | { kind: 'historicalVar'; result: HistoricalVarBookMargin }
  | { kind: 'parametricVar'; result: ParametricVarBookMargin };

export interface BookMarginResult {
  kind: MarginModelKind;
  model: string;
  /** Ids of the accounts in `accounts` (the range asked for). */
  accountIds: string[];
  accounts: BookAccountMargins;
  detail: BookMarginDetail;
}

/** The tiered book result restricted to a range, in the common shape (views, no copies). */
function tieredAccounts(t: TieredBookMargin, r: AccountRange): BookAccountMargins {
  const a = t.accounts;
  const v = <T extends Float64Array | Uint8Array>(x: T): T => x.subarray(r.from, r.to) as T;
  return {
    range: r, collateralValueUsd: v(a.collateralValueUsd), unrealisedPnlUsd: v(a.unrealisedPnlUsd), equityUsd: v(a.equityUsd),
    initialMarginUsd: v(a.initialMarginUsd), maintenanceMarginUsd: v(a.maintenanceMarginUsd), marginRatio: v(a.marginRatio),
    freeMarginUsd: v(a.freeMarginUsd), liquidatable: v(a.liquidatable),
  };
}

export function bookMargin(book: CompiledBook, model: MarginModel, context: MarginContext = {}, range?: AccountRange): BookMarginResult {
  const r = accountRange(book, range);
  const common = { kind: model.kind, model: model.name, accountIds: book.accounts.ids.slice(r.from, r.to) };
  switch (model.kind) {
    case 'tiered': {
      // The tiered whole-book loop has no range argument: it margins the book (milliseconds) and the range is a view.
      const result = tieredBookMargin(book, compileTieredModel(model, book));
      return { ...common, accounts: tieredAccounts(result, r), detail: { kind: 'tiered', result } };
    }
    case 'scenarioGrid': {
      const result = scenarioGridBookMargin(prepareScenarioGridBook(book, model), r);
      return { ...common, accounts: result.accounts, detail: { kind: 'scenarioGrid', result } };
    }
    case 'historicalVar': {
      const result = historicalVarBookMargin(prepareHistoricalVarBook(book, model, requireHistory(context, model.kind)), r);
      return { ...common, accounts: result.accounts, detail: { kind: 'historicalVar', result } };
    }
    case 'parametricVar': {
      const result = parametricVarBookMargin(prepareParametricVarBook(book, model, requireHistory(context, model.kind)), r);
      return { ...common, accounts: result.accounts, detail: { kind: 'parametricVar', result } };
    }
  }
}
