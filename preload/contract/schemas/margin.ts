import { z } from 'zod';
import { DecimalString, Finite, Id, IsoDate, JobId } from './common';

/** margin:compute — one model over one book at one date, stored as a run. */
export const MarginComputeInput = z.strictObject({
  bookId: Id,
  /** A preset id (`preset:…`) or a saved model configuration id. */
  modelId: z.string().min(1).max(200),
  /** Prices (and history for VaR models) come from this dataset. */
  datasetId: Id,
  /** Valuation date; default: the last date every needed asset has. */
  at: IsoDate.optional(),
  jobId: JobId.optional(),
});

export const MarginTotals = z.strictObject({
  accounts: z.number().int(),
  /** Accounts whose equity is below maintenance margin at the valuation prices. */
  liquidatable: z.number().int(),
  initialMarginUsd: DecimalString,
  maintenanceMarginUsd: DecimalString,
  equityUsd: DecimalString,
  grossNotionalUsd: DecimalString,
});

export const MarginRunSummary = z.strictObject({
  runId: z.string(),
  bookId: Id,
  bookName: z.string(),
  synthetic: z.boolean(),
  model: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
  datasetId: Id,
  at: IsoDate,
  prices: z.record(z.string(), Finite),
  totals: MarginTotals,
  /** Positions the model does not margin (e.g. options under the tiered model), with the reason. */
  excluded: z.array(z.strictObject({ accountId: z.string(), instrumentId: z.string(), reason: z.string() })).max(10_000),
  durationMs: Finite,
  resultHash: z.string(),
});
export type MarginRunSummary = z.infer<typeof MarginRunSummary>;

export const MarginAccountRow = z.strictObject({
  accountId: z.string(),
  marginMode: z.enum(['cross', 'isolated']),
  equityUsd: Finite,
  initialMarginUsd: Finite,
  maintenanceMarginUsd: Finite,
  /** MM / equity (≥ 1 means liquidatable); null when equity ≤ 0. */
  marginRatio: Finite.nullable(),
  freeMarginUsd: Finite,
  grossNotionalUsd: Finite,
  /** Gross notional / equity; null when equity ≤ 0. */
  leverage: Finite.nullable(),
  /** Uniform adverse move, as a fraction of gross notional, that consumes equity − MM (docs/methodology.md). */
  distanceToLiquidation: Finite.nullable(),
  liquidatable: z.boolean(),
});
export type MarginAccountRow = z.infer<typeof MarginAccountRow>;

export const MarginAccountsInput = z.strictObject({
  runId: z.string().min(1).max(64),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(500),
  sortBy: z.enum(['accountId', 'equityUsd', 'initialMarginUsd', 'maintenanceMarginUsd', 'marginRatio', 'freeMarginUsd', 'grossNotionalUsd', 'leverage', 'distanceToLiquidation']).default('marginRatio'),
  descending: z.boolean().default(true),
  /** Substring of the account id. */
  filter: z.string().max(100).optional(),
  onlyLiquidatable: z.boolean().default(false),
});
export const MarginAccountsOutput = z.strictObject({ total: z.number().int(), rows: z.array(MarginAccountRow) });

export const MarginExplainInput = z.strictObject({ runId: z.string().min(1).max(64), accountId: z.string().min(1).max(128) });
/** The model's explain output for one account: components and what drove the requirement (plain JSON). */
export const MarginExplainOutput = z.strictObject({
  accountId: z.string(),
  model: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
  at: IsoDate,
  summary: z.strictObject({
    equityUsd: DecimalString, initialMarginUsd: DecimalString, maintenanceMarginUsd: DecimalString,
    marginRatio: DecimalString.nullable(), freeMarginUsd: DecimalString,
  }),
  /** What drove the requirement, in words (e.g. "BTC −15 %, vol up", "2022-11-09"). */
  drivers: z.array(z.string()),
  components: z.array(z.strictObject({ name: z.string(), amountUsd: DecimalString, detail: z.string() })),
  detail: z.unknown(),
});
export type MarginExplainOutput = z.infer<typeof MarginExplainOutput>;

export const RunListInput = z.strictObject({ kind: z.string().max(64).optional(), limit: z.number().int().min(1).max(1000).default(200) });
export const RunInfo = z.strictObject({
  id: z.string(), kind: z.string(), status: z.string(), label: z.string(), inputHash: z.string(), seed: z.number().nullable(),
  appVersion: z.string(), resultHash: z.string().nullable(), error: z.string().nullable(), createdAt: z.string(),
  finishedAt: z.string().nullable(), durationMs: z.number().nullable(),
});
export const RunListOutput = z.strictObject({ runs: z.array(RunInfo) });
export const RunIdInput = z.strictObject({ runId: z.string().min(1).max(64) });
