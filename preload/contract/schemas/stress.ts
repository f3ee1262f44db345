import { z } from 'zod';
import { AssetSymbol, Finite, Id, IsoDate, JobId, Name } from './common';
import { CorrelationBase, CorrelationOperation, Episode, ScenarioFile } from './scenarios';

/**
 * Payloads of the scenario:*, episode:*, correlation:* and stress:stressedPeriod channels (docs/formats:
 * scenarios, "Service, IPC and CLI"). Over IPC a dataset is named by id or name (never a path).
 * Matrices cross as arrays of rows (JSON has no typed arrays); statistics are JSON numbers.
 */
export const DatasetName = z.string().trim().min(1).max(200);
const Matrix = z.array(z.array(Finite));

// ---------------------------------------------------------------- scenario:*

/** A stored scenario without its shocks (scenario:list). */
export const ScenarioSummary = z.strictObject({
  id: Id,
  name: z.string(),
  description: z.string(),
  source: z.string(),
  shockCount: z.number().int(),
  /** Shock types in order of first appearance, e.g. ["price", "vol", "correlation"]. */
  shockTypes: z.array(z.string()),
  /** sha256 of the scenario's canonical JSON. */
  contentHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const ScenarioRecord = ScenarioSummary.extend({ scenario: ScenarioFile });
export type ScenarioRecord = z.infer<typeof ScenarioRecord>;

export const ScenarioListOutput = z.strictObject({ scenarios: z.array(ScenarioSummary) });
export const ScenarioIdInput = z.strictObject({ id: Id });
/**
 * `scenario` is checked by the service against ScenarioFile and then by the engine (parseScenario), so
 * every error names the field path (`scenario.shocks.0.shockPct: …`). Without `id` a new id is made;
 * with one, that scenario is replaced.
 */
export const ScenarioSaveInput = z.strictObject({ id: Id.optional(), scenario: z.unknown() });
export const ScenarioValidateInput = z.strictObject({ scenario: z.unknown() });
export const ScenarioIssue = z.strictObject({ path: z.string(), message: z.string() });
export const ScenarioValidateOutput = z.strictObject({
  valid: z.boolean(),
  issues: z.array(ScenarioIssue),
  /** Content hash of the valid scenario (null when invalid). */
  contentHash: z.string().nullable(),
  /** Assets the scenario names explicitly (a shock on "all" names none). */
  assets: z.array(z.string()),
});
export const ScenarioDeleteOutput = z.strictObject({ deleted: z.boolean() });

// ---------------------------------------------------------------- episode:*

export const EpisodeListOutput = z.strictObject({ episodes: z.array(Episode) });

/** A user-defined window: replayed like a library episode (anchorDate defaults to `to`). */
export const CustomWindow = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  anchorDate: IsoDate.optional(),
  name: Name.optional(),
});

export const EpisodeReplayInput = z.strictObject({
  datasetId: DatasetName,
  /** A library episode (episode:list) … */
  episodeId: Id.optional(),
  /** … or a custom window; exactly one of the two. */
  window: CustomWindow.optional(),
  mode: z.enum(['closeToClose', 'worstWindow']).default('closeToClose'),
  /** h of a worst-window replay (default 1). */
  horizonDays: z.number().int().min(1).max(366).optional(),
  /** Default: every asset of the dataset. */
  assets: z.array(AssetSymbol).min(1).max(500).optional(),
}).superRefine((v, ctx) => {
  if ((v.episodeId === undefined) === (v.window === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['episodeId'], message: 'give exactly one of episodeId and window' });
  }
});

export const ReplayMoveSchema = z.strictObject({
  asset: z.string(), fromDate: IsoDate, toDate: IsoDate, fromClose: Finite, toClose: Finite,
  /** (toClose − fromClose) / fromClose × 100. */
  returnPct: Finite,
});

export const EpisodeReplayOutput = z.strictObject({
  episode: Episode,
  datasetId: Id,
  mode: z.enum(['closeToClose', 'worstWindow']),
  horizonDays: z.number().int(),
  moves: z.array(ReplayMoveSchema),
  missingAssets: z.array(z.strictObject({ asset: z.string(), reason: z.string() })),
  /** The replay as a savable price scenario (scenario:save), or null when no asset could be replayed. */
  scenario: ScenarioFile.nullable(),
});
export type EpisodeReplayOutput = z.infer<typeof EpisodeReplayOutput>;

