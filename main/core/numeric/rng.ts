/**
 * Seeded pseudo-random numbers. Every random draw in the app comes from here, and the seed is
 * recorded with the run (design.md). Generator: xoshiro128** (Blackman & Vigna 2018), seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Uniforms carry 53 random bits.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Student-t with `dof` degrees of freedom (unit scale, variance dof/(dof-2)). */
  studentT(dof: number): number;
  /** Chi-square with `dof` degrees of freedom. */
  chiSquare(dof: number): number;
  /** Gamma(shape, 1). */
  gamma(shape: number): number;
  /** Integer uniform on [0, n). */
  int(n: number): number;
  /** An independent child stream, deterministic given this stream's state. */
  fork(): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  const init = splitmix32(seed);
  const s = new Uint32Array([init(), init(), init(), init()]);
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };

  let spareNormal = NaN;
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;

  const normal = (): number => {
    if (!Number.isNaN(spareNormal)) {
      const v = spareNormal;
      spareNormal = NaN;
      return v;
    }
    // Marsaglia polar method: exact, no trigonometric calls.
    let u: number, v: number, q: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spareNormal = v * f;
    return u * f;
  };

  // Marsaglia & Tsang (2000) for shape >= 1; boost with U^(1/shape) below 1.
  const gamma = (shape: number): number => {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform() || Number.MIN_VALUE, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };

  const chiSquare = (dof: number): number => 2 * gamma(dof / 2);
  const studentT = (dof: number): number => {
    if (!(dof > 0)) throw new RangeError(`Student-t dof must be > 0, got ${dof}`);
    return normal() / Math.sqrt(chiSquare(dof) / dof);
  };
  const int = (n: number): number => Math.floor(uniform() * n);
  const fork = (): Rng => createRng(next32());

  return { uniform, normal, studentT, chiSquare, gamma, int, fork };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
