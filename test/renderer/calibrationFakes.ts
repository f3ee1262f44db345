// A fake window.api for the Calibration view: the calibration:* channels answered by the SAME pure
// work functions the worker tasks run (main/services/calibrationWork.ts) on seeded synthetic closes,
// shaped by the services' output mappers and checked against the contract's output schemas. Only
// the job machinery (pool, store, run ids) is left out.
import { contract, type Channel } from '../../preload/contract';
import type { FakeHandler } from './fakeApi';
import { importMain } from './importMain';

/** What the fakes use from main/ (outside the web TypeScript project: typed here, checked at run time by the output schemas). */
interface PriceSeries { asset: string; dates: string[]; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array }
interface Work {
  closeSeriesOf(s: PriceSeries): unknown;
  varModelOf(spec: unknown): unknown;
  backtestWork(p: unknown): { result: unknown; droppedDates: string[] };
  diagnoseWork(p: unknown): unknown;
  sweepPartWork(p: unknown): unknown[];
  lookbackWork(p: unknown): unknown;
}
interface Outputs {
  backtestOutput(r: unknown, dropped: string[], run: { runId: string; resultHash: string; source: string }): unknown;
  diagnoseOutput(d: unknown, source: string): unknown;
}
interface Sweep {
  commonTestPeriod(assets: unknown[], axes: unknown): { from: string; to: string };
  prepareSweepData(assets: unknown[], range: { from: string; to: string }): unknown;
  sweepGrid(axes: unknown): unknown[];
}
interface SweepService {
  rankSweep(runs: unknown[]): { rows: unknown[]; frontier: unknown };
  sweepLookbackStability(assets: unknown[], axes: unknown, to: string): unknown[];
}
interface Rng { studentT(dof: number): number }

const rngModule = await importMain<{ createRng(seed: number): Rng }>('core/numeric/rng');
const work = await importMain<Work>('services/calibrationWork');
const outputs = await importMain<Outputs>('services/calibrationOutputs');
const { qqWork } = await importMain<{ qqWork(p: unknown): object }>('services/calibrationQq');
const sweepCore = await importMain<Sweep>('core/calibration/sweep');
const sweepService = await importMain<SweepService>('services/calibrationSweep');

export const DAYS = 900;
export const SOURCE = 'dataset Sample market (SYNTHETIC, seed 20260101) (ds-1)';

/** Daily closes with a calm and a stressed regime (Student-t shocks), seeded, starting 2022-01-01. */
export function syntheticSeries(asset: string, seed: number, dailyVol: number): PriceSeries {
  const rng = rngModule.createRng(seed);
  const dates: string[] = [];
  const close = new Float64Array(DAYS);
  let price = asset === 'BTC' ? 40_000 : 3_000;
  for (let i = 0; i < DAYS; i++) {
    dates.push(new Date(Date.UTC(2022, 0, 1 + i)).toISOString().slice(0, 10));
    const vol = i > 550 && i < 640 ? 2.5 * dailyVol : dailyVol;
    price *= Math.exp(vol * rng.studentT(4) / Math.SQRT2);
    close[i] = price;
  }
  return { asset, dates, open: close, high: close, low: close, close, volume: new Float64Array(DAYS).fill(1) };
}

export const SERIES: Record<string, PriceSeries> = { BTC: syntheticSeries('BTC', 11, 0.03), ETH: syntheticSeries('ETH', 12, 0.04) };

const seriesInfo = (asset: string) => ({
  asset, firstDate: SERIES[asset].dates[0], lastDate: SERIES[asset].dates[DAYS - 1], rows: DAYS, format: 'synthetic' as const, sourceFile: `synthetic:${asset}`,
  contentHash: 'sha256:aaaabbbbccccdddd', importedAt: '2025-11-20T09:00:00.000Z', report: { gaps: [], missingDays: 0, badPrints: [], sourceOrder: 'ascending' as const },
});
export const DATASET = { id: 'ds-1', name: 'Sample market (SYNTHETIC, seed 20260101)', synthetic: true, createdAt: '2025-11-20T09:00:00.000Z', series: ['BTC', 'ETH'].map(seriesInfo) };
export const REAL_DATASET = { id: 'ds-2', name: 'Desk closes', synthetic: false, createdAt: '2025-11-21T09:00:00.000Z', series: [seriesInfo('BTC')] };

type Input = Record<string, unknown>;
const valid = (channel: Channel, data: unknown) => ({ ok: true as const, data: contract[channel].output.parse(data) });

