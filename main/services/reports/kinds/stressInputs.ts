/**
 * What stress and reverse-stress runs (main/services/stress) read, for the report and the audit
 * bundle: the book, the dataset series of the book's assets (bars with their traded volume, which
 * the cascade's depth model reads), the margin model (a saved configuration is bundled as a
 * document; a preset ships with the app) and, for a run that named a stored scenario, that scenario
 * as a document. The run records the scenario it used in its inputs (a stored one may be edited
 * later), so the bundled document is that recorded definition, under the stored id and hash.
 */
import { bookToWire, type BookWire } from '../../../core/book/wire';
import { InputError } from '../../../core/errors';
import type { Cell, ProvenanceRecord, RunInputRecord } from '../../../core/report';
import { flattenParameters } from '../../../core/report';
import type { ScenarioWire } from '../../../core/stress/scenario';
import type { Store } from '../../../store';
import { contentHash } from '../../../store/hash';
import type { RunRecord } from '../../../store/runs';
import type { BundleInputs, BundleInputsBuilder } from '../../audit/bundle';
import type { ServiceContext } from '../../context';
import { PRESETS } from '../../models';
import type { StressRunInputs } from '../../stress/inputs';
import { seriesOfBook } from './margin';
import { bundleBook, bundleSeries, provenanceRecords, recordedInputs, restoreBook, restoreDataset, restoreDocument } from './shared';

const FIELDS = ['bookId', 'bookHash', 'modelId', 'modelHash', 'datasetId', 'seriesHashes', 'at', 'scenarioId', 'scenarioHash', 'scenario'] as const;

/** The recorded inputs of a stress or reverse-stress run (services/stress/inputs.ts StressRunInputs). */
export function stressInputsOf(run: { id: string; inputs: unknown }): StressRunInputs {
  return recordedInputs<StressRunInputs>(run, FIELDS);
}

const isPreset = (modelId: string): boolean => PRESETS.some((p) => p.id === modelId);

/** The series the run's valuation read: the book's underlyings and collateral assets that the dataset has. */
function usedSeries(store: Store, runId: string, inputs: StressRunInputs): Record<string, string> {
  const book = store.books.load(inputs.bookId);
  if (!book) throw new InputError(`run ${runId}: book ${inputs.bookId} has been deleted`);
  return seriesOfBook(bookToWire(book), inputs.seriesHashes);
}

/** Inputs by content hash for the audit trail. */
export function stressInputRecords(inputs: StressRunInputs, used: Record<string, string>): RunInputRecord[] {
  return [
    { role: 'book', id: inputs.bookId, contentHash: inputs.bookHash },
    { role: isPreset(inputs.modelId) ? 'model (preset)' : 'model', id: inputs.modelId, contentHash: inputs.modelHash },
    { role: inputs.scenarioId === null ? 'scenario (inline, in the parameters)' : 'scenario', id: inputs.scenarioId ?? inputs.scenario.name, contentHash: inputs.scenarioHash },
    ...Object.entries(used).map(([asset, h]) => ({ role: `series ${asset}`, id: inputs.datasetId, contentHash: h })),
  ];
}

/** Provenance and inputs of a run, as the store holds them now (a deleted book leaves only the recorded hashes). */
export function stressInputsAndProvenance(store: Store, run: RunRecord): { inputs: RunInputRecord[]; provenance: ProvenanceRecord[] } {
  const inputs = stressInputsOf(run);
  let used: Record<string, string>;
  try {
    used = usedSeries(store, run.id, inputs);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // The book was deleted: every series the dataset had at run time is listed instead.
    used = inputs.seriesHashes;
  }
  return { inputs: stressInputRecords(inputs, used), provenance: provenanceRecords(store, inputs.datasetId, used) };
}

