/**
 * The scenario file format: the zod schema (preload/contract/schemas/scenarios.ts) and core's own
 * parser accept the same files and reject the same mistakes, each naming the field.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioFile } from '../../../preload/contract/schemas/scenarios';
import { InputError } from '../../../main/core/errors';
import { composeScenarios, parseScenario } from '../../../main/core/stress/parseScenario';
import type { ScenarioWire } from '../../../main/core/stress/scenario';

/** Every shock kind once: what a desk's "crypto winter" scenario could look like. */
const FULL: ScenarioWire = {
  schemaVersion: 1,
  name: 'Crypto winter with stablecoin stress',
  description: 'All shock kinds at once.',
  source: 'risk committee 2026-01',
  shocks: [
    { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -35 },
    { type: 'price', shift: 'relative', assets: ['SOL'], shockPct: -10 },
    { type: 'price', shift: 'absolute', asset: 'BTC', changeUsd: '-2500.50' },
    { type: 'price', shift: 'level', asset: 'ETH', newPriceUsd: '1800' },
    { type: 'vol', assets: 'all', volPoints: 25, termScalingPower: 0.5 },
    { type: 'basis', instrument: 'future', assets: ['BTC', 'ETH'], basisShockBp: -150 },
    { type: 'basis', instrument: 'perpetual', assets: 'all', basisShockPct: -1.5 },
    { type: 'funding', assets: ['BTC'], ratePerPeriod: '-0.00075', periods: 21 },
    { type: 'markDeviation', assets: ['SOL'], deviationPct: -3 },
    { type: 'haircut', asset: 'USDC', haircutAddOn: '0.05' },
    { type: 'depeg', asset: 'USDC', priceUsd: '0.88' },
    { type: 'liquidity', assets: 'all', depthMultiplier: 0.3 },
    {
      type: 'correlation',
      base: { estimator: 'ewma', lambda: 0.97, window: { from: '2022-05-01', to: '2022-06-30' } },
      operations: [
        { op: 'blend', toward: 'ones', weight: 0.5, assets: ['BTC', 'ETH', 'SOL'] },
        { op: 'flipSign', pairs: [['BTC', 'USDC']] },
        { op: 'override', pairs: [{ assets: ['ETH', 'SOL'], correlation: 0.95 }], weight: 0.8 },
        { op: 'blendTarget', target: { assets: ['BTC', 'ETH'], matrix: [[1, 0.99], [0.99, 1]] }, weight: 0.3 },
      ],
    },
  ],
};

function zodPath(value: unknown): string | null {
  const r = ScenarioFile.safeParse(value);
  return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
}

