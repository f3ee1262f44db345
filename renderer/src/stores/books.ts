import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { OutputOf, Result } from '../../../preload/contract';
import { api, fromApiError, fromThrown, type DatasetInfo, type ShownError } from '../api';
import { useJobsStore } from './jobs';

export type BookSummary = OutputOf<'book:get'>;

/** What the Books view computes on: a book, a model configuration and the dataset giving prices. */
export interface BookSelection {
  bookId: string | null;
  modelId: string | null;
  datasetId: string | null;
}

/**
 * The Books view's session: books and datasets to choose from, the selection, and the one job this
 * view runs at a time (an import, the sample workspace or a margin computation) with its error.
 */
export const useBooksStore = defineStore('books', () => {
  const books = ref<BookSummary[]>([]);
  const datasets = ref<DatasetInfo[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const activeJobId = ref<string | null>(null);
  const lastImported = ref<BookSummary | null>(null);
  const selection = ref<BookSelection>({ bookId: null, modelId: null, datasetId: null });

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

  /** Runs a job-backed call with progress tracking (job ids are made here, before the call). */
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

  /** Keeps the selection pointing at things that exist; picks a dataset of the same kind as the book. */
  function reconcile(): void {
    const sel = selection.value;
    if (!books.value.some((b) => b.id === sel.bookId)) sel.bookId = books.value[0]?.id ?? null;
    if (!datasets.value.some((d) => d.id === sel.datasetId)) {
      const book = books.value.find((b) => b.id === sel.bookId);
      // A synthetic book is priced by the synthetic market generated with it, a real book by real data.
      const sameKind = datasets.value.find((d) => d.synthetic === (book?.synthetic ?? false));
      sel.datasetId = (sameKind ?? datasets.value[0])?.id ?? null;
    }
  }

  async function load(): Promise<void> {
    const [b, d] = await Promise.all([call(() => api().book.list({})), call(() => api().dataset.list({}))]);
    if (b) books.value = b.books;
    if (d) datasets.value = d.datasets;
    if (b && d) loaded.value = true;
    reconcile();
  }

  async function importBook(fileName: string, text: string): Promise<boolean> {
    const out = await runJob(`Importing book ${fileName}`, (jobId) => api().book.import({ fileName, text, jobId }));
    if (!out) return false;
    lastImported.value = out;
    await load();
    selection.value.bookId = out.id;
    return true;
  }

  async function createSample(): Promise<boolean> {
    const out = await runJob('Creating sample workspace', (jobId) => api().workspace.createSample({ jobId }));
    if (!out) return false;
    lastImported.value = null;
    await load();
    selection.value.bookId = out.bookId;
    selection.value.datasetId = out.datasetId;
    return true;
  }

  function clearError(): void {
    error.value = null;
  }

  function showError(shown: ShownError): void {
    error.value = shown;
  }

  return {
    books, datasets, loaded, error, activeJobId, lastImported, selection,
    call, runJob, load, importBook, createSample, clearError, showError,
  };
});
