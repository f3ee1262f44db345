import { z } from 'zod';
import { DecimalString, Finite, IsoDate } from './common';

/**
 * Payloads of the compare:* channels (issue "Compare runs and export committee reports"): two or
 * more stored runs of one kind side by side — shared-axis chart data, difference tables and what
 * changed between their inputs. Differences are always OTHER − BASE, the base being the first run
 * named. Money totals stay decimal strings; per-account and statistical figures are float64.
 */

export const MAX_COMPARE_RUNS = 6;
const RunId = z.string().min(1).max(64);

export const CompareRunsInput = z.strictObject({
  /** The first run is the base every difference is taken against. */
  runIds: z.array(RunId).min(2, 'choose at least two runs to compare').max(MAX_COMPARE_RUNS)
    .refine((ids) => new Set(ids).size === ids.length, 'name each run once'),
});

export const CompareRun = z.strictObject({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  /** Short name for legends and column headers (the model, the backtest label …). */
  title: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  seed: z.number().int().nullable(),
  resultHash: z.string().nullable(),
  synthetic: z.boolean(),
});
export type CompareRun = z.infer<typeof CompareRun>;

/** One field of the runs' recorded inputs, one value per run (null: the run does not have it). */
export const ChangeRow = z.strictObject({
  group: z.enum(['run', 'inputs', 'data', 'parameters']),
  field: z.string(),
  values: z.array(z.string().nullable()),
  changed: z.boolean(),
});
export type ChangeRow = z.infer<typeof ChangeRow>;

/** counts[run][bin] on bins shared by every run. */
const SharedHistogram = z.strictObject({
  /** bins + 1 ascending edges; bin j is [edges[j], edges[j+1]), the last one closed. */
  edges: z.array(Finite),
  counts: z.array(z.array(z.number().int())),
});

/**
 * Shared bins (equal-width, or log-spaced for bad debt) between the type-7 1 % and 99 % quantiles of
 * the pooled non-zero values; per run the exact zeros and the values below / above the bins are
 * counted apart.
 */
const TailedHistogram = SharedHistogram.extend({
  zero: z.array(z.number().int()), below: z.array(z.number().int()), above: z.array(z.number().int()),
});

// ---------------------------------------------------------------- margin runs

const MarginTotalsRow = z.strictObject({
  runId: z.string(),
  accounts: z.number().int(),
  liquidatable: z.number().int(),
  initialMarginUsd: DecimalString,
  maintenanceMarginUsd: DecimalString,
  equityUsd: DecimalString,
  grossNotionalUsd: DecimalString,
});

export const MarginCompareView = z.strictObject({
  kind: z.literal('margin'),
  /** Accounts present in every run (the charts and tables use these). */
  matchedAccounts: z.number().int(),
  /** Per run: accounts missing from at least one other run. */
  unmatchedAccounts: z.array(z.number().int()),
  totals: z.array(MarginTotalsRow),
  /** Per run after the base: its totals − the base's (exact decimals; liquidatable as a count). */
  totalsDiff: z.array(MarginTotalsRow),
  /**
   * Margin ratio MM / equity of matched accounts on shared log-spaced bins below 1; ratios ≥ 1
   * (liquidatable), zero ratios (no MM) and missing ratios (equity ≤ 0) are counted apart.
   */
  ratioHistogram: SharedHistogram.extend({ atOrAboveOne: z.array(z.number().int()), zero: z.array(z.number().int()), noRatio: z.array(z.number().int()) }),
  /** Per-account initial and maintenance margin (USD) on shared log-spaced bins; zeros counted apart. */
  initialMarginHistogram: SharedHistogram.extend({ zero: z.array(z.number().int()) }),
  maintenanceMarginHistogram: SharedHistogram.extend({ zero: z.array(z.number().int()) }),
  /** Per run after the base: [base ratio, this run's ratio, account id] for accounts with both ratios > 0. */
  ratioScatter: z.array(z.strictObject({
    runId: z.string(),
    points: z.array(z.tuple([Finite, Finite, z.string()])),
    /** Accounts with both ratios > 0; more than `points` when the points were thinned (every k-th account). */
    eligible: z.number().int(),
  })),
});
export type MarginCompareView = z.infer<typeof MarginCompareView>;

// ---------------------------------------------------------------- backtests

const FigureValue = z.union([Finite, z.string()]).nullable();

