/**
 * Monte Carlo preparation in a worker (docs/formats scenarios, "stress:run"): which assets move, their
 * annual vols, the correlation the copula uses, then core prepareMonteCarlo (seeded draws and the full
 * revaluation of every option series per scenario). The prepared value is structured-cloneable, so the
 * service hands it to one worker per account range and combines the parts.
 */
import { InputError } from '../../core/errors';
import type { PriceHistory } from '../../core/margin/historicalScenarios';
import { DAYS_PER_YEAR } from '../../core/market/ewma';
import { fitGarch } from '../../core/market/garch';
import { simpleReturns } from '../../core/market/returns';
import { shockCorrelation } from '../../core/stress/correlationShock';
import { prepareMonteCarlo, type PreparedMonteCarlo } from '../../core/stress/monteCarlo';
import { scenarioCorrelationBase } from '../../core/stress/parseScenario';
import type { CorrelationBase, CorrelationBaseWire } from '../../core/stress/scenario';
import type { ProgressFn } from '../../jobs/protocol';
import { correlationBaseOf, historyCorrelation, rowsOf } from '../correlation';
import type { StressPayload } from './inputs';
import { prepareFromPayload, shockedOf } from './work';

export interface MonteCarloSpecInput {
  scenarios: number;
  seed: number;
  copula: 'gaussian' | 't';
  dof: number;
  marginal: 'normal' | 't';
  marginalDof: number;
  volSource: 'ewma' | 'garch' | 'stressed';
  horizonDays: number;
  correlation: { base?: CorrelationBaseWire; applyScenarioShock: boolean };
  quantileLevels?: number[];
  confidence?: number[];
}

export interface MonteCarloPayload extends StressPayload {
  penaltyRate: number;
  insuranceFundUsd: number;
  mc: MonteCarloSpecInput;
}

export interface MonteCarloCorrelationUsed {
  assets: string[];
  matrix: number[][];
  /** The scenario's correlation operations were applied (and the result repaired). */
  shocked: boolean;
  estimator: 'sample' | 'ewma';
  lambda: number | null;
  from: string | null;
  to: string | null;
}

export interface MonteCarloPrepared {
  prepared: PreparedMonteCarlo;
  annualVol: Record<string, number>;
  correlation: MonteCarloCorrelationUsed;
}

/**
 * GARCH(1,1) (normal, zero mean; core/market/garch.ts) fitted to the asset's daily simple returns, and its
 * variance forecast averaged over the horizon: with persistence p = α + β, long-run variance v_L and
 * next-day forecast h₁, E[h_{t+i}] = v_L + p^{i−1}(h₁ − v_L), so the mean over i = 1..H is
 * v_L + (h₁ − v_L)(1 − p^H) / (H(1 − p))   (Hull, Options, Futures and Other Derivatives, ch. 23).
 * Annualised with √365 as every vol here.
 */
export function garchAnnualVol(history: PriceHistory, asset: string, horizonDays: number): number {
  const k = history.assets.indexOf(asset);
  if (k < 0) throw new InputError(`volSource garch: no price history for ${asset}`);
  let fit: ReturnType<typeof fitGarch>;
  try {
    fit = fitGarch(simpleReturns(history.close[k]!, 1), { dist: 'normal' });
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`monteCarlo.volSource garch, ${asset}: ${err.message}`);
    throw err;
  }
  const p = fit.persistence;
  const factor = p === 0 ? 1 / horizonDays : (1 - p ** horizonDays) / (horizonDays * (1 - p));
  const mean = fit.longRunVariance + (fit.forecastVariance - fit.longRunVariance) * factor;
  return Math.sqrt(mean * DAYS_PER_YEAR);
}

function correlationFor(p: MonteCarloPayload, prep: ReturnType<typeof prepareFromPayload>, simulated: string[]): MonteCarloCorrelationUsed {
  const scenarioBase = scenarioCorrelationBase(prep.scenario.shocks);
  const base: CorrelationBase = p.mc.correlation.base ? correlationBaseOf(p.mc.correlation.base) : scenarioBase ?? { estimator: 'sample', lambda: 0.94, window: null };
  if (simulated.length === 1) {
    return { assets: simulated, matrix: [[1]], shocked: false, estimator: base.estimator, lambda: base.estimator === 'ewma' ? base.lambda : null, from: null, to: null };
  }
  // Over every history asset (an operation may name one the simulation holds fixed), then the simulated block.
  const all = historyCorrelation(p.history, base, p.history.assets);
  const operations = prep.scenario.shocks.flatMap((s) => (s.type === 'correlation' ? s.operations : []));
  const shocked = p.mc.correlation.applyScenarioShock && operations.length > 0;
  const matrix = shocked ? shockCorrelation(all, operations, { severity: p.severity }).matrix : all.matrix;
  const n = all.assets.length;
  const index = simulated.map((a) => all.assets.indexOf(a));
  const sub = new Float64Array(simulated.length * simulated.length);
  index.forEach((i, r) => index.forEach((j, c) => { sub[r * simulated.length + c] = matrix[i * n + j]!; }));
  return { assets: simulated, matrix: rowsOf(sub, simulated.length), shocked, estimator: all.estimator, lambda: all.lambda, from: all.from, to: all.to };
}

export function stressMonteCarloPrepareTask(p: MonteCarloPayload, progress: ProgressFn): MonteCarloPrepared {
  progress(0, 3, 'preparing book');
  const prep = prepareFromPayload(p);
  const { compiled, terms } = prep.prepared;
  const simulated = compiled.assets.filter((a, i) => terms.usedAsset[i] === 1 && p.history.assets.includes(a));
  if (simulated.length === 0) throw new InputError('monteCarlo: the book holds no asset with a price history to simulate');
  progress(1, 3, `vols (${p.mc.volSource}) and correlation of ${simulated.length} assets`);
  const stressed = p.mc.volSource === 'stressed' ? shockedOf(prep, p.severity).vol : null;
  const annualVol: Record<string, number> = {};
  for (const a of simulated) {
    annualVol[a] = p.mc.volSource === 'ewma' ? p.snapshot.vol[a]! : stressed ? stressed[a]! : garchAnnualVol(p.history, a, p.mc.horizonDays);
  }
  const correlation = correlationFor(p, prep, simulated);
  progress(2, 3, `drawing ${p.mc.scenarios.toLocaleString('en-US')} scenarios`);
  const prepared = prepareMonteCarlo(prep.prepared, {
    assets: simulated, correlation: correlation.matrix.flat(), annualVol: simulated.map((a) => annualVol[a]!),
    horizonDays: p.mc.horizonDays, seed: p.mc.seed, scenarios: p.mc.scenarios,
    copula: p.mc.copula === 't' ? { kind: 'studentT', dof: p.mc.dof } : { kind: 'gaussian' },
    marginal: p.mc.marginal === 't' ? { kind: 'studentT', dof: p.mc.marginalDof } : { kind: 'normal' },
    quantileLevels: p.mc.quantileLevels, confidence: p.mc.confidence, penaltyRate: p.penaltyRate, insuranceFundUsd: p.insuranceFundUsd,
  });
  progress(3, 3, 'done');
  return { prepared, annualVol, correlation };
}
