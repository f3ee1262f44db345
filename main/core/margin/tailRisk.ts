/**
 * VaR / ES of a scenario loss vector and the HS model's anti-procyclicality combination, shared by the
 * single-account and whole-book paths (docs/methodology margin-grid-var, "Historical simulation").
 *
 *   VaR_α = type-7 α-quantile of the losses (Hyndman & Fan 1996 def. 7, numpy's default; design.md)
 *   ES_α  = mean of the losses ≥ VaR_α
 * lossTail is numeric/quantile.ts's expectedShortfallWithVar without its per-call copy: the whole-book path
 * calls it once per account with a reusable scratch buffer (Floyd–Rivest selection, O(n)).
 *
 * Margin from the base measure M0 = max(0, VaR or ES) (an account that gains in the α-tail needs none):
 *   buffer b          MM = M0, IM = (1 + b)·M0  (EMIR RTS 153/2013 art. 28(1)(a): a buffer ≥ 25 % that may
 *                     be exhausted in stress, so it sits above the liquidation threshold)
 *   stressed weight w IM = MM = max(0, w·S + (1 − w)·M0), S the same measure over the stressed window (art. 28(1)(b))
 *   ten-year floor    IM = MM = max(M0, F), F the measure over up to ten years of history (art. 28(1)(c))
 */
import { InputError } from '../errors';
import { selectInPlace } from '../numeric/quantile';

export interface LossTail {
  valueAtRisk: number;
  expectedShortfall: number;
  tailCount: number;
  /** Order statistics x_(lo), x_(lo+1) (ascending, 0-based) that VaR interpolates between, and the weight of the upper. */
  lower: number;
  upper: number;
  upperWeight: number;
}

/** numpy's _lerp (quantile.ts): exact at both ends and monotone. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Type-7 VaR and ES of `losses` at `confidence`; `scratch` (length ≥ n) is overwritten. */
export function lossTail(losses: Float64Array, confidence: number, scratch: Float64Array): LossTail {
  const n = losses.length;
  if (n === 0) throw new InputError('lossTail: no scenario losses');
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`lossTail: confidence must lie in (0, 1), got ${confidence}`);
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const v = losses[i];
    if (!Number.isFinite(v)) throw new InputError(`lossTail: scenario loss ${i} is ${v}, not a finite number`);
    a[i] = v;
  }
  const h = (n - 1) * confidence;
  const lo = Math.min(Math.floor(h), n - 1);
  selectInPlace(a, lo);
  const lower = a[lo];
  let upper = lower;
  if (lo < n - 1) {
    upper = a[lo + 1];
    for (let i = lo + 2; i < n; i++) if (a[i] < upper) upper = a[i];
  }
  const t = h - lo;
  const valueAtRisk = lo < n - 1 ? lerp(lower, upper, t) : lower;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (losses[i] >= valueAtRisk) {
      sum += losses[i];
      count++;
    }
  }
  return { valueAtRisk, expectedShortfall: sum / count, tailCount: count, lower, upper, upperWeight: t };
}

export function measureOf(tail: LossTail, measure: 'var' | 'es'): number {
  return measure === 'es' ? tail.expectedShortfall : tail.valueAtRisk;
}

export interface ApcFigures {
  /** b, w as numbers (0 when the tool is off). */
  bufferFraction: number;
  stressedWeight: number;
}

/** IM and MM from the base, stressed and floor measures (file header), float form. */
export function historicalMarginFloat(base: number, stressed: number | null, floor: number | null, apc: ApcFigures): { initial: number; maintenance: number } {
  const m0 = Math.max(0, base);
  let mm = m0;
  if (stressed !== null) mm = Math.max(0, apc.stressedWeight * stressed + (1 - apc.stressedWeight) * m0);
  if (floor !== null) mm = Math.max(mm, floor);
  return { initial: mm * (1 + apc.bufferFraction), maintenance: mm };
}