/** A figure of each run and its difference from the base (numbers only). */
export const FigureRow = z.strictObject({
  key: z.string(),
  label: z.string(),
  unit: z.enum(['integer', 'fraction', 'number', 'pvalue', 'ratio', 'usd', 'date', 'text', 'volPoints']),
  values: z.array(FigureValue),
  /** Per run after the base: value − base value (null when either is not a number). */
  diff: z.array(Finite.nullable()),
});
export type FigureRow = z.infer<typeof FigureRow>;

export const BacktestCompareView = z.strictObject({
  kind: z.literal('backtest'),
  /** Every test day of any run, ascending: the shared x axis. */
  dates: z.array(IsoDate),
  /** Per run, aligned to `dates` (null where the run has no test day). Fractions of notional. */
  series: z.array(z.strictObject({
    runId: z.string(),
    margin: z.array(Finite.nullable()),
    realisedLoss: z.array(Finite.nullable()),
    exception: z.array(z.boolean().nullable()),
  })),
  figures: z.array(FigureRow),
  /** Per run after the base: exceptions on the test days both runs have. */
  exceptionOverlap: z.array(z.strictObject({
    runId: z.string(), commonDays: z.number().int(), both: z.number().int(), onlyBase: z.number().int(), onlyOther: z.number().int(),
  })),
});
export type BacktestCompareView = z.infer<typeof BacktestCompareView>;

// ---------------------------------------------------------------- calibrations

const Estimate = z.strictObject({
  estimate: Finite,
  /** The value written into the model configuration (rounded conservatively); null if none. */
  used: Finite.nullable(),
  lower: Finite.nullable(),
  upper: Finite.nullable(),
  observations: z.number().int(),
  dataFrom: z.string(),
  dataTo: z.string(),
  detail: z.string(),
});

export const CalibrateCompareView = z.strictObject({
  kind: z.literal('calibrate'),
  /** Calibration date of each run. */
  at: z.array(IsoDate),
  /** One row per asset × parameter present in any run; values per run (null: not calibrated there). */
  parameters: z.array(z.strictObject({
    key: z.string(),
    asset: z.string(),
    parameter: z.string(),
    unit: z.enum(['fraction', 'volPoints']),
    values: z.array(Estimate.nullable()),
    /** Per run after the base: estimate − base estimate, and used − base used. */
    diffEstimate: z.array(Finite.nullable()),
    diffUsed: z.array(Finite.nullable()),
  })),
});
export type CalibrateCompareView = z.infer<typeof CalibrateCompareView>;

// ---------------------------------------------------------------- sweeps

const SweepPoint = z.strictObject({
  id: z.string(), averageMargin: Finite, coverage: Finite, kupiecPValue: Finite, rank: z.number().int().nullable(), frontier: z.boolean(),
});
const SweepFigures = z.strictObject({
  exceptions: z.number().int(), coverage: Finite, kupiecPValue: Finite, averageMargin: Finite, peakToTroughRatio: Finite.nullable(), rank: z.number().int().nullable(),
});

export const SweepCompareView = z.strictObject({
  kind: z.literal('sweep'),
  testPeriods: z.array(z.strictObject({ from: IsoDate, to: IsoDate })),
  /** Frontier scatter data per run. */
  points: z.array(z.array(SweepPoint)),
  /** One row per parameter set × asset ('all' = the set's pooled figures); values per run. */
  sets: z.array(z.strictObject({
    id: z.string(),
    asset: z.string(),
    method: z.string(), confidence: Finite, windowDays: z.number().int(), ewmaLambda: Finite, horizonDays: z.number().int(), apcVariant: z.string(),
    values: z.array(SweepFigures.nullable()),
    /** Per run after the base: coverage and average margin differences. */
    diffCoverage: z.array(Finite.nullable()),
    diffAverageMargin: z.array(Finite.nullable()),
  })),
  /** Rows left out beyond the cap (sets × assets). */
  omittedRows: z.number().int(),
});
export type SweepCompareView = z.infer<typeof SweepCompareView>;

// ---------------------------------------------------------------- stress runs

