/**
 * The Calibration view's forms as plain values, and their translation into calibration:* payloads.
 * Every payload is checked with the SAME zod schema main validates it with (preload/contract), so
 * a mistake is named by field before anything runs, in the words the server would use. The job id
 * (optional in every schema) is added by the store once the job is registered.
 */
import { z } from 'zod';
import { BacktestInput, SweepConfig } from '../../../../preload/contract/schemas/calibration';
import { CalibrateInput } from '../../../../preload/contract/schemas/calibrationChannels';
import { describeIssues } from '../../../../preload/contract/issues';
import type { InputOf } from '../../../../preload/contract';

// The renderer's CSP has no 'unsafe-eval': jitless parsing avoids zod's new Function probe.
z.config({ jitless: true });

export type VarMethod = 'hs' | 'fhs' | 'parametric';
export type ApcVariant = 'none' | 'buffer25' | 'stressed25' | 'floor10y' | 'all';
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export const METHODS: readonly VarMethod[] = ['hs', 'fhs', 'parametric'];
export const METHOD_LABELS: Record<VarMethod, string> = {
  hs: 'HS (historical simulation)',
  fhs: 'FHS (EWMA-filtered HS)',
  parametric: 'Parametric (EWMA normal)',
};
export const APC_VARIANTS: readonly ApcVariant[] = ['none', 'buffer25', 'stressed25', 'floor10y', 'all'];
export const APC_LABELS: Record<ApcVariant, string> = {
  none: 'none',
  buffer25: '25 % buffer',
  stressed25: '25 % stressed weight',
  floor10y: '10-year floor',
  all: 'buffer + stressed + floor',
};

export interface BacktestForm {
  datasetId: string | null;
  targetType: 'asset' | 'portfolio';
  asset: string;
  /** Portfolio weights as typed (fractions of notional, negative = short); empty = not held. */
  weights: Record<string, string>;
  method: VarMethod;
  confidence: number;
  windowDays: number;
  horizonDays: number;
  lambda: number;
  measure: 'var' | 'es';
  apc: ApcVariant;
  from: string;
  to: string;
}

export function defaultBacktestForm(): BacktestForm {
  return {
    datasetId: null, targetType: 'asset', asset: '', weights: {}, method: 'hs', confidence: 0.99, windowDays: 500, horizonDays: 1,
    lambda: 0.94, measure: 'var', apc: 'none', from: '', to: '',
  };
}

/** Lists as typed: "0.99, 0.975" or "250 500". */
export interface SweepGrid {
  methods: VarMethod[];
  confidences: string;
  windowDays: string;
  ewmaLambdas: string;
  horizonDays: string;
  apcVariants: ApcVariant[];
}

export function defaultSweepGrid(): SweepGrid {
  return { methods: ['hs'], confidences: '0.99, 0.975', windowDays: '250, 500', ewmaLambdas: '0.94', horizonDays: '1', apcVariants: ['none'] };
}

export interface CalibrateForm {
  assets: string[];
  confidence: number;
  lookbackDays: number;
  horizonDays: number;
  /** Scan range from EWMA-filtered returns (FHS) with this λ. */
  filtered: boolean;
  volScaledLambda: number;
  floor: string;
  cap: string;
  /** Bracket notional caps in USD, as typed; empty = no bracket calibration. */
  bracketCapsUsd: string;
  participationRate: number;
  /** USD liquidated for the haircut calibration; empty = no haircuts. */
  haircutAmountUsd: string;
  advDays: number;
  seed: number;
  resamples: number;
  level: number;
  impliedVolFiles: Record<string, { fileName: string; text: string }>;
}

export function defaultCalibrateForm(): CalibrateForm {
  return {
    assets: [], confidence: 0.99, lookbackDays: 365, horizonDays: 2, filtered: false, volScaledLambda: 0.94, floor: '', cap: '',
    bracketCapsUsd: '', participationRate: 0.1, haircutAmountUsd: '', advDays: 30, seed: 1, resamples: 1000, level: 0.9, impliedVolFiles: {},
  };
}

