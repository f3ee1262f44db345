/**
 * The Stress view's run settings as plain values, and their translation into stress:run and
 * stress:reverse payloads. Each payload is checked with the SAME zod schema main validates it with
 * (preload/contract/schemas/stressRuns.ts) before anything runs, and the messages are keyed by field
 * so they can be shown next to the input that caused them. The job id is added by the store.
 */
import { z } from 'zod';
import { StressReverseInput, StressRunInput } from '../../../../preload/contract/schemas/stressRuns';
import { ScenarioFile } from '../../../../preload/contract/schemas/scenarios';
import type { InputOf } from '../../../../preload/contract';
import { addIssue, numberField, type FieldIssues, type ScenarioWire } from './draftTypes';
import { issuesByField } from './scenarioDraft';

// The renderer's CSP has no 'unsafe-eval': jitless parsing avoids zod's new Function probe.
z.config({ jitless: true });

export interface MonteCarloDraft {
  enabled: boolean;
  scenarios: string;
  seed: string;
  copula: 'gaussian' | 't';
  dof: string;
  volSource: 'ewma' | 'garch' | 'stressed';
  horizonDays: string;
}

export interface RunDraft {
  insuranceFundUsd: string;
  cascade: boolean;
  maxRounds: string;
  severity: string;
  penaltyRate: string;
}

export interface ReverseDraft {
  target: 'insuranceFund' | 'badDebt';
  thresholdUsd: string;
  severityMax: string;
  gridPoints: string;
}

export function defaultMonteCarloDraft(): MonteCarloDraft {
  return { enabled: false, scenarios: '10000', seed: '1', copula: 't', dof: '4', volSource: 'stressed', horizonDays: '1' };
}

export function defaultRunDraft(): RunDraft {
  return { insuranceFundUsd: '1000000', cascade: true, maxRounds: '5', severity: '1', penaltyRate: '0.01' };
}

export function defaultReverseDraft(): ReverseDraft {
  return { target: 'insuranceFund', thresholdUsd: '1000000', severityMax: '4', gridPoints: '21' };
}

export interface Selection {
  bookId: string | null;
  modelId: string | null;
  datasetId: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssues };

type RunPayload = InputOf<'stress:run'>;
type ReversePayload = InputOf<'stress:reverse'>;

/** The scenario checked with the contract's ScenarioFile schema: issues keyed by builder field. */
export function checkScenario(scenario: ScenarioWire, fields: readonly string[]): FieldIssues {
  const parsed = ScenarioFile.safeParse(scenario);
  return parsed.success ? {} : issuesByField(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })), fields);
}

function selectionIssues(s: Selection, issues: FieldIssues): void {
  if (!s.bookId) addIssue(issues, 'run.bookId', 'choose a book');
  if (!s.modelId) addIssue(issues, 'run.modelId', 'choose a margin model');
  if (!s.datasetId) addIssue(issues, 'run.datasetId', 'choose a dataset');
}

/** Schema issues of a run payload keyed "run.<field>" / "mc.<field>" (the scenario is checked apart). */
function payloadIssues(error: z.ZodError, issues: FieldIssues): void {
  for (const i of error.issues) {
    const path = i.path.map(String);
    if (path[0] === 'scenario') continue;
    const key = path[0] === 'monteCarlo' ? `mc.${path[1] ?? ''}` : path[0] === 'target' ? 'reverse.thresholdUsd' : `run.${path[0] ?? ''}`;
    addIssue(issues, key, i.message);
  }
}

function common(s: Selection, r: RunDraft, scenario: ScenarioWire, issues: FieldIssues) {
  selectionIssues(s, issues);
  const maxRounds = numberField(r.maxRounds, 'run.maxRounds', issues, true);
  return {
    bookId: s.bookId ?? '', modelId: s.modelId ?? '', datasetId: s.datasetId ?? '', scenario,
    insuranceFundUsd: r.insuranceFundUsd.trim(), cascade: r.cascade, maxRounds: maxRounds ?? 0, penaltyRate: r.penaltyRate.trim(),
  };
}

export function runInput(s: Selection, r: RunDraft, mc: MonteCarloDraft, scenario: ScenarioWire): Checked<RunPayload> {
  const issues: FieldIssues = {};
  const base = common(s, r, scenario, issues);
  const severity = numberField(r.severity, 'run.severity', issues, true);
  let monteCarlo: RunPayload['monteCarlo'];
  if (mc.enabled) {
    const n = (field: keyof MonteCarloDraft) => numberField(String(mc[field]), `mc.${field}`, issues, true) ?? 0;
    monteCarlo = {
      scenarios: n('scenarios'), seed: n('seed'), copula: mc.copula, ...(mc.copula === 't' ? { dof: n('dof') } : {}),
      volSource: mc.volSource, horizonDays: n('horizonDays'),
    };
  }
  const payload: RunPayload = { ...base, severity: severity ?? 0, ...(monteCarlo ? { monteCarlo } : {}) };
  if (Object.keys(issues).length) return { ok: false, issues };
  const parsed = StressRunInput.safeParse(payload);
  if (!parsed.success) payloadIssues(parsed.error, issues);
  return Object.keys(issues).length ? { ok: false, issues } : { ok: true, value: payload };
}

export function reverseInput(s: Selection, r: RunDraft, rev: ReverseDraft, scenario: ScenarioWire): Checked<ReversePayload> {
  const issues: FieldIssues = {};
  const base = common(s, r, scenario, issues);
  const severityMax = numberField(rev.severityMax, 'reverse.severityMax', issues, true);
  const gridPoints = numberField(rev.gridPoints, 'reverse.gridPoints', issues, true);
  const target: ReversePayload['target'] = rev.target === 'insuranceFund' ? { kind: 'insuranceFund' } : { kind: 'badDebt', thresholdUsd: rev.thresholdUsd.trim() };
  const payload: ReversePayload = { ...base, target, severityMax: severityMax ?? 0, gridPoints: gridPoints ?? 0 };
  if (Object.keys(issues).length) return { ok: false, issues };
  const parsed = StressReverseInput.safeParse(payload);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const head = String(i.path[0] ?? '');
      if (head === 'severityMax' || head === 'gridPoints') addIssue(issues, `reverse.${head}`, i.message);
    }
    payloadIssues(parsed.error, issues);
    for (const k of ['run.severityMax', 'run.gridPoints']) delete issues[k];
  }
  return Object.keys(issues).length ? { ok: false, issues } : { ok: true, value: payload };
}
