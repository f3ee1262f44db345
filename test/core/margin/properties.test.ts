/** Property tests of the tiered rules (design.md "What each layer is tested with"), fast-check, fixed seeds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstrumentSpec } from '../../../main/core/book/types';
import { tieredModelFromWire } from '../../../main/core/margin/config';
import { bankruptcyPrice, liquidationPrice } from '../../../main/core/margin/liquidation';
import { bracketFor } from '../../../main/core/margin/brackets';
import { deltaOneTerms, positionMargin, tableNotional, type DeltaOneTerms } from '../../../main/core/margin/position';
import { instrumentLookup, tieredAccountMargin } from '../../../main/core/margin/tiered';
import type { TieredModel } from '../../../main/core/margin/types';
import { Dec } from '../../../main/core/money/decimal';
import { BINANCE_PRESET, BTC_INV, BTC_PERP, BYBIT_PRESET, ETH_PERP, account, position, snapshot } from './helpers';

const MODELS: [string, TieredModel][] = [['Binance mark', tieredModelFromWire(BINANCE_PRESET)], ['Bybit entry', tieredModelFromWire(BYBIT_PRESET)]];
const RUNS = { numRuns: 300, seed: 20260101 };

const price = fc.integer({ min: 1_000, max: 200_000 });
const sizeUsd = fc.double({ min: 50, max: 5e8, noNaN: true });
const side = fc.constantFrom(1, -1);
const instrument = fc.constantFrom<InstrumentSpec>(BTC_PERP, BTC_INV);

/** Leverages capped at the bracket's maximum for the entry notional (an exchange refuses more). */
function allowed(t: DeltaOneTerms, entry: number, leverages: number[]): number[] {
  const max = bracketFor(t.table, tableNotional(t, new Dec(entry))).bracket.maxLeverage.toNumber();
  return leverages.map((l) => Math.min(l, Math.floor(max)));
}

function qtyFor(inst: InstrumentSpec, notionalUsd: number, entry: number, s: number): string {
  return inst.settlement === 'linear' ? new Dec(s * notionalUsd / entry).toDecimalPlaces(6).toString() : String(s * Math.max(1, Math.round(notionalUsd / 100)));
}