/** "0.99, 0.975" → [0.99, 0.975]; names the field and the token that is not a number. */
export function parseList(text: string, field: string): Checked<number[]> {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, message: `${field}: enter at least one value` };
  const values: number[] = [];
  for (const t of tokens) {
    const x = Number(t);
    if (!Number.isFinite(x)) return { ok: false, message: `${field}: "${t}" is not a number` };
    values.push(x);
  }
  return { ok: true, value: [...new Set(values)] };
}

function checked<T>(schema: z.ZodType, payload: unknown, what: string): Checked<T> {
  const parsed = schema.safeParse(payload);
  return parsed.success ? { ok: true, value: payload as T } : { ok: false, message: `${what}: ${describeIssues(parsed.error)}` };
}

/** The assets a run on this form covers: the one asset, or every asset with a weight. */
export function formAssets(form: BacktestForm): string[] {
  if (form.targetType === 'asset') return form.asset ? [form.asset] : [];
  return Object.keys(form.weights).filter((a) => form.weights[a].trim() !== '').sort();
}

export function backtestInput(form: BacktestForm): Checked<InputOf<'calibration:backtest'>> {
  if (!form.datasetId) return { ok: false, message: 'prices: choose a dataset' };
  let target: InputOf<'calibration:backtest'>['target'];
  if (form.targetType === 'asset') {
    if (!form.asset) return { ok: false, message: 'target.asset: choose an asset' };
    target = { type: 'asset', asset: form.asset };
  } else {
    const weights: Record<string, number> = {};
    for (const a of formAssets(form)) {
      const w = Number(form.weights[a]);
      if (!Number.isFinite(w)) return { ok: false, message: `target.weights.${a}: "${form.weights[a]}" is not a number` };
      weights[a] = w;
    }
    target = { type: 'portfolio', weights };
  }
  const payload = {
    prices: form.datasetId, target,
    model: { method: form.method, confidence: form.confidence, horizonDays: form.horizonDays, windowDays: form.windowDays, lambda: form.lambda, measure: form.measure },
    apc: form.apc, ...(form.from ? { from: form.from } : {}), ...(form.to ? { to: form.to } : {}),
  };
  return checked(BacktestInput, payload, 'Backtest');
}

/**
 * Sizes of the six axes, their product (what the contract limits to 5,000) and the parameter sets
 * that run: axes a method ignores collapse as in main/core/calibration/sweep.ts sweepGrid (hs has
 * no λ, parametric no window). Null while a list does not parse.
 */
export function gridSize(grid: SweepGrid): { sizes: number[]; total: number; sets: number } | null {
  const lists = [grid.confidences, grid.windowDays, grid.ewmaLambdas, grid.horizonDays].map((t) => parseList(t, ''));
  if (lists.some((l) => !l.ok)) return null;
  const [alphas, windows, lambdas, horizons] = lists.map((l) => (l.ok ? l.value.length : 0));
  const sizes = [grid.methods.length, alphas, windows, lambdas, horizons, grid.apcVariants.length];
  const perMethod = (m: VarMethod) => alphas * (m === 'parametric' ? 1 : windows) * (m === 'hs' ? 1 : lambdas) * horizons * grid.apcVariants.length;
  return { sizes, total: sizes.reduce((a, b) => a * b, 1), sets: [...new Set(grid.methods)].reduce((n, m) => n + perMethod(m), 0) };
}

export function sweepConfig(grid: SweepGrid, form: BacktestForm): Checked<InputOf<'calibration:sweep'>> {
  if (!form.datasetId) return { ok: false, message: 'prices: choose a dataset' };
  const assets = formAssets(form);
  if (assets.length === 0) return { ok: false, message: 'assets: choose an asset (or give portfolio weights) above' };
  const lists: Record<string, number[]> = {};
  for (const key of ['confidences', 'windowDays', 'ewmaLambdas', 'horizonDays'] as const) {
    const parsed = parseList(grid[key], `axes.${key}`);
    if (!parsed.ok) return parsed;
    lists[key] = parsed.value;
  }
  const payload = {
    prices: form.datasetId, assets,
    axes: { methods: [...grid.methods], confidences: lists.confidences, windowDays: lists.windowDays, ewmaLambdas: lists.ewmaLambdas, horizonDays: lists.horizonDays, apcVariants: [...grid.apcVariants] },
    ...(form.from ? { from: form.from } : {}), ...(form.to ? { to: form.to } : {}),
  };
  return checked(SweepConfig, payload, 'Sweep');
}

