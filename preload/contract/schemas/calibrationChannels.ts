import { z } from 'zod';
import { AssetSymbol, Finite, IsoDate, Name } from './common';
import { CalibrateConfig, VarMethodSchema, VarSpec } from './calibration';
import { MarginModelConfig } from './models';

/**
 * Payloads of the calibration:* channels (docs/formats: calibration-configs). Over IPC `prices`
 * names a STORED dataset by id or name: the window cannot name files, so the services never read a
 * path for these channels (the CLI resolves files itself and hands the services the series).
 */
export const DatasetRef = z.string().trim().min(1).max(200);

export const BootstrapSpec = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  resamples: z.number().int().min(50).max(20_000).default(1000),
  level: z.number().gt(0).lt(1).default(0.9),
});

const NullableFinite = Finite.nullable();
const Interval = z.strictObject({
  estimate: Finite, lower: Finite, upper: Finite, standardError: Finite, level: Finite, resamples: z.number().int(),
  blockLength: z.number().int(), scheme: z.string(), seed: z.number().int(),
});
const IntervalRecord = z.strictObject({
  lower: Finite, upper: Finite, level: Finite, resamples: z.number().int(), blockLength: z.number().int(), scheme: z.string(), seed: z.number().int(),
});
export const CalibrationProvenanceSchema = z.strictObject({
  asset: z.string(), dataFrom: IsoDate, dataTo: IsoDate, observations: z.number().int(), confidence: Finite,
  lookbackDays: z.number().int(), horizonDays: z.number().int(), method: z.string(), confidenceInterval: IntervalRecord.nullable(),
  appVersion: z.string(),
});
const RunRef = { runId: z.string().nullable(), resultHash: z.string().nullable(), source: z.string() };

// ---------------------------------------------------------------- calibration:var

export const CalibrationVarInput = z.strictObject({
  prices: DatasetRef,
  asset: AssetSymbol,
  model: VarSpec,
  /** Default: the last date of the series. */
  at: IsoDate.optional(),
  /** Block-bootstrap intervals of VaR and ES (hs, fhs). */
  bootstrap: BootstrapSpec.optional(),
});
export const CalibrationVarOutput = z.strictObject({
  asset: z.string(), source: z.string(), at: IsoDate, var: Finite, es: Finite, observations: z.number().int(),
  method: VarMethodSchema, confidence: Finite, horizonDays: z.number().int(), windowDays: z.number().int(), lambda: Finite,
  varInterval: Interval.optional(), esInterval: Interval.optional(),
});
export type CalibrationVarOutput = z.infer<typeof CalibrationVarOutput>;

// ---------------------------------------------------------------- calibration:backtest