export const StressCompareView = z.strictObject({
  kind: z.literal('stress'),
  totals: z.array(FigureRow),
  /** Per-account scenario loss (−PnL, USD) on shared bins; one row of counts per run. */
  lossHistogram: TailedHistogram,
  /** Cascade rounds, round 1 first: the shared x axis of the waterfall and fund charts. */
  rounds: z.array(z.number().int()),
  waterfall: z.array(z.strictObject({
    runId: z.string(),
    /** Per round (null: the run stopped earlier). */
    liquidatedNotionalUsd: z.array(Finite.nullable()),
    penaltiesUsd: z.array(Finite.nullable()),
    badDebtUsd: z.array(Finite.nullable()),
    fundPaidUsd: z.array(Finite.nullable()),
  })),
  /** Insurance fund before round 1 (index 0) and after each round. */
  fundPath: z.array(z.strictObject({ runId: z.string(), fundUsd: z.array(Finite.nullable()) })),
  /** Monte Carlo book bad debt per scenario (USD) on shared LOG-spaced bins, when every run has a Monte Carlo. */
  monteCarloBadDebt: TailedHistogram.nullable(),
});
export type StressCompareView = z.infer<typeof StressCompareView>;

export const ReverseStressCompareView = z.strictObject({
  kind: z.literal('reverseStress'),
  /** Bad debt against severity k, every evaluation of each run (ascending k). */
  curves: z.array(z.strictObject({ runId: z.string(), points: z.array(z.tuple([Finite, Finite])) })),
  figures: z.array(FigureRow),
});
export type ReverseStressCompareView = z.infer<typeof ReverseStressCompareView>;

export const CompareView = z.discriminatedUnion('kind', [
  MarginCompareView, BacktestCompareView, CalibrateCompareView, SweepCompareView, StressCompareView, ReverseStressCompareView,
]);
export type CompareView = z.infer<typeof CompareView>;

export const CompareRunsOutput = z.strictObject({
  kind: z.string(),
  kindTitle: z.string(),
  runs: z.array(CompareRun),
  /** Field by field; `changed` rows first in the view. */
  changes: z.array(ChangeRow),
  /** Fields left out beyond the cap. */
  omittedChanges: z.number().int(),
  view: CompareView,
  notes: z.array(z.string()),
});
export type CompareRunsOutput = z.infer<typeof CompareRunsOutput>;

// ---------------------------------------------------------------- compare:accounts

export const COMPARE_ACCOUNT_SORT_KEYS = [
  'accountId', 'equityUsdA', 'equityUsdB', 'equityDiffUsd', 'initialMarginUsdA', 'initialMarginUsdB', 'initialMarginDiffUsd',
  'maintenanceMarginUsdA', 'maintenanceMarginUsdB', 'maintenanceMarginDiffUsd', 'maintenanceMarginChange', 'absMaintenanceMarginDiffUsd',
  'marginRatioA', 'marginRatioB', 'marginRatioDiff',
] as const;

export const CompareAccountsInput = z.strictObject({
  /** [base, other]: two margin runs. */
  runIds: z.tuple([RunId, RunId]).refine(([a, b]) => a !== b, 'name two different runs'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(50),
  sortBy: z.enum(COMPARE_ACCOUNT_SORT_KEYS).default('absMaintenanceMarginDiffUsd'),
  descending: z.boolean().default(true),
  /** Substring of the account id. */
  filter: z.string().max(100).optional(),
  /** Only accounts whose IM or MM differs by at least one cent. */
  onlyChanged: z.boolean().default(false),
});

export const CompareAccountRow = z.strictObject({
  accountId: z.string(),
  equityUsdA: Finite, equityUsdB: Finite, equityDiffUsd: Finite,
  initialMarginUsdA: Finite, initialMarginUsdB: Finite, initialMarginDiffUsd: Finite,
  maintenanceMarginUsdA: Finite, maintenanceMarginUsdB: Finite, maintenanceMarginDiffUsd: Finite,
  /** MM_B / MM_A − 1; null when MM_A is 0. */
  maintenanceMarginChange: Finite.nullable(),
  absMaintenanceMarginDiffUsd: Finite,
  /** MM / equity; null when equity ≤ 0. */
  marginRatioA: Finite.nullable(), marginRatioB: Finite.nullable(), marginRatioDiff: Finite.nullable(),
  liquidatableA: z.boolean(), liquidatableB: z.boolean(),
});
export type CompareAccountRow = z.infer<typeof CompareAccountRow>;

export const CompareAccountsOutput = z.strictObject({
  total: z.number().int(),
  /** Accounts present in both runs. */
  matched: z.number().int(),
  rows: z.array(CompareAccountRow),
});

// ---------------------------------------------------------------- app:openExportsFolder

/** Opens `<data dir>/exports` in the system file manager (desktop app); elsewhere only names it. */
export const OpenExportsFolderOutput = z.strictObject({ opened: z.boolean(), path: z.string() });
