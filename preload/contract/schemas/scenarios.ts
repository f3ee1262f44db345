import { z } from 'zod';
import { AssetSymbol, DecimalString, Finite, Id, IsoDate, Name } from './common';

/**
 * Stress scenarios and historical episodes (docs/formats: scenarios). Strict objects: unknown fields
 * are refused and every issue's path names the field. Money-like inputs — prices, price changes,
 * haircuts, funding rates — are decimal strings; percentages, vol points, weights and other
 * statistics are JSON numbers. main/core/stress/parseScenario.ts re-checks the same rules in core.
 */

function numberIn(min: number, max: number, opts: { minOpen?: boolean; maxOpen?: boolean } = {}) {
  const lo = `${opts.minOpen ? '(' : '['}${min}`;
  const hi = `${max}${opts.maxOpen ? ')' : ']'}`;
  return Finite.refine((v) => (opts.minOpen ? v > min : v >= min) && (opts.maxOpen ? v < max : v <= max), `must be a number in ${lo}, ${hi}`);
}

function decimalIn(min: number, max: number, opts: { minOpen?: boolean } = {}) {
  return DecimalString.refine((s) => {
    const v = Number(s);
    return (opts.minOpen ? v > min : v >= min) && v <= max;
  }, `must be a decimal string in ${opts.minOpen ? '(' : '['}${min}, ${max}]`);
}

const AssetList = z
  .array(AssetSymbol)
  .min(1)
  .max(500)
  .refine((a) => new Set(a).size === a.length, 'lists an asset twice');

/** Listed assets, or "all" the market snapshot prices (optionally `except` some). */
const Targeted = {
  assets: z.union([AssetList, z.literal('all')]),
  except: z.array(AssetSymbol).max(500).refine((xs) => new Set(xs).size === xs.length, 'lists an asset twice').optional(),
};

function exceptOnlyWithAll(s: { assets: string[] | 'all'; except?: string[] }, ctx: z.RefinementCtx) {
  if (s.except !== undefined && s.assets !== 'all') {
    ctx.addIssue({ code: 'custom', path: ['except'], message: 'is only allowed with assets: "all"' });
  }
}

// ---------------------------------------------------------------- shocks

export const PriceShock = z.discriminatedUnion('shift', [
  z.strictObject({
    type: z.literal('price'), shift: z.literal('relative'), ...Targeted,
    /** Relative move in percent: −30 = −30 %. */
    shockPct: numberIn(-100, 1000, { minOpen: true }),
  }).superRefine(exceptOnlyWithAll),
  z.strictObject({ type: z.literal('price'), shift: z.literal('absolute'), asset: AssetSymbol, changeUsd: decimalIn(-1e15, 1e15) }),
  z.strictObject({ type: z.literal('price'), shift: z.literal('level'), asset: AssetSymbol, newPriceUsd: decimalIn(0, 1e15, { minOpen: true }) }),
]);

export const VolShock = z.strictObject({
  type: z.literal('vol'), ...Targeted,
  /** Absolute shift in vol points: 1 point = 0.01 of annualised vol. */
  volPoints: numberIn(-500, 500),
  /** p in (30 / daysToExpiry)^p; absent = the same shift at every expiry. */
  termScalingPower: numberIn(0, 2).optional(),
}).superRefine(exceptOnlyWithAll);

export const BasisShock = z.strictObject({
  type: z.literal('basis'), instrument: z.enum(['future', 'perpetual']), ...Targeted,
  basisShockPct: numberIn(-100, 100).optional(),
  basisShockBp: numberIn(-10000, 10000).optional(),
}).superRefine((s, ctx) => {
  exceptOnlyWithAll(s, ctx);
  if ((s.basisShockPct === undefined) === (s.basisShockBp === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['basisShockPct'], message: 'needs exactly one of basisShockPct, basisShockBp' });
  }
});

export const FundingShock = z.strictObject({
  type: z.literal('funding'), ...Targeted,
  /** Funding rate per period as a fraction ("0.0001" = 0.01 %); positive: longs pay shorts. */
  ratePerPeriod: decimalIn(-1, 1),
  periods: z.number().int().min(1).max(100000),
}).superRefine(exceptOnlyWithAll);

export const MarkDeviationShock = z.strictObject({
  type: z.literal('markDeviation'), ...Targeted,
  /** Mark price deviation from the index, percent. */
  deviationPct: numberIn(-100, 100, { minOpen: true }),
}).superRefine(exceptOnlyWithAll);

export const HaircutShock = z.strictObject({
  type: z.literal('haircut'), asset: AssetSymbol,
  /** Absolute add-on to the collateral haircut ("0.1" = +10 percentage points). */
  haircutAddOn: decimalIn(0, 1),
});

export const DepegShock = z.strictObject({
  type: z.literal('depeg'), asset: AssetSymbol,
  /** The stablecoin's new USD price, e.g. "0.95". */
  priceUsd: decimalIn(0, 10, { minOpen: true }),
});

export const LiquidityShock = z.strictObject({
  type: z.literal('liquidity'), ...Targeted,
  /** Multiplier on market depth: 0.5 = half the depth. */
  depthMultiplier: numberIn(0, 100, { minOpen: true }),
}).superRefine(exceptOnlyWithAll);

const Weight = numberIn(0, 1);
const Correlation = numberIn(-1, 1);
const Pair = z.tuple([AssetSymbol, AssetSymbol]).refine(([a, b]) => a !== b, 'a pair needs two different assets');