export const CALIBRATE_OUTPUT = {
  runId: 'run-cal-1', resultHash: 'b3ddd18ad6d2dcf9', source: SOURCE, at: '2024-06-18', appVersion: '0.1.0',
  scanRanges: [{
    asset: 'BTC', estimate: 0.12087841458852765, priceRange: 0.12087841458852765, priceRangeDecimal: '0.1209', boundBy: null,
    provenance: {
      asset: 'BTC', dataFrom: '2023-06-17', dataTo: '2024-06-18', observations: 365, confidence: 0.99, lookbackDays: 365, horizonDays: 2, method: 'abs-return-quantile',
      confidenceInterval: { lower: 0.07824524402081001, upper: 0.13190203123941477, level: 0.9, resamples: 1000, blockLength: 7, scheme: 'stationary', seed: 1 }, appVersion: '0.1.0',
    },
  }],
  volShocks: [{
    asset: 'BTC', source: 'realised', impliedFile: null, impliedMissingDays: null, volUpPoints: 7.754654173675681, volDownPoints: 6.940394488705121,
    volUpPointsDecimal: '7.76', volDownPointsDecimal: '6.95',
    provenanceUp: {
      asset: 'BTC', dataFrom: '2023-06-17', dataTo: '2024-06-18', observations: 365, confidence: 0.99, lookbackDays: 365, horizonDays: 2, method: 'realised-vol-change-quantile(m=30)-up',
      confidenceInterval: { lower: 6.1166878925495745, upper: 17.848881266195377, level: 0.9, resamples: 1000, blockLength: 7, scheme: 'stationary', seed: 1 }, appVersion: '0.1.0',
    },
    provenanceDown: {
      asset: 'BTC', dataFrom: '2023-06-17', dataTo: '2024-06-18', observations: 365, confidence: 0.99, lookbackDays: 365, horizonDays: 2, method: 'realised-vol-change-quantile(m=30)-down',
      confidenceInterval: { lower: 3.9760590554871693, upper: 8.074160502609931, level: 0.9, resamples: 1000, blockLength: 7, scheme: 'stationary', seed: 1 }, appVersion: '0.1.0',
    },
  }],
  brackets: [],
  haircuts: null,
  candidates: [{
    id: 'scenarioGrid:BTC', label: 'BTC: scenario grid ±0.1209, vol +7.76/−6.95 points', provenance: {},
    // resources/presets/scenario-span-16.json with the calibrated range and vol shifts.
    config: {
      kind: 'scenarioGrid', name: 'BTC calibrated scenario grid', description: 'Price range and vol shifts calibrated for BTC.', source: 'test',
      priceRange: '0.1209', priceStepsPerSide: 3, volUpPoints: '7.76', volDownPoints: '6.95', extremeMultiple: '2', extremeCoverage: '0.35',
      shortOptionContingencyFraction: '0', offsettingFuturesContingencyFraction: '0', shortOptionMinimumFraction: '0.01', initialMarginFactor: '1.1',
    },
  }],
};

export const SAVED_MODEL = (id: string, name: string) => ({
  id, name, kind: 'historicalVar', preset: false, contentHash: 'sha256:00', config: { kind: 'historicalVar', name } as never, provenance: null,
  createdAt: '2025-11-25T10:00:00.000Z', updatedAt: '2025-11-25T10:00:00.000Z',
});

/** calibration:* handlers over SERIES, as the workbench answers them (without recording runs). */
export function calibrationHandlers(): Partial<Record<Channel, FakeHandler>> {
  return {
    'dataset:list': () => ({ ok: true, data: { datasets: [DATASET, REAL_DATASET] } }),
    'calibration:backtest': (input: Input) => {
      const target = input.target as { type: 'asset'; asset: string } | { type: 'portfolio'; weights: Record<string, number> };
      const model = work.varModelOf(input.model);
      const assets = target.type === 'asset' ? [target.asset] : Object.keys(target.weights).sort();
      const series = assets.map((a) => work.closeSeriesOf(SERIES[a]));
      const r = work.backtestWork({
        target: target.type === 'asset' ? { type: 'asset', series: series[0] } : { type: 'portfolio', series, weights: assets.map((a) => target.weights[a]) },
        model, apcVariant: String(input.apc ?? 'none'), from: input.from as string | undefined, to: input.to as string | undefined,
      });
      return valid('calibration:backtest', outputs.backtestOutput(r.result, r.droppedDates, { runId: 'run-bt-1', resultHash: '7365f37d121c0000', source: SOURCE }));
    },
    'calibration:diagnose': (input: Input) => valid('calibration:diagnose', outputs.diagnoseOutput(
      work.diagnoseWork({ series: SERIES[String(input.asset)], horizonDays: Number(input.horizonDays ?? 1), adfLags: 'aic', worstMoveCount: 5 }), SOURCE)),
    'calibration:qq': (input: Input) => valid('calibration:qq', {
      source: SOURCE, asset: input.asset,
      ...qqWork({ series: work.closeSeriesOf(SERIES[String(input.asset)]), horizonDays: Number(input.horizonDays ?? 1), maxPoints: 200 }),
    }),
    'calibration:lookback': (input: Input) => valid('calibration:lookback', work.lookbackWork({
      series: work.closeSeriesOf(SERIES[String(input.asset)]), lookbacks: input.lookbacks as number[],
      model: { method: input.method as 'hs' | 'fhs', confidence: Number(input.confidence), horizonDays: Number(input.horizonDays), ewmaLambda: Number(input.lambda) },
      bootstrap: input.bootstrap as { seed: number; resamples: number; level: number },
    })),
    'calibration:sweep': (input: Input) => {
      const axes = input.axes;
      const assets = (input.assets as string[]).map((a) => work.closeSeriesOf(SERIES[a]));
      const period = sweepCore.commonTestPeriod(assets, axes);
      const sets = sweepCore.sweepGrid(axes);
      const runs = work.sweepPartWork({ data: sweepCore.prepareSweepData(assets, period), sets });
      const ranked = sweepService.rankSweep(runs);
      return valid('calibration:sweep', {
        runId: 'run-sweep-1', resultHash: '09f056e6aaaa', source: SOURCE, testPeriod: period, sets: sets.length, parts: 1,
        rows: ranked.rows, frontier: ranked.frontier, lookbackStability: sweepService.sweepLookbackStability(assets, axes, period.to),
      });
    },
    'calibration:calibrate': () => valid('calibration:calibrate', CALIBRATE_OUTPUT),
    // Named as the service names them: the given name, else the candidate's configuration name or "Sweep <set id>".
    'calibration:saveModel': (input: Input) => {
      const candidate = CALIBRATE_OUTPUT.candidates.find((c) => c.id === input.candidate);
      const name = input.name ?? (candidate ? candidate.config.name : `Sweep ${String(input.candidate)}`);
      return { ok: true, data: SAVED_MODEL('model-7', String(name)) };
    },
    'job:cancel': () => ({ ok: true, data: { cancelled: true } }),
  };
}
