import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { contract, type Channel } from '../../../preload/contract';
import { describeIssues } from '../../../preload/contract/issues';
import { InputError } from '../../core/errors';
import type { CommandContext, OptionSpec, ParsedCommandArgs } from '../command';
import { boolFlag, numberFlag, requiredString, stringFlag } from '../flags';
import { resolveBookId, resolveDatasetId, resolveModelId } from '../inputs';
import { readUserFile } from './data';

/** Flags every book stress command takes (mwb stress, mwb reverse-stress). */
export const STRESS_OPTIONS: OptionSpec = {
  book: { type: 'string' }, model: { type: 'string' }, scenario: { type: 'string' }, prices: { type: 'string' }, at: { type: 'string' },
  penalty: { type: 'string' }, 'insurance-fund': { type: 'string' }, cascade: { type: 'boolean' }, 'max-rounds': { type: 'string' },
};

/** A scenario file may wrap the scenario with the Monte Carlo it asks for: `{ "scenario": {…}, "monteCarlo": {…} }`. */
export interface ScenarioArg {
  scenarioId?: string;
  scenario?: unknown;
  monteCarlo?: unknown;
}

function isFile(spec: string): boolean {
  try {
    return statSync(spec).isFile();
  } catch {
    return false;
  }
}

/**
 * `--scenario FILE|ID`: a stored scenario id, or a JSON file holding a scenario (docs/formats scenarios) or a
 * run file `{ "scenario": {…}, "monteCarlo": {…} }` (only those two keys). A file is passed inline: it is
 * recorded with the run, not saved as a scenario.
 */
export function resolveScenarioArg(spec: string): ScenarioArg {
  if (!isFile(spec)) {
    if (/[/\\]|\.json$/i.test(spec) && !existsSync(spec)) throw new InputError(`--scenario ${spec}: no such file`);
    return { scenarioId: spec };
  }
  let json: unknown;
  try {
    json = JSON.parse(readUserFile(spec));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--scenario ${basename(spec)}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'scenario' in json) {
    const extra = Object.keys(json).filter((k) => k !== 'scenario' && k !== 'monteCarlo');
    if (extra.length) throw new InputError(`--scenario ${basename(spec)}: ${extra[0]}: is not a known field of a run file (scenario, monteCarlo)`);
    const o = json as { scenario: unknown; monteCarlo?: unknown };
    return { scenario: o.scenario, ...(o.monteCarlo !== undefined ? { monteCarlo: o.monteCarlo } : {}) };
  }
  return { scenario: json };
}

/** `--prices DIR|DATASET`, or — when omitted — the only dataset of the database. */
export async function resolveStressDataset(ctx: CommandContext, args: ParsedCommandArgs): Promise<string> {
  const spec = stringFlag(args, 'prices');
  if (spec !== undefined) return resolveDatasetId(ctx, spec);
  const { datasets } = ctx.workbench().services.datasets.list();
  if (datasets.length === 1) return datasets[0]!.id;
  throw new InputError(`--prices is required: the database holds ${datasets.length} datasets${datasets.length ? ` (${datasets.map((d) => d.name).join(', ')})` : ''}`);
}

/** Parses a channel's input with the contract's schema (defaults filled in), as IPC does. */
export function parseChannelInput<C extends Channel>(channel: C, input: unknown, flagsOf: (path: string) => string): ReturnType<(typeof contract)[C]['input']['parse']> {
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const hint = first ? flagsOf(first.path.map(String).join('.')) : '';
    throw new InputError(`${describeIssues(parsed.error)}${hint ? ` (${hint})` : ''}`);
  }
  return parsed.data as ReturnType<(typeof contract)[C]['input']['parse']>;
}

/** The flag a payload field comes from, for error messages. */
export function flagOfField(path: string): string {
  const map: Record<string, string> = {
    penaltyRate: '--penalty', insuranceFundUsd: '--insurance-fund', maxRounds: '--max-rounds', at: '--at', severity: '--severity',
    'monteCarlo.seed': '--seed', 'monteCarlo.scenarios': '--scenarios', 'monteCarlo.horizonDays': '--horizon', 'monteCarlo.copula': '--copula',
    'monteCarlo.dof': '--dof', 'monteCarlo.volSource': '--vol-source', topAccounts: '--top', severityMax: '--severity-max', gridPoints: '--grid',
    tolerance: '--tolerance', 'target.thresholdUsd': '--target bad-debt=X',
  };
  const key = Object.keys(map).find((k) => path === k || path.startsWith(`${k}.`));
  return key ? `from ${map[key]}` : path.startsWith('monteCarlo') ? 'from the run file\'s monteCarlo' : path.startsWith('scenario') ? 'from --scenario' : '';
}

/** Book, model, scenario, dataset and the run flags shared by stress and reverse-stress, as a channel payload. */
export async function stressBaseInput(ctx: CommandContext, args: ParsedCommandArgs): Promise<Record<string, unknown> & { monteCarloFromFile?: unknown }> {
  const at = stringFlag(args, 'at');
  if (at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(at)) throw new InputError(`--at "${at}" must be a date written YYYY-MM-DD`);
  const scenario = resolveScenarioArg(requiredString(args, 'scenario'));
  const bookId = resolveBookId(ctx, requiredString(args, 'book'));
  const modelId = resolveModelId(ctx, requiredString(args, 'model'));
  const datasetId = await resolveStressDataset(ctx, args);
  const penalty = stringFlag(args, 'penalty');
  const fund = stringFlag(args, 'insurance-fund');
  const maxRounds = stringFlag(args, 'max-rounds');
  if (maxRounds !== undefined && !boolFlag(args, 'cascade')) throw new InputError('--max-rounds is only used with --cascade');
  return {
    bookId, modelId, datasetId, ...(at ? { at } : {}),
    ...(scenario.scenarioId !== undefined ? { scenarioId: scenario.scenarioId } : { scenario: scenario.scenario }),
    ...(penalty !== undefined ? { penaltyRate: penalty } : {}), ...(fund !== undefined ? { insuranceFundUsd: fund } : {}),
    cascade: boolFlag(args, 'cascade'), ...(maxRounds !== undefined ? { maxRounds: numberFlag(args, 'max-rounds', { min: 1, max: 1000, integer: true }) } : {}),
    ...(scenario.monteCarlo !== undefined ? { monteCarloFromFile: scenario.monteCarlo } : {}),
  };
}
