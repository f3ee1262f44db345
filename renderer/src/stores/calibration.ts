import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { OutputOf, Result } from '../../../preload/contract';
import { api, fromApiError, fromThrown, type DatasetInfo, type ShownError } from '../api';
import { useJobsStore } from './jobs';
import {
  backtestInput, calibrateInput, defaultBacktestForm, defaultCalibrateForm, defaultSweepGrid, formAssets, lookbackLadder,
  modelOfSweepRow, sweepConfig, type Checked,
} from '../components/calibration/calibrationForm';

export type BacktestOutput = OutputOf<'calibration:backtest'>;
export type SweepOutput = OutputOf<'calibration:sweep'>;
export type CalibrateOutput = OutputOf<'calibration:calibrate'>;
export type DiagnoseOutput = OutputOf<'calibration:diagnose'>;
export type QqOutput = OutputOf<'calibration:qq'>;
export type LookbackOutput = OutputOf<'calibration:lookback'>;
export type Section = 'backtest' | 'sweep' | 'calibrate';

/** A result with the dataset it was computed on (its name and whether it is SYNTHETIC). */
export interface Computed<T> {
  data: T;
  datasetName: string;
  synthetic: boolean;
}

export interface Analysis {
  asset: string;
  diagnose: DiagnoseOutput | null;
  qq: QqOutput | null;
  lookback: LookbackOutput | null;
  /** Why there is no lookback study (too little history for two lookbacks). */
  lookbackNote: string | null;
}

export interface SavedModel {
  section: 'sweep' | 'calibrate';
  candidate: string;
  id: string;
  name: string;
}

