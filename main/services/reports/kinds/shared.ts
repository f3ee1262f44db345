/**
 * Helpers every run kind's adapter shares: the audit record of a run, the provenance of the series
 * it read, and moving inputs into a bundle (from the user's store) and out of it (into the fresh
 * temporary store of a re-run), with every hash checked on the way.
 */
import { bookFromWire, bookToWire, type BookWire } from '../../../core/book/wire';
import { InputError } from '../../../core/errors';
import type { ProvenanceRecord, RunAuditRecord } from '../../../core/report';
import type { Bar } from '../../../core/market/types';
import type { Store } from '../../../store';
import { contentHash } from '../../../store/hash';
import type { RunRecord } from '../../../store/runs';
import type { BundleBook, BundleDocument, BundleInputs, BundleInputsBuilder, BundleSeries } from '../../audit/bundle';
import type { ServiceContext } from '../../context';
import { barsHash } from '../../datasets';

export function auditRecord(run: RunRecord): RunAuditRecord {
  return {
    id: run.id, kind: run.kind, label: run.label, status: run.status, inputHash: run.inputHash, resultHash: run.resultHash, seed: run.seed,
    appVersion: run.appVersion, createdAt: run.createdAt, finishedAt: run.finishedAt, durationMs: run.durationMs,
  };
}

/** The recorded inputs of a run, checked for the fields an adapter needs (a run written by another version may lack them). */
export function recordedInputs<T extends object>(run: { id: string; inputs: unknown }, fields: readonly (keyof T & string)[]): T {
  const inputs = run.inputs as Record<string, unknown> | null;
  const missing = fields.filter((f) => inputs === null || typeof inputs !== 'object' || inputs[f] === undefined);
  if (missing.length) throw new InputError(`run ${run.id}: its recorded inputs lack ${missing.join(', ')}`);
  return inputs as T;
}

/** Provenance of the series a run read (as the store holds them now, flagged when re-imported since). */
export function provenanceRecords(store: Store, datasetId: string, seriesHashes: Record<string, string>): ProvenanceRecord[] {
  const dataset = store.datasets.get(datasetId);
  return Object.entries(seriesHashes).sort(([a], [b]) => a.localeCompare(b)).map(([asset, recordedHash]) => {
    const s = dataset?.series.find((x) => x.asset === asset);
    const report = (s?.report ?? {}) as { gaps?: ProvenanceRecord['gaps']; missingDays?: number; badPrints?: { date: string; field: string; value: string; reason: string }[] };
    return {
      datasetId, datasetName: dataset?.name ?? `${datasetId} (deleted)`, synthetic: dataset?.synthetic ?? false, asset,
      firstDate: s?.firstDate ?? '—', lastDate: s?.lastDate ?? '—', rows: s?.rows ?? 0, missingDays: report.missingDays ?? 0,
      gaps: (report.gaps ?? []).map((g) => ({ from: g.from, to: g.to, days: g.days })),
      badPrints: (report.badPrints ?? []).map((b) => ({ date: b.date, field: b.field, value: b.value, reason: b.reason })),
      format: s?.format ?? '—', sourceFile: s?.sourceFile ?? '—', recordedHash, storedHash: s?.contentHash ?? null,
    };
  });
}

/** One series of the user's store for a bundle; refuses when the store no longer holds the bars the run read. */
export function bundleSeries(store: Store, runId: string, datasetId: string, asset: string, recordedHash: string): BundleSeries {
  const dataset = store.datasets.get(datasetId);
  if (!dataset) throw new InputError(`run ${runId}: dataset ${datasetId} has been deleted; its prices cannot be bundled`);
  const s = dataset.series.find((x) => x.asset === asset);
  if (!s) throw new InputError(`run ${runId}: dataset "${dataset.name}" no longer has a ${asset} series; its prices cannot be bundled`);
  if (s.contentHash !== recordedHash) {
    throw new InputError(`run ${runId}: the ${asset} series of dataset "${dataset.name}" was re-imported after the run (recorded ${recordedHash.slice(0, 12)}…, stored ${s.contentHash.slice(0, 12)}…); the bars the run read are no longer stored`);
  }
  const bars = store.datasets.readBars(datasetId, asset);
  return {
    datasetId, datasetName: dataset.name, synthetic: dataset.synthetic, asset, format: s.format, sourceFile: s.sourceFile, importedAt: s.importedAt,
    report: s.report, contentHash: s.contentHash, bars: bars.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume]),
  };
}

/** A stored book for a bundle, in wire form. */
export function bundleBook(store: Store, runId: string, bookId: string, recordedHash: string): BundleBook {
  const summary = store.books.summary(bookId);
  const book = store.books.load(bookId);
  if (!summary || !book) throw new InputError(`run ${runId}: book ${bookId} has been deleted; it cannot be bundled`);
  if (summary.contentHash !== recordedHash) throw new InputError(`run ${runId}: book ${bookId} is not the book the run read (content hash differs)`);
  const wire = bookToWire(book);
  return { id: bookId, name: book.name, synthetic: book.synthetic, source: summary.source, contentHash: summary.contentHash, wireHash: contentHash(wire), book: wire };
}

