/**
 * Margin runs side by side (kind 'margin'): the same accounts under different models (or dates, or
 * books). Accounts are matched by id; every chart and table uses the accounts present in every run.
 * Per-account figures are the runs' float64 vectors read through the margin service's own reader
 * (margin/rows.ts accountRows); book totals are the runs' exact 2-decimal sums, so their
 * differences are exact decimals.
 */
import type { CompareAccountRow, MarginCompareView, ParsedInputOf } from '../../preload/contract';
import { Dec } from '../core/money/decimal';
import type { MarginAccountRow } from '../../preload/contract/schemas/margin';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';
import { countInBins, extent, logEdges } from './compareBins';
import type { CompareKindAdapter } from './compareTypes';
import { MARGIN_RUN_KIND } from './margin';
import { accountRows } from './margin/rows';

/** Points per scatter pair; beyond it every k-th eligible account is drawn. */
export const MAX_SCATTER_POINTS = 20_000;
/** Bins per decade of the log-spaced histograms (edges 1, 1.58, 2.51, 3.98, 6.31, 10, …). */
export const BINS_PER_DECADE = 5;
/** Differences of at least one cent count as a change (onlyChanged). */
const CENT = 0.005;

interface MarginSummary {
  bookName: string; synthetic: boolean; model: { id: string; name: string; kind: string }; at: string;
  totals: { accounts: number; liquidatable: number; initialMarginUsd: string; maintenanceMarginUsd: string; equityUsd: string; grossNotionalUsd: string };
}

const summaryOf = (run: RunRecord, store: Store): MarginSummary => store.runs.summaries(run.id).summary as MarginSummary;

/** Rows of each run restricted to the accounts every run has, in the base run's order. */
export function matchedRows(rowsPerRun: readonly MarginAccountRow[][]): { rows: MarginAccountRow[][]; unmatched: number[] } {
  const maps = rowsPerRun.map((rows) => new Map(rows.map((r) => [r.accountId, r])));
  const ids = rowsPerRun[0].map((r) => r.accountId).filter((id) => maps.every((m) => m.has(id)));
  return { rows: maps.map((m) => ids.map((id) => m.get(id)!)), unmatched: rowsPerRun.map((rows) => rows.length - ids.length) };
}

/** Shared log-spaced histogram of a positive per-account figure; zeros apart. */
function usdHistogram(rows: readonly MarginAccountRow[][], figure: 'initialMarginUsd' | 'maintenanceMarginUsd') {
  const positive = (rs: readonly MarginAccountRow[]) => rs.map((r) => {
    if (!(r[figure] >= 0)) throw new Error(`account ${r.accountId}: ${figure} ${r[figure]} is negative`);
    return r[figure];
  }).filter((x) => x > 0);
  const { min, max } = extent(rows.flatMap(positive));
  const edges = logEdges(min, max, BINS_PER_DECADE);
  return { edges, counts: rows.map((rs) => countInBins(edges, positive(rs))), zero: rows.map((rs) => rs.filter((r) => r[figure] === 0).length) };
}

/** Margin ratio MM/equity on shared log bins below 1; ≥ 1, zero and missing (equity ≤ 0) apart. */
function ratioHistogram(rows: readonly MarginAccountRow[][]) {
  const below = (rs: readonly MarginAccountRow[]) => rs.map((r) => r.marginRatio).filter((x): x is number => x !== null && x > 0 && x < 1);
  const { min, max } = extent(rows.flatMap(below));
  const edges = logEdges(min, max, BINS_PER_DECADE);
  return {
    edges, counts: rows.map((rs) => countInBins(edges, below(rs))),
    atOrAboveOne: rows.map((rs) => rs.filter((r) => r.marginRatio !== null && r.marginRatio >= 1).length),
    zero: rows.map((rs) => rs.filter((r) => r.marginRatio === 0).length),
    noRatio: rows.map((rs) => rs.filter((r) => r.marginRatio === null).length),
  };
}

function ratioScatter(base: readonly MarginAccountRow[], other: readonly MarginAccountRow[]) {
  const eligible: [number, number, string][] = [];
  base.forEach((a, i) => {
    const b = other[i];
    if (a.marginRatio !== null && b.marginRatio !== null && a.marginRatio > 0 && b.marginRatio > 0) eligible.push([a.marginRatio, b.marginRatio, a.accountId]);
  });
  const stride = Math.ceil(eligible.length / MAX_SCATTER_POINTS) || 1;
  return { points: eligible.filter((_, i) => i % stride === 0), eligible: eligible.length };
}

const decDiff = (b: string, a: string): string => new Dec(b).minus(new Dec(a)).toFixed(2);

