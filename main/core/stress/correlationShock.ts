/**
 * Correlation breakout (docs/methodology stress-scenarios, "Correlation breakout"). A base correlation
 * matrix — sample or EWMA, on the whole history or on a chosen stressed window — is shocked by a list
 * of operations, each a blend with effective weight w' = min(1, k·w) (k = severity):
 *   blend toward ones/zero   ρ' = (1 − w')ρ + w'·c, c = 1 or 0 (optionally only among listed assets)
 *   flipSign                 ρ' = ρ + w'(−ρ − ρ) = (1 − 2w')ρ      (w defaults to 1: a full flip)
 *   override                 ρ' = (1 − w')ρ + w'·ρ_given             (w defaults to 1: the given value)
 *   blendTarget              ρ' = (1 − w')ρ + w'·T_ab for pairs of assets the target covers
 * Operations act in order on the running matrix. The result can be indefinite (a partial blend or a
 * sign flip breaks positive semidefiniteness), so it is always passed through the Higham (2002)
 * nearest-correlation repair, whose full report (entries moved, Frobenius and max change,
 * eigenvalues before/after, iterations) travels with the result.
 */
import { InputError } from '../errors';
import { correlationFromCovariance, ewmaCovariance, sampleCovariance } from '../market/ewma';
import { nearestCorrelation, requireCorrelationShape, type NearestCorrelationOptions, type NearestCorrelationResult } from '../market/ncm';
import { panelWindow, requireReturnsPanel, type ReturnsPanel } from './returnsPanel';
import type { CorrelationBase, CorrelationOperation } from './scenario';

/** A correlation matrix over named assets (n×n row-major, n = assets.length). */
export interface CorrelationMatrix {
  assets: string[];
  matrix: Float64Array;
}

export interface BaseCorrelation extends CorrelationMatrix {
  estimator: 'sample' | 'ewma';
  /** EWMA decay used (null for 'sample'). */
  lambda: number | null;
  /** First and last return dates used. */
  from: string;
  to: string;
  observations: number;
}

export interface CorrelationShockResult {
  assets: string[];
  /** The base matrix. */
  before: Float64Array;
  /** After the operations, before the repair (may be indefinite). */
  shocked: Float64Array;
  /** The repaired matrix: what a simulation should use. */
  matrix: Float64Array;
  /** What the repair changed, relative to `shocked`. */
  repair: NearestCorrelationResult;
  /** min(1, k·w) of each operation, in order. */
  effectiveWeights: number[];
}

/** EWMA seeding window, as for the margin models (design.md: seeded with the first 30 observations). */
const EWMA_SEED_COUNT = 30;

/**
 * The base correlation matrix of `assets` (default: every panel asset) from the panel's returns,
 * restricted to `base.window` when one is given.
 */
export function baseCorrelation(panel: ReturnsPanel, base: CorrelationBase, assets?: readonly string[]): BaseCorrelation {
  requireReturnsPanel(panel, 'baseCorrelation');
  const names = assets === undefined ? [...panel.assets] : [...assets];
  if (names.length < 2) throw new InputError('baseCorrelation: needs at least 2 assets');
  const columns = names.map((a) => {
    const k = panel.assets.indexOf(a);
    if (k < 0) throw new InputError(`baseCorrelation: asset ${a} is not in the returns panel (${panel.assets.join(', ')})`);
    return panel.returns[k];
  });
  const range = base.window === null
    ? (panel.dates.length > 0 ? { first: 0, last: panel.dates.length - 1 } : null)
    : panelWindow(panel, base.window.from, base.window.to);
  if (range === null) {
    const where = base.window === null ? 'the panel' : `window ${base.window.from}…${base.window.to}`;
    throw new InputError(`baseCorrelation: no returns in ${where}`);
  }
  const slices = columns.map((c) => c.slice(range.first, range.last + 1));
  const covariance = base.estimator === 'sample' ? sampleCovariance(slices) : ewmaCovariance(slices, base.lambda, EWMA_SEED_COUNT);
  return {
    assets: names,
    matrix: correlationFromCovariance(covariance),
    estimator: base.estimator,
    lambda: base.estimator === 'ewma' ? base.lambda : null,
    from: panel.dates[range.first],
    to: panel.dates[range.last],
    observations: range.last - range.first + 1,
  };
}

