import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { OutputOf, Result } from '../../../preload/contract';
import { MAX_COMPARE_RUNS, type COMPARE_ACCOUNT_SORT_KEYS } from '../../../preload/contract/schemas/compare';
import { api, fromApiError, fromThrown, type ShownError } from '../api';
import { typicalPairs, type RunInfo } from '../components/compare/typicalPairs';

export type { RunInfo };
export type CompareResult = OutputOf<'compare:runs'>;
export type AccountsPage = OutputOf<'compare:accounts'>;
export type AccountSortKey = (typeof COMPARE_ACCOUNT_SORT_KEYS)[number];

/** Run kinds the Compare view covers (main/services/compare.ts COMPARE_ADAPTERS), with their names. */
export const COMPARE_KINDS: Record<string, string> = {
  margin: 'Margin runs',
  'calibration:backtest': 'Backtests',
  'calibration:calibrate': 'Calibrations',
  'calibration:sweep': 'Parameter sweeps',
  stress: 'Stress runs',
  reverseStress: 'Reverse stress runs',
};

export interface AccountsQuery {
  /** The run compared with the base in the account table (the base is always the first run). */
  otherRunId: string | null;
  sortBy: AccountSortKey;
  descending: boolean;
  filter: string;
  onlyChanged: boolean;
  offset: number;
  limit: number;
}

const defaultQuery = (): AccountsQuery => ({ otherRunId: null, sortBy: 'absMaintenanceMarginDiffUsd', descending: true, filter: '', onlyChanged: false, offset: 0, limit: 25 });

/** The Compare view: stored runs of one kind picked side by side, their comparison and the paged account differences. */
export const useCompareStore = defineStore('compare', () => {
  const runs = ref<RunInfo[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const kind = ref<string>('margin');
  /** Chosen runs in order; the first is the base. */
  const selected = ref<string[]>([]);
  const result = shallowRef<CompareResult | null>(null);
  const loading = ref(false);
  const query = ref<AccountsQuery>(defaultQuery());
  const page = shallowRef<AccountsPage | null>(null);
  let compareToken = 0;
  let pageToken = 0;

  const comparable = computed(() => runs.value.filter((r) => r.status === 'succeeded' && r.kind in COMPARE_KINDS));
  const kinds = computed(() => Object.keys(COMPARE_KINDS).map((k) => ({ kind: k, title: COMPARE_KINDS[k], count: comparable.value.filter((r) => r.kind === k).length })));
  const runsOfKind = computed(() => comparable.value.filter((r) => r.kind === kind.value));
  const pairs = computed(() => typicalPairs(comparable.value));
  const canCompare = computed(() => selected.value.length >= 2);

  async function call<T>(run: () => Promise<Result<T>>): Promise<T | null> {
    try {
      const res = await run();
      if (res.ok) return res.data;
      error.value = fromApiError(res.error);
    } catch (err) {
      error.value = fromThrown(err);
    }
    return null;
  }

  async function load(): Promise<void> {
    const out = await call(() => api().run.list({ limit: 1000 }));
    if (out) runs.value = out.runs;
    loaded.value = out !== null;
  }

  function setKind(k: string): void {
    if (k === kind.value) return;
    kind.value = k;
    selected.value = [];
  }

  /** Adds or removes a run (at most MAX_COMPARE_RUNS); the first chosen is the base. */
  function toggle(runId: string): void {
    if (selected.value.includes(runId)) selected.value = selected.value.filter((id) => id !== runId);
    else if (selected.value.length < MAX_COMPARE_RUNS) selected.value = [...selected.value, runId];
  }

  function makeBase(runId: string): void {
    if (!selected.value.includes(runId)) return;
    selected.value = [runId, ...selected.value.filter((id) => id !== runId)];
  }

  async function fetchAccounts(): Promise<void> {
    const r = result.value;
    const q = query.value;
    if (!r || r.kind !== 'margin' || !q.otherRunId) return;
    const token = ++pageToken;
    const out = await call(() => api().compare.accounts({
      runIds: [r.runs[0].id, q.otherRunId!], offset: q.offset, limit: q.limit, sortBy: q.sortBy, descending: q.descending,
      filter: q.filter.trim() === '' ? undefined : q.filter.trim(), onlyChanged: q.onlyChanged,
    }));
    if (token === pageToken && out) page.value = out;
  }

  /** Compares the given runs (default: the selection); their kind becomes the view's kind. */
  async function compare(ids: readonly string[] = selected.value): Promise<boolean> {
    if (ids.length < 2) return false;
    selected.value = [...ids];
    const known = runs.value.find((r) => r.id === ids[0]);
    if (known) kind.value = known.kind;
    const token = ++compareToken;
    loading.value = true;
    error.value = null;
    const out = await call(() => api().compare.runs({ runIds: [...ids] }));
    if (token !== compareToken) return false;
    loading.value = false;
    result.value = out;
    page.value = null;
    if (!out) return false;
    kind.value = out.kind;
    query.value = { ...defaultQuery(), otherRunId: out.runs[1]?.id ?? null };
    await fetchAccounts();
    return true;
  }

  async function setQuery(change: Partial<AccountsQuery>): Promise<void> {
    // Any change other than paging starts again on the first page.
    query.value = { ...query.value, ...change, offset: change.offset ?? 0 };
    await fetchAccounts();
  }

  /** Header click: the same column flips direction; a new one starts descending (ids ascending). */
  async function sortBy(key: AccountSortKey): Promise<void> {
    const q = query.value;
    await setQuery(q.sortBy === key ? { sortBy: key, descending: !q.descending } : { sortBy: key, descending: key !== 'accountId' });
  }

  function clearError(): void {
    error.value = null;
  }

  return {
    runs, loaded, error, kind, selected, result, loading, query, page, comparable, kinds, runsOfKind, pairs, canCompare,
    load, setKind, toggle, makeBase, compare, fetchAccounts, setQuery, sortBy, clearError,
  };
});
