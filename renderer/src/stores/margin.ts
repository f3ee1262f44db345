import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { z } from 'zod';
import type {
  MarginAccountRow, MarginAccountsInput, MarginExplainOutput, MarginRunSummary,
} from '../../../preload/contract/schemas/margin';
import { api } from '../api';
import { useBooksStore } from './books';

export type { MarginAccountRow, MarginExplainOutput, MarginRunSummary };
export type SortKey = z.output<typeof MarginAccountsInput>['sortBy'];

/** A run computed in this window, with every account row (the charts need all of them). */
export interface ComputedRun {
  summary: MarginRunSummary;
  rows: MarginAccountRow[];
  /** More accounts than one margin:accounts call returns: the charts show the first CHART_ROW_LIMIT. */
  truncated: boolean;
}

export interface TableQuery {
  sortBy: SortKey;
  descending: boolean;
  filter: string;
  onlyLiquidatable: boolean;
  offset: number;
  limit: number;
}

/** The contract's ceiling for one margin:accounts call. */
export const CHART_ROW_LIMIT = 100_000;

/** Margin runs of the Books view: compute, the server-side sorted/filtered account table, explain. */
export const useMarginStore = defineStore('margin', () => {
  const books = useBooksStore();
  // Thousands of rows per run: kept out of deep reactivity.
  const runs = shallowRef<ComputedRun[]>([]);
  const activeRunId = ref<string | null>(null);
  const query = ref<TableQuery>({ sortBy: 'marginRatio', descending: true, filter: '', onlyLiquidatable: false, offset: 0, limit: 50 });
  const page = shallowRef<{ total: number; rows: MarginAccountRow[] } | null>(null);
  const explainAccountId = ref<string | null>(null);
  const explain = shallowRef<MarginExplainOutput | null>(null);
  const explainLoading = ref(false);
  let pageToken = 0;
  let explainToken = 0;

  const activeRun = computed(() => runs.value.find((r) => r.summary.runId === activeRunId.value) ?? null);

  /** The runs of the active run's book and dataset: one per model, in the order they were computed. */
  const comparedRuns = computed(() => {
    const a = activeRun.value?.summary;
    if (!a) return [];
    return runs.value.filter((r) => r.summary.bookId === a.bookId && r.summary.datasetId === a.datasetId);
  });

  async function fetchAllRows(summary: MarginRunSummary): Promise<ComputedRun | null> {
    const limit = Math.max(1, Math.min(summary.totals.accounts, CHART_ROW_LIMIT));
    const out = await books.call(() => api().margin.accounts({ runId: summary.runId, offset: 0, limit, sortBy: 'accountId', descending: false, onlyLiquidatable: false }));
    return out ? { summary, rows: out.rows, truncated: out.total > out.rows.length } : null;
  }

  async function fetchPage(): Promise<void> {
    const runId = activeRunId.value;
    if (!runId) return;
    const token = ++pageToken;
    const q = query.value;
    const out = await books.call(() => api().margin.accounts({
      runId, offset: q.offset, limit: q.limit, sortBy: q.sortBy, descending: q.descending,
      filter: q.filter.trim() === '' ? undefined : q.filter.trim(), onlyLiquidatable: q.onlyLiquidatable,
    }));
    // A newer query may have started while this one ran; keep only the latest.
    if (token === pageToken && out) page.value = out;
  }

  function resetDetail(): void {
    explainAccountId.value = null;
    explain.value = null;
    query.value.offset = 0;
  }

  /** Computes one model over one book as a worker job; replaces an earlier run of the same inputs. */
  async function compute(bookId: string, modelId: string, datasetId: string, labels: { book: string; model: string }): Promise<MarginRunSummary | null> {
    const summary = await books.runJob(`Margin: ${labels.model} on ${labels.book}`, (jobId) => api().margin.compute({ bookId, modelId, datasetId, jobId }));
    if (!summary) return null;
    const run = await fetchAllRows(summary);
    if (!run) return null;
    const same = (r: ComputedRun) => r.summary.bookId === bookId && r.summary.datasetId === datasetId && r.summary.model.id === modelId;
    runs.value = [...runs.value.filter((r) => !same(r)), run];
    activeRunId.value = summary.runId;
    resetDetail();
    await fetchPage();
    return summary;
  }

  async function selectRun(runId: string): Promise<void> {
    if (!runs.value.some((r) => r.summary.runId === runId)) return;
    activeRunId.value = runId;
    const keep = explainAccountId.value;
    resetDetail();
    await fetchPage();
    // The same account under the other model: the comparison an analyst usually wants next.
    if (keep) await explainAccount(keep);
  }

  function removeRun(runId: string): void {
    runs.value = runs.value.filter((r) => r.summary.runId !== runId);
    if (activeRunId.value === runId) {
      activeRunId.value = runs.value[runs.value.length - 1]?.summary.runId ?? null;
      resetDetail();
      page.value = null;
      void fetchPage();
    }
  }

  async function setQuery(change: Partial<TableQuery>): Promise<void> {
    // Any change other than paging starts again on the first page.
    query.value = { ...query.value, ...change, offset: change.offset ?? 0 };
    await fetchPage();
  }

  /** Header click: the same column flips direction; a new one starts descending (ids ascending). */
  async function sortBy(key: SortKey): Promise<void> {
    const q = query.value;
    await setQuery(q.sortBy === key ? { sortBy: key, descending: !q.descending } : { sortBy: key, descending: key !== 'accountId' });
  }

  async function explainAccount(accountId: string): Promise<void> {
    const runId = activeRunId.value;
    if (!runId) return;
    const token = ++explainToken;
    explainAccountId.value = accountId;
    explainLoading.value = true;
    const out = await books.call(() => api().margin.explain({ runId, accountId }));
    if (token !== explainToken) return;
    explain.value = out;
    explainLoading.value = false;
  }

  function closeExplain(): void {
    explainToken++;
    explainAccountId.value = null;
    explain.value = null;
    explainLoading.value = false;
  }

  return {
    runs, activeRunId, activeRun, comparedRuns, query, page, explainAccountId, explain, explainLoading,
    compute, selectRun, removeRun, setQuery, sortBy, fetchPage, explainAccount, closeExplain,
  };
});
