/**
 * Calibrated values → margin-model configurations a user can save in one click
 * (calibration:saveModel). The fields calibration does not estimate (grid steps, extreme moves,
 * option minimums, IM/MM factor; the bracket convention and the haircuts of assets not calibrated)
 * are POLICY and come from a bundled preset, named in the provenance. Every configuration is
 * validated against the contract before it is offered.
 */
import type { MarginModelConfig } from '../../preload/contract/schemas/models';
import { InputError, NotFoundError } from '../core/errors';
import { APC_VARIANTS } from '../core/calibration/apc';
import { modelConfigFromSweepSet, scenarioGridConfig } from '../core/calibration/modelConfigs';
import type { ScenarioGridPolicy } from '../core/calibration/modelConfigs';
import type { SweepParameterSet } from '../core/calibration/sweep';
import type { CalibrateWorkResult } from './calibrationCalibrateWork';
import type { ServiceContext } from './context';
import { modelsService, parseModelConfig, PRESETS } from './models';
import type { ModelRecord } from './models';
import type { RankedRow } from './calibrationSweep';

export const SCENARIO_POLICY_PRESET = 'preset:scenario-span-16';
export const TIERED_POLICY_PRESET = 'preset:tiered-binance-btcusdt-mark';

export interface CalibrationCandidate {
  id: string;
  label: string;
  config: MarginModelConfig;
  provenance: Record<string, unknown>;
}

function preset(id: string): MarginModelConfig {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`bundled preset ${id} is missing`);
  return p.config;
}

export interface CandidateContext {
  source: string;
  appVersion: string;
  confidence: number;
  lookbackDays: number;
  horizonDays: number;
}

/** The scenarioGrid configuration per asset and, with brackets, one tiered configuration. */
export function calibrationCandidates(r: CalibrateWorkResult, c: CandidateContext): CalibrationCandidate[] {
  const settings = `α = ${c.confidence}, lookback ${c.lookbackDays}, h = ${c.horizonDays} days`;
  const origin = `Calibrated on ${r.at} from ${c.source} (${settings}) by Margin Workbench ${c.appVersion}`;
  const haircutProvenance = Object.fromEntries((r.haircuts?.assets ?? []).map((a) => [a.asset, a.provenance]));
  const out: CalibrationCandidate[] = [];
  const span = preset(SCENARIO_POLICY_PRESET);
  if (span.kind !== 'scenarioGrid') throw new Error(`${SCENARIO_POLICY_PRESET} is not a scenarioGrid preset`);
  for (const scan of r.scanRanges) {
    const vol = r.volShocks.find((v) => v.asset === scan.asset)!;
    const policy: ScenarioGridPolicy = {
      name: `${scan.asset} calibrated scenario grid`,
      description: `Price range and vol shifts calibrated for ${scan.asset}; the other fields are the policy of ${SCENARIO_POLICY_PRESET}.`,
      priceStepsPerSide: span.priceStepsPerSide, extremeMultiple: span.extremeMultiple, extremeCoverage: span.extremeCoverage,
      shortOptionContingencyFraction: span.shortOptionContingencyFraction, offsettingFuturesContingencyFraction: span.offsettingFuturesContingencyFraction,
      shortOptionMinimumFraction: span.shortOptionMinimumFraction, initialMarginFactor: span.initialMarginFactor,
      ...(span.volScalingPower !== undefined ? { volScalingPower: span.volScalingPower } : {}),
      ...(span.extendedTable !== undefined ? { extendedTable: span.extendedTable } : {}),
    };
    const config: Record<string, unknown> = { ...scenarioGridConfig({ ...scan, ...vol, source: `${origin}; vol shifts from ${vol.source} vol` }, policy) };
    if (r.haircuts) config.collateral = { haircuts: r.haircuts.haircuts };
    out.push({
      id: `scenarioGrid:${scan.asset}`,
      label: `${scan.asset}: scenario grid ±${scan.priceRangeDecimal}, vol +${vol.volUpPointsDecimal}/−${vol.volDownPointsDecimal} points`,
      config: parseModelConfig(config, `candidate scenarioGrid:${scan.asset}`),
      provenance: {
        calibratedBy: 'calibration:calibrate', appVersion: c.appVersion, prices: c.source, at: r.at, policyFrom: SCENARIO_POLICY_PRESET,
        parameters: { priceRange: scan.provenance, volUpPoints: vol.provenanceUp, volDownPoints: vol.provenanceDown, ...(r.haircuts ? { haircuts: haircutProvenance } : {}) },
      },
    });
  }
  if (r.brackets.length) {
    const tiered = preset(TIERED_POLICY_PRESET);
    if (tiered.kind !== 'tiered') throw new Error(`${TIERED_POLICY_PRESET} is not a tiered preset`);
    const config = {
      kind: 'tiered', name: `Calibrated brackets (${r.brackets.map((b) => b.asset).join(', ')})`, source: origin,
      description: `Bracket MMRs calibrated from liquidation-horizon tail moves; convention and the haircuts of assets not calibrated from ${TIERED_POLICY_PRESET}.`,
      convention: tiered.convention,
      tables: r.brackets.map((b) => b.table),
      collateral: { haircuts: { ...tiered.collateral.haircuts, ...(r.haircuts?.haircuts ?? {}) } },
    };
    out.push({
      id: 'tiered',
      label: `Tiered brackets for ${r.brackets.map((b) => b.asset).join(', ')}${r.haircuts ? ' with calibrated haircuts' : ''}`,
      config: parseModelConfig(config, 'candidate tiered'),
      provenance: {
        calibratedBy: 'calibration:calibrate', appVersion: c.appVersion, prices: c.source, at: r.at, policyFrom: TIERED_POLICY_PRESET,
        parameters: { brackets: Object.fromEntries(r.brackets.map((b) => [b.asset, b.provenance])), ...(r.haircuts ? { haircuts: haircutProvenance } : {}) },
      },
    });
  }
  return out;
}

