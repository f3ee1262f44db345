/**
 * SYNTHETIC stablecoin prices: the log deviation from the 1.00 peg follows a mean-reverting AR(1) with
 * Student-t shocks, x_t = φ x_{t−1} + s·u_t, kept inside ±bandPct % (arbitrage by mint/redeem keeps a
 * fiat-backed coin close to par), except on scripted de-peg days, whose closes and lows are given
 * (e.g. an SVB-like USDC de-peg to about 0.97 for a few days).
 */
import type { Rng } from '../numeric/rng';
import { dayNumber } from './calendar';
import { exponential, logReturnsOf, volumeUsdPath, type BarInputs } from './bars';
import type { StablecoinSpec } from './spec';

export function simulateStablecoin(spec: StablecoinSpec, dates: string[], rng: Rng): BarInputs {
  const n = dates.length;
  const first = dayNumber(dates[0]);
  const scriptedClose = new Float64Array(n).fill(NaN);
  const scriptedLow = new Float64Array(n).fill(NaN);
  for (const d of spec.depegs) {
    const start = dayNumber(d.from) - first;
    d.closes.forEach((c, j) => {
      scriptedClose[start + j] = c;
      scriptedLow[start + j] = d.lows[j];
    });
  }
  const band = Math.log1p(spec.bandPct / 100);
  const scale = Math.sqrt((spec.dof - 2) / spec.dof);
  const wickMean = spec.wickMeanPct / 100;
  const logClose = new Float64Array(n);
  const lowWickLog = new Float64Array(n);
  const highWickLog = new Float64Array(n);
  let x = 0;
  let previous = 0;
  const firstDayLogReturn = spec.dailyDeviationSd * scale * rng.studentT(spec.dof);
  for (let t = 0; t < n; t++) {
    // Draw every day, scripted or not, so a de-peg edit leaves the other days' shocks in place.
    const shock = spec.dailyDeviationSd * scale * rng.studentT(spec.dof);
    const wickUp = exponential(rng, wickMean);
    const wickDown = exponential(rng, wickMean);
    if (Number.isNaN(scriptedClose[t])) {
      x = Math.min(band, Math.max(-band, spec.persistence * x + shock));
    } else {
      x = Math.log(scriptedClose[t]);
    }
    logClose[t] = x;
    const open = t === 0 ? x - firstDayLogReturn : previous;
    const bodyLow = Math.min(open, x);
    lowWickLog[t] = Number.isNaN(scriptedLow[t]) ? wickDown : Math.max(wickDown, bodyLow - Math.log(scriptedLow[t]));
    highWickLog[t] = wickUp;
    previous = x;
  }
  const returns = logReturnsOf(logClose, firstDayLogReturn);
  const volumeUsd = volumeUsdPath(returns, Math.max(spec.dailyDeviationSd, 1e-6), spec, rng);
  return {
    symbol: spec.symbol,
    dates,
    logClose,
    firstDayLogReturn,
    lowWickLog,
    highWickLog,
    volumeUsd,
    pricePrecision: spec.pricePrecision,
    volumePrecision: spec.volumePrecision,
  };
}