function corePath(value: unknown): string | null {
  try {
    parseScenario(value);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
}

const mutate = (edit: (s: ScenarioWire & { shocks: Record<string, unknown>[] }) => void): unknown => {
  const copy = structuredClone(FULL) as ScenarioWire & { shocks: Record<string, unknown>[] };
  edit(copy);
  return copy;
};

describe('scenario file', () => {
  it('a file with every shock kind passes both the zod schema and core', () => {
    expect(zodPath(FULL)).toBeNull();
    // The contract's parsed type is assignable to core's JSON type (checked by vue-tsc).
    const typed: ScenarioWire = ScenarioFile.parse(FULL);
    expect(parseScenario(typed).name).toBe(FULL.name);
    const s = parseScenario(FULL);
    expect(s.shocks).toHaveLength(13);
    expect(s.shocks[5]).toMatchObject({ type: 'basis', basisShockPct: -1.5 }); // −150 bp
    expect(s.shocks[2]).toMatchObject({ changeUsd: -2500.5 });
    expect(s.shocks[0]).toMatchObject({ target: { kind: 'all', except: ['USDT', 'USDC'] } });
    expect(s.shocks[12]).toMatchObject({ base: { estimator: 'ewma', lambda: 0.97 } });
  });

  const cases: [string, unknown, RegExp, RegExp][] = [
    ['a percentage written as a string', mutate((s) => { s.shocks[0].shockPct = '-35'; }), /shocks\.0\.shockPct/, /shocks\[0\]\.shockPct: must be a finite number/],
    ['a price written as a JSON number', mutate((s) => { s.shocks[2].changeUsd = -2500.5; }), /shocks\.2\.changeUsd/, /shocks\[2\]\.changeUsd: must be a string/],
    ['a −100 % move', mutate((s) => { s.shocks[1].shockPct = -100; }), /shocks\.1\.shockPct: must be a number in \(-100, 1000\]/, /shocks\[1\]\.shockPct: must be in \(-100, 1000\]/],
    ['an unknown field', mutate((s) => { s.shocks[4].volPct = 3; }), /shocks\.4/, /shocks\[4\]\.volPct: is not a known field/],
    ['an unknown shift', mutate((s) => { s.shocks[1].shift = 'scaled'; }), /shocks\.1\.shift/, /shocks\[1\]\.shift: must be "relative", "absolute" or "level"/],
    ['basis in both units', mutate((s) => { s.shocks[6].basisShockBp = 10; }), /shocks\.6\.basisShockPct: needs exactly one/, /shocks\[6\]: needs exactly one of basisShockPct, basisShockBp/],
    ['fractional funding periods', mutate((s) => { s.shocks[7].periods = 2.5; }), /shocks\.7\.periods/, /shocks\[7\]\.periods: must be a whole number/],
    ['a de-peg to zero', mutate((s) => { s.shocks[10].priceUsd = '0'; }), /shocks\.10\.priceUsd/, /shocks\[10\]\.priceUsd: must be in \(0, 10\]/],
    ['except without "all"', mutate((s) => { s.shocks[1].except = ['BTC']; }), /shocks\.1\.except/, /shocks\[1\]\.except: is only allowed with assets: "all"/],
    ['a lower-case asset', mutate((s) => { s.shocks[8].assets = ['sol']; }), /shocks\.8\.assets/, /shocks\[8\]\.assets\[0\]: must be an upper-case asset symbol/],
    ['a correlation weight above 1', mutate((s) => { (s.shocks[12].operations as { weight: number }[])[0].weight = 1.5; }), /shocks\.12\.operations\.0\.weight/, /shocks\[12\]\.operations\[0\]\.weight: must be in \[0, 1\]/],
    ['a pair of one asset', mutate((s) => { (s.shocks[12].operations as { pairs: string[][] }[])[1].pairs = [['BTC', 'BTC']]; }), /shocks\.12\.operations\.1\.pairs\.0/, /pairs\[0\]: a pair needs two different assets/],
    ['a ragged target matrix', mutate((s) => { (s.shocks[12].operations as { target: { matrix: number[][] } }[])[3].target.matrix = [[1, 0.99], [0.99, 1, 0]]; }), /matrix is not square: row 1 has 3 entries/, /matrix is not square: row 1 has 3 entries/],
    ['an asymmetric target matrix', mutate((s) => { (s.shocks[12].operations as { target: { matrix: number[][] } }[])[3].target.matrix = [[1, 0.99], [0.9, 1]]; }), /not symmetric/, /not symmetric/],
    ['a target diagonal that is not 1', mutate((s) => { (s.shocks[12].operations as { target: { matrix: number[][] } }[])[3].target.matrix = [[1, 0.99], [0.99, 0.9]]; }), /diagonal entry \[1,1\] is 0.9, not 1/, /diagonal entry \[1,1\] is 0.9, not 1/],
    ['lambda with the sample estimator', mutate((s) => { (s.shocks[12].base as { estimator: string }).estimator = 'sample'; }), /shocks\.12\.base\.lambda/, /shocks\[12\]\.base\.lambda: is only used by the ewma estimator/],
    ['a window ending before it starts', mutate((s) => { (s.shocks[12].base as { window: { to: string } }).window.to = '2022-04-01'; }), /shocks\.12\.base\.window\.to/, /shocks\[12\]\.base\.window\.to: 2022-04-01 is before window\.from/],
    ['two correlation shocks on different bases', mutate((s) => { s.shocks.push({ type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'zero', weight: 0.1 }] }); }), /shocks\.13\.base: differs from shocks\[12\]\.base/, /shocks\[13\]\.base: differs from shocks\[12\]\.base/],
    ['no shocks', mutate((s) => { s.shocks = []; }), /shocks/, /scenario\.shocks: needs at least one shock/],
    ['a wrong schema version', mutate((s) => { (s as { schemaVersion: number }).schemaVersion = 2; }), /schemaVersion/, /scenario\.schemaVersion: must be 1/],
  ];
  for (const [what, value, zodMessage, coreMessage] of cases) {
    it(`rejects ${what} in both, naming the field`, () => {
      expect(zodPath(value)).toMatch(zodMessage);
      expect(corePath(value)).toMatch(coreMessage);
    });
  }
});

describe('composeScenarios', () => {
  it('concatenates shocks in order and refuses two correlation bases', () => {
    const a = parseScenario({ schemaVersion: 1, name: 'A', source: 'x', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -10 }] });
    const b = parseScenario({ schemaVersion: 1, name: 'B', shocks: [{ type: 'vol', assets: ['BTC'], volPoints: 10 }] });
    const ab = composeScenarios('A then B', [a, b]);
    expect(ab.shocks.map((s) => s.type)).toEqual(['price', 'vol']);
    expect(ab.description).toBe('Composed of: A + B');
    const c1 = parseScenario({ schemaVersion: 1, name: 'C1', shocks: [{ type: 'correlation', base: { estimator: 'sample' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.2 }] }] });
    const c2 = parseScenario({ schemaVersion: 1, name: 'C2', shocks: [{ type: 'correlation', base: { estimator: 'ewma' }, operations: [{ op: 'blend', toward: 'ones', weight: 0.2 }] }] });
    expect(() => composeScenarios('bad', [c1, a, c2])).toThrow(/composed shocks\[2\]\.base: differs from composed shocks\[0\]\.base/);
  });
});
