import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Result } from '../../../preload/contract';
import {
  api, fromApiError, fromThrown, type DatasetInfo, type ImportOutput, type SampleOutput, type SeriesData, type ShownError,
} from '../api';
import { useJobsStore } from './jobs';

export interface ImportFileText {
  fileName: string;
  text: string;
}

export interface Selection {
  datasetId: string;
  asset: string;
}

/** Datasets, the selected series and the outcome of the last import / sample, for the Data view. */
export const useDatasetsStore = defineStore('datasets', () => {
  const datasets = ref<DatasetInfo[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const activeJobId = ref<string | null>(null);
  const lastImport = ref<ImportOutput | null>(null);
  const lastSample = ref<SampleOutput | null>(null);
  const selection = ref<Selection | null>(null);
  // Thousands of points per field: keep out of deep reactivity.
  const series = shallowRef<SeriesData | null>(null);
  const seriesLoading = ref(false);
  let selectToken = 0;

  /** Unwraps a result; on failure records the error for the alert region and returns null. */
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
    const data = await call(() => api().dataset.list({}));
    if (data) {
      datasets.value = data.datasets;
      loaded.value = true;
    }
  }

  /** Runs a job-backed call with progress tracking; at most one at a time from this view. */
  async function runJob<T>(label: string, run: (jobId: string) => Promise<Result<T>>): Promise<T | null> {
    const jobs = useJobsStore();
    const jobId = jobs.begin(label);
    activeJobId.value = jobId;
    error.value = null;
    try {
      const res = await run(jobId);
      if (res.ok) {
        jobs.settle(jobId, 'succeeded', 'done');
        return res.data;
      }
      jobs.settle(jobId, res.error.code === 'CANCELLED' ? 'cancelled' : 'failed', res.error.message);
      error.value = fromApiError(res.error);
    } catch (err) {
      jobs.settle(jobId, 'failed');
      error.value = fromThrown(err);
    }
    return null;
  }

  async function importFiles(datasetName: string, files: ImportFileText[]): Promise<boolean> {
    const out = await runJob(`Importing ${files.length} file${files.length === 1 ? '' : 's'}`, (jobId) =>
      api().dataset.import({ datasetName, files, jobId }));
    if (!out) return false;
    lastImport.value = out;
    lastSample.value = null;
    await load();
    const first = out.series[0];
    if (first) await select({ datasetId: out.datasetId, asset: first.asset });
    return true;
  }

  async function createSample(): Promise<boolean> {
    const out = await runJob('Creating sample workspace', (jobId) => api().workspace.createSample({ jobId }));
    if (!out) return false;
    lastSample.value = out;
    lastImport.value = null;
    await load();
    const first = out.assets[0];
    if (first) await select({ datasetId: out.datasetId, asset: first });
    return true;
  }

  async function select(sel: Selection): Promise<void> {
    const token = ++selectToken;
    selection.value = sel;
    seriesLoading.value = true;
    const data = await call(() => api().dataset.series({ datasetId: sel.datasetId, asset: sel.asset }));
    // A newer selection may have started while this one loaded; keep only the latest.
    if (token === selectToken) {
      series.value = data;
      seriesLoading.value = false;
    }
  }

  async function remove(datasetId: string): Promise<void> {
    const data = await call(() => api().dataset.delete({ datasetId }));
    if (!data) return;
    if (selection.value?.datasetId === datasetId) {
      selection.value = null;
      series.value = null;
    }
    await load();
  }

  function clearError(): void {
    error.value = null;
  }

  function showError(shown: ShownError): void {
    error.value = shown;
  }

  return {
    datasets, loaded, error, activeJobId, lastImport, lastSample, selection, series, seriesLoading,
    load, importFiles, createSample, select, remove, clearError, showError,
  };
});