export function requireSeverity(severity: number, what: string): number {
  if (!Number.isFinite(severity) || severity < 0) throw new InputError(`${what}: severity must be a finite number >= 0, got ${severity}`);
  return severity;
}

function indexOf(index: Map<string, number>, asset: string, path: string): number {
  const k = index.get(asset);
  if (k === undefined) throw new InputError(`${path}: asset ${asset} is not in the base correlation matrix (${[...index.keys()].join(', ')})`);
  return k;
}

/** Blend entry (i, j) and its mirror toward `value` with weight w. */
function blendEntry(m: Float64Array, n: number, i: number, j: number, value: number, w: number): void {
  const v = (1 - w) * m[i * n + j] + w * value;
  m[i * n + j] = v;
  m[j * n + i] = v;
}

function applyOperation(m: Float64Array, n: number, index: Map<string, number>, op: CorrelationOperation, w: number, path: string): void {
  switch (op.op) {
    case 'blend': {
      const members = op.assets === null ? [...index.values()] : op.assets.map((a) => indexOf(index, a, `${path}.assets`));
      const c = op.toward === 'ones' ? 1 : 0;
      for (let p = 0; p < members.length; p++) for (let q = p + 1; q < members.length; q++) blendEntry(m, n, members[p], members[q], c, w);
      return;
    }
    case 'flipSign':
      op.pairs.forEach(([a, b], k) => {
        const i = indexOf(index, a, `${path}.pairs[${k}]`);
        const j = indexOf(index, b, `${path}.pairs[${k}]`);
        blendEntry(m, n, i, j, -m[i * n + j], w);
      });
      return;
    case 'override':
      op.pairs.forEach(({ assets: [a, b], correlation }, k) => {
        blendEntry(m, n, indexOf(index, a, `${path}.pairs[${k}]`), indexOf(index, b, `${path}.pairs[${k}]`), correlation, w);
      });
      return;
    case 'blendTarget': {
      const t = op.target;
      const members = t.assets.map((a) => indexOf(index, a, `${path}.target.assets`));
      const tn = t.assets.length;
      for (let p = 0; p < tn; p++) for (let q = p + 1; q < tn; q++) blendEntry(m, n, members[p], members[q], t.matrix[p * tn + q], w);
      return;
    }
  }
}

export interface ShockCorrelationOptions {
  /** k >= 0 (default 1): each operation's weight becomes min(1, k·w). */
  severity?: number;
  /** Options of the Higham repair. */
  repair?: NearestCorrelationOptions;
  /** Path of each operation in error messages (default "operations[i]"). */
  paths?: readonly string[];
}

/** Apply correlation operations to a base matrix and repair the result. Never mutates `base`. */
export function shockCorrelation(
  base: CorrelationMatrix, operations: readonly CorrelationOperation[], options: ShockCorrelationOptions = {},
): CorrelationShockResult {
  const k = requireSeverity(options.severity ?? 1, 'shockCorrelation');
  const n = base.assets.length;
  const index = new Map<string, number>();
  base.assets.forEach((a, i) => {
    if (index.has(a)) throw new InputError(`shockCorrelation: asset ${a} appears twice in the base correlation matrix`);
    index.set(a, i);
  });
  const before = requireCorrelationShape(base.matrix, n, 1e-12, 'shockCorrelation: base matrix');
  const shocked = Float64Array.from(before);
  const effectiveWeights = operations.map((op, i) => {
    const w = Math.min(1, k * op.weight);
    applyOperation(shocked, n, index, op, w, options.paths?.[i] ?? `operations[${i}]`);
    return w;
  });
  const repair = nearestCorrelation(shocked, n, options.repair);
  return { assets: [...base.assets], before, shocked, matrix: repair.matrix, repair, effectiveWeights };
}
