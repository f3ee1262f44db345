import { z } from 'zod';
import { AssetSymbol, DecimalString, IsoDate, Name } from './common';

/**
 * Margin model configurations (docs/formats: models): one validated union on `kind` for every model the
 * workbench runs. Decimals are strings; counts are JSON integers. Each issue's path names the field, and
 * each message states the rule it broke. main/core/margin/config.ts re-checks what the core relies on.
 */

/** A decimal string in a range; `open` ends exclude the bound. */
function decimalIn(min: number, max: number, opts: { minOpen?: boolean; maxOpen?: boolean } = {}) {
  const lo = `${opts.minOpen ? '(' : '['}${min}`;
  const hi = `${max}${opts.maxOpen ? ')' : ']'}`;
  return DecimalString.refine((s) => {
    const v = Number(s);
    return (opts.minOpen ? v > min : v >= min) && (opts.maxOpen ? v < max : v <= max);
  }, `must be a decimal string in ${lo}, ${hi}`);
}

const Meta = {
  name: Name,
  description: z.string().max(4000).optional(),
  /** Where the parameters come from (exchange page, regulation, date). */
  source: z.string().max(4000).optional(),
};

// ---------------------------------------------------------------- tiered brackets

export const BracketConfig = z.strictObject({
  /** Upper notional of the bracket, inclusive, in the table's notionalUnit. */
  notionalCap: decimalIn(0, 1e15, { minOpen: true }),
  maxLeverage: decimalIn(1, 1000),
  /** Defaults to 1 / maxLeverage. */
  initialMarginRate: decimalIn(0, 1, { minOpen: true }).optional(),
  maintenanceMarginRate: decimalIn(0, 1, { minOpen: true, maxOpen: true }),
  /** Published maintenance amount (cum); checked against the value derived from the rates. */
  maintenanceAmount: decimalIn(0, 1e15).optional(),
});
export type BracketConfig = z.infer<typeof BracketConfig>;

export const BracketTableConfig = z
  .strictObject({
    name: Name,
    /** Empty = the default table for its settlement. */
    underlyings: z.array(AssetSymbol).max(200),
    settlement: z.enum(['linear', 'inverse']),
    notionalUnit: z.enum(['usd', 'coin']),
    brackets: z.array(BracketConfig).min(1).max(100),
  })
  .superRefine((t, ctx) => {
    if (t.settlement === 'linear' && t.notionalUnit !== 'usd') {
      ctx.addIssue({ code: 'custom', path: ['notionalUnit'], message: 'a linear table is in usd notional' });
    }
    t.brackets.forEach((b, i) => {
      if (i > 0 && !(Number(b.notionalCap) > Number(t.brackets[i - 1].notionalCap))) {
        ctx.addIssue({ code: 'custom', path: ['brackets', i, 'notionalCap'], message: 'caps must increase from bracket to bracket' });
      }
      if (i > 0 && Number(b.maintenanceMarginRate) < Number(t.brackets[i - 1].maintenanceMarginRate)) {
        ctx.addIssue({ code: 'custom', path: ['brackets', i, 'maintenanceMarginRate'], message: 'must not be lower than the previous bracket\'s' });
      }
      const imr = b.initialMarginRate === undefined ? 1 / Number(b.maxLeverage) : Number(b.initialMarginRate);
      if (!(Number(b.maintenanceMarginRate) < imr)) {
        ctx.addIssue({ code: 'custom', path: ['brackets', i, 'maintenanceMarginRate'], message: 'must be below the initial margin rate' });
      }
    });
  });
export type BracketTableConfig = z.infer<typeof BracketTableConfig>;

export const CollateralConfig = z.strictObject({
  /** Haircut per asset in [0, 1]: value = balance × price × (1 − haircut). */
  haircuts: z.record(AssetSymbol, decimalIn(0, 1)),
  /** Haircut of assets not in the table; absent = such collateral is refused. */
  defaultHaircut: decimalIn(0, 1).optional(),
});

export const TieredModelConfig = z
  .strictObject({
    kind: z.literal('tiered'),
    ...Meta,
    convention: z.enum(['markPrice', 'entryPrice']),
    tables: z.array(BracketTableConfig).min(1).max(500),
    collateral: CollateralConfig,
  })
  .superRefine((m, ctx) => {
    const seen = new Map<string, number>();
    m.tables.forEach((t, i) => {
      for (const key of t.underlyings.length ? t.underlyings.map((u) => `${t.settlement} ${u}`) : [`${t.settlement} default`]) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['tables', i, 'underlyings'], message: `${key} is already covered by tables[${seen.get(key)}]` });
        seen.set(key, i);
      }
    });
  });
export type TieredModelConfig = z.infer<typeof TieredModelConfig>;

// ---------------------------------------------------------------- scenario grid (SPAN / Deribit PM style)

export const ExtendedScenario = z.strictObject({
  /** Relative underlying move, e.g. "-0.66" or "5" (= +500 %). Evaluated with the vol-up shift. */
  priceShock: decimalIn(-1, 100, { minOpen: true }),
  /** Fraction of the scenario loss that counts, (0, 1]. */
  coverage: decimalIn(0, 1, { minOpen: true }),
});