export function marginView(runs: readonly RunRecord[], store: Store, notes: string[]): MarginCompareView {
  const summaries = runs.map((r) => summaryOf(r, store));
  const all = runs.map((r) => accountRows(store.runs, r.id));
  const { rows, unmatched } = matchedRows(all);
  if (rows[0].length === 0) notes.push('The runs have no account in common (different books): only their totals are compared.');
  else if (unmatched.some((n) => n > 0)) notes.push(`Charts and tables use the ${rows[0].length} accounts present in every run; per run not matched: ${unmatched.join(' / ')}.`);
  if (new Set(summaries.map((s) => s.at)).size > 1) notes.push(`The runs value the book at different dates (${summaries.map((s) => s.at).join(' / ')}): equity differs too.`);
  const totals = runs.map((r, i) => ({ runId: r.id, ...summaries[i].totals }));
  const base = totals[0];
  return {
    kind: 'margin',
    matchedAccounts: rows[0].length,
    unmatchedAccounts: unmatched,
    totals,
    totalsDiff: totals.slice(1).map((t) => ({
      runId: t.runId, accounts: t.accounts - base.accounts, liquidatable: t.liquidatable - base.liquidatable,
      initialMarginUsd: decDiff(t.initialMarginUsd, base.initialMarginUsd), maintenanceMarginUsd: decDiff(t.maintenanceMarginUsd, base.maintenanceMarginUsd),
      equityUsd: decDiff(t.equityUsd, base.equityUsd), grossNotionalUsd: decDiff(t.grossNotionalUsd, base.grossNotionalUsd),
    })),
    ratioHistogram: ratioHistogram(rows),
    initialMarginHistogram: usdHistogram(rows, 'initialMarginUsd'),
    maintenanceMarginHistogram: usdHistogram(rows, 'maintenanceMarginUsd'),
    ratioScatter: rows.slice(1).map((other, i) => ({ runId: runs[i + 1].id, ...ratioScatter(rows[0], other) })),
  };
}

/** Per-account figures of base A and other B with B − A. */
export function accountDiffRows(a: readonly MarginAccountRow[], b: readonly MarginAccountRow[]): CompareAccountRow[] {
  return a.map((x, i) => {
    const y = b[i];
    return {
      accountId: x.accountId,
      equityUsdA: x.equityUsd, equityUsdB: y.equityUsd, equityDiffUsd: y.equityUsd - x.equityUsd,
      initialMarginUsdA: x.initialMarginUsd, initialMarginUsdB: y.initialMarginUsd, initialMarginDiffUsd: y.initialMarginUsd - x.initialMarginUsd,
      maintenanceMarginUsdA: x.maintenanceMarginUsd, maintenanceMarginUsdB: y.maintenanceMarginUsd, maintenanceMarginDiffUsd: y.maintenanceMarginUsd - x.maintenanceMarginUsd,
      maintenanceMarginChange: x.maintenanceMarginUsd > 0 ? y.maintenanceMarginUsd / x.maintenanceMarginUsd - 1 : null,
      absMaintenanceMarginDiffUsd: Math.abs(y.maintenanceMarginUsd - x.maintenanceMarginUsd),
      marginRatioA: x.marginRatio, marginRatioB: y.marginRatio,
      marginRatioDiff: x.marginRatio !== null && y.marginRatio !== null ? y.marginRatio - x.marginRatio : null,
      liquidatableA: x.liquidatable, liquidatableB: y.liquidatable,
    };
  });
}

/** Filter, sort (nulls last whatever the direction; ties by account id) and page. */
export function pageDiffRows(rows: readonly CompareAccountRow[], q: Omit<ParsedInputOf<'compare:accounts'>, 'runIds'>): { total: number; rows: CompareAccountRow[] } {
  let out = [...rows];
  if (q.filter) {
    const f = q.filter.toLowerCase();
    out = out.filter((r) => r.accountId.toLowerCase().includes(f));
  }
  if (q.onlyChanged) out = out.filter((r) => Math.abs(r.initialMarginDiffUsd) >= CENT || Math.abs(r.maintenanceMarginDiffUsd) >= CENT);
  const key = q.sortBy;
  const sign = q.descending ? -1 : 1;
  out.sort((r, s) => {
    const x = r[key];
    const y = s[key];
    if (x === y) return r.accountId.localeCompare(s.accountId);
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number)) * sign;
  });
  return { total: out.length, rows: out.slice(q.offset, q.offset + q.limit) };
}

/** compare:accounts — the per-account difference table of two margin runs, sorted and paged server-side. */
export function compareAccounts(store: Store, runA: RunRecord, runB: RunRecord, q: Omit<ParsedInputOf<'compare:accounts'>, 'runIds'>) {
  const { rows } = matchedRows([accountRows(store.runs, runA.id), accountRows(store.runs, runB.id)]);
  return { matched: rows[0].length, ...pageDiffRows(accountDiffRows(rows[0], rows[1]), q) };
}

export const marginCompareAdapter: CompareKindAdapter = {
  kind: MARGIN_RUN_KIND,
  title: 'Margin runs',
  runTitleParts: (run, store) => {
    const s = summaryOf(run, store);
    return [s.model.name, s.bookName, s.at];
  },
  synthetic: (run, store) => summaryOf(run, store).synthetic,
  view: marginView,
};
