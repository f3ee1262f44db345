import { describe, expect, it } from 'vitest';
import { nelderMead, nelderMeadMultiStart } from '../../../main/core/market/nelderMead';

// Rosenbrock (1960) banana function: global minimum 0 at (1, 1), a standard optimiser benchmark.
const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1) from the classic start (−1.2, 1)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { xTolerance: 1e-10, fTolerance: 1e-14, maxIterations: 5000 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-8);
    expect(r.value).toBeLessThan(1e-15);
  });

  it('minimises a shifted quadratic in 4 dimensions exactly', () => {
    const centre = [0.3, -2, 5, 1e-3];
    const f = (x: Float64Array): number => x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]) ** 2, 0);
    const r = nelderMeadMultiStart(f, [[0, 0, 0, 0]], { xTolerance: 1e-10, fTolerance: 1e-16 });
    centre.forEach((c, i) => expect(Math.abs(r.x[i] - c)).toBeLessThan(1e-8));
  });

  it('treats NaN and infinite values as infeasible and moves away from them', () => {
    // log barrier: undefined for x <= 0; minimum of x − ln x at x = 1
    const f = (x: Float64Array): number => x[0] - Math.log(x[0]);
    const r = nelderMead(f, [0.05], { step: 0.5, xTolerance: 1e-12, fTolerance: 1e-15 });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
  });

  it('reports non-convergence when out of iterations, and picks the best of several starts', () => {
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 }).converged).toBe(false);
    // two wells: f = (x² − 1)² + 0.1x has its global minimum near x = −1.02
    const wells = (x: Float64Array): number => (x[0] * x[0] - 1) ** 2 + 0.1 * x[0];
    const r = nelderMeadMultiStart(wells, [[1.5], [-0.2]], { xTolerance: 1e-12, fTolerance: 1e-15 });
    expect(r.x[0]).toBeLessThan(-1);
    expect(() => nelderMead(rosenbrock, [])).toThrow(/no coordinates/);
    expect(() => nelderMead(rosenbrock, [NaN, 0])).toThrow(/coordinate 0/);
  });
});
