import type { CorrelationMatrixOutput, CorrelationShockOutput, ParsedInputOf } from '../../preload/contract';
import { InputError } from '../core/errors';
import type { PriceHistory } from '../core/margin/historicalScenarios';
import { parseScenario } from '../core/stress/parseScenario';
import { baseCorrelation, shockCorrelation, type BaseCorrelation } from '../core/stress/correlationShock';
import { returnsPanelFromCloses } from '../core/stress/returnsPanel';
import type { CorrelationBase, CorrelationOperation, CorrelationOperationWire, CorrelationBaseWire } from '../core/stress/scenario';
import type { ServiceContext } from './context';
import { marketContext } from './market';

/** n × n row-major → rows (JSON form). */
export function rowsOf(matrix: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => matrix[i * n + j]!));
}

/** The engine's correlation base from its wire form (defaults: λ 0.94, the whole history). */
export function correlationBaseOf(w: CorrelationBaseWire): CorrelationBase {
  return { estimator: w.estimator, lambda: w.lambda ?? 0.94, window: w.window ? { from: w.window.from, to: w.window.to } : null };
}

/** Correlation operations checked by the engine's scenario parser (one code path with scenario files). */
export function parseCorrelationOperations(base: CorrelationBaseWire, operations: CorrelationOperationWire[]): CorrelationOperation[] {
  const shock = parseScenario({ schemaVersion: 1, name: 'correlation', shocks: [{ type: 'correlation', base, operations }] }).shocks[0]!;
  if (shock.type !== 'correlation') throw new Error('parseCorrelationOperations: unexpected shock type');
  return shock.operations;
}

/** Base correlation of `assets` over aligned daily returns of a price history (core/stress/correlationShock.ts). */
export function historyCorrelation(history: PriceHistory, base: CorrelationBase, assets: readonly string[]): BaseCorrelation {
  const missing = assets.filter((a) => !history.assets.includes(a));
  if (missing.length) {
    throw new InputError(`assets: no price history for ${missing.join(', ')} (${history.constant?.length ? `${history.constant.join(', ')} assumed pegged at 1 USD; ` : ''}history has ${history.assets.join(', ')})`);
  }
  const panel = returnsPanelFromCloses({ dates: [...history.dates], close: [...history.close], gapReport: [] }, history.assets);
  return baseCorrelation(panel, base, assets);
}

export function matrixOutput(b: BaseCorrelation): CorrelationMatrixOutput {
  return { assets: b.assets, matrix: rowsOf(b.matrix, b.assets.length), estimator: b.estimator, lambda: b.lambda, from: b.from, to: b.to, observations: b.observations };
}

/** correlation:build and correlation:shock on a stored dataset (the Correlation view's three heatmaps and diff). */
export function correlationService(ctx: ServiceContext) {
  const base = (input: ParsedInputOf<'correlation:build'>) => {
    const market = marketContext(ctx, input.datasetId, input.assets, input.at);
    return historyCorrelation(market.history, correlationBaseOf(input.base as CorrelationBaseWire), input.assets);
  };
  return {
    build(input: ParsedInputOf<'correlation:build'>): CorrelationMatrixOutput {
      return matrixOutput(base(input));
    },
    shock(input: ParsedInputOf<'correlation:shock'>): CorrelationShockOutput {
      const operations = parseCorrelationOperations(input.base as CorrelationBaseWire, input.operations as CorrelationOperationWire[]);
      const b = base(input);
      const r = shockCorrelation(b, operations, { severity: input.severity });
      const n = b.assets.length;
      const change = Float64Array.from(r.matrix, (x, k) => x - r.before[k]!);
      return {
        base: matrixOutput(b),
        shocked: rowsOf(r.shocked, n),
        repaired: rowsOf(r.matrix, n),
        change: rowsOf(change, n),
        effectiveWeights: r.effectiveWeights,
        severity: input.severity,
        repair: {
          needed: r.repair.iterations > 0,
          iterations: r.repair.iterations,
          frobeniusChange: r.repair.frobeniusChange,
          maxChange: r.repair.maxChange,
          eigenvaluesBefore: Array.from(r.repair.eigenvaluesBefore),
          eigenvaluesAfter: Array.from(r.repair.eigenvaluesAfter),
          changedEntries: r.repair.changedEntries.map((e) => ({ ...e, assets: [b.assets[e.i]!, b.assets[e.j]!] as [string, string] })),
        },
      };
    },
  };
}
