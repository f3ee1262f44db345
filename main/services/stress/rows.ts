import type { ParsedInputOf, StressAccountRow } from '../../../preload/contract';

/** Per-account vectors a stress run stores (one entry per account, in book order). */
export const ACCOUNT_VECTORS = [
  'preShockEquityUsd', 'scenarioPnlUsd', 'postShockEquityUsd', 'initialMarginUsd', 'maintenanceMarginUsd', 'liquidationRound',
  'equityAtLiquidationUsd', 'liquidatedNotionalUsd', 'impactCostUsd', 'penaltyUsd', 'badDebtUsd', 'returnedEquityUsd', 'adlUsd', 'finalEquityUsd',
] as const;
export type AccountVector = (typeof ACCOUNT_VECTORS)[number];

/** Per-account Monte Carlo vectors: N entries, or N × C for VaR/ES (first confidence shown in rows). */
export const MC_ACCOUNT_VECTORS = ['mc.expectedLossUsd', 'mc.valueAtRiskUsd', 'mc.expectedShortfallUsd', 'mc.liquidationProbability', 'mc.expectedBadDebtUsd'] as const;

export interface AccountVectors {
  ids: string[];
  v: Record<AccountVector, Float64Array>;
  /** Monte Carlo per-account figures and the number of confidences (VaR/ES are N × C), or null. */
  mc: { v: Record<(typeof MC_ACCOUNT_VECTORS)[number], Float64Array>; confidences: number } | null;
}

/** One account's row: margin ratio and shortfall derived here (never stored, so no NaN is ever stored). */
export function accountRow(a: AccountVectors, k: number): StressAccountRow {
  const v = a.v;
  const post = v.postShockEquityUsd[k]!;
  const mm = v.maintenanceMarginUsd[k]!;
  const mc = a.mc;
  const C = mc?.confidences ?? 1;
  return {
    accountId: a.ids[k]!,
    preShockEquityUsd: v.preShockEquityUsd[k]!, scenarioPnlUsd: v.scenarioPnlUsd[k]!, postShockEquityUsd: post,
    initialMarginUsd: v.initialMarginUsd[k]!, maintenanceMarginUsd: mm,
    marginRatio: post > 0 ? mm / post : null,
    shortfallUsd: Math.max(0, mm - post),
    liquidated: v.liquidationRound[k]! > 0, liquidationRound: v.liquidationRound[k]!,
    equityAtLiquidationUsd: v.equityAtLiquidationUsd[k]!, liquidatedNotionalUsd: v.liquidatedNotionalUsd[k]!, impactCostUsd: v.impactCostUsd[k]!,
    penaltyUsd: v.penaltyUsd[k]!, badDebtUsd: v.badDebtUsd[k]!, returnedEquityUsd: v.returnedEquityUsd[k]!, adlUsd: v.adlUsd[k]!,
    finalEquityUsd: v.finalEquityUsd[k]!,
    mc: mc ? {
      expectedLossUsd: mc.v['mc.expectedLossUsd'][k]!, valueAtRiskUsd: mc.v['mc.valueAtRiskUsd'][k * C]!, expectedShortfallUsd: mc.v['mc.expectedShortfallUsd'][k * C]!,
      liquidationProbability: mc.v['mc.liquidationProbability'][k]!, expectedBadDebtUsd: mc.v['mc.expectedBadDebtUsd'][k]!,
    } : null,
  };
}

type SortKey = ParsedInputOf<'stress:accounts'>['sortBy'];

function keyOf(row: StressAccountRow, key: SortKey): number | string | null {
  if (key === 'mcExpectedShortfallUsd') return row.mc?.expectedShortfallUsd ?? null;
  if (key === 'mcLiquidationProbability') return row.mc?.liquidationProbability ?? null;
  return row[key];
}

/** Filter, sort (nulls last, ties by account id) and page; `top` uses the same order. */
export function pageAccountRows(a: AccountVectors, q: Pick<ParsedInputOf<'stress:accounts'>, 'offset' | 'limit' | 'sortBy' | 'descending' | 'filter' | 'onlyLiquidated'>): { total: number; rows: StressAccountRow[] } {
  let rows = a.ids.map((_, k) => accountRow(a, k));
  if (q.filter) {
    const f = q.filter.toLowerCase();
    rows = rows.filter((r) => r.accountId.toLowerCase().includes(f));
  }
  if (q.onlyLiquidated) rows = rows.filter((r) => r.liquidated);
  const sign = q.descending ? -1 : 1;
  rows.sort((r, s) => {
    const x = keyOf(r, q.sortBy);
    const y = keyOf(s, q.sortBy);
    if (x === y) return r.accountId.localeCompare(s.accountId);
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)) * sign;
  });
  return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
}
