/**
 * Calibrations side by side (kind 'calibration:calibrate'), e.g. the same assets before and after
 * more data arrived: every calibrated parameter per asset — scan range, vol shocks, bracket
 * maintenance rates (by bracket position), collateral haircuts — with its estimate, the value
 * written into the configuration, its bootstrap interval and the differences from the base run.
 */
import type { CalibrateCompareView } from '../../preload/contract/schemas/compare';
import type { CalibrationProvenance } from '../core/calibration/provenance';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';
import type { CalibrateWorkResult } from './calibrationCalibrateWork';
import type { CompareKindAdapter } from './compareTypes';
import { CALIBRATE_RUN_KIND } from './reports/kinds/calibrate';

type Summaries = Pick<CalibrateWorkResult, 'at' | 'scanRanges' | 'volShocks' | 'brackets' | 'haircuts'>;
type Parameter = CalibrateCompareView['parameters'][number];
type Estimate = NonNullable<Parameter['values'][number]>;
interface Keyed { key: string; asset: string; parameter: string; unit: Parameter['unit']; estimate: Estimate }

const orNull = (x: number | undefined | null): number | null => (x === undefined || x === null || !Number.isFinite(x) ? null : x);
const decimal = (s: string | undefined): number | null => (s === undefined ? null : orNull(Number(s)));

function estimate(value: number, used: number | null, p: CalibrationProvenance, detail: string, lower?: number, upper?: number): Estimate {
  return {
    estimate: value, used, lower: orNull(lower ?? p.confidenceInterval?.lower), upper: orNull(upper ?? p.confidenceInterval?.upper),
    observations: p.observations, dataFrom: p.dataFrom, dataTo: p.dataTo, detail,
  };
}

/** Every parameter of one calibration, keyed by asset and parameter (brackets by their position in the table). */
export function calibratedParameters(s: Summaries): Keyed[] {
  const out: Keyed[] = [];
  const add = (asset: string, parameter: string, unit: Parameter['unit'], e: Estimate) => out.push({ key: `${asset}|${parameter}`, asset, parameter, unit, estimate: e });
  for (const r of s.scanRanges) {
    add(r.asset, 'scan range', 'fraction', estimate(r.estimate, decimal(r.priceRangeDecimal), r.provenance, `${r.provenance.method}${r.boundBy ? `, bound by ${r.boundBy}` : ''}`));
  }
  for (const v of s.volShocks) {
    add(v.asset, 'vol up', 'volPoints', estimate(v.volUpPoints, decimal(v.volUpPointsDecimal), v.provenanceUp, `${v.source} vol`));
    add(v.asset, 'vol down', 'volPoints', estimate(v.volDownPoints, decimal(v.volDownPointsDecimal), v.provenanceDown, `${v.source} vol`));
  }
  for (const b of s.brackets) {
    b.brackets.forEach((d, k) => {
      add(b.asset, `MMR bracket ${k + 1}`, 'fraction', estimate(d.maintenanceMarginRate, decimal(b.table.brackets[k]?.maintenanceMarginRate), b.provenance,
        `notional to ${Math.round(d.notionalUsd).toLocaleString('en-US')} USD`, d.mmrLower, d.mmrUpper));
    });
  }
  for (const h of s.haircuts?.assets ?? []) {
    add(h.asset, 'collateral haircut', 'fraction', estimate(h.haircut, decimal(h.haircutDecimal), h.provenance, `quality rank ${h.qualityRank}`, h.haircutLower, h.haircutUpper));
  }
  return out;
}

const diff = (a: number | null | undefined, b: number | null | undefined): number | null => (a === null || a === undefined || b === null || b === undefined ? null : b - a);

export function calibrateView(runs: readonly RunRecord[], store: Store, notes: string[]): CalibrateCompareView {
  const summaries = runs.map((r) => store.runs.summaries(r.id) as unknown as Summaries);
  const perRun = summaries.map((s) => new Map(calibratedParameters(s).map((k) => [k.key, k])));
  const order: Keyed[] = [];
  const seen = new Set<string>();
  for (const m of perRun) for (const [key, k] of m) if (!seen.has(key)) { seen.add(key); order.push(k); }
  const missing = order.filter((k) => perRun.some((m) => !m.has(k.key))).length;
  if (missing) notes.push(`${missing} parameter(s) were calibrated in some runs only (shown empty where missing).`);
  return {
    kind: 'calibrate',
    at: summaries.map((s) => s.at),
    parameters: order.map((k) => {
      const values = perRun.map((m) => m.get(k.key)?.estimate ?? null);
      return {
        key: k.key, asset: k.asset, parameter: k.parameter, unit: k.unit, values,
        diffEstimate: values.slice(1).map((v) => diff(values[0]?.estimate, v?.estimate)),
        diffUsed: values.slice(1).map((v) => diff(values[0]?.used, v?.used)),
      };
    }),
  };
}

export const calibrateCompareAdapter: CompareKindAdapter = {
  kind: CALIBRATE_RUN_KIND,
  title: 'Calibrations',
  runTitleParts: (run, store) => {
    const p = run.params as { confidence?: number; lookbackDays?: number; horizonDays?: number };
    return [run.label || 'calibration', `at ${(store.runs.summaries(run.id) as unknown as Summaries).at}`, `α ${p.confidence ?? '?'}`,
      `L ${p.lookbackDays ?? '?'}`, `h ${p.horizonDays ?? '?'}`];
  },
  synthetic: (run) => (run.inputs as { synthetic?: boolean }).synthetic === true,
  view: calibrateView,
};