// ---------------------------------------------------------------- stress:stressedPeriod

export const StressedPeriodInput = z.strictObject({
  bookId: Id,
  datasetId: DatasetName,
  /** Length of the window in daily returns. */
  windowDays: z.number().int().min(1).max(3650),
  /** Search history up to and including this day (default: the last common date). */
  at: IsoDate.optional(),
  jobId: JobId.optional(),
});

export const StressedPeriodOutput = z.strictObject({
  bookId: Id,
  datasetId: Id,
  windowDays: z.number().int(),
  /** Date of the window's first return and of its last (the move runs from the close before `from`). */
  from: IsoDate,
  to: IsoDate,
  /** The book's loss over the window (full revaluation at today's positions), USD; > 0 is a loss. */
  lossUsd: Finite,
  /** Cumulative simple return of each asset over the window, %. */
  returnsPct: z.record(z.string(), Finite),
  windowsEvaluated: z.number().int(),
  /** History searched: first and last return dates. */
  dataFrom: IsoDate,
  dataTo: IsoDate,
  /** The window as a custom episode window (episode:replay { window }), anchored at `to`. */
  window: z.strictObject({ from: IsoDate, to: IsoDate, anchorDate: IsoDate }),
  /** The window's moves as a savable price scenario. */
  scenario: ScenarioFile,
  durationMs: Finite,
});
export type StressedPeriodOutput = z.infer<typeof StressedPeriodOutput>;

// ---------------------------------------------------------------- correlation:*

export const CorrelationBuildInput = z.strictObject({
  datasetId: DatasetName,
  assets: z.array(AssetSymbol).min(2).max(200).refine((a) => new Set(a).size === a.length, 'lists an asset twice'),
  /** sample or EWMA (lambda), on the whole history up to `at` or on a window. */
  base: CorrelationBase,
  at: IsoDate.optional(),
});

export const CorrelationMatrixOutput = z.strictObject({
  assets: z.array(z.string()),
  /** Rows of the n × n matrix. */
  matrix: Matrix,
  estimator: z.enum(['sample', 'ewma']),
  lambda: Finite.nullable(),
  /** First and last return dates used, and how many. */
  from: IsoDate,
  to: IsoDate,
  observations: z.number().int(),
});
export type CorrelationMatrixOutput = z.infer<typeof CorrelationMatrixOutput>;

export const CorrelationShockInput = CorrelationBuildInput.extend({
  operations: z.array(CorrelationOperation).min(1).max(1000),
  /** k: each operation's weight becomes min(1, k·w) (default 1). */
  severity: z.number().min(0).max(1000).default(1),
});

export const RepairReport = z.strictObject({
  /** False when the shocked matrix already was a valid correlation matrix (0 iterations). */
  needed: z.boolean(),
  iterations: z.number().int(),
  /** ‖repaired − shocked‖_F and max |repaired − shocked|. */
  frobeniusChange: Finite,
  maxChange: Finite,
  /** Ascending eigenvalues of the shocked matrix and of the repaired one. */
  eigenvaluesBefore: z.array(Finite),
  eigenvaluesAfter: z.array(Finite),
  /** Off-diagonal pairs (i < j) the repair moved, with their values before and after. */
  changedEntries: z.array(z.strictObject({ i: z.number().int(), j: z.number().int(), assets: z.tuple([z.string(), z.string()]), before: Finite, after: Finite })),
});

export const CorrelationShockOutput = z.strictObject({
  base: CorrelationMatrixOutput,
  /** After the operations, before the repair (may be indefinite). */
  shocked: Matrix,
  /** The nearest correlation matrix to `shocked` (Higham 2002): what a simulation uses. */
  repaired: Matrix,
  /** repaired − base, entry by entry. */
  change: Matrix,
  /** min(1, k·w) of each operation, in order. */
  effectiveWeights: z.array(Finite),
  severity: Finite,
  repair: RepairReport,
});
export type CorrelationShockOutput = z.infer<typeof CorrelationShockOutput>;
