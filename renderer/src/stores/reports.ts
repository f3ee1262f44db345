import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OutputOf, Result } from '../../../preload/contract';
import type { ReportFormat, ReportSection } from '../../../preload/contract/schemas/reports';
import { api, fromApiError, fromThrown, type ShownError } from '../api';
import type { RunInfo } from '../components/compare/typicalPairs';
import { useJobsStore } from './jobs';

export type { ReportFormat, ReportSection, RunInfo };
export type ExportedFile = OutputOf<'report:export'>;

/** The report's sections in reading order (preload/contract/schemas/reports.ts ReportSection), with their headings. */
export const SECTIONS: { id: ReportSection; title: string; help: string }[] = [
  { id: 'summary', title: 'Executive summary', help: 'cover, contents and the key figures of every run' },
  { id: 'methodology', title: 'Methodology', help: 'each method used, with its sources' },
  { id: 'parameters', title: 'Parameters', help: 'every run’s parameters' },
  { id: 'margin', title: 'Margin requirements', help: 'book totals, prices, margin-ratio histogram, largest requirements' },
  { id: 'calibration', title: 'Calibration results', help: 'calibrated parameters with intervals; sweep frontiers' },
  { id: 'backtest', title: 'Backtest results', help: 'coverage tests, margin against loss, exceptions' },
  { id: 'stress', title: 'Stress results', help: 'stress runs, when recorded' },
  { id: 'provenance', title: 'Appendix A — Data provenance', help: 'every price series read, gaps and bad prints' },
  { id: 'audit', title: 'Appendix B — Audit trail', help: 'run ids, hashes, seeds, versions' },
];

export const FORMATS: { id: ReportFormat; title: string }[] = [
  { id: 'pdf', title: 'PDF (A4)' },
  { id: 'html', title: 'HTML (one file)' },
  { id: 'xlsx', title: 'XLSX (one sheet per table)' },
  { id: 'csv', title: 'CSV (one file per table)' },
];

export interface LastExport extends ExportedFile {
  format: ReportFormat;
}

/** The Reports view: runs and sections chosen, the HTML preview, exports with progress, audit bundles. */
export const useReportsStore = defineStore('reports', () => {
  const runs = ref<RunInfo[]>([]);
  const loaded = ref(false);
  const error = ref<ShownError | null>(null);
  const selected = ref<string[]>([]);
  const sections = ref<ReportSection[]>(SECTIONS.map((s) => s.id));
  const title = ref('');
  const preparer = ref('');
  const format = ref<ReportFormat>('pdf');
  const previewHtml = ref<string | null>(null);
  const previewing = ref(false);
  const exportJobId = ref<string | null>(null);
  /** Files written by this window's exports, newest first. */
  const exported = ref<LastExport[]>([]);
  const bundle = ref<ExportedFile | null>(null);
  const bundling = ref(false);
  const folder = ref<{ opened: boolean; path: string } | null>(null);

  const succeeded = computed(() => runs.value.filter((r) => r.status === 'succeeded'));
  const exporting = computed(() => {
    const job = exportJobId.value ? useJobsStore().jobs[exportJobId.value] : undefined;
    return job?.phase === 'running' || job?.phase === 'queued';
  });
  const ready = computed(() => selected.value.length > 0 && sections.value.length > 0);

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

  /** The request every channel takes; empty title/preparer fall back to the service defaults. */
  const request = () => ({
    runIds: [...selected.value],
    sections: SECTIONS.map((s) => s.id).filter((id) => sections.value.includes(id)),
    ...(title.value.trim() ? { title: title.value.trim() } : {}),
    ...(preparer.value.trim() ? { preparer: preparer.value.trim() } : {}),
  });

  async function load(): Promise<void> {
    const out = await call(() => api().run.list({ limit: 1000 }));
    if (out) runs.value = out.runs;
    loaded.value = out !== null;
    selected.value = selected.value.filter((id) => succeeded.value.some((r) => r.id === id));
  }

  function toggleRun(runId: string): void {
    selected.value = selected.value.includes(runId) ? selected.value.filter((id) => id !== runId) : [...selected.value, runId];
  }

  function setSelected(ids: readonly string[]): void {
    selected.value = [...ids];
  }

  function toggleSection(id: ReportSection): void {
    sections.value = sections.value.includes(id) ? sections.value.filter((s) => s !== id) : [...sections.value, id];
  }

  async function preview(): Promise<void> {
    if (!ready.value) return;
    previewing.value = true;
    error.value = null;
    const out = await call(() => api().report.preview(request()));
    previewing.value = false;
    if (out) previewHtml.value = out.html;
  }

  /** report:export as a job (progress events under a job id made here); the file lands in <data dir>/exports. */
  async function exportReport(): Promise<LastExport | null> {
    if (!ready.value || exporting.value) return null;
    const jobs = useJobsStore();
    const fmt = format.value;
    const jobId = jobs.begin(`Exporting the report as ${fmt.toUpperCase()}`);
    exportJobId.value = jobId;
    error.value = null;
    try {
      const res = await api().report.export({ ...request(), format: fmt, jobId });
      if (res.ok) {
        jobs.settle(jobId, 'succeeded', `written: ${res.data.fileName}`);
        const file = { ...res.data, format: fmt };
        exported.value = [file, ...exported.value];
        return file;
      }
      jobs.settle(jobId, res.error.code === 'CANCELLED' ? 'cancelled' : 'failed', res.error.message);
      error.value = fromApiError(res.error);
    } catch (err) {
      jobs.settle(jobId, 'failed');
      error.value = fromThrown(err);
    }
    return null;
  }

  async function exportBundle(): Promise<void> {
    if (selected.value.length === 0) return;
    bundling.value = true;
    error.value = null;
    const out = await call(() => api().audit.exportBundle({ runIds: [...selected.value] }));
    bundling.value = false;
    if (out) bundle.value = out;
  }

  async function openFolder(): Promise<void> {
    const out = await call(() => api().app.openExportsFolder({}));
    if (out) folder.value = out;
  }

  function clearError(): void {
    error.value = null;
  }

  return {
    runs, loaded, error, selected, sections, title, preparer, format, previewHtml, previewing, exportJobId, exported, bundle, bundling, folder,
    succeeded, exporting, ready, load, toggleRun, setSelected, toggleSection, preview, exportReport, exportBundle, openFolder, clearError,
  };
});
