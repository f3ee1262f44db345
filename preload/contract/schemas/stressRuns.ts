import { z } from 'zod';
import { DecimalString, Finite, Id, IsoDate, JobId, NonNegativeDecimalString } from './common';
import { CorrelationBase } from './scenarios';
import { DatasetName } from './stress';

/**
 * Payloads of the stress:* channels: book stress runs (recorded runs of kind 'stress'), reverse stress
 * (kind 'reverseStress') and the penalty sweep (docs/formats: scenarios, "Service, IPC and CLI";
 * docs/methodology: stress-book-runs). Money inputs are decimal strings; every output figure is a
 * float64 estimate in USD (a stress run settles nothing) and never NaN.
 */

const PenaltyRate = DecimalString.refine((s) => Number(s) >= 0 && Number(s) <= 1, 'must be a fraction of liquidated notional in [0, 1], e.g. "0.01"');

/** Depth model of the cascade from the dataset's traded volume (core/stress/depth.ts). */
export const DepthSpec = z.strictObject({
  /** D = depthFraction × ADV (default 1: the square-root law). */
  depthFraction: z.number().gt(0).max(1000).default(1),
  /** Y in k = Y·σ_daily (default 1). */
  impactCoefficient: z.number().min(0).max(100).default(1),
  /** β (default 0.5). */
  impactExponent: z.number().gt(0).max(5).default(0.5),
  /** Rows averaged for ADV (default 30). */
  advWindowDays: z.number().int().min(1).max(3650).default(30),
  /** Rows of daily returns for σ_daily (default 30). */
  volLookbackDays: z.number().int().min(1).max(3650).default(30),
});

/** What the run is shocked by: a stored scenario, or a scenario given inline (ScenarioFile); exactly one. */
const ScenarioRef = {
  scenarioId: Id.optional(),
  scenario: z.unknown().optional(),
};
function exactlyOneScenario(v: { scenarioId?: string; scenario?: unknown }, ctx: z.RefinementCtx): void {
  if ((v.scenarioId === undefined) === (v.scenario === undefined)) ctx.addIssue({ code: 'custom', path: ['scenarioId'], message: 'give exactly one of scenarioId and scenario' });
}

/** Inputs shared by stress:run, stress:reverse and stress:penaltySweep. */
const RunBase = {
  bookId: Id,
  /** A preset id (`preset:…`) or a saved model configuration id. */
  modelId: z.string().min(1).max(200),
  datasetId: DatasetName,
  ...ScenarioRef,
  /** Valuation date (default: the last date every needed asset has). */
  at: IsoDate.optional(),
  insuranceFundUsd: NonNegativeDecimalString.default('0'),
  /** Liquidation cascade with market impact (otherwise one round at the shocked prices). */
  cascade: z.boolean().default(false),
  maxRounds: z.number().int().min(1).max(1000).default(5),
  depth: DepthSpec.default({ depthFraction: 1, impactCoefficient: 1, impactExponent: 0.5, advWindowDays: 30, volLookbackDays: 30 }),
  jobId: JobId.optional(),
};

export const MonteCarloSpec = z.strictObject({
  scenarios: z.number().int().min(100).max(1_000_000).default(10_000),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  copula: z.enum(['gaussian', 't']).default('gaussian'),
  /** ν of the t copula (ignored by the Gaussian). */
  dof: z.number().gt(2).max(1000).default(4),
  marginal: z.enum(['normal', 't']).default('normal'),
  marginalDof: z.number().gt(2).max(1000).default(4),
  /**
   * Annual vol per simulated asset: ewma (λ 0.94, the valuation vol), garch (GARCH(1,1) forecast averaged
   * over the horizon), stressed (the scenario's shocked vol at the 30-day reference).
   */
  volSource: z.enum(['ewma', 'garch', 'stressed']).default('stressed'),
  horizonDays: z.number().int().min(1).max(365).default(1),
  correlation: z.strictObject({
    /** Default: the scenario's correlation base, else the sample correlation over the whole history. */
    base: CorrelationBase.optional(),
    /** Apply the scenario's correlation operations (and repair) to the base (default true). */
    applyScenarioShock: z.boolean().default(true),
  }).default({ applyScenarioShock: true }),
  /** Per-account loss quantile levels (default 0.9 … 0.999) and VaR/ES confidences (default [0.99]). */
  quantileLevels: z.array(z.number().gt(0).lt(1)).min(1).max(20).optional(),
  confidence: z.array(z.number().gt(0).lt(1)).min(1).max(5).optional(),
});