/** Saves a candidate of a succeeded calibrate run, or a parameter set of a sweep run, as a model configuration. */
export function saveCalibratedModel(ctx: ServiceContext, input: { runId: string; candidate: string; name?: string }): ModelRecord {
  const run = ctx.store.runs.get(input.runId);
  if (!run) throw new NotFoundError(`runId: no run "${input.runId}"`);
  if (run.status !== 'succeeded') throw new InputError(`runId: run ${run.id} is ${run.status}; only a succeeded run's parameters can be saved`);
  const summaries = ctx.store.runs.summaries(run.id);
  const runRef = { runId: run.id, resultHash: run.resultHash, inputs: run.inputs, runAppVersion: run.appVersion };
  let config: unknown;
  let provenance: Record<string, unknown>;
  if (run.kind === 'calibration:calibrate') {
    const candidates = summaries.candidates as CalibrationCandidate[];
    const c = candidates.find((x) => x.id === input.candidate);
    if (!c) throw new NotFoundError(`candidate: run ${run.id} has no candidate "${input.candidate}" (it has ${candidates.map((x) => x.id).join(', ') || 'none'})`);
    config = input.name ? { ...c.config, name: input.name } : c.config;
    provenance = { ...c.provenance, ...runRef };
  } else if (run.kind === 'calibration:sweep') {
    const rows = summaries.rows as RankedRow[];
    const row = rows.find((x) => x.id === input.candidate);
    if (!row) throw new NotFoundError(`candidate: sweep run ${run.id} has no parameter set "${input.candidate}"`);
    const set: SweepParameterSet = {
      id: row.id, method: row.method, confidence: row.confidence, windowDays: row.windowDays, ewmaLambda: row.ewmaLambda,
      horizonDays: row.horizonDays, apcVariant: row.apcVariant,
    };
    const testPeriod = summaries.testPeriod as { from: string; to: string };
    const source = `Sweep run ${run.id}: parameter set ${row.id} backtested ${testPeriod.from} .. ${testPeriod.to} (coverage ${row.coverage.toFixed(4)}, Kupiec p ${row.kupiecPValue.toPrecision(3)}, average margin ${row.averageMargin.toFixed(4)})`;
    config = modelConfigFromSweepSet(set, input.name ?? `Sweep ${row.id}`, APC_VARIANTS[row.apcVariant] ?? {}, { source });
    provenance = { calibratedBy: 'calibration:sweep', set, figures: row, testPeriod, ...runRef };
  } else {
    throw new InputError(`runId: run ${run.id} is a ${run.kind} run; models are saved from calibration:calibrate or calibration:sweep runs`);
  }
  return modelsService(ctx).save({ config, provenance });
}
