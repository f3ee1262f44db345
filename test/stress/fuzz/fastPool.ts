/**
 * Test-speed shim for the IPC / CLI fuzz: the job pool's Piscina with `atomics: 'disabled'`.
 * Measured here (Node 20.20, piscina 5.3.2, vitest + the tsx worker shim): with the default
 * `atomics: 'sync'` every pool.run takes ~0.5–1 s, with 'disabled' ~3 ms; thousands of fuzzed
 * payloads that reach a worker need the latter. Reported to the lead for main/jobs/pool.ts.
 * Use: `vi.mock('piscina', async (orig) => (await import('./fuzz/fastPool')).fastPiscina(await orig()));`
 */
import type * as PiscinaModule from 'piscina';

export function fastPiscina(original: typeof PiscinaModule): typeof PiscinaModule {
  const Base = original.Piscina;
  class FastPiscina extends Base {
    constructor(options: ConstructorParameters<typeof Base>[0] = {}) {
      super({ ...options, atomics: 'disabled' });
    }
  }
  return { ...original, Piscina: FastPiscina, default: FastPiscina } as unknown as typeof PiscinaModule;
}