export const StressRunInput = z.strictObject({
  ...RunBase,
  /** Severity multiplier k of the scenario (1 = as written). */
  severity: z.number().min(0).max(1000).default(1),
  penaltyRate: PenaltyRate.default('0.01'),
  monteCarlo: MonteCarloSpec.optional(),
  /** Accounts listed in `topAccounts` (the rest: stress:accounts). */
  topAccounts: z.number().int().min(1).max(1000).default(20),
}).superRefine(exactlyOneScenario);

const Usd = Finite;
const Ref = z.strictObject({ id: z.string().nullable(), name: z.string(), contentHash: z.string() });

export const StressAccountRow = z.strictObject({
  accountId: z.string(),
  preShockEquityUsd: Usd,
  scenarioPnlUsd: Usd,
  postShockEquityUsd: Usd,
  initialMarginUsd: Usd,
  maintenanceMarginUsd: Usd,
  /** MM / post-shock equity; null when equity ≤ 0. */
  marginRatio: Finite.nullable(),
  /** max(0, MM − post-shock equity): the margin the account is short after the shock. */
  shortfallUsd: Usd,
  liquidated: z.boolean(),
  /** 1-based cascade round, 0 if never liquidated. */
  liquidationRound: z.number().int(),
  equityAtLiquidationUsd: Usd,
  liquidatedNotionalUsd: Usd,
  impactCostUsd: Usd,
  penaltyUsd: Usd,
  badDebtUsd: Usd,
  returnedEquityUsd: Usd,
  adlUsd: Usd,
  finalEquityUsd: Usd,
  /** Monte Carlo figures (null when the run had none); VaR/ES at the first confidence. */
  mc: z.strictObject({
    expectedLossUsd: Usd, valueAtRiskUsd: Usd, expectedShortfallUsd: Usd, liquidationProbability: Finite, expectedBadDebtUsd: Usd,
  }).nullable(),
});
export type StressAccountRow = z.infer<typeof StressAccountRow>;

export const Distribution = z.strictObject({
  mean: Finite,
  min: Finite,
  max: Finite,
  /** At MonteCarloSummary.quantileLevels. */
  quantiles: z.array(Finite),
  /** `bins` equal-width bins from min to max: edges has bins + 1 entries. */
  histogram: z.strictObject({ edges: z.array(Finite), counts: z.array(z.number().int()) }),
});
export type Distribution = z.infer<typeof Distribution>;

export const MonteCarloSummary = z.strictObject({
  seed: z.number().int(),
  scenarios: z.number().int(),
  horizonDays: z.number().int(),
  copula: z.strictObject({ kind: z.enum(['gaussian', 't']), dof: Finite.nullable() }),
  marginal: z.strictObject({ kind: z.enum(['normal', 't']), dof: Finite.nullable() }),
  volSource: z.enum(['ewma', 'garch', 'stressed']),
  /** Annual vol used per simulated asset. */
  annualVol: z.record(z.string(), Finite),
  correlation: z.strictObject({
    assets: z.array(z.string()), matrix: z.array(z.array(Finite)), shocked: z.boolean(),
    estimator: z.enum(['sample', 'ewma']), lambda: Finite.nullable(), from: IsoDate.nullable(), to: IsoDate.nullable(),
  }),
  simulatedAssets: z.array(z.string()),
  fixedAssets: z.array(z.string()),
  factorization: z.enum(['cholesky', 'eigen']),
  /** perScenario: tiered MM at each scenario's prices; heldAtStart: other models' MM at the start. */
  maintenance: z.enum(['perScenario', 'heldAtStart']),
  quantileLevels: z.array(Finite),
  confidence: z.array(Finite),
  /** The engine's FNV-1a 64 hash over every simulated figure (core/stress/resultHash.ts). */
  hash: z.string(),
  /** Per-scenario book figures. */
  book: z.strictObject({
    badDebtUsd: Distribution,
    fundDrawdownUsd: Distribution,
    deficitUsd: Distribution,
    probabilityFundExhausted: Finite,
    meanAccountsLiquidated: Finite,
  }),
  /** Across accounts: the spread of their VaR / ES at the first confidence, and the accounts at risk. */
  accounts: z.strictObject({
    valueAtRiskUsd: Distribution,
    expectedShortfallUsd: Distribution,
    accountsWithLiquidationRisk: z.number().int(),
    /** Largest ES first; loss quantiles at quantileLevels, VaR / ES at each confidence. */
    top: z.array(z.strictObject({
      accountId: z.string(), equityUsd: Usd, maintenanceMarginUsd: Usd, expectedLossUsd: Usd, liquidationProbability: Finite, expectedBadDebtUsd: Usd,
      lossQuantilesUsd: z.array(Usd), valueAtRiskUsd: z.array(Usd), expectedShortfallUsd: z.array(Usd),
    })),
  }),
});
export type MonteCarloSummary = z.infer<typeof MonteCarloSummary>;

