/**
 * Daily log returns of the SYNTHETIC risk assets (docs/methodology, sample workspace):
 *
 *   r_{i,t} = μ_{i,k(t)} + ε_{i,t},        ε_{i,t} = √h_{i,t} · z_{i,t}
 *   h_{i,t+1} = min(ω_i + (α_i + γ_i·1[ε_{i,t} < 0]) ε_{i,t}² + β_i h_{i,t}, maxDailyVol_i²)   GJR-GARCH(1,1)
 *   z_{i,t} = b_{i,t} f_t + √(1 − b_{i,t}²) e_{i,t}                            one-factor model
 *   b_{i,t} = loadingStress if f_t < threshold else loadingCalm                 correlation rises in sell-offs
 *
 * f and e are Student-t scaled to unit variance (fat tails), ω_i = dailyVol²(1 − α − β − γ/2) so the
 * unconditional variance is dailyVol² (Bollerslev 1986; Glosten, Jagannathan & Runkle 1993); the ceiling
 * maxDailyVol stops a run of t-distributed outliers from compounding into an explosive path. Scripted
 * crash days replace ε by crashBeta·ln(1 + returnPct/100); their shock enters the variance with weight
 * episodeVarianceWeight. μ_{i,k} is one constant drift per segment between price anchors, chosen so the
 * path passes through every anchor (a discrete bridge: shocks and their clustering are unchanged); each
 * anchor level is jittered by e^{anchorJitterPct/100·N(0,1)} so closes do not land on round numbers.
 */
import { InputError } from '../errors';
import type { Rng } from '../numeric/rng';
import { dayNumber } from './calendar';
import type { MarketSpec } from './spec';

export interface RiskAssetPath {
  symbol: string;
  /** ln(close_t) for every calendar day. */
  logClose: Float64Array;
  /** ln(close_0 / open_0) of the first day (later opens are the previous close). */
  firstDayLogReturn: number;
  /** Conditional daily volatility √h_t that applied on day t (sizes the intraday wicks). */
  conditionalVol: Float64Array;
  /** Scripted extra intraday excursion on crash days, in log units (0 elsewhere). */
  lowWickLog: Float64Array;
  highWickLog: Float64Array;
}

interface ScriptedDay {
  logReturnBtc: number;
  lowWickLogBtc: number;
  highWickLogBtc: number;
  betas: Record<string, number>;
}

function scriptedDays(market: MarketSpec, days: number): (ScriptedDay | undefined)[] {
  const out = new Array<ScriptedDay | undefined>(days).fill(undefined);
  const first = dayNumber(market.firstDate);
  for (const ep of market.episodes) {
    const start = dayNumber(ep.from) - first;
    ep.days.forEach((d, j) => {
      out[start + j] = {
        logReturnBtc: Math.log1p(d.returnPct / 100),
        lowWickLogBtc: -Math.log1p(-d.lowWickPct / 100),
        highWickLogBtc: Math.log1p(d.highWickPct / 100),
        betas: ep.betas,
      };
    });
  }
  return out;
}

/** Unit-variance Student-t draw: t_ν · √((ν − 2)/ν). */
function unitStudentT(rng: Rng, dof: number): number {
  return rng.studentT(dof) * Math.sqrt((dof - 2) / dof);
}

/**
 * Simulate all risk assets jointly over `days` calendar days from market.firstDate. The factor and each
 * asset draw from their own forked stream, one draw per day even on scripted days, so editing one
 * episode does not reshuffle the shocks of unrelated days.
 */