const Zone = z.enum(['green', 'yellow', 'red']);
export const BacktestOutput = z.strictObject({
  ...RunRef,
  label: z.string(),
  apc: z.string(),
  model: z.strictObject({ method: VarMethodSchema, confidence: Finite, horizonDays: z.number().int(), windowDays: z.number().int(), lambda: Finite, measure: z.enum(['var', 'es']) }),
  firstDate: IsoDate,
  lastDate: IsoDate,
  observations: z.number().int(),
  exceptions: z.number().int(),
  exceptionDates: z.array(IsoDate),
  exceptionLosses: z.array(Finite),
  kupiec: z.strictObject({ lr: Finite, pValue: Finite }),
  christoffersen: z.strictObject({
    n00: z.number().int(), n01: z.number().int(), n10: z.number().int(), n11: z.number().int(),
    lrInd: Finite, pValueInd: Finite, lrCc: Finite, pValueCc: Finite,
  }),
  trafficLight: z.strictObject({ zone: Zone, cumulativeProbability: Finite, greenMax: z.number().int(), yellowMax: z.number().int() }),
  rollingTrafficLight: z.strictObject({
    windowDays: z.number().int(), greenMax: z.number().int(), yellowMax: z.number().int(),
    zoneDays: z.strictObject({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
    worstZone: Zone.nullable(), latestZone: Zone.nullable(),
  }),
  coverage: Finite,
  largestExceptionLoss: NullableFinite,
  largestExceptionExcess: NullableFinite,
  averageExceptionExcess: NullableFinite,
  averageMargin: Finite,
  procyclicality: z.strictObject({
    peakToTroughRatio: NullableFinite, peakMargin: Finite, troughMargin: Finite, largestOneDayIncrease: Finite,
    largestFiveDayIncrease: Finite, largestOneDayIncreaseDate: IsoDate.nullable(), largestFiveDayIncreaseDate: IsoDate.nullable(),
  }),
  /** Aligned days dropped because an asset of the portfolio had no close (reported, never filled). */
  droppedDates: z.array(IsoDate),
  /** Test-day series for the exceedance chart (fractions of notional; exception 0/1). */
  series: z.strictObject({
    dates: z.array(IsoDate), margin: z.array(Finite), valueAtRisk: z.array(Finite), expectedShortfall: z.array(Finite),
    realisedLoss: z.array(Finite), exception: z.array(z.number().int()),
  }),
});
export type BacktestOutput = z.infer<typeof BacktestOutput>;

// ---------------------------------------------------------------- calibration:diagnose

export const DiagnoseInput = z.strictObject({
  prices: DatasetRef,
  asset: AssetSymbol,
  /** Horizon of the worst-move table, days. */
  horizonDays: z.number().int().min(1).max(365).default(1),
  /** Fixed ADF lag count, or 'aic' for AIC selection. */
  adfLags: z.union([z.number().int().min(0).max(100), z.literal('aic')]).default('aic'),
  worstMoveCount: z.number().int().min(1).max(50).default(5),
});
const Adf = z.strictObject({
  statistic: Finite, pValue: Finite, lags: z.number().int(), nobs: z.number().int(),
  criticalValues: z.strictObject({ '1%': Finite, '5%': Finite, '10%': Finite }), icBest: Finite.optional(),
});
export const DiagnoseOutput = z.strictObject({
  source: z.string(), asset: z.string(), firstDate: IsoDate, lastDate: IsoDate, closes: z.number().int(), missingDays: z.number().int(),
  returns: z.number().int(), meanDailyLogReturn: Finite, annualisedVol: Finite, skewness: Finite, excessKurtosis: Finite,
  jarqueBera: z.strictObject({ statistic: Finite, pValue: Finite }),
  adfLogPrice: Adf, adfReturns: Adf,
  maxDrawdown: z.strictObject({ maxDrawdown: Finite, peakDate: IsoDate, troughDate: IsoDate, recoveryDate: IsoDate.nullable() }),
  horizonDays: z.number().int(),
  worstMoves: z.array(z.strictObject({ startDate: IsoDate, endDate: IsoDate, returnPct: Finite })),
});
export type DiagnoseOutput = z.infer<typeof DiagnoseOutput>;

// ---------------------------------------------------------------- calibration:calibrate

const ImpliedVolFile = z.strictObject({ fileName: z.string().min(1).max(300), text: z.string().max(64 * 1024 * 1024) });
/** The CLI's CalibrateConfig with implied-vol FILE TEXT instead of paths (the window reads the file, as for dataset:import). */
export const CalibrateInput = CalibrateConfig.omit({ impliedVol: true, prices: true }).extend({
  prices: DatasetRef,
  impliedVolFiles: z.record(AssetSymbol, ImpliedVolFile).optional(),
});

const LiquidationTerms = { notionalUsd: Finite, liquidationDays: Finite, tailMove: Finite, impactCost: Finite, requirement: Finite };
export const CalibrationCandidate = z.strictObject({
  /** Pass to calibration:saveModel with the run id. */
  id: z.string(),
  label: z.string(),
  config: MarginModelConfig,
  provenance: z.unknown(),
});
export const CalibrateOutput = z.strictObject({
  ...RunRef,
  at: IsoDate,
  appVersion: z.string(),
  scanRanges: z.array(z.strictObject({
    asset: z.string(), estimate: Finite, priceRange: Finite, priceRangeDecimal: z.string(), boundBy: z.enum(['floor', 'cap']).nullable(),
    provenance: CalibrationProvenanceSchema,
  })),
  volShocks: z.array(z.strictObject({
    asset: z.string(), source: z.enum(['implied', 'realised']), impliedFile: z.string().nullable(), impliedMissingDays: z.number().int().nullable(),
    volUpPoints: Finite, volDownPoints: Finite, volUpPointsDecimal: z.string(), volDownPointsDecimal: z.string(),
    provenanceUp: CalibrationProvenanceSchema, provenanceDown: CalibrationProvenanceSchema,
  })),
  brackets: z.array(z.strictObject({
    asset: z.string(), table: z.unknown(), quantileH: Finite, dailyVol: Finite, advUsd: Finite,
    brackets: z.array(z.strictObject({ ...LiquidationTerms, maintenanceMarginRate: Finite, mmrLower: Finite, mmrUpper: Finite })),
    provenance: CalibrationProvenanceSchema,
  })),
  haircuts: z.strictObject({
    haircuts: z.record(z.string(), z.string()),
    assets: z.array(z.strictObject({
      ...LiquidationTerms, asset: z.string(), quantileH: Finite, dailyVol: Finite, advUsd: Finite, haircut: Finite, haircutDecimal: z.string(),
      haircutLower: Finite, haircutUpper: Finite, qualityScore: Finite, qualityRank: z.number().int(), provenance: CalibrationProvenanceSchema,
    })),
  }).nullable(),
  /** Model configurations built from the calibrated values, each savable with calibration:saveModel. */
  candidates: z.array(CalibrationCandidate),
});
export type CalibrateOutput = z.infer<typeof CalibrateOutput>;

// ---------------------------------------------------------------- calibration:sweep

const SweepRow = z.strictObject({
  id: z.string(), method: VarMethodSchema, confidence: Finite, windowDays: z.number().int(), ewmaLambda: Finite, horizonDays: z.number().int(),
  apcVariant: z.string(), observations: z.number().int(), exceptions: z.number().int(), coverage: Finite, kupiecPValue: Finite,
  christoffersenPValueCc: Finite, averageMargin: Finite, peakToTroughRatio: NullableFinite, largestOneDayIncrease: Finite,
  largestFiveDayIncrease: Finite,
  /** Non-domination rank (0 = Pareto frontier); null when an objective is undefined for the run. */
  rank: z.number().int().nullable(),
});
export const LookbackStabilityOutput = z.strictObject({
  label: z.string(), at: IsoDate, method: VarMethodSchema, confidence: Finite, horizonDays: z.number().int(), tolerance: Finite,
  points: z.array(z.strictObject({
    windowDays: z.number().int(), valueAtRisk: Finite, expectedShortfall: Finite, relativeChange: NullableFinite,
    interval: Interval.optional(), relativeIntervalWidth: Finite.optional(),
  })),
  stableFrom: z.number().int().nullable(),
});
export const SweepOutput = z.strictObject({
  ...RunRef,
  testPeriod: z.strictObject({ from: IsoDate, to: IsoDate }),
  sets: z.number().int(),
  /** Parallel parts the grid was split into. */
  parts: z.number().int(),
  rows: z.array(SweepRow),
  frontier: z.strictObject({
    objectives: z.array(z.strictObject({ key: z.string(), sense: z.enum(['max', 'min']) })),
    frontierIds: z.array(z.string()),
    excluded: z.array(z.strictObject({ id: z.string(), reason: z.string() })),
  }),
  lookbackStability: z.array(LookbackStabilityOutput),
});
export type SweepOutput = z.infer<typeof SweepOutput>;

// ---------------------------------------------------------------- calibration:qq, calibration:lookback

export const QqInput = z.strictObject({
  prices: DatasetRef,
  asset: AssetSymbol,
  horizonDays: z.number().int().min(1).max(60).default(1),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** At most this many plotted points (all of both 1 % tails are kept). */
  maxPoints: z.number().int().min(20).max(10_000).default(500),
});
export const QqOutput = z.strictObject({
  source: z.string(), asset: z.string(), horizonDays: z.number().int(), from: IsoDate, to: IsoDate, observations: z.number().int(),
  normal: z.strictObject({ mean: Finite, stdev: Finite }),
  studentT: z.strictObject({ mu: Finite, sigma: Finite, nu: Finite, logLikelihood: Finite, converged: z.boolean() }),
  /** Plotting positions p = (i + 0.5)/n and, per point, the empirical and the two fitted quantiles of the h-day returns. */
  points: z.strictObject({ p: z.array(Finite), empirical: z.array(Finite), normal: z.array(Finite), studentT: z.array(Finite) }),
});
export type QqOutput = z.infer<typeof QqOutput>;

export const LookbackInput = z.strictObject({
  prices: DatasetRef,
  asset: AssetSymbol,
  method: z.enum(['hs', 'fhs']),
  confidence: z.number().gt(0.5).lt(1),
  horizonDays: z.number().int().min(1).max(60).default(1),
  lambda: z.number().gt(0).lt(1).default(0.94),
  lookbacks: z.array(z.number().int().min(20).max(7300)).min(2).max(50),
  at: IsoDate.optional(),
  tolerance: z.number().gt(0).lt(1).default(0.05),
  bootstrap: BootstrapSpec.optional(),
});

// ---------------------------------------------------------------- calibration:saveModel

export const SaveCalibratedModelInput = z.strictObject({
  /** A succeeded calibration:calibrate or calibration:sweep run. */
  runId: z.string().min(1).max(64),
  /** A candidate id of a calibrate run, or a parameter-set id of a sweep run. */
  candidate: z.string().min(1).max(200),
  name: Name.optional(),
});