const FundRoundSchema = z.strictObject({ fundBeforeUsd: Usd, penaltiesUsd: Usd, badDebtUsd: Usd, paidUsd: Usd, fundAfterUsd: Usd, deficitUsd: Usd });

export const StressRunOutput = z.strictObject({
  runId: z.string(),
  resultHash: z.string(),
  durationMs: Finite,
  bookId: Id,
  bookName: z.string(),
  synthetic: z.boolean(),
  model: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
  datasetId: Id,
  at: IsoDate,
  scenario: Ref,
  severity: Finite,
  penaltyRate: DecimalString,
  insuranceFundUsd: DecimalString,
  cascade: z.strictObject({
    maxRounds: z.number().int(),
    depth: z.record(z.string(), z.strictObject({ depthUsd: Usd, impactCoefficient: Finite, impactExponent: Finite })),
  }).nullable(),
  /** Index prices before the shock, after it, and after the last cascade round. */
  prices: z.strictObject({ before: z.record(z.string(), Finite), shocked: z.record(z.string(), Finite), final: z.record(z.string(), Finite) }),
  totals: z.strictObject({
    accounts: z.number().int(),
    accountsLiquidated: z.number().int(),
    notionalLiquidatedUsd: Usd,
    badDebtUsd: Usd,
    penaltiesUsd: Usd,
    impactCostUsd: Usd,
    insuranceFund: z.strictObject({ initialUsd: Usd, finalUsd: Usd, drawdownUsd: Usd, exhausted: z.boolean(), exhaustedInRound: z.number().int().nullable() }),
    adl: z.strictObject({ triggered: z.boolean(), counterpartiesHit: z.number().int(), socialisedLossUsd: Usd, residualBadDebtUsd: Usd }),
    stoppedBy: z.enum(['noNewLiquidation', 'maxRounds']),
    unresolvedLiquidatable: z.number().int(),
  }),
  /** Both identities of docs/methodology stress-book-runs "Conservation", with their residuals. */
  conservation: z.strictObject({
    holds: z.boolean(),
    losses: z.strictObject({
      accountLossesUsd: Usd, penaltiesUsd: Usd, fundDrawdownUsd: Usd, adlUsd: Usd, residualBadDebtUsd: Usd, residualUsd: Finite, toleranceUsd: Finite, holds: z.boolean(),
    }),
    ledger: z.strictObject({
      equityAtLiquidationUsd: Usd, impactCostUsd: Usd, penaltiesUsd: Usd, returnedEquityUsd: Usd, badDebtUsd: Usd, residualUsd: Finite, toleranceUsd: Finite, holds: z.boolean(),
    }),
  }),
  /** Largest shortfall first (stress:accounts pages the rest). */
  topAccounts: z.array(StressAccountRow),
  rounds: z.array(z.strictObject({
    round: z.number().int(),
    accountsLiquidated: z.number().int(),
    notionalLiquidatedUsd: Usd,
    impactCostUsd: Usd,
    penaltiesUsd: Usd,
    badDebtUsd: Usd,
    fund: FundRoundSchema,
    assets: z.array(z.strictObject({ asset: z.string(), priceBeforeUsd: Finite, priceAfterUsd: Finite, priceChangePct: Finite, netOrderCoin: Finite, netOrderUsd: Usd })),
  })),
  /** ADL hits in queue order (at most 1,000). */
  adlHits: z.array(z.strictObject({
    rank: z.number().int(), accountId: z.string(), asset: z.string(), side: z.enum(['long', 'short']), unrealisedPnlUsd: Usd,
    /** uPnL / collateral; null when collateral ≤ 0 (unbounded: ranks first). */
    pnlFraction: Finite.nullable(),
    effectiveLeverage: Finite,
    rankingScore: Finite.nullable(),
    amountUsd: Usd,
  })),
  monteCarlo: MonteCarloSummary.nullable(),
  seed: z.number().int().nullable(),
  notes: z.array(z.string()),
});
export type StressRunOutput = z.infer<typeof StressRunOutput>;

export const StressRunIdInput = z.strictObject({ runId: z.string().min(1).max(64) });

