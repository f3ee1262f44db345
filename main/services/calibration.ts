/**
 * The calibration lab's use cases (issue "Calibration lab"), shared by the calibration:* channels
 * and the `mwb var|backtest|diagnose|calibrate|sweep` commands. Prices come from a stored dataset
 * (IPC, CLI) or from series the CLI read from CSV files. Heavy work runs in worker tasks with
 * progress; backtests, calibrations and sweeps on a stored dataset are RECORDED RUNS whose inputs
 * are the dataset id, the content hash of every series used and the parameters (docs/methodology,
 * "Service and CLI conventions").
 */
import type {
  BacktestOutput, CalibrateOutput, CalibrationVarOutput, DiagnoseOutput, QqOutput, SweepOutput,
} from '../../preload/contract/schemas/calibrationChannels';
import type { BacktestInput } from '../../preload/contract/schemas/calibration';
import { InputError } from '../core/errors';
import { commonTestPeriod, sweepGrid } from '../core/calibration/sweep';
import type { SweepAxes } from '../core/calibration/sweep';
import type { LookbackStability } from '../core/calibration/sampleSize';
import type { AssetDiagnostics } from '../core/calibration/diagnostics';
import type { VarEstimate, VarEstimateWithIntervals, VarMethod } from '../core/calibration/var';
import type { ServiceContext } from './context';
import { contentHash } from '../store/hash';
import { tracked } from './tracked';
import { loadPrices, runInputs } from './calibrationPrices';
import type { LoadedPrices, PriceSource } from './calibrationPrices';
import { closeSeriesOf, varModelOf, varWork } from './calibrationWork';
import type { BacktestWorkPayload, BacktestWorkResult, DiagnoseWorkPayload, LookbackWorkPayload, VarSpecValue, VarWorkPayload } from './calibrationWork';
import type { CalibrateWorkPayload, CalibrateWorkResult } from './calibrationCalibrateWork';
import { parseImpliedVolCsv } from './calibrationImpliedVol';
import { backtestOutput, backtestRunOutput, diagnoseOutput } from './calibrationOutputs';
import { calibrationCandidates, saveCalibratedModel } from './calibrationCandidates';
import { rankSweep, runSweepInParts, sweepLookbackStability } from './calibrationSweep';
import type { QqData, QqWorkPayload } from './calibrationQq';

type BootstrapValue = { seed: number; resamples: number; level: number };
type WithPrices<T> = Omit<T, 'prices'> & { prices: PriceSource };

export interface VarRequest { prices: PriceSource; asset: string; model: VarSpecValue; at?: string; bootstrap?: BootstrapValue }
export type BacktestRequest = WithPrices<{
  target: { type: 'asset'; asset: string } | { type: 'portfolio'; weights: Record<string, number> };
  model: VarSpecValue; apc: NonNullable<BacktestInput['apc']>; from?: string; to?: string; jobId?: string;
}>;
export interface DiagnoseRequest { prices: PriceSource; asset: string; horizonDays: number; adfLags: number | 'aic'; worstMoveCount: number }
export interface CalibrateRequest {
  prices: PriceSource; assets: string[]; at?: string; confidence: number; lookbackDays: number; horizonDays: number;
  volScaledLambda?: number; floor?: number; cap?: number; advDays: number; volumeUnits?: Record<string, 'base' | 'usd'>;
  /** Implied-vol history per asset as file text (the CLI reads the configured paths). */
  impliedVolFiles?: Record<string, { fileName: string; text: string }>;
  brackets?: CalibrateWorkPayload['brackets']; haircuts?: CalibrateWorkPayload['haircuts'];
  bootstrap: BootstrapValue; jobId?: string;
}
export interface SweepRequest { prices: PriceSource; assets: string[]; axes: SweepAxes & { methods: VarMethod[] }; from?: string; to?: string; jobId?: string }
export interface QqRequest { prices: PriceSource; asset: string; horizonDays: number; from?: string; to?: string; maxPoints: number }
export interface LookbackRequest {
  prices: PriceSource; asset: string; method: 'hs' | 'fhs'; confidence: number; horizonDays: number; lambda: number;
  lookbacks: number[]; at?: string; tolerance: number; bootstrap?: BootstrapValue;
}

