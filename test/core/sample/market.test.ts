import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../main/core/market/types';
import { DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SPEC, generateSampleMarket, type SampleMarket } from '../../../main/core/sample';
import { autocorrelation, excessKurtosis, fastDrawdownWindows, logReturns, pearson, quantile7 } from './stats';

const market = generateSampleMarket(DEFAULT_SAMPLE_SPEC, DEFAULT_SAMPLE_SEED);
const closes = (m: SampleMarket, asset: string) => Float64Array.from(m.series[asset], (b) => Number(b.close));
const DAY_MS = 86_400_000;

/** Stylised facts of daily crypto returns the sample must reproduce (thresholds from the product issue). */
function stylisedFacts(m: SampleMarket) {
  const btc = logReturns(closes(m, 'BTC'));
  const eth = logReturns(closes(m, 'ETH'));
  const down: number[] = [];
  const calm: number[] = [];
  btc.forEach((r, i) => {
    if (Math.expm1(r) < -0.05) down.push(i);
    else if (Math.abs(r) < 0.02) calm.push(i);
  });
  const dates = m.series.BTC.map((b) => b.date);
  // Co-move probabilities on unscripted days: the asymmetric loading, not the crash scripts.
  const scripted = (d: string) => m.episodes.some((e) => d >= e.from && d <= e.to);
  let sellOffs = 0;
  let sharedSellOffs = 0;
  let rallies = 0;
  let sharedRallies = 0;
  btc.forEach((r, i) => {
    if (scripted(dates[i + 1])) return;
    if (r < -0.04) {
      sellOffs += 1;
      if (eth[i] < -0.04) sharedSellOffs += 1;
    } else if (r > 0.04) {
      rallies += 1;
      if (eth[i] > 0.04) sharedRallies += 1;
    }
  });
  return {
    coCrash: sharedSellOffs / sellOffs,
    coRally: sharedRallies / rallies,
    kurtosis: excessKurtosis(btc),
    squaredAcf1: autocorrelation(btc.map((r) => r * r), 1),
    corrDown: pearson(down.map((i) => btc[i]), down.map((i) => eth[i])),
    corrCalm: pearson(calm.map((i) => btc[i]), calm.map((i) => eth[i])),
    downDays: down.length,
    crashes: fastDrawdownWindows(dates, closes(m, 'BTC'), 0.3, 10),
  };
}

describe('sample market: identity and determinism', () => {
  it('is labelled SYNTHETIC', () => {
    expect(market.name).toBe('Sample market (SYNTHETIC)');
    expect(market.synthetic).toBe(true);
  });

  it('gives bit-identical bars for the same seed and different bars for another seed', () => {
    const again = generateSampleMarket(DEFAULT_SAMPLE_SPEC, DEFAULT_SAMPLE_SEED);
    expect(JSON.stringify(again)).toBe(JSON.stringify(market));
    const other = generateSampleMarket(DEFAULT_SAMPLE_SPEC, DEFAULT_SAMPLE_SEED + 1);
    for (const asset of market.assets) {
      const differing = other.series[asset].filter((b, i) => b.close !== market.series[asset][i].close).length;
      expect(differing, asset).toBeGreaterThan(1000);
    }
  });
});

