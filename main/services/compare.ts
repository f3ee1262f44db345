/**
 * Compare stored runs (compare:runs, compare:accounts): two or more runs of ONE kind side by side —
 * chart data on shared axes, difference tables (other − base, the base being the first run named)
 * and what changed between their recorded inputs. Reads only stored results: nothing is re-run.
 * Each run kind is one adapter (./compareTypes.ts) listed in COMPARE_ADAPTERS.
 */
import type { CompareRunsOutput, ParsedInputOf } from '../../preload/contract';
import { InputError, NotFoundError } from '../core/errors';
import type { RunRecord } from '../store/runs';
import { backtestCompareAdapter } from './compareBacktest';
import { calibrateCompareAdapter } from './compareCalibrate';
import { changeRows } from './compareChanges';
import { compareAccounts, marginCompareAdapter } from './compareMargin';
import { reverseStressCompareAdapter, stressCompareAdapter } from './compareStress';
import { sweepCompareAdapter } from './compareSweep';
import type { CompareKindAdapter } from './compareTypes';
import type { ServiceContext } from './context';

export const COMPARE_ADAPTERS: readonly CompareKindAdapter[] = [
  marginCompareAdapter, backtestCompareAdapter, calibrateCompareAdapter, sweepCompareAdapter, stressCompareAdapter, reverseStressCompareAdapter,
];

export function compareAdapterFor(kind: string): CompareKindAdapter {
  const a = COMPARE_ADAPTERS.find((x) => x.kind === kind);
  if (!a) throw new InputError(`runs of kind "${kind}" cannot be compared; the Compare view covers ${COMPARE_ADAPTERS.map((x) => x.kind).join(', ')}`);
  return a;
}

/** Legend names must differ: a repeated title gets the run's position ("HS VaR 99 % · run 2"). */
export function uniqueTitles(titles: readonly string[]): string[] {
  return titles.map((t, i) => (titles.indexOf(t) === titles.lastIndexOf(t) ? t : `${t} · run ${i + 1}`));
}

/**
 * Short names that tell the runs apart: only the title parts that differ between them ("W 250" /
 * "W 500" for two backtests of one asset; "base correlation" / "stressed correlation"), all parts
 * when none differs; made unique by uniqueTitles.
 */
export function distinguishingTitles(parts: readonly (readonly string[])[]): string[] {
  const width = Math.max(0, ...parts.map((p) => p.length));
  const differing = Array.from({ length: width }, (_, i) => i).filter((i) => new Set(parts.map((p) => p[i] ?? '')).size > 1);
  const titles = parts.map((p) => {
    const shown = (differing.length ? differing.map((i) => p[i] ?? '') : [...p]).filter(Boolean);
    return shown.length ? shown.join(' · ') : p.filter(Boolean).join(' · ');
  });
  return uniqueTitles(titles);
}

export function compareService(ctx: ServiceContext) {
  const load = (ids: readonly string[]): RunRecord[] => {
    const runs = ids.map((id) => {
      const run = ctx.store.runs.get(id);
      if (!run) throw new NotFoundError(`no run with id "${id}"`);
      if (run.status !== 'succeeded') throw new InputError(`run ${id} is ${run.status}; only succeeded runs have results to compare`);
      return run;
    });
    const kinds = [...new Set(runs.map((r) => r.kind))];
    if (kinds.length > 1) {
      throw new InputError(`runIds: compare runs of one kind; got ${runs.map((r) => `${r.id} (${r.kind})`).join(', ')}`);
    }
    return runs;
  };

  return {
    /** compare:runs — shared-axis chart data, difference tables and what changed. */
    runs(input: ParsedInputOf<'compare:runs'>): CompareRunsOutput {
      const runs = load(input.runIds);
      const adapter = compareAdapterFor(runs[0].kind);
      const store = ctx.store;
      const notes: string[] = [];
      const view = adapter.view(runs, store, notes);
      const titles = distinguishingTitles(runs.map((r) => adapter.runTitleParts(r, store)));
      const changes = changeRows(runs, store);
      if (!changes.rows.some((r) => r.changed) && changes.omitted === 0) {
        notes.push(new Set(runs.map((r) => r.resultHash)).size === 1
          ? 'No recorded input differs and the result hashes agree: the runs are re-runs of each other.'
          : 'No recorded input differs, yet the result hashes differ: the stored results were not produced from these inputs alone.');
      }
      return {
        kind: adapter.kind,
        kindTitle: adapter.title,
        runs: runs.map((r, i) => ({
          id: r.id, kind: r.kind, label: r.label, title: titles[i], createdAt: r.createdAt, appVersion: r.appVersion, seed: r.seed,
          resultHash: r.resultHash, synthetic: adapter.synthetic(r, store),
        })),
        changes: changes.rows,
        omittedChanges: changes.omitted,
        view,
        notes,
      };
    },

    /** compare:accounts — two margin runs' per-account figures and differences, sorted, filtered and paged. */
    accounts(input: ParsedInputOf<'compare:accounts'>) {
      const [a, b] = load(input.runIds);
      if (a.kind !== marginCompareAdapter.kind) throw new InputError(`runIds: compare:accounts compares margin runs; ${a.id} is a "${a.kind}" run`);
      const { runIds: _ids, ...query } = input;
      return compareAccounts(ctx.store, a, b, query);
    },
  };
}
export type CompareService = ReturnType<typeof compareService>;