/** The parameters a run records: the request without its price source and job id. */
function params<T extends { prices: PriceSource; jobId?: string }>(input: T): Omit<T, 'prices' | 'jobId'> {
  const { prices: _p, jobId: _j, ...rest } = input;
  return rest;
}

/** VaR / ES at a date without bootstrap: cheap, computed in-process (also by the CLI on CSV files, with no store). */
export function valueAtRiskOf(prices: LoadedPrices, input: Omit<VarRequest, 'prices'>): CalibrationVarOutput {
  return varOutput(prices, input, varWork(varPayload(prices, input)));
}

function varPayload(prices: LoadedPrices, input: Omit<VarRequest, 'prices'>): VarWorkPayload {
  return { series: closeSeriesOf(prices.series.get(input.asset)!), model: varModelOf(input.model), at: input.at, bootstrap: input.bootstrap };
}

function varOutput(prices: LoadedPrices, input: Omit<VarRequest, 'prices'>, r: VarEstimate | VarEstimateWithIntervals): CalibrationVarOutput {
  const out: CalibrationVarOutput = {
    asset: input.asset, source: prices.source, at: r.at, var: r.var, es: r.es, observations: r.observations, method: r.method,
    confidence: r.confidence, horizonDays: r.horizonDays, windowDays: input.model.windowDays, lambda: input.model.lambda,
  };
  if ('varInterval' in r) {
    out.varInterval = { ...r.varInterval };
    out.esInterval = { ...r.esInterval };
  }
  return out;
}

