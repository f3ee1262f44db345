/**
 * Parameter sweeps side by side (kind 'calibration:sweep'): each run's cost/coverage frontier on
 * shared axes, and every parameter set — matched by its stable id (method|α|L|λ|h|APC, core/
 * calibration/sweep.ts) — with its pooled figures and per-asset figures in each run.
 */
import type { SweepCompareView } from '../../preload/contract/schemas/compare';
import type { SweepAssetFigures } from '../core/calibration/sweep';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';
import type { RankedRow } from './calibrationSweep';
import type { CompareKindAdapter } from './compareTypes';
import { SWEEP_RUN_KIND } from './reports/kinds/sweep';

/** Rows of the set table (sets × (pooled + assets)); the rest are counted. */
export const MAX_SWEEP_ROWS = 3000;

interface Summaries {
  testPeriod: { from: string; to: string };
  rows: RankedRow[];
  frontier: { frontierIds: string[] };
  perAsset: Record<string, SweepAssetFigures[]>;
}
type SetRow = SweepCompareView['sets'][number];
type Figures = NonNullable<SetRow['values'][number]>;

const pooled = (r: RankedRow): Figures => ({
  exceptions: r.exceptions, coverage: r.coverage, kupiecPValue: r.kupiecPValue, averageMargin: r.averageMargin, peakToTroughRatio: r.peakToTroughRatio, rank: r.rank,
});
const ofAsset = (a: SweepAssetFigures): Figures => ({
  exceptions: a.exceptions, coverage: a.coverage, kupiecPValue: a.kupiecPValue, averageMargin: a.averageMargin, peakToTroughRatio: a.peakToTroughRatio, rank: null,
});

export function sweepView(runs: readonly RunRecord[], store: Store, notes: string[]): SweepCompareView {
  const summaries = runs.map((r) => store.runs.summaries(r.id) as unknown as Summaries);
  const periods = summaries.map((s) => s.testPeriod);
  if (new Set(periods.map((p) => `${p.from}..${p.to}`)).size > 1) notes.push('The sweeps test different periods: their coverage and cost are not measured on the same days.');
  const byId = summaries.map((s) => new Map(s.rows.map((r) => [r.id, r])));
  // Every set of any run, in the order the runs list them.
  const sets: RankedRow[] = [];
  const seen = new Set<string>();
  for (const s of summaries) for (const r of s.rows) if (!seen.has(r.id)) { seen.add(r.id); sets.push(r); }
  const rows: SetRow[] = [];
  let omitted = 0;
  const push = (set: RankedRow, asset: string, values: (Figures | null)[]) => {
    if (rows.length >= MAX_SWEEP_ROWS) { omitted++; return; }
    const base = values[0];
    rows.push({
      id: set.id, asset, method: set.method, confidence: set.confidence, windowDays: set.windowDays, ewmaLambda: set.ewmaLambda,
      horizonDays: set.horizonDays, apcVariant: set.apcVariant, values,
      diffCoverage: values.slice(1).map((v) => (v && base ? v.coverage - base.coverage : null)),
      diffAverageMargin: values.slice(1).map((v) => (v && base ? v.averageMargin - base.averageMargin : null)),
    });
  };
  for (const set of sets) {
    push(set, 'all', byId.map((m) => {
      const r = m.get(set.id);
      return r ? pooled(r) : null;
    }));
    const assets = [...new Set(summaries.flatMap((s) => (s.perAsset[set.id] ?? []).map((a) => a.asset)))].sort();
    if (assets.length < 2) continue;
    for (const asset of assets) {
      push(set, asset, summaries.map((s) => {
        const a = s.perAsset[set.id]?.find((x) => x.asset === asset);
        return a ? ofAsset(a) : null;
      }));
    }
  }
  const unmatched = sets.filter((set) => byId.some((m) => !m.has(set.id))).length;
  if (unmatched) notes.push(`${unmatched} parameter set(s) are in some sweeps only.`);
  return {
    kind: 'sweep',
    testPeriods: periods,
    points: summaries.map((s) => {
      const frontier = new Set(s.frontier.frontierIds);
      return s.rows.map((r) => ({ id: r.id, averageMargin: r.averageMargin, coverage: r.coverage, kupiecPValue: r.kupiecPValue, rank: r.rank, frontier: frontier.has(r.id) }));
    }),
    sets: rows,
    omittedRows: omitted,
  };
}

export const sweepCompareAdapter: CompareKindAdapter = {
  kind: SWEEP_RUN_KIND,
  title: 'Parameter sweeps',
  runTitleParts: (run, store) => {
    const s = store.runs.summaries(run.id) as unknown as Summaries;
    const axes = (run.params as { axes?: Partial<Record<'methods' | 'confidences' | 'windowDays' | 'ewmaLambdas' | 'horizonDays' | 'apcVariants', unknown[]>> }).axes ?? {};
    const axis = (name: string, values: unknown[] | undefined) => `${name} ${(values ?? []).join(',')}`;
    return [run.label || 'sweep', `${s.testPeriod.from} .. ${s.testPeriod.to}`, axis('', axes.methods).trim(), axis('α', axes.confidences), axis('W', axes.windowDays),
      axis('λ', axes.ewmaLambdas), axis('h', axes.horizonDays), axis('APC', axes.apcVariants)];
  },
  synthetic: (run) => (run.inputs as { synthetic?: boolean }).synthetic === true,
  view: sweepView,
};