describe('sample market: coverage', () => {
  it('has BTC, ETH, SOL, a small cap and two stablecoins', () => {
    expect(market.assets).toEqual(['BTC', 'ETH', 'SOL', 'DOGE', 'USDT', 'USDC']);
    expect(Object.keys(market.series).sort()).toEqual([...market.assets].sort());
  });

  it('covers 2019-01-01..2025-12-31 on every calendar day, no gaps, for every asset', () => {
    for (const asset of market.assets) {
      const bars = market.series[asset];
      // 2557 days: (date(2025,12,31) − date(2019,1,1)).days + 1 in Python.
      expect(bars.length, asset).toBe(2557);
      expect(bars[0].date).toBe('2019-01-01');
      expect(bars[bars.length - 1].date).toBe('2025-12-31');
      for (let i = 1; i < bars.length; i++) {
        expect(Date.parse(bars[i].date) - Date.parse(bars[i - 1].date), `${asset} ${bars[i].date}`).toBe(DAY_MS);
      }
    }
    expect(market.series.BTC.length).toBeGreaterThanOrEqual(6 * 365 + 1);
  });

  it('lists the scripted windows: two or more crashes and a stablecoin de-peg', () => {
    expect(market.episodes.map((e) => e.name)).toEqual([
      'COVID-like crash', 'May-2021-like deleveraging', 'USDT wobble (Terra-like)', 'FTX-like collapse', 'USDC de-peg (SVB-like)',
    ]);
    expect(market.episodes[0]).toEqual({ name: 'COVID-like crash', from: '2020-03-11', to: '2020-03-16' });
    for (const e of market.episodes) expect(e.from <= e.to).toBe(true);
  });
});

describe('sample market: every bar is a consistent OHLCV', () => {
  const decimals: Record<string, number> = { BTC: 2, ETH: 2, SOL: 4, DOGE: 7, USDT: 4, USDC: 4 };
  for (const asset of ['BTC', 'ETH', 'SOL', 'DOGE', 'USDT', 'USDC']) {
    it(`${asset}: decimal strings, open = previous close, low ≤ open/close ≤ high, positive volume`, () => {
      const priceText = new RegExp(`^\\d+\\.\\d{${decimals[asset]}}$`);
      const bars: Bar[] = market.series[asset];
      let bad = 0;
      bars.forEach((b, i) => {
        const [o, h, l, c, v] = [b.open, b.high, b.low, b.close, b.volume].map(Number);
        const ok = [b.open, b.high, b.low, b.close].every((s) => priceText.test(s))
          && /^\d+(\.\d+)?$/.test(b.volume)
          && h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0 && v > 0
          && (i === 0 || b.open === bars[i - 1].close);
        if (!ok) bad += 1;
      });
      expect(bad).toBe(0);
    });
  }

  it('starts at plausible 2019 levels and ends at plausible 2025 levels', () => {
    const first = (a: string) => Number(market.series[a][0].open);
    const last = (a: string) => Number(market.series[a][market.series[a].length - 1].close);
    expect(first('BTC')).toBeGreaterThan(3500);
    expect(first('BTC')).toBeLessThan(4500);
    expect(first('ETH')).toBeGreaterThan(120);
    expect(first('ETH')).toBeLessThan(160);
    expect(last('BTC')).toBeGreaterThan(60_000);
    expect(last('BTC')).toBeLessThan(130_000);
    expect(last('ETH')).toBeGreaterThan(2000);
    expect(last('ETH')).toBeLessThan(4500);
    expect(Math.min(...closes(market, 'BTC'))).toBeGreaterThan(1000);
    expect(Math.max(...closes(market, 'BTC'))).toBeLessThan(500_000);
  });
});

