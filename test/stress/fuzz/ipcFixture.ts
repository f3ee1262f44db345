/**
 * A tiny workspace for the IPC fuzz, small enough that payloads which happen to be valid run real
 * work in milliseconds: two assets × 420 SYNTHETIC daily closes, a 3-account book (perpetual,
 * future, option), a saved model, one margin run and one calibration run; plus one valid payload
 * per channel for the mutation fuzz.
 */
import type { Channel } from '../../../preload/contract';
import { dispatch } from '../../../main/ipc/dispatch';
import { createRng } from '../../../main/core/numeric/rng';
import { openTestWorkbench } from '../../helpers/workbench';

export const DATASET = 'Fuzz prices (SYNTHETIC)';
const DAYS = 420;
const FIRST = Date.UTC(2023, 0, 1);

/** GBM-like daily bars with a seeded RNG: deterministic, OHLC-consistent. */
export function syntheticCsv(asset: string, start: number, vol: number, seed: number, days = DAYS): string {
  const rng = createRng(seed);
  const lines = ['date,open,high,low,close,volume'];
  let p = start;
  for (let d = 0; d < days; d++) {
    const next = p * Math.exp(vol * rng.normal());
    const date = new Date(FIRST + d * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${p.toFixed(2)},${(Math.max(p, next) * 1.01).toFixed(2)},${(Math.min(p, next) * 0.99).toFixed(2)},${next.toFixed(2)},${(1000 + d).toFixed(1)}`);
    p = next;
  }
  return `${lines.join('\n')}\n`;
}

export const BOOK = {
  name: 'Fuzz desk',
  instruments: [
    { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
    { id: 'ETH-FUT', kind: 'future', underlying: 'ETH', settlement: 'linear', expiry: '2024-06-28' },
    { id: 'BTC-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2024-06-28', strike: '30000', optionType: 'call' },
  ],
  accounts: [
    { id: 'a1', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '50000' }], positions: [{ instrumentId: 'BTC-PERP', quantity: '1', entryPrice: '25000' }, { instrumentId: 'BTC-C', quantity: '-2', entryPrice: '1500' }] },
    { id: 'a2', marginMode: 'isolated', collateral: [{ asset: 'USDT', balance: '10000' }], positions: [{ instrumentId: 'ETH-FUT', quantity: '-5', entryPrice: '1800', leverage: '10' }] },
    { id: 'a3', marginMode: 'cross', collateral: [{ asset: 'BTC', balance: '0.5' }], positions: [] },
  ],
};

export const SCENARIO = {
  schemaVersion: 1, name: 'Fuzz crash',
  shocks: [{ type: 'price', shift: 'relative', assets: ['BTC', 'ETH'], shockPct: -30 }, { type: 'vol', assets: 'all', volPoints: 20 }],
};

export const MODEL = { kind: 'parametricVar', name: 'Fuzz parametric', confidence: '0.99', horizonDays: 1, lambda: '0.94' };

export interface IpcFixture {
  wb: ReturnType<typeof openTestWorkbench>;
  ids: { datasetId: string; bookId: string; modelId: string; marginRunId: string; calibrateRunId: string; candidate: string; doomedDataset: string; doomedModel: string };
  /** One valid payload per channel (channels added to the contract later fall back to {} until listed here). */
  valid: Partial<Record<Channel, unknown>>;
}

async function must<T>(wb: IpcFixture['wb'], channel: Channel, payload: unknown): Promise<T> {
  const r = await dispatch(wb.handlers, channel, payload);
  if (!r.ok) throw new Error(`fixture ${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

export async function openIpcFixture(): Promise<IpcFixture> {
  const wb = openTestWorkbench({ frozen: true });
  const files = [{ fileName: 'BTC-USD.csv', text: syntheticCsv('BTC', 20000, 0.03, 1) }, { fileName: 'ETH-USD.csv', text: syntheticCsv('ETH', 1500, 0.04, 2) }];
  const { datasetId } = await must<{ datasetId: string }>(wb, 'dataset:import', { datasetName: DATASET, files });
  const doomed = await must<{ datasetId: string }>(wb, 'dataset:import', { datasetName: 'Doomed', files: [files[0]] });
  const { id: bookId } = await must<{ id: string }>(wb, 'book:import', { fileName: 'fuzz.json', text: JSON.stringify(BOOK) });
  const { id: modelId } = await must<{ id: string }>(wb, 'model:save', { config: MODEL });
  const { id: doomedModel } = await must<{ id: string }>(wb, 'model:save', { config: { ...MODEL, name: 'Doomed' } });
  const { runId: marginRunId } = await must<{ runId: string }>(wb, 'margin:compute', { bookId, modelId, datasetId });
  const calibrate = { prices: DATASET, assets: ['BTC'], lookbackDays: 60, horizonDays: 1, bootstrap: { seed: 1, resamples: 50, level: 0.9 } };
  const cal = await must<{ runId: string; candidates: { id: string }[] }>(wb, 'calibration:calibrate', calibrate);
  const model = { method: 'hs', confidence: 0.95, horizonDays: 1, windowDays: 30 };
  const { id: scenarioId } = await must<{ id: string }>(wb, 'scenario:save', { scenario: SCENARIO });
  const { id: doomedScenario } = await must<{ id: string }>(wb, 'scenario:save', { scenario: { ...SCENARIO, name: 'Doomed' } });
  const stress = { bookId, modelId: 'preset:scenario-span-16', datasetId, scenarioId };
  const { runId: stressRunId } = await must<{ runId: string }>(wb, 'stress:run', stress);
  const correlation = { datasetId, assets: ['BTC', 'ETH'], base: { estimator: 'sample' } };
  const valid: Partial<Record<Channel, unknown>> = {
    'app:info': {},
    'dataset:import': { datasetName: DATASET, files: [files[0]] },
    'dataset:list': {},
    'dataset:series': { datasetId, asset: 'BTC', from: '2023-02-01', to: '2023-03-01' },
    'dataset:delete': { datasetId: doomed.datasetId },
    'workspace:createSample': { seed: 20260101 },
    'book:import': { fileName: 'fuzz.json', text: JSON.stringify(BOOK) },
    'book:list': {},
    'book:get': { bookId },
    'model:list': {},
    'model:get': { id: modelId },
    'model:save': { config: MODEL },
    'model:delete': { id: doomedModel },
    'margin:compute': { bookId, modelId, datasetId, at: '2024-01-31' },
    'margin:accounts': { runId: marginRunId, offset: 0, limit: 10, sortBy: 'marginRatio', descending: true, filter: 'a', onlyLiquidatable: false },
    'margin:explain': { runId: marginRunId, accountId: 'a1' },
    'run:list': { kind: 'margin', limit: 5 },
    'run:get': { runId: marginRunId },
    'job:list': {},
    'job:cancel': { jobId: 'no-such-job-1' },
    'calibration:var': { prices: DATASET, asset: 'BTC', model, at: '2024-01-31' },
    'calibration:backtest': { prices: DATASET, target: { type: 'asset', asset: 'BTC' }, model, apc: 'none', from: '2024-01-01', to: '2024-02-01' },
    'calibration:diagnose': { prices: DATASET, asset: 'ETH', horizonDays: 1, adfLags: 2, worstMoveCount: 3 },
    'calibration:calibrate': calibrate,
    'calibration:sweep': { prices: DATASET, assets: ['BTC'], axes: { methods: ['hs'], confidences: [0.95], windowDays: [30], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none'] }, from: '2024-01-01', to: '2024-01-20' },
    'calibration:qq': { prices: DATASET, asset: 'BTC', horizonDays: 1, maxPoints: 50 },
    'calibration:lookback': { prices: DATASET, asset: 'BTC', method: 'hs', confidence: 0.95, lookbacks: [30, 60], at: '2024-01-31' },
    'calibration:saveModel': { runId: cal.runId, candidate: cal.candidates[0]!.id, name: 'Fuzz saved' },
    'report:preview': { runIds: [marginRunId], sections: ['summary', 'margin'], title: 'Fuzz' },
    'report:export': { runIds: [marginRunId], sections: ['summary'], format: 'csv' },
    'audit:exportBundle': { runIds: [marginRunId] },
    'scenario:list': {},
    'scenario:get': { id: scenarioId },
    'scenario:save': { scenario: SCENARIO },
    'scenario:validate': { scenario: SCENARIO },
    'scenario:delete': { id: doomedScenario },
    'episode:list': {},
    'episode:replay': { datasetId, window: { from: '2023-03-01', to: '2023-03-10' }, mode: 'worstWindow', horizonDays: 3 },
    'stress:stressedPeriod': { bookId, datasetId, windowDays: 10 },
    'correlation:build': correlation,
    'correlation:shock': { ...correlation, operations: [{ op: 'blend', toward: 'ones', weight: 0.5 }] },
    'stress:run': { ...stress, cascade: true, insuranceFundUsd: '1000' },
    'stress:get': { runId: stressRunId },
    'stress:accounts': { runId: stressRunId, limit: 10 },
    'stress:reverse': { ...stress, target: { kind: 'insuranceFund' }, gridPoints: 5 },
    'stress:penaltySweep': { ...stress, rates: ['0', '0.01'] },
  };
  return {
    wb,
    ids: { datasetId, bookId, modelId, marginRunId, calibrateRunId: cal.runId, candidate: cal.candidates[0]!.id, doomedDataset: doomed.datasetId, doomedModel },
    valid,
  };
}
