/**
 * The scenarios of a scenario-grid model (docs/methodology margin-grid-var, "Scenario grid"), in SPAN's
 * order (CME Group, PC-SPAN report "Risk Arrays": scenarios 1–16):
 *   for k = 0, 1, …, N: price +k/N·R (then −k/N·R for k > 0), each with vol up, vol down (and vol
 *   unchanged when the model asks, Deribit PM's up / same / down), weight 1;
 *   then the extreme moves ±extremeMultiple·R with vol unchanged, weight extremeCoverage (omitted when 0);
 *   then the extended table (Deribit PM): each price shock with vol up, weight = its coverage.
 * With N = 3, R, vol up/down, extremes 2·R at 0.35 this is the classic 16-scenario SPAN array.
 *
 * Vol shifts are absolute, in vol points: up = volUpPoints/100 · f(DTE), down = volDownPoints/100 · f(DTE),
 * f(DTE) = (30 / max(DTE, 1))^p when volScalingPower p is set (Deribit PM's (30/DTE)^0.30; DTE floored at
 * one day so an option expiring today gets a finite shift), else 1. A shifted vol is floored at 0.
 */
import type { ScenarioGridModel } from './portfolioConfig';

export type GridScenarioKind = 'scan' | 'extreme' | 'extended';

export interface GridScenario {
  /** 0-based position in the scenario list (SPAN numbers them from 1). */
  index: number;
  kind: GridScenarioKind;
  /** Relative underlying move: S' = S · (1 + priceShock). */
  priceShock: number;
  /** Scan scenarios: k/N with sign; extremes: ±extremeMultiple; extended: null. */
  priceMoveOfRange: number | null;
  volDirection: 1 | 0 | -1;
  /** Fraction of the scenario's loss that counts. */
  weight: number;
  label: string;
}

const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(2)} %`;
const volText = (d: 1 | 0 | -1): string => (d === 1 ? 'vol up' : d === -1 ? 'vol down' : 'vol unchanged');

export function scenarioGridScenarios(model: ScenarioGridModel): GridScenario[] {
  const out: GridScenario[] = [];
  const n = model.priceStepsPerSide;
  const dirs: (1 | 0 | -1)[] = model.volUnchanged ? [1, -1, 0] : [1, -1];
  const push = (kind: GridScenarioKind, priceShock: number, priceMoveOfRange: number | null, volDirection: 1 | 0 | -1, weight: number, what: string) => {
    out.push({ index: out.length, kind, priceShock, priceMoveOfRange, volDirection, weight, label: `${what}price ${pct(priceShock)}, ${volText(volDirection)}` });
  };
  for (let k = 0; k <= n; k++) {
    for (const sign of k === 0 ? [1] : [1, -1]) {
      const ofRange = (sign * k) / n;
      for (const d of dirs) push('scan', (sign * k * model.priceRange) / n, ofRange, d, 1, '');
    }
  }
  if (model.extremeCoverage > 0) {
    for (const sign of [1, -1]) {
      push('extreme', sign * model.extremeMultiple * model.priceRange, sign * model.extremeMultiple, 0, model.extremeCoverage, `extreme ${sign > 0 ? 'up' : 'down'}: `);
    }
  }
  for (const e of model.extendedTable) push('extended', e.priceShock, null, 1, e.coverage, 'extended: ');
  return out;
}

/** f(DTE) of the file header. */
export function volShiftScale(model: ScenarioGridModel, expiryDays: number): number {
  return model.volScalingPower === null ? 1 : Math.pow(30 / Math.max(expiryDays, 1), model.volScalingPower);
}

/** The option's vol in a scenario of the given vol direction (floored at 0). */
export function scenarioVol(model: ScenarioGridModel, baseVol: number, expiryDays: number, direction: 1 | 0 | -1): number {
  if (direction === 0) return baseVol;
  const points = direction === 1 ? model.volUpPoints : -model.volDownPoints;
  return Math.max(0, baseVol + (points / 100) * volShiftScale(model, expiryDays));
}
