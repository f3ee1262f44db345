import { black76Greeks } from '../../core/instruments/black76';
import { inverseOptionGreeks } from '../../core/instruments/inverseOption';
import type { Command } from '../command';
import { boolFlag, enumFlag, numberFlag } from '../flags';

/** `mwb price`: Black-76 value and greeks of one European option (design.md conventions). */
export const price: Command = {
  path: ['price'],
  summary: 'Black-76 price and greeks of a European option on a forward (linear USD or inverse coin-settled)',
  usage: 'mwb price --type call|put --forward F --strike K --days D --vol SIGMA --rate R [--inverse] [--json]',
  options: {
    type: { type: 'string' }, forward: { type: 'string' }, strike: { type: 'string' }, days: { type: 'string' },
    vol: { type: 'string' }, rate: { type: 'string' }, inverse: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(_ctx, args) {
    const input = {
      optionType: enumFlag(args, 'type', ['call', 'put'] as const),
      forward: numberFlag(args, 'forward', { min: Number.MIN_VALUE }),
      strike: numberFlag(args, 'strike', { min: Number.MIN_VALUE }),
      expiryDays: numberFlag(args, 'days', { min: 0, max: 36_500 }),
      vol: numberFlag(args, 'vol', { min: 0, max: 10 }),
      rate: numberFlag(args, 'rate', { min: -1, max: 1 }),
    };
    if (boolFlag(args, 'inverse')) {
      // Inverse (coin-settled, Deribit-style): value and greeks in coin (USD value / F).
      const g = inverseOptionGreeks(input);
      return { price: g.valueCoin, delta: g.deltaCoin, gamma: g.gammaCoin, vega: g.vegaCoin, theta: g.thetaCoin, unit: 'coin', inverse: true };
    }
    const g = black76Greeks(input);
    return { price: g.value, delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, unit: 'USD', inverse: false };
  },
};
