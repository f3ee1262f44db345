/**
 * Property tests of the portfolio models (design.md: margin never falls when exposure grows in the same
 * direction), fast-check with a fixed seed, through the dispatcher's Dec path:
 *  - one position of any kind (linear / inverse perpetual, linear / inverse call or put), long or short,
 *    against stablecoin collateral: MM is non-decreasing in |quantity|;
 *  - a multi-asset portfolio (positions and coin collateral) scaled by c ≥ 1: MM does not fall (every
 *    model is positively homogeneous, so MM(c·X) = c·MM(X) up to rounding).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, InstrumentSpec } from '../../../main/core/book/types';
import { historicalScenarios } from '../../../main/core/margin/historicalScenarios';
import { accountMargin, marginModelFromWire, type MarginContext, type MarginModel } from '../../../main/core/margin/modelDispatch';
import { ewmaCovarianceAsOf } from '../../../main/core/margin/parametricVar';
import type { HistoricalVarModel, ParametricVarModel } from '../../../main/core/margin/portfolioConfig';
import { instrumentLookup } from '../../../main/core/margin/tiered';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import { DERIBIT_PRESET, HS_PRESET, PARAMETRIC_PRESET, SPAN_PRESET } from './portfolioFixtures';
import { SMALL_HISTORY } from './smallHistory';

const RUNS = { numRuns: 150, seed: 20260101 };
/** Rounding of sums of float scenario PnLs: MM(c·X) may trail c·MM(X) by a few ulps. */
const ROUNDING = 1e-12;

const opt = (id: string, underlying: string, settlement: 'linear' | 'inverse', optionType: 'call' | 'put', strike: number): InstrumentSpec =>
  ({ id, kind: 'option', underlying, settlement, expiry: '2026-02-27', strike: new Dec(strike), optionType });
const INSTRUMENTS: InstrumentSpec[] = [
  { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
  { id: 'BTC-USD-PERP-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec(100) },
  { id: 'ETH-PERP', kind: 'perpetual', underlying: 'ETH', settlement: 'linear' },
  { id: 'ETH-USD-20260327-INV', kind: 'future', underlying: 'ETH', settlement: 'inverse', contractSizeUsd: new Dec(10), expiry: '2026-03-27' },
  opt('BTC-C', 'BTC', 'linear', 'call', 65000), opt('BTC-P', 'BTC', 'linear', 'put', 55000),
  opt('BTC-C-INV', 'BTC', 'inverse', 'call', 70000), opt('ETH-P-INV', 'ETH', 'inverse', 'put', 3000),
];
const LOOKUP = instrumentLookup(INSTRUMENTS);
const MARKET: MarketSnapshot = { date: '2025-12-31', spot: { BTC: 61234.5, ETH: 3321.25, USDT: 1 }, vol: { BTC: 0.5, ETH: 0.7 }, rate: 0.03 };
const ENTRY: Record<string, string> = { 'BTC-PERP': '60000', 'BTC-USD-PERP-INV': '62000', 'ETH-PERP': '3400', 'ETH-USD-20260327-INV': '3300', 'BTC-C': '2100', 'BTC-P': '900', 'BTC-C-INV': '0.012', 'ETH-P-INV': '0.03' };

const MODELS: [string, MarginModel][] = [
  ['SPAN grid', marginModelFromWire(SPAN_PRESET)],
  ['Deribit grid', marginModelFromWire({ ...DERIBIT_PRESET, volUnchanged: true })],
  ['HS VaR', marginModelFromWire({ ...HS_PRESET, lookbackDays: 60 })],
  ['HS ES filtered, floor', marginModelFromWire({ ...HS_PRESET, lookbackDays: 60, measure: 'es', filteredHistorical: { lambda: '0.94' }, antiProcyclicality: { tool: 'tenYearFloor' } })],
  ['parametric VaR', marginModelFromWire(PARAMETRIC_PRESET)],
];

function contextFor(model: MarginModel): MarginContext {
  const assets = ['BTC', 'ETH', 'USDT'];
  if (model.kind === 'historicalVar') return { historicalScenarios: historicalScenarios(model as HistoricalVarModel, SMALL_HISTORY, MARKET.date, assets) };
  if (model.kind === 'parametricVar') return { covariance: ewmaCovarianceAsOf(SMALL_HISTORY, assets, MARKET.date, (model as ParametricVarModel).lambda) };
  return {};
}

function mm(model: MarginModel, context: MarginContext, acct: Account): number {
  return accountMargin(acct, LOOKUP, MARKET, model, context).maintenanceMarginUsd.toNumber();
}

const acct = (positions: [string, Dec][], collateral: [string, Dec][]): Account => ({
  id: 'p', marginMode: 'cross',
  collateral: collateral.map(([asset, balance]) => ({ asset, balance })),
  positions: positions.map(([instrumentId, quantity]) => ({ instrumentId, quantity, entryPrice: new Dec(ENTRY[instrumentId]) })),
});

const quantity = fc.double({ min: 0.01, max: 500, noNaN: true }).map((x) => new Dec(x).toDecimalPlaces(4).add('0.0001'));
const growth = fc.double({ min: 1, max: 4, noNaN: true }).map((x) => new Dec(x).toDecimalPlaces(6));
const side = fc.constantFrom(1, -1);

describe.each(MODELS)('%s', (_name, model) => {
  const context = contextFor(model);

  it('one position against stablecoin collateral: MM never falls as |quantity| grows', () => {
    fc.assert(fc.property(fc.constantFrom(...INSTRUMENTS.map((i) => i.id)), quantity, growth, side, (id, q, g, s) => {
      const small = mm(model, context, acct([[id, q.mul(s)]], [['USDT', new Dec(100000)]]));
      const big = mm(model, context, acct([[id, q.mul(g).mul(s)]], [['USDT', new Dec(100000)]]));
      expect(big).toBeGreaterThanOrEqual(small * (1 - ROUNDING));
    }), RUNS);
  });

  it('a portfolio with coin collateral scaled by c ≥ 1: MM does not fall (and scales by c)', () => {
    const leg = fc.tuple(fc.constantFrom(...INSTRUMENTS.map((i) => i.id)), quantity, side);
    const coins = fc.tuple(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }));
    fc.assert(fc.property(fc.uniqueArray(leg, { minLength: 1, maxLength: 4, selector: (l) => l[0] }), coins, growth, (legs, [btc, eth], c) => {
      const positions = legs.map(([id, q, s]) => [id, q.mul(s)] as [string, Dec]);
      const collateral: [string, Dec][] = [['BTC', new Dec(btc).toDecimalPlaces(8)], ['ETH', new Dec(eth).toDecimalPlaces(8)], ['USDT', new Dec(5000)]];
      const base = mm(model, context, acct(positions, collateral));
      const scaled = mm(model, context, acct(positions.map(([id, q]) => [id, q.mul(c)]), collateral.map(([a, b]) => [a, a === 'USDT' ? b : b.mul(c)])));
      expect(scaled).toBeGreaterThanOrEqual(base * (1 - ROUNDING));
      // USDT does not move in any scenario, so the requirement is homogeneous of degree 1 in the rest.
      expect(Math.abs(scaled - c.toNumber() * base)).toBeLessThanOrEqual(1e-9 * Math.max(1, scaled));
    }), RUNS);
  });
});
