import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SPEC, generateSampleMarket, sampleValuationContext,
} from '../../../main/core/sample';
import { listSampleInstruments } from '../../../main/core/sample/instruments';
import { ewmaVolAnnual, smileVol } from '../../../main/core/sample/pricing';

describe('volatility inputs of the sample option premia', () => {
  it('EWMA vol matches the numpy recursion (λ = 0.94, seeded with the mean of the first 30 squared returns, ×√365)', () => {
    // numpy: r = diff(log(closes)); v = mean(r[:30]**2); for x in r: v = .94 v + .06 x²; sqrt(365 v)
    const closes = Float64Array.from([100, 102, 99, 101, 105, 103, 104, 100, 98, 99, 101, 97, 95, 96, 99]);
    expect(ewmaVolAnnual(closes, 90)).toBeCloseTo(0.4899250431668718, 12);
  });

  it('smile: ATM is the ATM vol; with a negative skew puts below the forward are dearer than symmetric calls', () => {
    expect(smileVol(0.5, 100, 100, -0.15, 0.6)).toBe(0.5);
    // σ(k) = 0.5·(1 − 0.15k + 0.6k²) at k = ln 0.8 and ln 1.25 = ±0.22314…
    const k = Math.log(1.25);
    expect(smileVol(0.5, 100, 80, -0.15, 0.6)).toBeCloseTo(0.5 * (1 + 0.15 * k + 0.6 * k * k), 14);
    expect(smileVol(0.5, 100, 80, -0.15, 0.6)).toBeGreaterThan(smileVol(0.5, 100, 125, -0.15, 0.6));
    expect(smileVol(0.5, 100, 1, -0.15, 20)).toBeGreaterThan(0.25); // floor: half the ATM vol
  });
});

describe('listed fair levels at the valuation date', () => {
  const market = generateSampleMarket(DEFAULT_SAMPLE_SPEC, DEFAULT_SAMPLE_SEED);
  const ctx = sampleValuationContext(DEFAULT_SAMPLE_SPEC, market);
  const listing = listSampleInstruments(DEFAULT_SAMPLE_SPEC.book, ctx);
  const all = Object.values(listing).flat();

  it('valuation date and ATM vols come from the last bars', () => {
    expect(ctx.date).toBe('2025-12-31');
    expect(ctx.spotUsd.BTC).toBe(Number(market.series.BTC[market.series.BTC.length - 1].close));
    for (const u of ['BTC', 'ETH', 'SOL', 'DOGE']) {
      expect(ctx.atmVol[u]).toBeGreaterThanOrEqual(0.3);
      expect(ctx.atmVol[u]).toBeLessThanOrEqual(1.5);
    }
  });

  it('futures sit at S·e^{basis·days/365}', () => {
    const f = listing['BTC:future:linear'][0];
    expect(f.fairUsd).toBeCloseTo(ctx.spotUsd.BTC * Math.exp((0.07 * f.expiryDays) / 365), 6);
    expect(f.expiryDays).toBe(86); // 2025-12-31 → 2026-03-27
  });

  it('calls and puts of each strike satisfy put–call parity C − P = e^{−rT}(F − K)', () => {
    const rate = DEFAULT_SAMPLE_SPEC.book.rate;
    const options = all.filter((i) => i.spec.kind === 'option');
    expect(options.length).toBeGreaterThan(300);
    let worst = 0;
    for (const call of options.filter((i) => i.spec.kind === 'option' && i.spec.optionType === 'call')) {
      const put = options.find((p) => p.spec.id === call.spec.id.replace(/-C(-INV)?$/, '-P$1'))!;
      const parity = Math.exp((-rate * call.expiryDays) / 365) * (call.forwardUsd - call.strikeUsd);
      worst = Math.max(worst, Math.abs(call.fairUsd - put.fairUsd - parity) / call.forwardUsd);
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