describe('sample market: stylised facts measured on the generated data', () => {
  const facts = stylisedFacts(market);

  it('BTC daily log returns are fat-tailed: excess kurtosis > 3', () => {
    expect(facts.kurtosis).toBeGreaterThan(3);
  });

  it('volatility clusters: lag-1 autocorrelation of squared BTC returns > 0.1', () => {
    expect(facts.squaredAcf1).toBeGreaterThan(0.1);
  });

  it('BTC–ETH correlation is higher on BTC sell-off days (< −5 %) than on calm days (|r| < 2 %)', () => {
    expect(facts.downDays).toBeGreaterThanOrEqual(20);
    expect(facts.corrDown).toBeGreaterThan(facts.corrCalm);
  });

  it('sell-offs are shared more than rallies: P(ETH < −4 % | BTC < −4 %) > P(ETH > 4 % | BTC > 4 %)', () => {
    // Real Binance 2019–2025 (../shared/data/market): 0.84 vs 0.68. With equal calm and stress loadings the
    // generator gives the reverse in 45 of 60 seeds, so this tests the asymmetric-correlation mechanism.
    expect(facts.coCrash).toBeGreaterThan(facts.coRally);
  });

  it('has at least two BTC crashes of ≥ 30 % within ≤ 10 days, one inside each scripted crash window', () => {
    expect(facts.crashes.length).toBeGreaterThanOrEqual(2);
    for (const name of ['COVID-like crash', 'May-2021-like deleveraging', 'FTX-like collapse']) {
      const e = market.episodes.find((x) => x.name === name)!;
      expect(facts.crashes.some((c) => c.from <= e.to && c.to >= e.from), name).toBe(true);
    }
  });

  it('the COVID-like day falls about 40 % close to close with a deeper intraday wick', () => {
    const bars = market.series.BTC;
    const i = bars.findIndex((b) => b.date === '2020-03-12');
    const ret = Number(bars[i].close) / Number(bars[i - 1].close) - 1;
    expect(ret).toBeGreaterThan(-0.42);
    expect(ret).toBeLessThan(-0.38);
    expect(Number(bars[i].low) / Number(bars[i].close)).toBeLessThan(0.95);
  });

  it('volume rises with the size of the move', () => {
    const bars = market.series.BTC;
    const absR = logReturns(closes(market, 'BTC')).map(Math.abs);
    const logUsd = bars.slice(1).map((b) => Math.log(Number(b.volume) * Number(b.close)));
    // Log USD volume minus its centred 31-day mean removes the multi-year volume trend.
    const k = 15;
    const x: number[] = [];
    const y: number[] = [];
    for (let t = k; t < logUsd.length - k; t++) {
      let m = 0;
      for (let j = t - k; j <= t + k; j++) m += logUsd[j];
      x.push(absR[t]);
      y.push(logUsd[t] - m / (2 * k + 1));
    }
    // Real Binance BTC/USDT 2019–2025 (../shared/data/market/BTC-USD.csv), same statistic: 0.455.
    expect(pearson(x, y)).toBeGreaterThan(0.3);
    const crashDay = bars.find((b) => b.date === '2020-03-12')!;
    const usd = bars.map((b) => Number(b.volume) * Number(b.close));
    const yearAround = usd.slice(365, 730);
    expect(Number(crashDay.volume) * Number(crashDay.close)).toBeGreaterThan(2 * quantile7(yearAround, 0.5));
  });

  it('stablecoins stay within [0.9, 1.1]; USDC de-pegs to about 0.97 for a few days', () => {
    for (const s of ['USDT', 'USDC']) {
      for (const b of market.series[s]) {
        expect(Number(b.low), `${s} ${b.date}`).toBeGreaterThanOrEqual(0.9);
        expect(Number(b.high), `${s} ${b.date}`).toBeLessThanOrEqual(1.1);
      }
    }
    const depeg = market.series.USDC.filter((b) => b.date >= '2023-03-10' && b.date <= '2023-03-14');
    expect(depeg.filter((b) => Number(b.close) < 0.98).length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...depeg.map((b) => Number(b.close)))).toBeGreaterThan(0.95);
    const calm = market.series.USDC.filter((b) => b.date < '2023-03-01');
    for (const b of calm) expect(Math.abs(Number(b.close) - 1), b.date).toBeLessThanOrEqual(0.005);
  });

  it('the facts are properties of the process, not of one lucky seed', () => {
    for (const seed of [1, 2, 3]) {
      const f = stylisedFacts(generateSampleMarket(DEFAULT_SAMPLE_SPEC, seed));
      expect(f.kurtosis, `seed ${seed}`).toBeGreaterThan(3);
      expect(f.squaredAcf1, `seed ${seed}`).toBeGreaterThan(0.1);
      expect(f.corrDown, `seed ${seed}`).toBeGreaterThan(f.corrCalm);
      expect(f.coCrash, `seed ${seed}`).toBeGreaterThan(f.coRally);
      expect(f.crashes.length, `seed ${seed}`).toBeGreaterThanOrEqual(2);
    }
  });
});
