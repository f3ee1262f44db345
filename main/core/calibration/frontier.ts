/**
 * Pareto frontier of sweep runs (docs/methodology, "Sweeps and the Pareto frontier").
 *
 * Point a dominates b when a is at least as good on every objective and strictly better on one
 * (each objective maximised or minimised). Ranks come from the fast non-dominated sort of Deb,
 * Pratap, Agarwal & Meyarivan (2002), IEEE Trans. Evol. Comp. 6(2), §III-A: rank 0 is the frontier,
 * rank 1 the frontier once rank 0 is removed, and so on. O(M·N²) for N points and M objectives,
 * ample for sweeps of a few thousand sets. Ties (identical points) share a rank.
 */
import { InputError } from '../errors';
import type { SweepRun } from './sweep';

export type ObjectiveSense = 'max' | 'min';

export interface Objective<T> {
  /** Column name shown with the frontier, e.g. `kupiecPValue`. */
  key: string;
  sense: ObjectiveSense;
  value: (item: T) => number | null;
}

/** True when a dominates b under the senses. */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>, senses: readonly ObjectiveSense[]): boolean {
  let strictly = false;
  for (let m = 0; m < senses.length; m++) {
    const better = senses[m] === 'max' ? a[m] - b[m] : b[m] - a[m];
    if (better < 0) return false;
    if (better > 0) strictly = true;
  }
  return strictly;
}

function checkPoints(points: readonly (readonly number[])[], senses: readonly ObjectiveSense[]): void {
  if (senses.length === 0) throw new InputError('a frontier needs at least one objective');
  senses.forEach((s, m) => {
    if (s !== 'max' && s !== 'min') throw new InputError(`objective ${m} sense must be 'max' or 'min', got ${String(s)}`);
  });
  points.forEach((p, i) => {
    if (p.length !== senses.length) throw new InputError(`point ${i} has ${p.length} values for ${senses.length} objectives`);
    p.forEach((v, m) => {
      if (!Number.isFinite(v)) throw new InputError(`point ${i}, objective ${m} is not a finite number (${v})`);
    });
  });
}

/** Non-domination rank of every point (0 = Pareto frontier). */
export function nonDominatedRanks(points: readonly (readonly number[])[], senses: readonly ObjectiveSense[]): Int32Array {
  checkPoints(points, senses);
  const n = points.length;
  const dominatedBy = new Int32Array(n);
  const dominatesList: number[][] = Array.from({ length: n }, () => []);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (dominates(points[p], points[q], senses)) {
        dominatesList[p].push(q);
        dominatedBy[q]++;
      } else if (dominates(points[q], points[p], senses)) {
        dominatesList[q].push(p);
        dominatedBy[p]++;
      }
    }
  }
  const rank = new Int32Array(n).fill(-1);
  let front: number[] = [];
  for (let p = 0; p < n; p++) if (dominatedBy[p] === 0) front.push(p);
  let r = 0;
  while (front.length) {
    const next: number[] = [];
    for (const p of front) {
      rank[p] = r;
      for (const q of dominatesList[p]) if (--dominatedBy[q] === 0) next.push(q);
    }
    front = next;
    r++;
  }
  return rank;
}

/** Indices of the non-dominated points, ascending. */
export function paretoFront(points: readonly (readonly number[])[], senses: readonly ObjectiveSense[]): number[] {
  const ranks = nonDominatedRanks(points, senses);
  const out: number[] = [];
  ranks.forEach((r, i) => {
    if (r === 0) out.push(i);
  });
  return out;
}

/**
 * Default objectives of the Calibration lab: coverage as the worst asset's Kupiec p-value
 * (maximise: a well-calibrated model is not rejected), average margin cost (minimise), and
 * procyclicality as the worst peak-to-trough margin ratio (minimise).
 */
export const DEFAULT_SWEEP_OBJECTIVES: readonly Objective<SweepRun>[] = [
  { key: 'kupiecPValue', sense: 'max', value: (r) => r.kupiecPValue },
  { key: 'averageMargin', sense: 'min', value: (r) => r.averageMargin },
  { key: 'peakToTroughRatio', sense: 'min', value: (r) => r.peakToTroughRatio },
];

export interface SweepFrontier {
  objectives: { key: string; sense: ObjectiveSense }[];
  /** Rank per run, in the order of the runs given. */
  ranks: number[];
  /** Set ids on the frontier (rank 0), in the order of the runs given. */
  frontierIds: string[];
}

/** Rank sweep runs on the given objectives; a run with an undefined objective is refused by name. */
export function sweepFrontier(runs: readonly SweepRun[], objectives: readonly Objective<SweepRun>[] = DEFAULT_SWEEP_OBJECTIVES): SweepFrontier {
  const points = runs.map((run) => objectives.map((o) => {
    const v = o.value(run);
    if (v === null || !Number.isFinite(v)) throw new InputError(`run ${run.set.id} has no finite ${o.key} (${v})`);
    return v;
  }));
  const ranks = nonDominatedRanks(points, objectives.map((o) => o.sense));
  return {
    objectives: objectives.map((o) => ({ key: o.key, sense: o.sense })),
    ranks: Array.from(ranks),
    frontierIds: runs.filter((_, i) => ranks[i] === 0).map((r) => r.set.id),
  };
}