export function calibrationService(ctx: ServiceContext) {
  const progressOf = (onProgress: (done: number, total: number, message: string) => void) =>
    (p: { done: number; total: number; message: string }) => onProgress(p.done, p.total, p.message);

  /** A worker task as a tracked job; recorded when the prices are a stored dataset. */
  async function runTask<R>(kind: string, task: string, payload: unknown, jobId: string | undefined) {
    return tracked<R>(ctx, { kind, jobId, work: (id, onProgress) => ctx.pool.run<R>(task, payload, { jobId: id, kind, onProgress: progressOf(onProgress) }) });
  }

  return {
    /** In-process; with bootstrap intervals (B resamples of the window) in a worker task. */
    async valueAtRisk(input: VarRequest): Promise<CalibrationVarOutput> {
      const prices = loadPrices(ctx, input.prices, [input.asset]);
      if (!input.bootstrap) return valueAtRiskOf(prices, input);
      const { result } = await runTask<VarEstimateWithIntervals>('calibration:var', 'calibration:var', varPayload(prices, input), undefined);
      return varOutput(prices, input, result);
    },

    async backtest(input: BacktestRequest): Promise<BacktestOutput> {
      const assets = input.target.type === 'asset' ? [input.target.asset] : Object.keys(input.target.weights).sort();
      const prices = loadPrices(ctx, input.prices, assets);
      const series = assets.map((a) => closeSeriesOf(prices.series.get(a)!));
      const payload: BacktestWorkPayload = {
        target: input.target.type === 'asset' ? { type: 'asset', series: series[0] }
          : { type: 'portfolio', series, weights: assets.map((a) => (input.target as { weights: Record<string, number> }).weights[a]) },
        model: varModelOf(input.model), apcVariant: input.apc, from: input.from, to: input.to,
      };
      const kind = 'calibration:backtest';
      const work = (id: string, onProgress: (d: number, t: number, m: string) => void) =>
        ctx.pool.run<BacktestWorkResult>('calibration:backtest', payload, { jobId: id, kind, onProgress: progressOf(onProgress) });
      const { result, runId, resultHash } = await tracked(ctx, { kind, jobId: input.jobId, work }, prices.dataset ? {
        label: `${input.model.method} ${input.model.confidence} ${input.target.type === 'asset' ? input.target.asset : 'portfolio'}`,
        inputs: runInputs(prices), params: params(input), toOutput: (r: BacktestWorkResult) => backtestRunOutput(r.result, r.droppedDates),
      } : undefined);
      return backtestOutput(result.result, result.droppedDates, { runId, resultHash, source: prices.source });
    },

    async diagnose(input: DiagnoseRequest): Promise<DiagnoseOutput> {
      const prices = loadPrices(ctx, input.prices, [input.asset]);
      const payload: DiagnoseWorkPayload = { series: prices.series.get(input.asset)!, horizonDays: input.horizonDays, adfLags: input.adfLags, worstMoveCount: input.worstMoveCount };
      const { result } = await runTask<AssetDiagnostics>('calibration:diagnose', 'calibration:diagnose', payload, undefined);
      return diagnoseOutput(result, prices.source);
    },

    async calibrate(input: CalibrateRequest): Promise<CalibrateOutput> {
      const prices = loadPrices(ctx, input.prices, input.assets);
      for (const a of Object.keys(input.impliedVolFiles ?? {})) if (!input.assets.includes(a)) throw new InputError(`impliedVol.${a}: ${a} is not one of the assets (${input.assets.join(', ')})`);
      for (const a of Object.keys(input.volumeUnits ?? {})) if (!input.assets.includes(a)) throw new InputError(`volumeUnits.${a}: ${a} is not one of the assets (${input.assets.join(', ')})`);
      const payload: CalibrateWorkPayload = {
        assets: input.assets.map((a) => {
          const file = input.impliedVolFiles?.[a];
          return {
            series: prices.series.get(a)!, volumeUnit: input.volumeUnits?.[a] ?? 'base',
            implied: file ? { ...parseImpliedVolCsv(file.text, file.fileName), fileName: file.fileName } : null,
          };
        }),
        at: input.at, confidence: input.confidence, lookbackDays: input.lookbackDays, horizonDays: input.horizonDays,
        volScaledLambda: input.volScaledLambda, floor: input.floor, cap: input.cap, advDays: input.advDays,
        brackets: input.brackets, haircuts: input.haircuts, bootstrap: input.bootstrap, appVersion: ctx.appVersion,
      };
      const candidateContext = { source: prices.source, appVersion: ctx.appVersion, confidence: input.confidence, lookbackDays: input.lookbackDays, horizonDays: input.horizonDays };
      const shape = (r: CalibrateWorkResult) => ({
        at: r.at, appVersion: ctx.appVersion, scanRanges: r.scanRanges, volShocks: r.volShocks, brackets: r.brackets, haircuts: r.haircuts,
        candidates: calibrationCandidates(r, candidateContext),
      });
      const kind = 'calibration:calibrate';
      const impliedHashes = Object.fromEntries(Object.entries(input.impliedVolFiles ?? {}).map(([a, f]) => [a, { fileName: f.fileName, contentHash: contentHash(f.text) }]));
      const { result, runId, resultHash } = await tracked(ctx, {
        kind, jobId: input.jobId,
        work: (id, onProgress) => ctx.pool.run<CalibrateWorkResult>('calibration:calibrate', payload, { jobId: id, kind, onProgress: progressOf(onProgress) }),
      }, prices.dataset ? {
        label: `calibrate ${input.assets.join(', ')}`, seed: input.bootstrap.seed,
        inputs: runInputs(prices, { impliedVol: impliedHashes }),
        params: { ...params(input), impliedVolFiles: undefined },
        toOutput: (r: CalibrateWorkResult) => ({ summaries: shape(r) }),
      } : undefined);
      return { runId, resultHash, source: prices.source, ...shape(result) };
    },

    async sweep(input: SweepRequest): Promise<SweepOutput> {
      const prices = loadPrices(ctx, input.prices, input.assets);
      const assets = input.assets.map((a) => closeSeriesOf(prices.series.get(a)!));
      const sets = sweepGrid(input.axes);
      const common = commonTestPeriod(assets, input.axes);
      const from = input.from && input.from > common.from ? input.from : common.from;
      const to = input.to && input.to < common.to ? input.to : common.to;
      if (from > to) throw new InputError(`from/to: ${input.from ?? from} .. ${input.to ?? to} leaves no test day inside the common test period ${common.from} .. ${common.to}`);
      let parts = 0;
      const kind = 'calibration:sweep';
      const summarise = (runs: Awaited<ReturnType<typeof runSweepInParts>>['runs']) => {
        const ranked = rankSweep(runs);
        return { testPeriod: { from, to }, sets: sets.length, rows: ranked.rows, frontier: ranked.frontier, lookbackStability: sweepLookbackStability(assets, input.axes, to), runs };
      };
      const { result, runId, resultHash } = await tracked(ctx, {
        kind, jobId: input.jobId,
        work: async (id, onProgress) => {
          const r = await runSweepInParts(ctx.pool, id, { assets, from, to }, sets, onProgress);
          parts = r.parts;
          return summarise(r.runs);
        },
      }, prices.dataset ? {
        label: `sweep ${sets.length} sets on ${input.assets.join(', ')}`, inputs: runInputs(prices), params: params(input),
        toOutput: (s: ReturnType<typeof summarise>) => ({
          summaries: {
            testPeriod: s.testPeriod, sets: s.sets, rows: s.rows, frontier: s.frontier, lookbackStability: s.lookbackStability,
            perAsset: Object.fromEntries(s.runs.map((r) => [r.set.id, r.perAsset])),
          },
          vectors: sweepVectors(s.rows),
        }),
      } : undefined);
      const { runs: _runs, ...rest } = result;
      return { runId, resultHash, source: prices.source, parts, ...rest };
    },

    async qq(input: QqRequest): Promise<QqOutput> {
      const prices = loadPrices(ctx, input.prices, [input.asset]);
      const payload: QqWorkPayload = { series: closeSeriesOf(prices.series.get(input.asset)!), horizonDays: input.horizonDays, from: input.from, to: input.to, maxPoints: input.maxPoints };
      const { result } = await runTask<QqData>('calibration:qq', 'calibration:qq', payload, undefined);
      return { source: prices.source, asset: input.asset, ...result, studentT: { ...result.studentT } };
    },

    async lookback(input: LookbackRequest): Promise<LookbackStability> {
      const prices = loadPrices(ctx, input.prices, [input.asset]);
      const payload: LookbackWorkPayload = {
        series: closeSeriesOf(prices.series.get(input.asset)!), at: input.at, lookbacks: input.lookbacks, tolerance: input.tolerance, bootstrap: input.bootstrap,
        model: { method: input.method, confidence: input.confidence, horizonDays: input.horizonDays, ewmaLambda: input.lambda },
      };
      return (await runTask<LookbackStability>('calibration:lookback', 'calibration:lookback', payload, undefined)).result;
    },

    saveModel(input: { runId: string; candidate: string; name?: string }) {
      return saveCalibratedModel(ctx, input);
    },
  };
}
export type CalibrationService = ReturnType<typeof calibrationService>;

/**
 * Columns of the runs table as float64 vectors in grid order. Figures that can be undefined for a set
 * (peak-to-trough ratio at a zero trough, the frontier rank then) stay in the summaries' rows as null
 * and are not vectors: a stored vector never holds NaN (test/stress/nan-scan.test.ts).
 */
function sweepVectors(rows: ReturnType<typeof rankSweep>['rows']): Record<string, Float64Array> {
  const col = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
  return {
    observations: col((r) => r.observations), exceptions: col((r) => r.exceptions), coverage: col((r) => r.coverage),
    kupiecPValue: col((r) => r.kupiecPValue), christoffersenPValueCc: col((r) => r.christoffersenPValueCc),
    averageMargin: col((r) => r.averageMargin),
    largestOneDayIncrease: col((r) => r.largestOneDayIncrease), largestFiveDayIncrease: col((r) => r.largestFiveDayIncrease),
  };
}