export function simulateRiskAssetPaths(market: MarketSpec, days: number, rng: Rng): RiskAssetPath[] {
  const assets = market.assets;
  const scripted = scriptedDays(market, days);
  const factorRng = rng.fork();
  const assetRngs = assets.map(() => rng.fork());
  const anchorRng = rng.fork();
  const jitter = market.anchorJitterPct / 100;
  const anchorLogPrices = assets.map((a) => a.anchors.map((an) => Math.log(an.price) + jitter * anchorRng.normal()));
  const returns = assets.map(() => new Float64Array(days));
  const vols = assets.map(() => new Float64Array(days));
  const lows = assets.map(() => new Float64Array(days));
  const highs = assets.map(() => new Float64Array(days));
  const variance = assets.map((a) => a.dailyVol * a.dailyVol);
  const ceiling = assets.map((a) => a.maxDailyVol * a.maxDailyVol);
  const omega = assets.map((a) => a.dailyVol * a.dailyVol * (1 - a.garchAlpha - a.garchBeta - a.garchGamma / 2));
  const episodeShockScale = Math.sqrt(market.episodeVarianceWeight);

  for (let t = 0; t < days; t++) {
    const f = unitStudentT(factorRng, market.factorDof);
    const stress = f < market.stressFactorThreshold;
    const script = scripted[t];
    for (let i = 0; i < assets.length; i++) {
      const a = assets[i];
      const e = unitStudentT(assetRngs[i], a.dof);
      const b = stress ? a.loadingStress : a.loadingCalm;
      const vol = Math.sqrt(variance[i]);
      vols[i][t] = vol;
      let eps: number;
      let varianceShock: number;
      if (script) {
        const beta = script.betas[a.symbol] ?? a.crashBeta;
        // A little idiosyncratic noise keeps the assets from moving in exact lockstep on scripted days.
        const noise = 0.2 * a.dailyVol * Math.sqrt(1 - a.loadingStress * a.loadingStress) * e;
        eps = beta * script.logReturnBtc + noise;
        varianceShock = eps * episodeShockScale;
        lows[i][t] = beta * script.lowWickLogBtc;
        highs[i][t] = beta * script.highWickLogBtc;
      } else {
        eps = vol * (b * f + Math.sqrt(1 - b * b) * e);
        varianceShock = eps;
      }
      returns[i][t] = eps;
      const alpha = a.garchAlpha + (varianceShock < 0 ? a.garchGamma : 0);
      variance[i] = Math.min(ceiling[i], omega[i] + alpha * varianceShock * varianceShock + a.garchBeta * variance[i]);
    }
  }

  return assets.map((a, i) => {
    const r = returns[i];
    applyAnchorDrift(market, i, anchorLogPrices[i], r, scripted);
    const logClose = new Float64Array(days);
    logClose[0] = anchorLogPrices[i][0];
    for (let t = 1; t < days; t++) logClose[t] = logClose[t - 1] + r[t];
    return {
      symbol: a.symbol,
      logClose,
      firstDayLogReturn: r[0],
      conditionalVol: vols[i],
      lowWickLog: lows[i],
      highWickLog: highs[i],
    };
  });
}

/**
 * Add one constant drift per anchor segment (a_k, a_{k+1}] on the unscripted days so that the summed
 * log return equals ln(P_{k+1}/P_k) (anchor prices already jittered). Scripted crash days keep their
 * exact size. After the last anchor no drift is added.
 */
function applyAnchorDrift(
  market: MarketSpec, assetIndex: number, anchorLogPrices: number[], r: Float64Array, scripted: (ScriptedDay | undefined)[],
): void {
  const anchors = market.assets[assetIndex].anchors;
  const first = dayNumber(market.firstDate);
  for (let k = 0; k + 1 < anchors.length; k++) {
    const from = dayNumber(anchors[k].date) - first;
    const to = dayNumber(anchors[k + 1].date) - first;
    let sum = 0;
    let free = 0;
    for (let t = from + 1; t <= to; t++) {
      sum += r[t];
      if (!scripted[t]) free += 1;
    }
    if (free === 0) {
      throw new InputError(`spec.market.assets[${assetIndex}].anchors[${k + 1}]: no unscripted day between ${anchors[k].date} and ${anchors[k + 1].date} to carry the drift`);
    }
    const drift = (anchorLogPrices[k + 1] - anchorLogPrices[k] - sum) / free;
    for (let t = from + 1; t <= to; t++) if (!scripted[t]) r[t] += drift;
  }
}
