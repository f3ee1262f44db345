import { describe, expect, it } from 'vitest';
import { jsonOf, runMwb } from '../helpers/mwb';

const REL = 1e-9;
const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(REL);
const ARGS = ['--forward', '60000', '--strike', '65000', '--days', '30', '--vol', '0.6', '--rate', '0.05'];

describe('mwb price', () => {
  it('matches QuantLib BlackCalculator for a call and a put', () => {
    // Reference: QuantLib-Python 1.29 (Debian), BlackCalculator(PlainVanillaPayoff(type, 65000), 60000,
    // 0.6*sqrt(30/365), exp(-0.05*30/365)): value(), deltaForward(), gammaForward(), vega(30/365).
    const refs = {
      call: { price: 2228.690308464237, delta: 0.3507814786381245, gamma: 3.582325559286859e-05, vega: 6359.854691555846 },
      put: { price: 7208.184527285259, delta: -0.6451173651260799, gamma: 3.582325559286859e-05, vega: 6359.854691555846 },
    };
    for (const type of ['call', 'put'] as const) {
      const r = runMwb(['price', '--type', type, ...ARGS, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = jsonOf<Record<string, number>>(r);
      close(out.price!, refs[type].price);
      close(out.delta!, refs[type].delta);
      close(out.gamma!, refs[type].gamma);
      close(out.vega!, refs[type].vega);
      expect(Number.isFinite(out.theta)).toBe(true);
      expect(out.theta!).toBeLessThan(0);
    }
  });

  it('prices an inverse option in coin as USD value / F', () => {
    const out = jsonOf<Record<string, number>>(runMwb(['price', '--type', 'call', ...ARGS, '--inverse', '--json']));
    close(out.price!, 2228.690308464237 / 60000);
    expect(out.unit).toBe('coin');
  });

  it('rejects bad flags with exit 2 naming the flag', () => {
    for (const [args, flag] of [
      [['--type', 'straddle', ...ARGS], '--type'],
      [['--type', 'call', ...ARGS.map((a) => (a === '0.6' ? '-0.2' : a))], '--vol'],
      [['--type', 'call', '--forward', 'abc', '--strike', '1', '--days', '1', '--vol', '1', '--rate', '0'], '--forward'],
      [['--type', 'call', '--strike', '1', '--days', '1', '--vol', '1', '--rate', '0'], '--forward'],
    ] as const) {
      const r = runMwb(['price', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
    }
  });
});