export const ScenarioGridModelConfig = z.strictObject({
  kind: z.literal('scenarioGrid'),
  ...Meta,
  /** Price scan range R as a fraction of the underlying price (0.16 = ±16 %). */
  priceRange: decimalIn(0, 1, { minOpen: true, maxOpen: true }),
  /** N: price nodes on each side of zero at R·k/N, k = 1..N (SPAN: 3, Deribit PM: 4). */
  priceStepsPerSide: z.number().int().min(1).max(50),
  /** Implied-vol shifts in vol points (1 point = 0.01 of annualised vol). */
  volUpPoints: decimalIn(0, 500),
  volDownPoints: decimalIn(0, 500),
  /** p in (30 / daysToExpiry)^p scaling the vol shifts; absent = no scaling. */
  volScalingPower: decimalIn(0, 2).optional(),
  /** Extreme move = extremeMultiple × R, of which extremeCoverage of the loss counts (SPAN preset: 2 and 0.35). */
  extremeMultiple: decimalIn(1, 20),
  extremeCoverage: decimalIn(0, 1),
  /** Added per net short option (calls + puts netted per strike), as a fraction of the underlying value. */
  shortOptionContingencyFraction: decimalIn(0, 1),
  /** Added on offsetting (calendar-spread) futures, as a fraction of the offset underlying value. */
  offsettingFuturesContingencyFraction: decimalIn(0, 1),
  /** Floor per short option, as a fraction of the underlying value. */
  shortOptionMinimumFraction: decimalIn(0, 1),
  /** IM = initialMarginFactor × MM. */
  initialMarginFactor: decimalIn(1, 10),
  /** Deribit PM extended table: far moves on vol-up only, a fraction of their loss. */
  extendedTable: z.array(ExtendedScenario).max(50).optional(),
  /** Also scan every price node with implied vol unchanged (Deribit PM: up / same / down); absent = false (SPAN: up, down). */
  volUnchanged: z.boolean().optional(),
  /** Collateral haircuts, applied at scenario prices; absent = no haircut on any asset. */
  collateral: CollateralConfig.optional(),
});
export type ScenarioGridModelConfig = z.infer<typeof ScenarioGridModelConfig>;

// ---------------------------------------------------------------- VaR models

const Confidence = decimalIn(0.5, 1, { maxOpen: true });
const HorizonDays = z.number().int().min(1).max(60);

/** EMIR RTS 153/2013 Art. 28 anti-procyclicality tools: one of the three. */
export const AntiProcyclicality = z.discriminatedUnion('tool', [
  z.strictObject({ tool: z.literal('buffer'), bufferFraction: decimalIn(0.25, 1) }),
  z
    .strictObject({ tool: z.literal('stressedWeight'), stressedWeight: decimalIn(0.25, 1), stressedFrom: IsoDate, stressedTo: IsoDate })
    .refine((a) => a.stressedFrom <= a.stressedTo, { path: ['stressedTo'], message: 'must not be before stressedFrom' }),
  z.strictObject({ tool: z.literal('tenYearFloor') }),
]);
export type AntiProcyclicality = z.infer<typeof AntiProcyclicality>;

export const HistoricalVarModelConfig = z.strictObject({
  kind: z.literal('historicalVar'),
  ...Meta,
  confidence: Confidence,
  horizonDays: HorizonDays,
  lookbackDays: z.number().int().min(30).max(7300),
  measure: z.enum(['var', 'es']),
  /** Filtered historical simulation: returns rescaled by EWMA vol with this lambda. */
  filteredHistorical: z.strictObject({ lambda: decimalIn(0, 1, { minOpen: true, maxOpen: true }) }).optional(),
  antiProcyclicality: AntiProcyclicality.optional(),
  /** Collateral haircuts, applied at scenario prices; absent = no haircut on any asset. */
  collateral: CollateralConfig.optional(),
});
export type HistoricalVarModelConfig = z.infer<typeof HistoricalVarModelConfig>;

export const ParametricVarModelConfig = z.strictObject({
  kind: z.literal('parametricVar'),
  ...Meta,
  confidence: Confidence,
  horizonDays: HorizonDays,
  /** EWMA decay of the covariance estimate (RiskMetrics: 0.94). */
  lambda: decimalIn(0, 1, { minOpen: true, maxOpen: true }),
  /** Collateral haircuts (exposure of coin collateral = balance × price × (1 − haircut)); absent = none. */
  collateral: CollateralConfig.optional(),
});
export type ParametricVarModelConfig = z.infer<typeof ParametricVarModelConfig>;

export const MarginModelConfig = z.discriminatedUnion('kind', [
  TieredModelConfig,
  ScenarioGridModelConfig,
  HistoricalVarModelConfig,
  ParametricVarModelConfig,
]);
export type MarginModelConfig = z.infer<typeof MarginModelConfig>;

// ---------------------------------------------------------------- channel payloads

export const ModelRecordSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['tiered', 'scenarioGrid', 'historicalVar', 'parametricVar']),
  preset: z.boolean(),
  contentHash: z.string(),
  config: MarginModelConfig,
  /** Where a calibrated configuration came from (data range, α, L, h, method, CI, app version). */
  provenance: z.unknown(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ModelRecordSchema = z.infer<typeof ModelRecordSchema>;
export const ModelListOutput = z.strictObject({ models: z.array(ModelRecordSchema) });
export const ModelIdInput = z.strictObject({ id: z.string().min(1).max(200) });
export const ModelSaveInput = z.strictObject({
  /** Omit to create; give a saved (non-preset) id to overwrite it. */
  id: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/).optional(),
  config: MarginModelConfig,
  provenance: z.unknown().optional(),
});
export const ModelDeleteOutput = z.strictObject({ deleted: z.boolean() });
