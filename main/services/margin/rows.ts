import type { MarginAccountRow, ParsedInputOf } from '../../../preload/contract';
import type { RunsRepo } from '../../store/runs';

const usd = (x: number): string => x.toFixed(2);

/** Book totals from the per-account vectors (USD, 2 decimals as reporting strings). */
export function marginTotals(v: { equityUsd: Float64Array; initialMarginUsd: Float64Array; maintenanceMarginUsd: Float64Array; grossNotionalUsd: Float64Array }) {
  let im = 0, mm = 0, eq = 0, gross = 0, liq = 0;
  for (let k = 0; k < v.equityUsd.length; k++) {
    im += v.initialMarginUsd[k]!;
    mm += v.maintenanceMarginUsd[k]!;
    eq += v.equityUsd[k]!;
    gross += v.grossNotionalUsd[k]!;
    if (v.maintenanceMarginUsd[k]! > 0 && v.equityUsd[k]! <= v.maintenanceMarginUsd[k]!) liq++;
  }
  return { accounts: v.equityUsd.length, liquidatable: liq, initialMarginUsd: usd(im), maintenanceMarginUsd: usd(mm), equityUsd: usd(eq), grossNotionalUsd: usd(gross) };
}

/**
 * Per-account rows of a stored margin run (docs/methodology.md, "Account figures"): margin ratio MM/equity,
 * leverage gross/equity (null when equity ≤ 0), distance to liquidation (equity − MM)/gross notional.
 */
export function accountRows(runs: RunsRepo, runId: string): MarginAccountRow[] {
  const accounts = runs.summaries(runId).accounts as { ids: string[]; marginModes: ('cross' | 'isolated')[] };
  const v = (name: string): Float64Array => {
    const x = runs.vector(runId, name);
    if (!x) throw new Error(`margin run ${runId} has no ${name} vector`);
    return x;
  };
  const eq = v('equityUsd'), im = v('initialMarginUsd'), mm = v('maintenanceMarginUsd'), gross = v('grossNotionalUsd');
  return accounts.ids.map((accountId, k) => {
    const e = eq[k]!, m = mm[k]!, g = gross[k]!;
    return {
      accountId, marginMode: accounts.marginModes[k]!, equityUsd: e, initialMarginUsd: im[k]!, maintenanceMarginUsd: m,
      marginRatio: e > 0 ? m / e : null, freeMarginUsd: e - im[k]!, grossNotionalUsd: g, leverage: e > 0 ? g / e : null,
      distanceToLiquidation: g > 0 ? (e - m) / g : null, liquidatable: m > 0 && e <= m,
    };
  });
}

/** Filter, sort (nulls last) and page. */
export function pageRows(rows: MarginAccountRow[], q: ParsedInputOf<'margin:accounts'>): { total: number; rows: MarginAccountRow[] } {
  let out = rows;
  if (q.filter) {
    const f = q.filter.toLowerCase();
    out = out.filter((r) => r.accountId.toLowerCase().includes(f));
  }
  if (q.onlyLiquidatable) out = out.filter((r) => r.liquidatable);
  const key = q.sortBy;
  const sign = q.descending ? -1 : 1;
  out = [...out].sort((a, b) => {
    const x = a[key], y = b[key];
    if (x === y) return a.accountId.localeCompare(b.accountId);
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number)) * sign;
  });
  return { total: out.length, rows: out.slice(q.offset, q.offset + q.limit) };
}