describe.each(MODELS)('%s', (_name, model) => {
  it('margin never falls when exposure grows in the same direction', () => {
    fc.assert(fc.property(instrument, price, price, sizeUsd, fc.double({ min: 1, max: 3, noNaN: true }), side, (inst, entry, mark, n, grow, s) => {
      const small = deltaOneTerms(position(inst.id, qtyFor(inst, n, entry, s), String(entry)), inst, model, 'p');
      const big = deltaOneTerms(position(inst.id, qtyFor(inst, n * grow, entry, s), String(entry)), inst, model, 'p');
      const a = positionMargin(small, new Dec(mark), model, 'cross', undefined);
      const b = positionMargin(big, new Dec(mark), model, 'cross', undefined);
      expect(b.initialMargin.gte(a.initialMargin)).toBe(true);
      expect(b.maintenanceMargin.gte(a.maintenanceMargin)).toBe(true);
      expect(a.maintenanceMargin.gte(0)).toBe(true);
    }), RUNS);
  });

  it('account margin never falls when a same-direction position is added', () => {
    fc.assert(fc.property(price, sizeUsd, sizeUsd, side, (entry, n1, n2, s) => {
      const first = position('BTC-PERP', qtyFor(BTC_PERP, n1, entry, s), String(entry));
      const more = position('BTC-PERP', qtyFor(BTC_PERP, n1 + n2, entry, s), String(entry));
      const lookup = instrumentLookup([BTC_PERP, ETH_PERP]);
      const market = snapshot({ BTC: entry, ETH: 3000, USDT: 1 });
      const a = tieredAccountMargin(account('a', 'cross', { USDT: '1000000' }, [first]), lookup, market, model);
      const b = tieredAccountMargin(account('a', 'cross', { USDT: '1000000' }, [more]), lookup, market, model);
      expect(b.initialMarginUsd.gte(a.initialMarginUsd) && b.maintenanceMarginUsd.gte(a.maintenanceMarginUsd)).toBe(true);
    }), RUNS);
  });

  it('a long liquidates below entry and its liquidation price rises with leverage; bankruptcy lies beyond it', () => {
    const leverage = fc.integer({ min: 2, max: 100 });
    fc.assert(fc.property(instrument, price, sizeUsd, leverage, leverage, (inst, entry, n, l1, l2) => {
      const t = deltaOneTerms(position(inst.id, qtyFor(inst, n, entry, 1), String(entry)), inst, model, 'p');
      const [lo, hi] = allowed(t, entry, l1 <= l2 ? [l1, l2] : [l2, l1]);
      const faceUsd = inst.settlement === 'linear' ? t.quantity.mul(entry) : t.quantity.mul(100);
      // Isolated margin = notional / leverage, in the settlement unit.
      const wallet = (l: number) => (inst.settlement === 'linear' ? faceUsd.div(l) : faceUsd.div(entry).div(l));
      const lpLo = liquidationPrice(t, wallet(lo), model.convention).price;
      const lpHi = liquidationPrice(t, wallet(hi), model.convention).price;
      const bp = bankruptcyPrice(t, wallet(hi));
      if (lpHi === null || bp === null) return; // margin beyond the notional (never liquidated) at this size
      expect(lpHi.lt(entry)).toBe(true);
      if (lpLo !== null) expect(lpHi.gte(lpLo)).toBe(true);
      expect(bp.lt(lpHi)).toBe(true);
    }), RUNS);
  });

  it('a short liquidates above entry and its bankruptcy price lies above the liquidation price', () => {
    fc.assert(fc.property(instrument, price, sizeUsd, fc.integer({ min: 2, max: 100 }), (inst, entry, n, lev) => {
      let l = lev;
      const t = deltaOneTerms(position(inst.id, qtyFor(inst, n, entry, -1), String(entry)), inst, model, 'p');
      [l] = allowed(t, entry, [l]);
      if (l < 2) return; // 1× (the largest brackets): an inverse short is then never liquidated, tested below
      const faceUsd = inst.settlement === 'linear' ? t.quantity.abs().mul(entry) : t.quantity.abs().mul(100);
      const wallet = inst.settlement === 'linear' ? faceUsd.div(l) : faceUsd.div(entry).div(l);
      const lp = liquidationPrice(t, wallet, model.convention).price;
      const bp = bankruptcyPrice(t, wallet);
      expect(lp).not.toBeNull();
      expect(lp!.gt(entry)).toBe(true);
      if (bp !== null) expect(bp.gt(lp!)).toBe(true);
    }), RUNS);
  });

  it('a 1× short on an inverse contract is never liquidated (its coin margin covers any rise)', () => {
    const t = deltaOneTerms(position('BTCUSD-INV', '-500', '50000'), BTC_INV, model, 'p');
    expect(liquidationPrice(t, new Dec(1), model.convention).price).toBeNull(); // 500 × 100 / 50,000 = 1 BTC
    expect(bankruptcyPrice(t, new Dec(1))).toBeNull();
  });

  it('at the cross liquidation price the account equity equals its maintenance margin', () => {
    fc.assert(fc.property(price, sizeUsd, fc.integer({ min: 2, max: 50 }), side, (mark, n, l, s) => {
      const p = position('BTC-PERP', qtyFor(BTC_PERP, n, mark, s), String(mark));
      const acct = account('x', 'cross', { USDT: new Dec(n / l).toDecimalPlaces(2).toString() }, [p]);
      const lookup = instrumentLookup([BTC_PERP]);
      const m = tieredAccountMargin(acct, lookup, snapshot({ BTC: mark, USDT: 1 }), model);
      const c = m.cross[0];
      const lp = s > 0 ? c.liquidationPriceDown : c.liquidationPriceUp;
      if (lp === null) return;
      const at = tieredAccountMargin(acct, lookup, snapshot({ BTC: lp.toNumber(), USDT: 1 }), model);
      const gap = at.equityUsd.sub(at.maintenanceMarginUsd).abs().toNumber();
      // lp.toNumber() rounds the root to float64: the gap is that rounding times the exposure.
      expect(gap).toBeLessThan(1e-9 * n + 1e-6);
    }), RUNS);
  });
});