/** Scenario rows for the parameters table: name, where it came from, its hash, and its shocks flattened. */
export function scenarioParameterRows(inputs: StressRunInputs, maxShockRows = 40): [string, Cell][] {
  const s: ScenarioWire = inputs.scenario;
  return [
    ['Scenario', `${s.name} (${inputs.scenarioId === null ? 'given inline' : `stored scenario ${inputs.scenarioId}`})`],
    ['Scenario content hash', inputs.scenarioHash],
    ...(s.source ? [['Scenario source', s.source] as [string, Cell]] : []),
    ...flattenParameters(s.shocks, maxShockRows, 'scenario.shocks'),
  ];
}

/** Adds what the run read to a bundle; refuses (InputError naming the run) what is no longer stored as it was read. */
export function collectStressInputs(run: RunRecord, store: Store, into: BundleInputsBuilder): void {
  const inputs = stressInputsOf(run);
  const book = bundleBook(store, run.id, inputs.bookId, inputs.bookHash);
  into.addBook(book);
  for (const [asset, hash] of Object.entries(seriesOfBook(book.book as BookWire, inputs.seriesHashes))) into.addSeries(bundleSeries(store, run.id, inputs.datasetId, asset, hash));
  if (!isPreset(inputs.modelId)) {
    const model = store.models.get(inputs.modelId);
    if (!model) throw new InputError(`run ${run.id}: model configuration ${inputs.modelId} has been deleted; it cannot be bundled`);
    if (model.contentHash !== inputs.modelHash) throw new InputError(`run ${run.id}: model configuration ${inputs.modelId} was changed after the run (content hash differs); the configuration the run read is no longer stored`);
    into.addDocument({ table: 'models', id: model.id, name: model.name, kind: model.kind, contentHash: model.contentHash, body: model.body });
  }
  if (inputs.scenarioId !== null) {
    if (contentHash(inputs.scenario) !== inputs.scenarioHash) throw new InputError(`run ${run.id}: its recorded scenario does not hash to its recorded scenario hash`);
    into.addDocument({ table: 'scenarios', id: inputs.scenarioId, name: inputs.scenario.name.trim(), kind: 'scenario', contentHash: inputs.scenarioHash, body: inputs.scenario });
  }
}

/**
 * Restores the run's book, series, model and stored scenario into the fresh store of a re-run and
 * returns the scenario reference for the service: the stored id, or the inline scenario as recorded.
 */
export function restoreStressInputs(run: { id: string; inputs: unknown }, bundle: BundleInputs, ctx: ServiceContext, problems: string[]): { scenarioId: string } | { scenario: ScenarioWire } {
  const inputs = stressInputsOf(run);
  const nowIso = ctx.now().toISOString();
  const book = bundle.books.find((b) => b.id === inputs.bookId && b.contentHash === inputs.bookHash);
  if (!book) throw new InputError(`the bundle holds no book ${inputs.bookId} with hash ${inputs.bookHash.slice(0, 12)}…`);
  restoreDataset(ctx.store, bundle, inputs.datasetId, seriesOfBook(book.book as BookWire, inputs.seriesHashes), problems, nowIso);
  restoreBook(ctx.store, bundle, inputs.bookId, inputs.bookHash, problems, nowIso);
  const preset = PRESETS.find((p) => p.id === inputs.modelId);
  if (preset) {
    // Presets ship with the app: a re-run uses this version's preset, which must be the one the run used.
    if (preset.contentHash !== inputs.modelHash) problems.push(`preset ${inputs.modelId} differs in this app version from the one the run used`);
  } else {
    restoreDocument(ctx.store, bundle, 'models', inputs.modelId, inputs.modelHash, problems, nowIso);
  }
  if (inputs.scenarioId === null) {
    if (contentHash(inputs.scenario) !== inputs.scenarioHash) problems.push('the inline scenario in the recorded inputs does not hash to the recorded scenario hash');
    return { scenario: inputs.scenario };
  }
  restoreDocument(ctx.store, bundle, 'scenarios', inputs.scenarioId, inputs.scenarioHash, problems, nowIso);
  return { scenarioId: inputs.scenarioId };
}
