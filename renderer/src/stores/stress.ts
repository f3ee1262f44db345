import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { InputOf, OutputOf, Result } from '../../../preload/contract';
import { api, fromApiError, fromThrown, type DatasetInfo, type ShownError } from '../api';
import { useJobsStore } from './jobs';
import type { FieldIssues, ScenarioWire } from '../components/stress/draftTypes';
import { defaultScenarioDraft, draftOfScenario, emptyRow, issuesByField, scenarioOfDraft, STABLECOIN_SYMBOLS, type ScenarioDraft } from '../components/stress/scenarioDraft';
import { correlationShockOfDraft } from '../components/stress/correlationDraft';
import {
  checkScenario, defaultMonteCarloDraft, defaultReverseDraft, defaultRunDraft, reverseInput, runInput, type Checked, type Selection,
} from '../components/stress/runInputs';

export type BookSummary = OutputOf<'book:get'>;
export type ScenarioSummary = OutputOf<'scenario:list'>['scenarios'][number];
export type Episode = OutputOf<'episode:list'>['episodes'][number];
export type ReplayOutput = OutputOf<'episode:replay'>;
export type CorrelationShockOutput = OutputOf<'correlation:shock'>;
export type StressRun = OutputOf<'stress:run'>;
export type StressReverse = OutputOf<'stress:reverse'>;
export type AccountRow = OutputOf<'stress:accounts'>['rows'][number];
export type AccountSortKey = NonNullable<InputOf<'stress:accounts'>['sortBy']>;
export interface AccountsQuery { offset: number; limit: number; sortBy: AccountSortKey; descending: boolean; filter: string; onlyLiquidated: boolean }
export type Section = 'run' | 'reverse';

/** Histogram input is every account's PnL; above this many accounts only the first are drawn (and the chart says so). */
const HISTOGRAM_ACCOUNTS = 100_000;

