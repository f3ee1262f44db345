/** Account-level rules of the tiered model: haircuts, equity, ratios, explain output, errors. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { explainTieredAccountMargin } from '../../../main/core/margin/explain';
import { tieredModelFromWire } from '../../../main/core/margin/config';
import { instrumentLookup, tieredAccountMargin } from '../../../main/core/margin/tiered';
import { Dec } from '../../../main/core/money/decimal';
import type { InstrumentSpec } from '../../../main/core/book/types';
import { BINANCE_PRESET, BTC_INV, BTC_PERP, ETH_PERP, account, position, snapshot } from './helpers';

const binance = tieredModelFromWire(BINANCE_PRESET);
const OPTION: InstrumentSpec = { id: 'BTC-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-03-27', strike: new Dec(90_000), optionType: 'call' };
const lookup = instrumentLookup([BTC_PERP, ETH_PERP, BTC_INV, OPTION]);

describe('tieredAccountMargin', () => {
  // Hand-worked: USDT 10,000 at 0.998 (haircut 0) = 9,980; BTC 0.5 at 80,000 with 5 % haircut = 38,000;
  // USDC −1,000 at 1 (a debt, not haircut) = −1,000 → collateral 46,980.
  // BTC-PERP long 2 @ 78,000 marked 80,000: PnL +4,000; notional 160,000 → bracket 2 (50k–600k):
  // IM = 160,000 / 100 = 1,600; MM = 160,000 × 0.5 % − 50 = 750.
  // BTCUSD inverse short 1,000 contracts (100,000 USD) @ 82,000: PnL = −100,000 × (1/82,000 − 1/80,000)
  // = +0.030487804878… BTC = +2,439.02439… USD; coin notional 1.25 BTC → COIN-M level 1 (MMR 0.4 %,
  // 125×): MM = 0.005 BTC = 400 USD, IM = 0.01 BTC = 800 USD.
  const acct = account('acc', 'cross', { USDT: '10000', BTC: '0.5', USDC: '-1000' }, [
    position('BTC-PERP', '2', '78000'), position('BTCUSD-INV', '-1000', '82000'), position('BTC-C', '1', '3000'),
  ]);
  const market = snapshot({ BTC: 80_000, USDT: 0.998, USDC: 1 });
  const m = tieredAccountMargin(acct, lookup, market, tieredModelFromWire({ ...BINANCE_PRESET, collateral: { haircuts: { USDT: '0', USDC: '0', BTC: '0.05' } } }));

  it('values collateral with haircuts (debts in full) and sums PnL, IM and MM in USD', () => {
    expect(m.collateral.valueUsd.toString()).toBe('46980');
    const invPnlUsd = new Dec(-100_000).mul(new Dec(1).div(82_000).sub(new Dec(1).div(80_000))).mul(80_000);
    expect(m.unrealisedPnlUsd.toString()).toBe(invPnlUsd.add(4000).toString());
    expect(m.initialMarginUsd.toString()).toBe('2400');
    expect(m.maintenanceMarginUsd.toString()).toBe('1150');
    expect(m.equityUsd.toString()).toBe(m.collateral.valueUsd.add(m.unrealisedPnlUsd).toString());
    expect(m.marginRatio!.toString()).toBe(new Dec(1150).div(m.equityUsd).toString());
    expect(m.freeMarginUsd.toString()).toBe(m.equityUsd.sub(2400).toString());
    expect(m.liquidatable).toBe(false);
  });

  it('excludes options and says why', () => {
    expect(m.excluded).toEqual([{ instrumentId: 'BTC-C', reason: expect.stringContaining('scenarioGrid') }]);
    expect(m.positions.map((p) => p.instrumentId)).toEqual(['BTC-PERP', 'BTCUSD-INV']);
  });

  it('explains every component as plain JSON data', () => {
    const e = explainTieredAccountMargin(acct, lookup, market, tieredModelFromWire({ ...BINANCE_PRESET, collateral: { haircuts: { USDT: '0', USDC: '0', BTC: '0.05' } } }));
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e.collateral[1]).toEqual({ asset: 'BTC', balance: '0.5', priceUsd: '80000', haircut: '0.05', valueUsd: '38000' });
    expect(e.positions[0].bracket).toEqual({
      level: 2, floor: '50000', cap: '600000', maxLeverage: '100', initialMarginRate: '0.01', maintenanceMarginRate: '0.005', maintenanceAmount: '50', beyondLastCap: false,
    });
    expect(e.positions[1]).toMatchObject({ settlementUnit: 'BTC', notionalUnit: 'coin', notional: '1.25', maintenanceMargin: '0.005', maintenanceMarginUsd: '400' });
    expect(e.cross[0].underlying).toBe('BTC');
    expect(e.equityUsd).toBe(m.equityUsd.toString());
  });

  it('flags a cross account whose equity is at or below its maintenance margin', () => {
    const thin = tieredAccountMargin(account('t', 'cross', { USDT: '100' }, [position('BTC-PERP', '1', '80000')]), lookup, snapshot({ BTC: 79_950, USDT: 1 }), binance);
    // equity = 100 − 50 = 50; MM = 79,950 × 0.5 % − 50 = 349.75 → liquidatable, no prices reported.
    expect(thin.equityUsd.toString()).toBe('50');
    expect(thin.liquidatable).toBe(true);
    expect(thin.cross[0].liquidationPriceDown).toBeNull();
  });

  it('reports both sides for a cross account with opposite exposures on one underlying', () => {
    // Long 1 BTC-PERP and short 150,000 USD of inverse BTCUSD: net short above ~the crossover, long below.
    const a = account('s', 'cross', { USDT: '3000' }, [position('BTC-PERP', '1', '80000'), position('BTCUSD-INV', '-1500', '80000')]);
    const r = tieredAccountMargin(a, lookup, snapshot({ BTC: 80_000, USDT: 1 }), tieredModelFromWire({ ...BINANCE_PRESET, collateral: { haircuts: { USDT: '0' } } }));
    const c = r.cross[0];
    expect(c.liquidationPriceDown!.lt(80_000)).toBe(true);
    expect(c.liquidationPriceUp!.gt(80_000)).toBe(true);
  });

  it('refuses missing prices, haircuts and instruments with errors that name them', () => {
    expect(() => tieredAccountMargin(acct, lookup, snapshot({ BTC: 80_000, USDT: 1 }), binance)).toThrow(/no price for USDC/);
    const noHaircut = tieredModelFromWire({ ...BINANCE_PRESET, collateral: { haircuts: { USDT: '0' } } });
    expect(() => tieredAccountMargin(acct, lookup, market, noHaircut)).toThrow(/no haircut for BTC/);
    const unknown = account('u', 'cross', {}, [position('NOPE', '1', '1')]);
    expect(() => tieredAccountMargin(unknown, lookup, market, binance)).toThrow(InputError);
    expect(() => tieredAccountMargin(unknown, lookup, market, binance)).toThrow(/account u positions\[0\]\.instrumentId: unknown instrument "NOPE"/);
  });
});
