/**
 * Stressed-period finder (docs/methodology stress-scenarios, "Stressed period"): the window of
 * `windowDays` consecutive panel returns with the worst loss for a given book. For every window
 * [s, e] (e = s + windowDays − 1) each asset's cumulative simple return is
 *   R_a = Π_{t=s..e} (1 + r_{a,t}) − 1 = expm1(Σ_{t=s..e} log1p(r_{a,t}))      (prefix sums of log1p)
 * and the window's loss is
 *   linear book   L = −Σ_a exposureUsd_a · R_a          (exposure: signed USD delta per asset)
 *   any book      L = lossFn(R, window)                  (e.g. full revaluation of an option book)
 * The worst window is the largest L; ties go to the earliest. `from` is the date of the window's
 * first return, so [from, to] used as an episode window (anchor = to) replays the same moves.
 * Windows count panel rows: on a gap-free daily panel, calendar days.
 */
import { InputError } from '../errors';
import { requireReturnsPanel, type ReturnsPanel } from './returnsPanel';

/** Loss (positive = loss) of a book when each panel asset moves by `cumulativeReturns[a]` (a fraction). */
export type WindowLossFn = (cumulativeReturns: Float64Array, window: { from: string; to: string }) => number;

/** Signed USD exposure (delta) per asset; assets absent from the record have none. */
export type LinearExposureUsd = Readonly<Record<string, number>>;

export interface StressedPeriod {
  /** Date of the window's first return (its move starts at the close before). */
  from: string;
  /** Date of the window's last return. */
  to: string;
  /** The window's loss: USD for a linear book, the loss function's unit otherwise. */
  loss: number;
  /** Cumulative simple return of each panel asset over the window, in %. */
  returnsPct: Record<string, number>;
  /** Number of windows compared. */
  windowsEvaluated: number;
}

function exposureVector(exposure: LinearExposureUsd, panel: ReturnsPanel): Float64Array {
  const out = new Float64Array(panel.assets.length);
  for (const [asset, usd] of Object.entries(exposure)) {
    const k = panel.assets.indexOf(asset);
    if (k < 0) throw new InputError(`findStressedPeriod: exposure asset ${asset} is not in the returns panel (${panel.assets.join(', ')})`);
    if (!Number.isFinite(usd)) throw new InputError(`findStressedPeriod: exposure of ${asset} must be a finite USD amount, got ${usd}`);
    out[k] = usd;
  }
  return out;
}

/** The worst `windowDays`-return window of the panel for the book (linear exposure or loss function). */
export function findStressedPeriod(
  book: LinearExposureUsd | WindowLossFn, panel: ReturnsPanel, windowDays: number,
): StressedPeriod {
  requireReturnsPanel(panel, 'findStressedPeriod');
  const n = panel.dates.length;
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new InputError(`findStressedPeriod: windowDays must be an integer >= 1, got ${windowDays}`);
  if (windowDays > n) throw new InputError(`findStressedPeriod: windowDays ${windowDays} exceeds the ${n} returns in the panel`);
  const A = panel.assets.length;
  // prefix[a][t] = Σ_{u<t} log1p(r_{a,u}); a window's log growth is a difference of two prefixes.
  const prefix = panel.returns.map((r) => {
    const p = new Float64Array(n + 1);
    for (let t = 0; t < n; t++) p[t + 1] = p[t] + Math.log1p(r[t]);
    return p;
  });
  const exposure = typeof book === 'function' ? null : exposureVector(book, panel);
  let best = { loss: -Infinity, start: -1 };
  const cumulative = new Float64Array(A);
  for (let s = 0; s + windowDays <= n; s++) {
    const e = s + windowDays - 1;
    for (let a = 0; a < A; a++) cumulative[a] = Math.expm1(prefix[a][e + 1] - prefix[a][s]);
    let loss: number;
    if (exposure !== null) {
      loss = 0;
      for (let a = 0; a < A; a++) loss -= exposure[a] * cumulative[a];
    } else {
      loss = (book as WindowLossFn)(Float64Array.from(cumulative), { from: panel.dates[s], to: panel.dates[e] });
      if (!Number.isFinite(loss)) {
        throw new InputError(`findStressedPeriod: the loss function returned ${loss} for the window ${panel.dates[s]}…${panel.dates[e]}`);
      }
    }
    if (loss > best.loss) best = { loss, start: s };
  }
  const s = best.start;
  const e = s + windowDays - 1;
  const returnsPct: Record<string, number> = {};
  panel.assets.forEach((asset, a) => {
    returnsPct[asset] = Math.expm1(prefix[a][e + 1] - prefix[a][s]) * 100;
  });
  return { from: panel.dates[s], to: panel.dates[e], loss: best.loss, returnsPct, windowsEvaluated: n - windowDays + 1 };
}