export const CorrelationOperation = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('blend'), toward: z.enum(['ones', 'zero']), weight: Weight, assets: AssetList.refine((a) => a.length >= 2, 'needs at least 2 assets').optional() }),
  z.strictObject({ op: z.literal('flipSign'), pairs: z.array(Pair).min(1).max(10000), weight: Weight.optional() }),
  z.strictObject({
    op: z.literal('override'),
    pairs: z.array(z.strictObject({ assets: Pair, correlation: Correlation })).min(1).max(10000),
    weight: Weight.optional(),
  }),
  z.strictObject({
    op: z.literal('blendTarget'),
    target: z.strictObject({ assets: AssetList.refine((a) => a.length >= 2, 'needs at least 2 assets'), matrix: z.array(z.array(Correlation)).min(2).max(500) })
      .superRefine((t, ctx) => {
        const n = t.assets.length;
        if (t.matrix.length !== n) ctx.addIssue({ code: 'custom', path: ['matrix'], message: `has ${t.matrix.length} rows for ${n} assets` });
        t.matrix.forEach((row, i) => {
          if (row.length !== t.matrix.length) ctx.addIssue({ code: 'custom', path: ['matrix', i], message: `matrix is not square: row ${i} has ${row.length} entries` });
          else if (row[i] !== 1) ctx.addIssue({ code: 'custom', path: ['matrix', i, i], message: `diagonal entry [${i},${i}] is ${row[i]}, not 1` });
        });
        t.matrix.forEach((row, i) => row.forEach((x, j) => {
          if (j > i && t.matrix[j]?.[i] !== undefined && t.matrix[j][i] !== x) {
            ctx.addIssue({ code: 'custom', path: ['matrix', i, j], message: `matrix is not symmetric: [${i},${j}] is ${x} but [${j},${i}] is ${t.matrix[j][i]}` });
          }
        }));
      }),
    weight: Weight,
  }),
]);

export const CorrelationBase = z.strictObject({
  estimator: z.enum(['sample', 'ewma']),
  lambda: numberIn(0, 1, { minOpen: true, maxOpen: true }).optional(),
  window: z.strictObject({ from: IsoDate, to: IsoDate }).refine((w) => w.from <= w.to, { path: ['to'], message: 'must not be before from' }).optional(),
}).refine((b) => b.estimator === 'ewma' || b.lambda === undefined, { path: ['lambda'], message: 'is only used by the ewma estimator' });

export const CorrelationShock = z.strictObject({
  type: z.literal('correlation'),
  base: CorrelationBase,
  operations: z.array(CorrelationOperation).min(1).max(1000),
});

export const Shock = z.discriminatedUnion('type', [
  PriceShock, VolShock, BasisShock, FundingShock, MarkDeviationShock, HaircutShock, DepegShock, LiquidityShock, CorrelationShock,
]);
export type Shock = z.infer<typeof Shock>;

/** A scenario file / stored scenario. */
export const ScenarioFile = z.strictObject({
  schemaVersion: z.literal(1),
  name: Name,
  description: z.string().max(4000).optional(),
  source: z.string().max(4000).optional(),
  shocks: z.array(Shock).min(1).max(1000),
}).superRefine((s, ctx) => {
  let first: { index: number; key: string } | null = null;
  s.shocks.forEach((shock, i) => {
    if (shock.type !== 'correlation') return;
    const b = shock.base;
    const key = JSON.stringify([b.estimator, b.estimator === 'ewma' ? (b.lambda ?? 0.94) : null, b.window?.from ?? null, b.window?.to ?? null]);
    if (first === null) first = { index: i, key };
    else if (first.key !== key) ctx.addIssue({ code: 'custom', path: ['shocks', i, 'base'], message: `differs from shocks[${first.index}].base: a scenario has one correlation base` });
  });
});
export type ScenarioFile = z.infer<typeof ScenarioFile>;

// ---------------------------------------------------------------- episodes

/** A historical episode or user-defined window: dates only, from <= anchorDate <= to. */
export const Episode = z.strictObject({
  id: Id,
  name: Name,
  anchorDate: IsoDate,
  from: IsoDate,
  to: IsoDate,
  description: z.string().max(4000).optional(),
  windowRationale: z.string().max(4000).optional(),
}).superRefine((e, ctx) => {
  if (e.from > e.anchorDate) ctx.addIssue({ code: 'custom', path: ['from'], message: `must not be after anchorDate ${e.anchorDate}` });
  if (e.anchorDate > e.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before anchorDate ${e.anchorDate}` });
});
export type Episode = z.infer<typeof Episode>;

export const EpisodeFile = z.strictObject({
  schemaVersion: z.literal(1),
  episodes: z.array(Episode).min(1).max(1000),
}).superRefine((f, ctx) => {
  const seen = new Map<string, number>();
  f.episodes.forEach((e, i) => {
    const earlier = seen.get(e.id);
    if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: ['episodes', i, 'id'], message: `"${e.id}" is already used by episodes[${earlier}]` });
    seen.set(e.id, i);
  });
});
export type EpisodeFile = z.infer<typeof EpisodeFile>;

export const ReplayOptions = z.strictObject({
  mode: z.enum(['closeToClose', 'worstWindow']),
  horizonDays: z.number().int().min(1).max(366).optional(),
  assets: z.array(AssetSymbol).max(500).optional(),
});
export type ReplayOptions = z.infer<typeof ReplayOptions>;
