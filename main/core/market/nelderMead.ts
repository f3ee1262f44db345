/**
 * Derivative-free minimisation by the Nelder–Mead simplex (Nelder & Mead 1965), with the standard
 * coefficients reflection 1, expansion 2, contraction ½, shrink ½ and the inside/outside
 * contraction rules of Lagarias, Reeds, Wright & Wright (1998), as in scipy.optimize.fmin.
 * Used by the likelihood fits (GARCH, Student-t) on unconstrained, transformed parameters.
 * An objective value that is NaN or infinite counts as +∞ (an infeasible point), so the simplex
 * simply moves away from it.
 */
import { InputError } from '../errors';

export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (default 0.1 for every coordinate). */
  step?: number | readonly number[];
  /** Stop when every vertex is within xTolerance of the best one in every coordinate (default 1e-8)… */
  xTolerance?: number;
  /** …and every vertex value within fTolerance of the best value (default 1e-10). */
  fTolerance?: number;
  /** Maximum iterations (default 200 × dimension). */
  maxIterations?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  /** True when the tolerances were met before maxIterations. */
  converged: boolean;
}

export function nelderMead(
  objective: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const d = start.length;
  if (d === 0) throw new InputError('nelderMead: start point has no coordinates');
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(start[i])) throw new InputError(`nelderMead: start coordinate ${i} is ${start[i]}`);
  }
  const xTol = options.xTolerance ?? 1e-8;
  const fTol = options.fTolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200 * d;
  let evaluations = 0;
  const f = (x: Float64Array): number => {
    evaluations++;
    const v = objective(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  const simplex: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < d; i++) {
    const v = Float64Array.from(start);
    const step = options.step === undefined ? 0.1 : typeof options.step === 'number' ? options.step : options.step[i];
    v[i] += step;
    simplex.push(v);
  }
  let values = simplex.map(f);
  const centroid = new Float64Array(d);
  const along = (coef: number): Float64Array => {
    const worst = simplex[d];
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = centroid[j] + coef * (centroid[j] - worst[j]);
    return out;
  };
  const sort = (): void => {
    const order = values.map((_v, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    const s = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    for (let i = 0; i <= d; i++) simplex[i] = s[i];
  };

  let iterations = 0;
  sort();
  while (iterations < maxIterations) {
    let xSpread = 0;
    let fSpread = 0;
    for (let i = 1; i <= d; i++) {
      fSpread = Math.max(fSpread, Math.abs(values[i] - values[0]));
      for (let j = 0; j < d; j++) xSpread = Math.max(xSpread, Math.abs(simplex[i][j] - simplex[0][j]));
    }
    if (xSpread <= xTol && fSpread <= fTol) {
      return { x: simplex[0], value: values[0], iterations, evaluations, converged: true };
    }
    iterations++;
    centroid.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d;

    const xr = along(1);
    const fr = f(xr);
    let replaced = false;
    if (fr < values[0]) {
      const xe = along(2);
      const fe = f(xe);
      [simplex[d], values[d]] = fe < fr ? [xe, fe] : [xr, fr];
      replaced = true;
    } else if (fr < values[d - 1]) {
      [simplex[d], values[d]] = [xr, fr];
      replaced = true;
    } else if (fr < values[d]) {
      const xc = along(0.5); // outside contraction
      const fc = f(xc);
      if (fc <= fr) {
        [simplex[d], values[d]] = [xc, fc];
        replaced = true;
      }
    } else {
      const xcc = along(-0.5); // inside contraction
      const fcc = f(xcc);
      if (fcc < values[d]) {
        [simplex[d], values[d]] = [xcc, fcc];
        replaced = true;
      }
    }
    if (!replaced) {
      for (let i = 1; i <= d; i++) {
        for (let j = 0; j < d; j++) simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
        values[i] = f(simplex[i]);
      }
    }
    sort();
  }
  return { x: simplex[0], value: values[0], iterations, evaluations, converged: false };
}

/**
 * Nelder–Mead from several starts, each followed by restarts from its own optimum until a restart
 * no longer improves the value by more than fTolerance (a collapsed simplex can stall short of
 * the minimum; a fresh simplex around it cannot). Returns the best run; `iterations` sums all runs.
 */
export function nelderMeadMultiStart(
  objective: (x: Float64Array) => number,
  starts: readonly ArrayLike<number>[],
  options: NelderMeadOptions & { maxRestarts?: number } = {},
): NelderMeadResult {
  if (starts.length === 0) throw new InputError('nelderMeadMultiStart: no start points');
  const fTol = options.fTolerance ?? 1e-10;
  const maxRestarts = options.maxRestarts ?? 10;
  let best: NelderMeadResult | undefined;
  let iterations = 0;
  let evaluations = 0;
  for (const start of starts) {
    let run = nelderMead(objective, start, options);
    iterations += run.iterations;
    evaluations += run.evaluations;
    for (let r = 0; r < maxRestarts; r++) {
      const again = nelderMead(objective, run.x, options);
      iterations += again.iterations;
      evaluations += again.evaluations;
      const improved = again.value < run.value - fTol;
      if (again.value <= run.value) run = again;
      if (!improved) break;
    }
    if (best === undefined || run.value < best.value) best = run;
  }
  return { ...best!, iterations, evaluations };
}