/** The Calibration view: backtests, distribution diagnostics, sweeps and calibrations on a stored dataset. */
export const useCalibrationStore = defineStore('calibration', () => {
  const datasets = ref<DatasetInfo[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const form = ref(defaultBacktestForm());
  const grid = ref(defaultSweepGrid());
  const calibrateForm = ref(defaultCalibrateForm());
  const activeJobId = ref<string | null>(null);
  const activeSection = ref<Section | null>(null);
  // Thousands of test days per series: kept out of deep reactivity.
  const backtest = shallowRef<Computed<BacktestOutput> | null>(null);
  const analysis = shallowRef<Computed<Analysis> | null>(null);
  const analysisLoading = ref(false);
  const sweep = shallowRef<Computed<SweepOutput> | null>(null);
  const selectedSetId = ref<string | null>(null);
  const calibration = shallowRef<Computed<CalibrateOutput> | null>(null);
  const saved = ref<SavedModel | null>(null);
  const saving = ref(false);
  let analysisToken = 0;

  const dataset = computed(() => datasets.value.find((d) => d.id === form.value.datasetId) ?? null);
  const assets = computed(() => dataset.value?.series.map((s) => s.asset) ?? []);
  const busy = computed(() => {
    const job = activeJobId.value ? useJobsStore().jobs[activeJobId.value] : undefined;
    return job?.phase === 'running' || job?.phase === 'queued';
  });

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

  function computedOn<T>(data: T): Computed<T> {
    return { data, datasetName: dataset.value?.name ?? '', synthetic: dataset.value?.synthetic ?? false };
  }

  /** Chooses a dataset and, within it, BTC when present (the desk's usual first look), else its first asset. */
  function selectDataset(id: string | null): void {
    form.value.datasetId = id;
    const list = assets.value;
    if (!list.includes(form.value.asset)) form.value.asset = list.includes('BTC') ? 'BTC' : list[0] ?? '';
    form.value.weights = Object.fromEntries(Object.entries(form.value.weights).filter(([a]) => list.includes(a)));
    calibrateForm.value.assets = calibrateForm.value.assets.filter((a) => list.includes(a));
    if (calibrateForm.value.assets.length === 0 && form.value.asset) calibrateForm.value.assets = [form.value.asset];
  }

  async function load(): Promise<void> {
    const data = await call(() => api().dataset.list({}));
    if (!data) return;
    datasets.value = data.datasets;
    loaded.value = true;
    if (!datasets.value.some((d) => d.id === form.value.datasetId)) selectDataset(datasets.value[0]?.id ?? null);
  }

  /** Runs one job-backed call with progress and cancel; one at a time from this view. */
  async function runJob<I extends object, T>(section: Section, label: string, input: Checked<I>, run: (input: I & { jobId: string }) => Promise<Result<T>>): Promise<T | null> {
    if (!input.ok) {
      error.value = { source: 'renderer', code: 'BAD_INPUT', message: input.message };
      return null;
    }
    const jobs = useJobsStore();
    const tracked = jobs.begin(label);
    activeJobId.value = tracked;
    activeSection.value = section;
    error.value = null;
    try {
      const res = await run({ ...input.value, jobId: tracked });
      if (res.ok) {
        jobs.settle(tracked, 'succeeded', 'done');
        return res.data;
      }
      const cancelled = res.error.code === 'CANCELLED';
      jobs.settle(tracked, cancelled ? 'cancelled' : 'failed', res.error.message);
      // A cancellation the analyst asked for is shown by the progress bar, not as an error.
      if (!cancelled) error.value = fromApiError(res.error);
    } catch (err) {
      jobs.settle(tracked, 'failed');
      error.value = fromThrown(err);
    }
    return null;
  }

  async function runBacktest(): Promise<boolean> {
    const f = form.value;
    const target = f.targetType === 'asset' ? f.asset : `portfolio ${formAssets(f).join('+')}`;
    const out = await runJob('backtest', `Backtest: ${f.method.toUpperCase()} α ${f.confidence} on ${target}`,
      backtestInput(f), (input) => api().calibration.backtest(input));
    if (!out) return false;
    backtest.value = computedOn(out);
    const first = formAssets(f)[0];
    if (first) await analyse(first);
    return true;
  }

  /** Diagnostics, QQ data and a lookback study of one asset, with the form's horizon, α, method and λ. */
  async function analyse(asset: string): Promise<void> {
    const f = form.value;
    const prices = f.datasetId;
    if (!prices) return;
    const token = ++analysisToken;
    analysisLoading.value = true;
    const rows = dataset.value?.series.find((s) => s.asset === asset)?.rows ?? 0;
    const lookbacks = lookbackLadder(rows, f.horizonDays, f.windowDays);
    const range = { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) };
    const [diagnose, qq, lookback] = await Promise.all([
      call(() => api().calibration.diagnose({ prices, asset, horizonDays: f.horizonDays })),
      call(() => api().calibration.qq({ prices, asset, horizonDays: f.horizonDays, ...range })),
      lookbacks.length >= 2
        ? call(() => api().calibration.lookback({
          prices, asset, method: f.method === 'fhs' ? 'fhs' : 'hs', confidence: f.confidence, horizonDays: f.horizonDays, lambda: f.lambda, lookbacks,
          ...(f.to ? { at: f.to } : {}), bootstrap: { seed: 1, resamples: 200, level: 0.9 },
        }))
        : Promise.resolve(null),
    ]);
    if (token !== analysisToken) return;
    const lookbackNote = lookbacks.length < 2 ? `${asset} has ${rows} closes: too few for two lookbacks with a full window` : null;
    analysis.value = computedOn({ asset, diagnose, qq, lookback, lookbackNote });
    analysisLoading.value = false;
  }

  async function runSweep(): Promise<boolean> {
    const out = await runJob('sweep', `Sweep on ${formAssets(form.value).join(', ')}`,
      sweepConfig(grid.value, form.value), (input) => api().calibration.sweep(input));
    if (!out) return false;
    sweep.value = computedOn(out);
    selectedSetId.value = null;
    if (saved.value?.section === 'sweep') saved.value = null;
    return true;
  }

  /** Loads a sweep's parameter set into the backtest form (a frontier point or a table row was clicked). */
  function loadSet(id: string): void {
    const row = sweep.value?.data.rows.find((r) => r.id === id);
    if (!row) return;
    Object.assign(form.value, modelOfSweepRow(row));
    selectedSetId.value = id;
  }

  async function runCalibrate(): Promise<boolean> {
    const out = await runJob('calibrate', `Calibrate ${calibrateForm.value.assets.join(', ')}`,
      calibrateInput(calibrateForm.value, form.value.datasetId, form.value.to), (input) => api().calibration.calibrate(input));
    if (!out) return false;
    calibration.value = computedOn(out);
    if (saved.value?.section === 'calibrate') saved.value = null;
    return true;
  }

  /** One click: a calibrated candidate or a sweep parameter set becomes a saved model configuration. */
  async function saveModel(section: SavedModel['section'], runId: string | null, candidate: string, name?: string): Promise<boolean> {
    if (!runId) {
      error.value = { source: 'renderer', code: 'BAD_INPUT', message: 'runId: this result was not recorded as a run, so it cannot be saved' };
      return false;
    }
    saving.value = true;
    error.value = null;
    const trimmed = name?.trim();
    const out = await call(() => api().calibration.saveModel({ runId, candidate, ...(trimmed ? { name: trimmed } : {}) }));
    saving.value = false;
    if (!out) return false;
    saved.value = { section, candidate, id: out.id, name: out.name };
    return true;
  }

  async function cancel(): Promise<void> {
    if (!activeJobId.value) return;
    const failed = await useJobsStore().cancel(activeJobId.value);
    if (failed) error.value = failed;
  }

  function clearError(): void {
    error.value = null;
  }

  function showError(shown: ShownError): void {
    error.value = shown;
  }

  return {
    datasets, loaded, error, form, grid, calibrateForm, activeJobId, activeSection, backtest, analysis, analysisLoading, sweep,
    selectedSetId, calibration, saved, saving, dataset, assets, busy,
    load, selectDataset, runBacktest, analyse, runSweep, loadSet, runCalibrate, saveModel, cancel, clearError, showError,
  };
});