function optionalNumber(text: string, field: string): Checked<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const x = Number(text);
  return Number.isFinite(x) ? { ok: true, value: x } : { ok: false, message: `${field}: "${text}" is not a number` };
}

/** `at`: the calibration date (the backtest form's test end when set; otherwise the data's last date). */
export function calibrateInput(form: CalibrateForm, datasetId: string | null, at = ''): Checked<InputOf<'calibration:calibrate'>> {
  if (!datasetId) return { ok: false, message: 'prices: choose a dataset' };
  const floor = optionalNumber(form.floor, 'floor');
  if (!floor.ok) return floor;
  const cap = optionalNumber(form.cap, 'cap');
  if (!cap.ok) return cap;
  const haircut = optionalNumber(form.haircutAmountUsd, 'haircuts.liquidationAmountUsd');
  if (!haircut.ok) return haircut;
  let brackets: { notionalCapsUsd: number[]; participationRate: number } | undefined;
  if (form.bracketCapsUsd.trim() !== '') {
    const caps = parseList(form.bracketCapsUsd, 'brackets.notionalCapsUsd');
    if (!caps.ok) return caps;
    brackets = { notionalCapsUsd: caps.value, participationRate: form.participationRate };
  }
  const files = Object.fromEntries(Object.entries(form.impliedVolFiles).filter(([a]) => form.assets.includes(a)));
  const payload = {
    prices: datasetId, assets: [...form.assets], ...(at ? { at } : {}), confidence: form.confidence, lookbackDays: form.lookbackDays, horizonDays: form.horizonDays,
    ...(form.filtered ? { volScaledLambda: form.volScaledLambda } : {}),
    ...(floor.value !== undefined ? { floor: floor.value } : {}), ...(cap.value !== undefined ? { cap: cap.value } : {}),
    ...(brackets ? { brackets } : {}),
    ...(haircut.value !== undefined ? { haircuts: { liquidationAmountUsd: haircut.value, participationRate: form.participationRate } } : {}),
    advDays: form.advDays, bootstrap: { seed: form.seed, resamples: form.resamples, level: form.level },
    ...(Object.keys(files).length ? { impliedVolFiles: files } : {}),
  };
  return checked(CalibrateInput, payload, 'Calibrate');
}

/** A sweep's parameter set as the model part of the backtest form (clicking a frontier point). */
export function modelOfSweepRow(row: { method: VarMethod; confidence: number; windowDays: number; ewmaLambda: number; horizonDays: number; apcVariant: string }): Pick<BacktestForm, 'method' | 'confidence' | 'windowDays' | 'lambda' | 'horizonDays' | 'apc'> {
  const apc = (APC_VARIANTS as readonly string[]).includes(row.apcVariant) ? (row.apcVariant as ApcVariant) : 'none';
  return { method: row.method, confidence: row.confidence, windowDays: row.windowDays, lambda: row.ewmaLambda, horizonDays: row.horizonDays, apc };
}

/** Lookbacks of the stability study: a ladder around the model's W, each with a full window in the data. */
export const LOOKBACK_LADDER = [125, 250, 375, 500, 750, 1000, 1500, 2000, 3000] as const;
/** Observations the EWMA seed takes before FHS has filtered losses (design.md: mean of the first 30 squared returns). */
const EWMA_SEED_DAYS = 30;

export function lookbackLadder(rows: number, horizonDays: number, windowDays: number): number[] {
  const available = rows - 1 - horizonDays - EWMA_SEED_DAYS;
  return [...new Set([...LOOKBACK_LADDER, windowDays])].filter((l) => l >= 20 && l <= available).sort((a, b) => a - b);
}