/**
 * Restores the named series of one dataset into a fresh store, checking each against the hash the
 * run recorded (a mismatch is reported as a problem; the re-run still goes ahead, so the result
 * hash shows what the changed data gives).
 */
export function restoreDataset(store: Store, inputs: BundleInputs, datasetId: string, seriesHashes: Record<string, string>, problems: string[], nowIso: string): void {
  const wanted = Object.entries(seriesHashes);
  const found = wanted.map(([asset, hash]) => {
    const s = inputs.series.find((x) => x.datasetId === datasetId && x.asset === asset && x.contentHash === hash);
    if (!s) throw new InputError(`the bundle holds no ${asset} bars of dataset ${datasetId} with hash ${hash.slice(0, 12)}…`);
    return s;
  });
  if (found.length === 0) throw new InputError(`the bundle names no series of dataset ${datasetId}`);
  store.transaction(() => {
    if (!store.datasets.get(datasetId)) store.datasets.create({ id: datasetId, name: found[0].datasetName, synthetic: found[0].synthetic, createdAt: nowIso });
    for (const s of found) {
      const bars: Bar[] = s.bars.map(([date, open, high, low, close, volume]) => ({ date, open, high, low, close, volume }));
      const actual = barsHash(bars);
      if (actual !== s.contentHash) problems.push(`${s.asset} bars of dataset "${s.datasetName}" hash to ${actual.slice(0, 12)}…, not the recorded ${s.contentHash.slice(0, 12)}…`);
      store.datasets.putSeries(datasetId, {
        asset: s.asset, format: s.format, sourceFile: s.sourceFile, contentHash: actual, firstDate: bars[0].date, lastDate: bars[bars.length - 1].date,
        rows: bars.length, importedAt: s.importedAt, report: s.report,
      }, bars);
    }
  });
}

/** Restores a book (same id) into a fresh store, checking its wire hash. */
export function restoreBook(store: Store, inputs: BundleInputs, bookId: string, recordedHash: string, problems: string[], nowIso: string): void {
  const b = inputs.books.find((x) => x.id === bookId && x.contentHash === recordedHash);
  if (!b) throw new InputError(`the bundle holds no book ${bookId} with hash ${recordedHash.slice(0, 12)}…`);
  if (contentHash(b.book) !== b.wireHash) problems.push(`book ${bookId} does not hash to its recorded wire hash (it was changed)`);
  const book = bookFromWire(b.book as BookWire, bookId);
  store.transaction(() => store.books.insert(book, { contentHash: b.contentHash, source: b.source, createdAt: nowIso }));
}

/** Restores a stored document (a saved model, a scenario) under its id, checking its content hash. */
export function restoreDocument(store: Store, inputs: BundleInputs, table: BundleDocument['table'], id: string, recordedHash: string, problems: string[], nowIso: string): void {
  const d = inputs.documents.find((x) => x.table === table && x.id === id && x.contentHash === recordedHash);
  if (!d) throw new InputError(`the bundle holds no ${table} document ${id} with hash ${recordedHash.slice(0, 12)}…`);
  if (contentHash(d.body) !== d.contentHash) problems.push(`${table} document ${id} does not hash to its recorded hash (it was changed)`);
  store.transaction(() => store[table].put({ id, name: d.name, kind: d.kind, body: d.body, contentHash: d.contentHash, preset: false, provenance: null }, nowIso));
}

/** What calibration runs record as inputs (calibrationPrices.ts runInputs). */
export interface DatasetRunInputs { datasetId: string; datasetName: string; synthetic: boolean; seriesHashes: Record<string, string> }

/** Restores a calibration run's dataset (the series it recorded) and returns the price source for the service. */
export function restoreDatasetRun(run: { id: string; inputs: unknown }, inputs: BundleInputs, ctx: ServiceContext, problems: string[]) {
  const recorded = recordedInputs<DatasetRunInputs>(run, ['datasetId', 'seriesHashes']);
  restoreDataset(ctx.store, inputs, recorded.datasetId, recorded.seriesHashes, problems, ctx.now().toISOString());
  return { kind: 'dataset' as const, ref: recorded.datasetId };
}

/** Bundles the series a calibration run recorded. */
export function collectDatasetRun(run: RunRecord, store: Store, into: BundleInputsBuilder): void {
  const recorded = recordedInputs<DatasetRunInputs>(run, ['datasetId', 'seriesHashes']);
  for (const [asset, hash] of Object.entries(recorded.seriesHashes)) into.addSeries(bundleSeries(store, run.id, recorded.datasetId, asset, hash));
}

export const datasetInputRecords = (recorded: DatasetRunInputs) =>
  Object.entries(recorded.seriesHashes).sort(([a], [b]) => a.localeCompare(b)).map(([asset, h]) => ({ role: `series ${asset}`, id: recorded.datasetId, contentHash: h }));