export const StressAccountsInput = z.strictObject({
  runId: z.string().min(1).max(64),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(500),
  sortBy: z.enum([
    'accountId', 'shortfallUsd', 'badDebtUsd', 'scenarioPnlUsd', 'postShockEquityUsd', 'maintenanceMarginUsd', 'marginRatio', 'liquidatedNotionalUsd',
    'penaltyUsd', 'adlUsd', 'finalEquityUsd', 'mcExpectedShortfallUsd', 'mcLiquidationProbability',
  ]).default('shortfallUsd'),
  descending: z.boolean().default(true),
  filter: z.string().max(100).optional(),
  onlyLiquidated: z.boolean().default(false),
});
export const StressAccountsOutput = z.strictObject({ total: z.number().int(), rows: z.array(StressAccountRow) });

// ---------------------------------------------------------------- stress:reverse

export const ReverseTarget = z.discriminatedUnion('kind', [
  /** Smallest severity at which some round's bad debt exceeds what the fund holds. */
  z.strictObject({ kind: z.literal('insuranceFund') }),
  /** Smallest severity at which the book's bad debt exceeds thresholdUsd. */
  z.strictObject({ kind: z.literal('badDebt'), thresholdUsd: NonNegativeDecimalString }),
]);

export const StressReverseInput = z.strictObject({
  ...RunBase,
  penaltyRate: PenaltyRate.default('0.01'),
  target: ReverseTarget,
  severityMax: z.number().gt(0).max(1000).default(4),
  gridPoints: z.number().int().min(2).max(1001).default(21),
  tolerance: z.number().gt(0).max(1).default(1e-3),
}).superRefine(exactlyOneScenario);

export const ReversePoint = z.strictObject({
  severity: Finite, badDebtUsd: Usd, deficitUsd: Usd, accountsLiquidated: z.number().int(), fundFinalUsd: Usd, met: z.boolean(), source: z.enum(['grid', 'bisection']),
});

export const StressReverseOutput = z.strictObject({
  runId: z.string(),
  resultHash: z.string(),
  durationMs: Finite,
  bookId: Id,
  model: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
  datasetId: Id,
  at: IsoDate,
  scenario: Ref,
  target: ReverseTarget,
  /** Smallest k meeting the target (within tolerance), or null if not met up to the bound. */
  severity: Finite.nullable(),
  /** Target not met at `below`, met at `above`. */
  bracket: z.strictObject({ below: Finite, above: Finite }).nullable(),
  /** Largest feasible k searched, and the shocked price ≤ 0 that bounds it. */
  severityBound: Finite,
  priceViolation: z.strictObject({ shockIndex: z.number().int(), asset: z.string(), before: Finite, after: Finite, shock: z.string() }).nullable(),
  /** Every evaluation, ascending in k: bad debt against severity. */
  curve: z.array(ReversePoint),
  /** Grid segments where bad debt falls as k grows. */
  nonMonotone: z.array(z.strictObject({ from: Finite, to: Finite, badDebtFromUsd: Usd, badDebtToUsd: Usd })),
  evaluations: z.number().int(),
  notes: z.array(z.string()),
});
export type StressReverseOutput = z.infer<typeof StressReverseOutput>;

// ---------------------------------------------------------------- stress:penaltySweep

export const StressPenaltySweepInput = z.strictObject({
  ...RunBase,
  severity: z.number().min(0).max(1000).default(1),
  /** Strictly ascending penalty rates (fractions of liquidated notional). */
  rates: z.array(PenaltyRate).min(1).max(200),
}).superRefine(exactlyOneScenario);

export const StressPenaltySweepOutput = z.strictObject({
  bookId: Id,
  model: z.strictObject({ id: z.string(), name: z.string(), kind: z.string() }),
  datasetId: Id,
  at: IsoDate,
  scenario: Ref,
  severity: Finite,
  rows: z.array(z.strictObject({
    penaltyRate: DecimalString,
    accountsLiquidated: z.number().int(),
    notionalLiquidatedUsd: Usd,
    /** Σ penalties: what liquidated users pay. */
    costToLiquidatedUsersUsd: Usd,
    impactCostUsd: Usd,
    badDebtUsd: Usd,
    fundFinalUsd: Usd,
    fundDrawdownUsd: Usd,
    socialisedLossUsd: Usd,
    residualBadDebtUsd: Usd,
    /** ADL + residual bad debt. */
    uncoveredLossUsd: Usd,
    conservationHolds: z.boolean(),
  })),
  /** Smallest rate of the grid with no uncovered loss, or null. */
  minimalRate: DecimalString.nullable(),
  durationMs: Finite,
});
export type StressPenaltySweepOutput = z.infer<typeof StressPenaltySweepOutput>;