/** The Stress view: a scenario builder, book stress runs with cascade and Monte Carlo, and reverse stress. */
export const useStressStore = defineStore('stress', () => {
  const datasets = ref<DatasetInfo[]>([]);
  const books = ref<BookSummary[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const selection = ref<Selection>({ bookId: null, modelId: null, datasetId: null });
  const draft = ref<ScenarioDraft>(defaultScenarioDraft([]));
  /** The stored scenario the draft was loaded from or saved as (a save replaces it). */
  const scenarioId = ref<string | null>(null);
  const scenarios = ref<ScenarioSummary[]>([]);
  const issues = ref<FieldIssues>({});
  const notice = ref<string | null>(null);
  const episodes = ref<Episode[]>([]);
  const replay = shallowRef<ReplayOutput | null>(null);
  const correlation = shallowRef<CorrelationShockOutput | null>(null);
  const correlationAssets = ref<string[]>([]);
  const correlationLoading = ref(false);
  const monteCarlo = ref(defaultMonteCarloDraft());
  const runDraft = ref(defaultRunDraft());
  const reverseDraft = ref(defaultReverseDraft());
  const run = shallowRef<StressRun | null>(null);
  const lossAccounts = shallowRef<AccountRow[]>([]);
  const accountsPage = shallowRef<{ total: number; rows: AccountRow[] } | null>(null);
  const accountsQuery = ref<AccountsQuery>({ offset: 0, limit: 25, sortBy: 'shortfallUsd', descending: true, filter: '', onlyLiquidated: false });
  const reverse = shallowRef<StressReverse | null>(null);
  const activeJobId = ref<string | null>(null);
  const activeSection = ref<Section | null>(null);
  let accountsToken = 0;

  const dataset = computed(() => datasets.value.find((d) => d.id === selection.value.datasetId) ?? null);
  const assets = computed(() => dataset.value?.series.map((s) => s.asset) ?? []);
  const synthetic = computed(() => dataset.value?.synthetic ?? false);
  const busy = computed(() => {
    const job = activeJobId.value ? useJobsStore().jobs[activeJobId.value] : undefined;
    return job?.phase === 'running' || job?.phase === 'queued';
  });

  async function call<T>(invoke: () => Promise<Result<T>>): Promise<T | null> {
    try {
      const res = await invoke();
      if (res.ok) return res.data;
      error.value = fromApiError(res.error);
    } catch (err) {
      error.value = fromThrown(err);
    }
    return null;
  }

  /** Chooses the dataset: the shock table gets one row per asset (rows typed so far are kept). */
  function selectDataset(id: string | null): void {
    const hadRows = Object.keys(draft.value.rows).length > 0;
    selection.value.datasetId = id;
    const list = assets.value;
    const rows = Object.fromEntries(list.map((a) => [a, draft.value.rows[a] ?? emptyRow()]));
    const except = hadRows ? draft.value.except.filter((a) => list.includes(a)) : list.filter((a) => STABLECOIN_SYMBOLS.includes(a));
    draft.value = { ...draft.value, rows, except };
    correlationAssets.value = list.filter((a) => !STABLECOIN_SYMBOLS.includes(a));
    replay.value = null;
    correlation.value = null;
  }

  async function load(): Promise<void> {
    const [ds, bk, sc, ep] = await Promise.all([
      call(() => api().dataset.list({})), call(() => api().book.list({})), call(() => api().scenario.list({})), call(() => api().episode.list({})),
    ]);
    if (!ds || !bk) return;
    datasets.value = ds.datasets;
    books.value = bk.books;
    scenarios.value = sc?.scenarios ?? [];
    episodes.value = ep?.episodes ?? [];
    loaded.value = true;
    if (!datasets.value.some((d) => d.id === selection.value.datasetId)) {
      const first = datasets.value.find((d) => d.synthetic) ?? datasets.value[0];
      draft.value = defaultScenarioDraft([]);
      selectDataset(first?.id ?? null);
    }
    if (!books.value.some((b) => b.id === selection.value.bookId)) selection.value.bookId = books.value[0]?.id ?? null;
  }

  /** The draft as a scenario, checked by the contract schema; issues are shown next to their fields. */
  function builtScenario(): ScenarioWire | null {
    const built = scenarioOfDraft(draft.value);
    const found = Object.keys(built.issues).length ? built.issues : checkScenario(built.scenario, built.fields);
    issues.value = found;
    return Object.keys(found).length ? null : built.scenario;
  }

  function setDraft(next: ScenarioDraft, id: string | null, message: string | null): void {
    draft.value = next;
    scenarioId.value = id;
    issues.value = {};
    notice.value = message;
    correlation.value = null;
  }

  async function validateScenario(): Promise<boolean> {
    const built = scenarioOfDraft(draft.value);
    if (Object.keys(built.issues).length) {
      issues.value = built.issues;
      return false;
    }
    const out = await call(() => api().scenario.validate({ scenario: built.scenario }));
    if (!out) return false;
    issues.value = issuesByField(out.issues, built.fields);
    notice.value = out.valid ? `valid · content hash ${out.contentHash?.slice(0, 19) ?? ''}` : null;
    return out.valid;
  }

  async function saveScenario(): Promise<boolean> {
    const scenario = builtScenario();
    if (!scenario || !(await validateScenario())) return false;
    const out = await call(() => api().scenario.save({ ...(scenarioId.value ? { id: scenarioId.value } : {}), scenario }));
    if (!out) return false;
    scenarioId.value = out.id;
    notice.value = `saved as "${out.name}" (${out.id})`;
    const list = await call(() => api().scenario.list({}));
    if (list) scenarios.value = list.scenarios;
    return true;
  }

  async function loadScenario(id: string): Promise<void> {
    const rec = await call(() => api().scenario.get({ id }));
    if (!rec) return;
    const { draft: next, keptPriceOrder } = draftOfScenario(rec.scenario, assets.value);
    setDraft(next, rec.id, keptPriceOrder ? 'price shocks are kept as written: the table would change their order' : `loaded "${rec.name}"`);
  }

  async function deleteScenario(id: string): Promise<void> {
    const out = await call(() => api().scenario.delete({ id }));
    if (!out) return;
    if (scenarioId.value === id) scenarioId.value = null;
    scenarios.value = scenarios.value.filter((s) => s.id !== id);
  }

  function newScenario(): void {
    setDraft(defaultScenarioDraft(assets.value), null, null);
  }

  async function replayEpisode(options: { episodeId: string; mode: 'closeToClose' | 'worstWindow'; horizonDays: number }): Promise<void> {
    const datasetId = selection.value.datasetId;
    if (!datasetId) return;
    error.value = null;
    const out = await call(() => api().episode.replay({
      datasetId, episodeId: options.episodeId, mode: options.mode, ...(options.mode === 'worstWindow' ? { horizonDays: options.horizonDays } : {}),
    }));
    if (out) replay.value = out;
  }

  /** The replayed moves become the builder's scenario (its correlation settings are kept). */
  function useReplay(): void {
    const scenario = replay.value?.scenario;
    if (!scenario) return;
    const { draft: next } = draftOfScenario(scenario, assets.value);
    next.correlation = draft.value.correlation;
    setDraft(next, null, `scenario from ${replay.value?.episode.name ?? 'the episode'}: review, then save or run`);
  }

  async function previewCorrelation(): Promise<void> {
    const datasetId = selection.value.datasetId;
    const found: FieldIssues = {};
    const shock = correlationShockOfDraft({ ...draft.value.correlation, enabled: true }, found);
    if (correlationAssets.value.length < 2) found['corr.assets'] = ['choose at least 2 assets'];
    if (!shock) found['corr.ops'] = ['add at least one operation'];
    issues.value = found;
    if (!datasetId || !shock || Object.keys(found).length) return;
    correlationLoading.value = true;
    error.value = null;
    const severity = Number(runDraft.value.severity);
    const out = await call(() => api().correlation.shock({
      datasetId, assets: [...correlationAssets.value], base: shock.base, operations: shock.operations,
      ...(Number.isFinite(severity) && severity >= 0 ? { severity } : {}),
    }));
    correlationLoading.value = false;
    if (out) correlation.value = out;
  }

  async function runJob<I extends object, T>(section: Section, label: string, input: Checked<I>, invoke: (input: I & { jobId: string }) => Promise<Result<T>>): Promise<T | null> {
    if (!input.ok) {
      issues.value = { ...issues.value, ...input.issues };
      error.value = { source: 'renderer', code: 'BAD_INPUT', message: Object.entries(input.issues).map(([k, m]) => `${k}: ${m.join('; ')}`).slice(0, 5).join('\n') };
      return null;
    }
    const jobs = useJobsStore();
    const jobId = jobs.begin(label);
    activeJobId.value = jobId;
    activeSection.value = section;
    error.value = null;
    try {
      const res = await invoke({ ...input.value, jobId });
      if (res.ok) {
        jobs.settle(jobId, 'succeeded', 'done');
        return res.data;
      }
      const cancelled = res.error.code === 'CANCELLED';
      jobs.settle(jobId, cancelled ? 'cancelled' : 'failed', res.error.message);
      if (!cancelled) error.value = fromApiError(res.error);
    } catch (err) {
      jobs.settle(jobId, 'failed');
      error.value = fromThrown(err);
    }
    return null;
  }

  async function runStress(): Promise<boolean> {
    const scenario = builtScenario();
    if (!scenario) {
      error.value = { source: 'renderer', code: 'BAD_INPUT', message: 'the scenario has errors: they are shown next to their fields' };
      return false;
    }
    const label = `Stress run: ${scenario.name || 'unnamed scenario'}${runDraft.value.cascade ? ' with cascade' : ''}${monteCarlo.value.enabled ? ' + Monte Carlo' : ''}`;
    const out = await runJob('run', label, runInput(selection.value, runDraft.value, monteCarlo.value, scenario), (i) => api().stress.run(i));
    if (!out) return false;
    run.value = out;
    accountsQuery.value = { ...accountsQuery.value, offset: 0 };
    await Promise.all([loadAccounts(), loadLossAccounts(out)]);
    return true;
  }

  async function loadLossAccounts(out: StressRun): Promise<void> {
    const limit = Math.max(1, Math.min(out.totals.accounts, HISTOGRAM_ACCOUNTS));
    const page = await call(() => api().stress.accounts({ runId: out.runId, offset: 0, limit, sortBy: 'accountId', descending: false }));
    if (page && run.value?.runId === out.runId) lossAccounts.value = page.rows;
  }

  async function loadAccounts(): Promise<void> {
    const runId = run.value?.runId;
    if (!runId) return;
    const token = ++accountsToken;
    const q = accountsQuery.value;
    const page = await call(() => api().stress.accounts({
      runId, offset: q.offset, limit: q.limit, sortBy: q.sortBy, descending: q.descending, onlyLiquidated: q.onlyLiquidated,
      ...(q.filter.trim() ? { filter: q.filter.trim() } : {}),
    }));
    if (page && token === accountsToken) accountsPage.value = page;
  }

  async function setAccountsQuery(change: Partial<AccountsQuery>): Promise<void> {
    const resetOffset = Object.keys(change).some((k) => k !== 'offset');
    accountsQuery.value = { ...accountsQuery.value, ...change, ...(resetOffset ? { offset: 0 } : {}) };
    await loadAccounts();
  }

  async function sortAccounts(key: AccountSortKey): Promise<void> {
    const q = accountsQuery.value;
    await setAccountsQuery({ sortBy: key, descending: q.sortBy === key ? !q.descending : key !== 'accountId' });
  }

  async function runReverse(): Promise<boolean> {
    const scenario = builtScenario();
    if (!scenario) {
      error.value = { source: 'renderer', code: 'BAD_INPUT', message: 'the scenario has errors: they are shown next to their fields' };
      return false;
    }
    const out = await runJob('reverse', `Reverse stress: ${scenario.name || 'unnamed scenario'}`,
      reverseInput(selection.value, runDraft.value, reverseDraft.value, scenario), (i) => api().stress.reverse(i));
    if (out) reverse.value = out;
    return out !== null;
  }

  async function cancel(): Promise<void> {
    if (!activeJobId.value) return;
    const failed = await useJobsStore().cancel(activeJobId.value);
    if (failed) error.value = failed;
  }

  function clearError(): void {
    error.value = null;
  }

  return {
    datasets, books, loaded, error, selection, draft, scenarioId, scenarios, issues, notice, episodes, replay, correlation, correlationAssets,
    correlationLoading, monteCarlo, runDraft, reverseDraft, run, lossAccounts, accountsPage, accountsQuery, reverse, activeJobId, activeSection,
    dataset, assets, synthetic, busy,
    load, selectDataset, builtScenario, validateScenario, saveScenario, loadScenario, deleteScenario, newScenario, replayEpisode, useReplay,
    previewCorrelation, runStress, loadAccounts, setAccountsQuery, sortAccounts, runReverse, cancel, clearError,
  };
});
