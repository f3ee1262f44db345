/**
 * Scenario values (docs/methodology stress-scenarios, docs/formats scenarios). A scenario is a named,
 * ordered list of shocks; `applyShock` applies them in list order, each to the state the previous
 * ones left (so two relative price shocks compound). Every shock says how it shifts the state:
 *   price  RELATIVE (shockPct), ABSOLUTE (changeUsd) or LEVEL (newPriceUsd, the new price itself);
 *   vol    ABSOLUTE in vol points (1 point = 0.01 of annualised vol), optionally × (30/DTE)^p;
 *   basis, mark deviation   ABSOLUTE in % of the index; funding  a rate per period × periods;
 *   haircut ABSOLUTE add-on; de-peg  LEVEL (the stablecoin's new USD price);
 *   liquidity  a multiplier on market depth; correlation  operations on a base correlation matrix.
 *
 * Two forms: `ScenarioWire` is the JSON form (files, IPC, store; validated by the zod schema in
 * preload/contract/schemas/scenarios.ts) with money-like inputs — prices, price changes, haircuts,
 * funding rates — as decimal strings; `Scenario` is the parsed value (parseScenario.ts) with numbers,
 * basis in %, defaults filled in.
 */

// ---------------------------------------------------------------- JSON form

/** A list of asset symbols, or every asset the market snapshot prices (minus `except`). */
export type AssetsWire = string[] | 'all';

export type ShockWire =
  | { type: 'price'; shift: 'relative'; assets: AssetsWire; except?: string[]; shockPct: number }
  | { type: 'price'; shift: 'absolute'; asset: string; changeUsd: string }
  | { type: 'price'; shift: 'level'; asset: string; newPriceUsd: string }
  | { type: 'vol'; assets: AssetsWire; except?: string[]; volPoints: number; termScalingPower?: number }
  | {
    type: 'basis'; instrument: 'future' | 'perpetual'; assets: AssetsWire; except?: string[];
    basisShockPct?: number; basisShockBp?: number;
  }
  | { type: 'funding'; assets: AssetsWire; except?: string[]; ratePerPeriod: string; periods: number }
  | { type: 'markDeviation'; assets: AssetsWire; except?: string[]; deviationPct: number }
  | { type: 'haircut'; asset: string; haircutAddOn: string }
  | { type: 'depeg'; asset: string; priceUsd: string }
  | { type: 'liquidity'; assets: AssetsWire; except?: string[]; depthMultiplier: number }
  | { type: 'correlation'; base: CorrelationBaseWire; operations: CorrelationOperationWire[] };

export interface CorrelationBaseWire {
  estimator: 'sample' | 'ewma';
  /** EWMA decay (default 0.94); only with estimator 'ewma'. */
  lambda?: number;
  /** Estimate on returns dated from…to inclusive (a stressed window); absent = the whole history given. */
  window?: { from: string; to: string };
}

export type CorrelationOperationWire =
  | { op: 'blend'; toward: 'ones' | 'zero'; weight: number; assets?: string[] }
  | { op: 'flipSign'; pairs: [string, string][]; weight?: number }
  | { op: 'override'; pairs: { assets: [string, string]; correlation: number }[]; weight?: number }
  | { op: 'blendTarget'; target: { assets: string[]; matrix: number[][] }; weight: number };

export interface ScenarioWire {
  schemaVersion: 1;
  name: string;
  description?: string;
  /** Where the scenario comes from (a committee decision, a replayed episode, a regulation). */
  source?: string;
  shocks: ShockWire[];
}

// ---------------------------------------------------------------- parsed value

/** Listed assets, or all assets the snapshot prices except some. */
export type AssetTarget = { kind: 'assets'; assets: string[] } | { kind: 'all'; except: string[] };

export interface RelativePriceShock { type: 'price'; shift: 'relative'; target: AssetTarget; shockPct: number }
export interface AbsolutePriceShock { type: 'price'; shift: 'absolute'; asset: string; changeUsd: number }
export interface LevelPriceShock { type: 'price'; shift: 'level'; asset: string; newPriceUsd: number }
export interface VolShock { type: 'vol'; target: AssetTarget; volPoints: number; termScalingPower: number | null }
export interface BasisShock { type: 'basis'; instrument: 'future' | 'perpetual'; target: AssetTarget; basisShockPct: number }
export interface FundingShock { type: 'funding'; target: AssetTarget; ratePerPeriod: number; periods: number }
export interface MarkDeviationShock { type: 'markDeviation'; target: AssetTarget; deviationPct: number }
export interface HaircutShock { type: 'haircut'; asset: string; haircutAddOn: number }
export interface DepegShock { type: 'depeg'; asset: string; priceUsd: number }
export interface LiquidityShock { type: 'liquidity'; target: AssetTarget; depthMultiplier: number }

export interface CorrelationBase {
  estimator: 'sample' | 'ewma';
  /** 0.94 unless given; ignored by 'sample'. */
  lambda: number;
  window: { from: string; to: string } | null;
}

export type CorrelationOperation =
  | { op: 'blend'; toward: 'ones' | 'zero'; weight: number; assets: string[] | null }
  | { op: 'flipSign'; pairs: [string, string][]; weight: number }
  | { op: 'override'; pairs: { assets: [string, string]; correlation: number }[]; weight: number }
  | { op: 'blendTarget'; target: { assets: string[]; matrix: Float64Array }; weight: number };

export interface CorrelationShock { type: 'correlation'; base: CorrelationBase; operations: CorrelationOperation[] }

export type PriceShock = RelativePriceShock | AbsolutePriceShock | LevelPriceShock;

export type Shock =
  | PriceShock | VolShock | BasisShock | FundingShock | MarkDeviationShock | HaircutShock | DepegShock
  | LiquidityShock | CorrelationShock;

export interface Scenario {
  name: string;
  description: string;
  source: string;
  shocks: Shock[];
}

/** Reference maturity of the term-scaled vol shock: (REFERENCE_DAYS / DTE)^p (SPAN-style scaling). */
export const VOL_REFERENCE_DAYS = 30;
