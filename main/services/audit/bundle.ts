/**
 * The audit bundle: one JSON document holding, for each run, what it was (kind, parameters, seed,
 * app version, input and result hashes) AND the input data itself (the bars of every price series
 * it read, the book in wire form, stored documents such as scenarios), so it can be re-run on a
 * machine without the original database. Format: docs/formats.md.
 */
import { z } from 'zod';
import { describeIssues } from '../../../preload/contract/issues';
import { InputError } from '../../core/errors';

export const BUNDLE_FORMAT = 'margin-workbench/audit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest');
const Text = z.string().max(10_000);

/** One bar as [date, open, high, low, close, volume], decimals as the stored strings. */
const BarRow = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string(), z.string(), z.string(), z.string(), z.string()]);

export const BundleSeries = z.strictObject({
  datasetId: z.string().min(1).max(128),
  datasetName: z.string().min(1).max(200),
  synthetic: z.boolean(),
  asset: z.string().min(1).max(20),
  format: Text,
  sourceFile: Text,
  importedAt: Text,
  /** The import report (gaps, bad prints) as stored. */
  report: z.unknown(),
  /** barsHash of `bars`: the hash the run recorded for this series. */
  contentHash: Hash,
  bars: z.array(BarRow).min(1),
});
export type BundleSeries = z.infer<typeof BundleSeries>;

export const BundleBook = z.strictObject({
  id: z.string().min(1).max(128),
  name: z.string().max(200),
  synthetic: z.boolean(),
  source: Text,
  /** The book's content hash as the store recorded it (the run's `bookHash`). */
  contentHash: Hash,
  /** sha256 of the canonical JSON of `book`, checked before a re-run. */
  wireHash: Hash,
  /** The book in wire form (decimals as strings; preload/contract BookFile shape). */
  book: z.unknown(),
});
export type BundleBook = z.infer<typeof BundleBook>;

/** A stored JSON document a run read (a saved model configuration, a scenario …). */
export const BundleDocument = z.strictObject({
  table: z.enum(['models', 'scenarios']),
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  kind: z.string().max(64),
  contentHash: Hash,
  body: z.unknown(),
});
export type BundleDocument = z.infer<typeof BundleDocument>;

export const BundleRun = z.strictObject({
  id: z.string().min(1).max(128),
  kind: z.string().min(1).max(64),
  label: z.string().max(1000),
  inputHash: Hash,
  inputs: z.unknown(),
  params: z.unknown(),
  seed: z.number().int().nullable(),
  appVersion: z.string().max(64),
  resultHash: Hash,
  createdAt: z.string().max(64),
  finishedAt: z.string().max(64).nullable(),
});
export type BundleRun = z.infer<typeof BundleRun>;

export const BundleInputs = z.strictObject({
  series: z.array(BundleSeries),
  books: z.array(BundleBook),
  documents: z.array(BundleDocument),
});
export type BundleInputs = z.infer<typeof BundleInputs>;

export const AuditBundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  createdAt: z.string().max(64),
  /** Version of the app that wrote the bundle (each run carries its own). */
  appVersion: z.string().max(64),
  runs: z.array(BundleRun).min(1),
  inputs: BundleInputs,
});
export type AuditBundle = z.infer<typeof AuditBundle>;

/** Parses and validates a bundle file's text; errors name the file and the offending field. */
export function parseBundle(text: string, fileName: string): AuditBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== BUNDLE_FORMAT) throw new InputError(`${fileName}: not an audit bundle (format is ${JSON.stringify(format ?? null)}, expected "${BUNDLE_FORMAT}")`);
  const parsed = AuditBundle.safeParse(raw);
  if (!parsed.success) throw new InputError(`${fileName}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Collects input data for a bundle, once per series / book / document whatever number of runs read it. */
export interface BundleInputsBuilder {
  addSeries(s: BundleSeries): void;
  addBook(b: BundleBook): void;
  addDocument(d: BundleDocument): void;
  build(): BundleInputs;
}

export function bundleInputsBuilder(): BundleInputsBuilder {
  const series = new Map<string, BundleSeries>();
  const books = new Map<string, BundleBook>();
  const documents = new Map<string, BundleDocument>();
  return {
    addSeries: (s) => void (series.has(seriesKey(s)) || series.set(seriesKey(s), s)),
    addBook: (b) => void (books.has(b.id) || books.set(b.id, b)),
    addDocument: (d) => void (documents.has(`${d.table}:${d.id}:${d.contentHash}`) || documents.set(`${d.table}:${d.id}:${d.contentHash}`, d)),
    build: () => ({ series: [...series.values()], books: [...books.values()], documents: [...documents.values()] }),
  };
}

export const seriesKey = (s: { datasetId: string; asset: string; contentHash: string }): string => `${s.datasetId}\u0000${s.asset}\u0000${s.contentHash}`;
