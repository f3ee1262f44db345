/**
 * Quick throughput check of the vectorised Black-76 kernel (not part of `vitest run`):
 *   npx tsx test/core/instruments/black76Vector.bench.ts
 * Prints the best of 30 runs in ns per valuation, next to a bare Math.exp loop as a yardstick for
 * how loaded the machine is.
 */
import { black76ValueShockedVector, black76ValueVector } from '../../../main/core/instruments/black76Vector';
import { createRng } from '../../../main/core/numeric/rng';

const n = 200_000;
const rng = createRng(1);
const multipliers = new Float64Array(n);
const forwards = new Float64Array(n);
const vols = new Float64Array(n);
for (let i = 0; i < n; i++) {
  multipliers[i] = Math.exp(0.3 * rng.normal());
  forwards[i] = 60000 * multipliers[i];
  vols[i] = 0.4 + 0.4 * rng.uniform();
}
const out = new Float64Array(n);
const spec = { optionType: 'call' as const, strike: 65000, expiryDays: 30, rate: 0.04, settlement: 'linear' as const };
const yardstick = new Float64Array(n);

const cases: [string, () => void][] = [
  ['black76ValueShockedVector call, vol per scenario', () => black76ValueShockedVector(spec, 60000, multipliers, vols, out)],
  ['black76ValueVector call, vol per scenario', () => black76ValueVector(spec, forwards, vols, out)],
  ['black76ValueShockedVector inverse put, one vol', () => black76ValueShockedVector({ ...spec, optionType: 'put', settlement: 'inverse' }, 60000, multipliers, 0.6, out)],
  ['yardstick: Math.exp loop', () => { for (let i = 0; i < n; i++) yardstick[i] = Math.exp(-vols[i]); }],
];
for (const [name, run] of cases) {
  let best = Infinity;
  for (let r = 0; r < 30; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  console.log(`${name.padEnd(52)} ${best.toFixed(1)} ns/valuation`);
}
