/**
 * A parameter sweep fanned out over the worker pool (docs/methodology, "Sweeps and the Pareto
 * frontier"): the grid is dealt round-robin into parts (so each part gets a share of every method
 * and APC variant, the cheap and the expensive), the parts run in parallel as pool jobs
 * `<jobId>-part-<k>` with their progress summed into one, and the runs are put back in grid order,
 * so the result does not depend on how many threads ran it. Cancelling the sweep's job id cancels
 * every part (services/jobs.ts); a part that fails cancels the others.
 */
import { CancelledError, InputError } from '../core/errors';
import { DEFAULT_SWEEP_OBJECTIVES, sweepFrontier } from '../core/calibration/frontier';
import type { SweepFrontier } from '../core/calibration/frontier';
import { assetLossHistory, firstIndexOnOrAfter } from '../core/calibration/lossHistory';
import type { CloseSeries } from '../core/calibration/lossHistory';
import { lookbackStability } from '../core/calibration/sampleSize';
import type { LookbackStability } from '../core/calibration/sampleSize';
import { runsTable } from '../core/calibration/sweep';
import type { SweepAxes, SweepData, SweepParameterSet, SweepRun, SweepTableRow } from '../core/calibration/sweep';
import type { JobPool } from '../jobs/pool';
import type { SweepPartPayload } from './calibrationWork';

/** Suffix of a part's pool job id; services/jobs.ts cancels `<jobId>-part-*` with `<jobId>`. */
export const JOB_PART_SUFFIX = '-part-';
/** Longest sweep job id: a part id must still fit the contract's 64-character JobId. */
export const MAX_SWEEP_JOB_ID = 54;

/** Deal the sets round-robin into at most `parts` non-empty parts. */
export function splitIntoParts<T>(items: readonly T[], parts: number): T[][] {
  const k = Math.max(1, Math.min(parts, items.length));
  const out: T[][] = Array.from({ length: k }, () => []);
  items.forEach((item, i) => out[i % k].push(item));
  return out;
}

export interface SweepPartsResult {
  runs: SweepRun[];
  parts: number;
}

export async function runSweepInParts(
  pool: JobPool,
  jobId: string,
  data: SweepData,
  sets: readonly SweepParameterSet[],
  onProgress: (done: number, total: number, message: string) => void,
): Promise<SweepPartsResult> {
  if (jobId.length > MAX_SWEEP_JOB_ID) throw new InputError(`jobId: at most ${MAX_SWEEP_JOB_ID} characters for a sweep (its parallel parts add "${JOB_PART_SUFFIX}N")`);
  // Two parts per thread balance uneven set costs (a 10-year floor is a third pass) at little cost.
  const parts = splitIntoParts(sets.map((set, index) => ({ set, index })), pool.threads * 2);
  const doneByPart = new Array<number>(parts.length).fill(0);
  const ids = parts.map((_, k) => `${jobId}${JOB_PART_SUFFIX}${k + 1}`);
  const report = (): void => {
    const done = doneByPart.reduce((a, b) => a + b, 0);
    onProgress(done, sets.length, `${done} of ${sets.length} parameter sets`);
  };
  const promises = parts.map((part, k) => {
    const payload: SweepPartPayload = { data, sets: part.map((p) => p.set) };
    return pool.run<SweepRun[]>('calibration:sweepPart', payload, {
      jobId: ids[k], kind: 'calibration:sweep',
      onProgress: (p) => {
        doneByPart[k] = Math.max(doneByPart[k], p.done);
        report();
      },
    }).then((runs) => {
      // A part's last progress message can arrive after its result (they travel on different
      // channels): count the finished part in full here.
      doneByPart[k] = part.length;
      report();
      return runs;
    });
  });
  const settled = await Promise.allSettled(promises.map((p) => p.catch((err: unknown) => {
    for (const id of ids) pool.cancel(id);
    throw err;
  })));
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
  if (failures.length) {
    // A failure that is not a cancellation explains the others (which were cancelled because of it).
    throw failures.find((e) => !(e instanceof CancelledError)) ?? failures[0];
  }
  const runs = new Array<SweepRun>(sets.length);
  settled.forEach((s, k) => {
    const value = (s as PromiseFulfilledResult<SweepRun[]>).value;
    parts[k].forEach((p, i) => {
      runs[p.index] = value[i];
    });
  });
  return { runs, parts: parts.length };
}

export interface RankedRow extends SweepTableRow {
  rank: number | null;
}

export interface SweepSummary {
  rows: RankedRow[];
  frontier: Pick<SweepFrontier, 'objectives' | 'frontierIds'> & { excluded: { id: string; reason: string }[] };
}

/** Runs table with the non-domination rank of every run whose objectives are all defined. */
export function rankSweep(runs: readonly SweepRun[]): SweepSummary {
  const excluded: { id: string; reason: string }[] = [];
  const ranked: SweepRun[] = [];
  for (const run of runs) {
    const undefinedKeys = DEFAULT_SWEEP_OBJECTIVES.filter((o) => {
      const v = o.value(run);
      return v === null || !Number.isFinite(v);
    }).map((o) => o.key);
    if (undefinedKeys.length) excluded.push({ id: run.set.id, reason: `${undefinedKeys.join(', ')} undefined (a margin path with a non-positive minimum has no peak-to-trough ratio)` });
    else ranked.push(run);
  }
  const frontier = ranked.length ? sweepFrontier(ranked) : { objectives: DEFAULT_SWEEP_OBJECTIVES.map((o) => ({ key: o.key, sense: o.sense })), ranks: [], frontierIds: [] };
  const rankById = new Map(ranked.map((r, i) => [r.set.id, frontier.ranks[i]]));
  return {
    rows: runsTable(runs).map((row) => ({ ...row, rank: rankById.get(row.id) ?? null })),
    frontier: { objectives: frontier.objectives, frontierIds: frontier.frontierIds, excluded },
  };
}

/** Last date of the series on or before `date`. */
function lastDateOnOrBefore(dates: readonly string[], date: string): string {
  const i = firstIndexOnOrAfter(dates, date);
  return i < dates.length && dates[i] === date ? date : dates[Math.max(0, i - 1)];
}

/**
 * Lookback stability at the end of the test period for every asset × windowed method × α × h of
 * the grid, over the grid's lookbacks (fhs with the grid's first λ). Needs at least two lookbacks.
 */
export function sweepLookbackStability(assets: readonly CloseSeries[], axes: SweepAxes, to: string): LookbackStability[] {
  const lookbacks = [...new Set(axes.windowDays)].sort((a, b) => a - b);
  if (lookbacks.length < 2) return [];
  const out: LookbackStability[] = [];
  for (const series of assets) {
    const at = lastDateOnOrBefore(series.dates, to);
    for (const horizonDays of [...new Set(axes.horizonDays)].sort((a, b) => a - b)) {
      const history = assetLossHistory(series, horizonDays);
      for (const method of [...new Set(axes.methods)].filter((m) => m !== 'parametric')) {
        for (const confidence of [...new Set(axes.confidences)]) {
          out.push(lookbackStability(history, { method, confidence, horizonDays, ewmaLambda: axes.ewmaLambdas[0] }, at, lookbacks));
        }
      }
    }
  }
  return out;
}
