// One-click pairs for the Compare view, found among the stored runs by what their labels record
// (the services write them: margin `book · model · date`, backtest `method α target`, calibration
// `calibrate assets`, stress `book · model · scenario · date`). The older run is the base, so a
// difference reads "after − before".
import type { OutputOf } from '../../../../preload/contract';

export type RunInfo = OutputOf<'run:list'>['runs'][number];

export interface TypicalPair {
  /** What the pair compares, e.g. "Binance tiered vs Classic SPAN on Sample book". */
  title: string;
  kind: string;
  /** [base (older), other (newer)]. */
  runIds: [string, string];
}

const parts = (label: string): string[] => label.split(' · ').map((s) => s.trim());

/** Newest first (run:list order), ties by id. */
function newestFirst(runs: readonly RunInfo[]): RunInfo[] {
  return [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

function latestTwo(runs: readonly RunInfo[], groupOf: (r: RunInfo) => string | null, distinct?: (r: RunInfo) => string): [string, RunInfo, RunInfo][] {
  const groups = new Map<string, RunInfo[]>();
  for (const r of newestFirst(runs)) {
    const g = groupOf(r);
    if (g === null) continue;
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const out: [string, RunInfo, RunInfo][] = [];
  for (const [g, rs] of groups) {
    const newer = rs[0];
    const older = rs.slice(1).find((r) => !distinct || distinct(r) !== distinct(newer));
    if (older) out.push([g, older, newer]);
  }
  return out;
}

export function typicalPairs(all: readonly RunInfo[]): TypicalPair[] {
  const ok = all.filter((r) => r.status === 'succeeded');
  const of = (kind: string) => ok.filter((r) => r.kind === kind);
  const pairs: TypicalPair[] = [];
  // The same book (and valuation date) under two models.
  for (const [, a, b] of latestTwo(of('margin'), (r) => (parts(r.label).length >= 3 ? `${parts(r.label)[0]}|${parts(r.label)[2]}` : null), (r) => parts(r.label)[1])) {
    pairs.push({ kind: 'margin', title: `${parts(a.label)[1]} vs ${parts(b.label)[1]} on ${parts(a.label)[0]}`, runIds: [a.id, b.id] });
  }
  // Two backtests of the same target (asset or portfolio): before vs after a recalibration.
  for (const [target, a, b] of latestTwo(of('calibration:backtest'), (r) => r.label.split(' ').at(-1) || null)) {
    pairs.push({ kind: 'calibration:backtest', title: `Before vs after recalibration: ${target} backtests`, runIds: [a.id, b.id] });
  }
  for (const [assets, a, b] of latestTwo(of('calibration:calibrate'), (r) => r.label || null)) {
    pairs.push({ kind: 'calibration:calibrate', title: `Before vs after recalibration: ${assets.replace(/^calibrate /, '')}`, runIds: [a.id, b.id] });
  }
  // Two stress runs of one book, model and scenario: e.g. base vs stressed correlation.
  for (const [, a, b] of latestTwo(of('stress'), (r) => (parts(r.label).length >= 3 ? parts(r.label).slice(0, 3).join('|') : null))) {
    pairs.push({ kind: 'stress', title: `Base vs stressed: ${parts(a.label)[2]} on ${parts(a.label)[0]}`, runIds: [a.id, b.id] });
  }
  return pairs;
}
