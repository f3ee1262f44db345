import { z } from 'zod';
import { AssetSymbol, Finite, IsoDate, JobId } from './common';

/** Shared pieces of the calibration lab's inputs (CLI --config files and IPC payloads). */
export const VarMethodSchema = z.enum(['hs', 'fhs', 'parametric']);
const Confidence = z.number().gt(0.5, 'must be above 0.5').lt(1, 'must be below 1');
const Lambda = z.number().gt(0, 'must be above 0').lt(1, 'must be below 1');
const Horizon = z.number().int().min(1).max(60);
const Window = z.number().int().min(20).max(7300);

/** Where prices come from: a stored dataset (id or name); the CLI also accepts a CSV file or directory path. */
export const PricesRef = z.string().min(1).max(1000);

export const VarSpec = z.strictObject({
  method: VarMethodSchema,
  confidence: Confidence,
  horizonDays: Horizon,
  windowDays: Window,
  lambda: Lambda.default(0.94),
  measure: z.enum(['var', 'es']).default('var'),
});
export type VarSpec = z.infer<typeof VarSpec>;

export const ApcVariant = z.enum(['none', 'buffer25', 'stressed25', 'floor10y', 'all']);

export const BacktestInput = z.strictObject({
  prices: PricesRef,
  /** One asset, or a fixed portfolio with weights (fractions of notional; negative = short). */
  target: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('asset'), asset: AssetSymbol }),
    z.strictObject({ type: z.literal('portfolio'), weights: z.record(AssetSymbol, Finite).refine((w) => Object.keys(w).length >= 1, 'needs at least one asset') }),
  ]),
  model: VarSpec,
  apc: ApcVariant.default('none'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  jobId: JobId.optional(),
});
export type BacktestInput = z.input<typeof BacktestInput>;

export const CalibrateConfig = z.strictObject({
  prices: PricesRef,
  assets: z.array(AssetSymbol).min(1).max(50),
  at: IsoDate.optional(),
  confidence: Confidence.default(0.99),
  lookbackDays: z.number().int().min(30).max(7300).default(365),
  horizonDays: Horizon.default(2),
  /** Vol-scale returns (FHS) with this EWMA λ for the scan range. */
  volScaledLambda: Lambda.optional(),
  /** Floor / cap of the scan range as fractions. */
  floor: z.number().min(0).max(1).optional(),
  cap: z.number().min(0).max(1).optional(),
  /** Implied-vol history (DVOL-style CSV `date,dvol`) per asset for vol shocks; otherwise realised vol changes. */
  impliedVol: z.record(AssetSymbol, z.string().min(1).max(1000)).optional(),
  /** Bracket calibration: notional caps in USD and the liquidity model. */
  brackets: z.strictObject({
    notionalCapsUsd: z.array(z.number().positive()).min(1).max(50),
    participationRate: z.number().gt(0).max(1).default(0.1),
    impactCoefficient: z.number().min(0).max(10).optional(),
    /** IMR ≥ imrMultiple × MMR (default 2). */
    imrMultiple: z.number().gt(1).max(100).optional(),
  }).optional(),
  /** Rows averaged for the average daily traded value (brackets, haircuts). */
  advDays: z.number().int().min(1).max(365).default(30),
  /** Volume column unit per asset: base units (exchange klines, the default) or USD notional (Yahoo stablecoin files). */
  volumeUnits: z.record(AssetSymbol, z.enum(['base', 'usd'])).optional(),
  /** Collateral haircut calibration: the amount liquidated, USD. */
  haircuts: z.strictObject({
    liquidationAmountUsd: z.number().positive(),
    participationRate: z.number().gt(0).max(1).default(0.1),
    impactCoefficient: z.number().min(0).max(10).optional(),
  }).optional(),
  bootstrap: z.strictObject({
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    resamples: z.number().int().min(50).max(20_000).default(1000),
    level: z.number().gt(0).lt(1).default(0.9),
  }).default({ seed: 1, resamples: 1000, level: 0.9 }),
  jobId: JobId.optional(),
});
export type CalibrateConfig = z.input<typeof CalibrateConfig>;

export const SweepConfig = z.strictObject({
  prices: PricesRef,
  assets: z.array(AssetSymbol).min(1).max(20),
  axes: z.strictObject({
    methods: z.array(VarMethodSchema).min(1),
    confidences: z.array(Confidence).min(1),
    windowDays: z.array(Window).min(1),
    ewmaLambdas: z.array(Lambda).min(1),
    horizonDays: z.array(Horizon).min(1),
    apcVariants: z.array(ApcVariant).min(1),
  }),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  jobId: JobId.optional(),
}).refine((c) => c.axes.methods.length * c.axes.confidences.length * c.axes.windowDays.length * c.axes.ewmaLambdas.length *
  c.axes.horizonDays.length * c.axes.apcVariants.length <= 5000, { path: ['axes'], message: 'the grid has more than 5,000 parameter sets' });
export type SweepConfig = z.input<typeof SweepConfig>;
