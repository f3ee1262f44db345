import type { StressReverseOutput, StressRunOutput } from '../../../preload/contract';
import { InputError } from '../../core/errors';
import type { Command } from '../command';
import { numberFlag, requiredString, stringFlag } from '../flags';
import { STRESS_OPTIONS, flagOfField, parseChannelInput, stressBaseInput } from './stressShared';

const MC_FLAGS = ['horizon', 'copula', 'dof', 'vol-source'] as const;

const usd = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/**
 * `mwb stress`: one book under one scenario — totals, conservation, the accounts with the largest shortfall,
 * cascade rounds, and with --seed / --scenarios (or a run file's monteCarlo) a Monte Carlo; `resultHash` of
 * the recorded run.
 */
export const stressCommand: Command = {
  path: ['stress'],
  summary: 'Stress a book under a scenario: liquidations, insurance fund, ADL, conservation, optional cascade and Monte Carlo; recorded run',
  usage: 'mwb stress --book FILE|ID --model FILE|ID --scenario FILE|ID [--prices DIR|DATASET] [--at DATE] [--severity K] [--penalty RATE] '
    + '[--insurance-fund USD] [--cascade [--max-rounds N]] [--seed S] [--scenarios N] [--horizon DAYS] [--copula gaussian|t] [--dof NU] '
    + '[--vol-source ewma|garch|stressed] [--top N] [--json]',
  options: {
    ...STRESS_OPTIONS, severity: { type: 'string' }, seed: { type: 'string' }, scenarios: { type: 'string' }, horizon: { type: 'string' },
    copula: { type: 'string' }, dof: { type: 'string' }, 'vol-source': { type: 'string' }, top: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const { monteCarloFromFile, ...base } = await stressBaseInput(ctx, args);
    if (monteCarloFromFile !== undefined && (typeof monteCarloFromFile !== 'object' || monteCarloFromFile === null || Array.isArray(monteCarloFromFile))) {
      throw new InputError('--scenario run file: monteCarlo must be an object');
    }
    const seed = stringFlag(args, 'seed');
    const scenarios = stringFlag(args, 'scenarios');
    const withMonteCarlo = monteCarloFromFile !== undefined || seed !== undefined || scenarios !== undefined;
    const stray = MC_FLAGS.find((f) => stringFlag(args, f) !== undefined);
    if (!withMonteCarlo && stray) throw new InputError(`--${stray} is a Monte Carlo option: add --seed S or --scenarios N (or a run file's monteCarlo)`);
    const flags = withMonteCarlo ? {
      ...(seed !== undefined ? { seed: numberFlag(args, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }) } : {}),
      ...(scenarios !== undefined ? { scenarios: numberFlag(args, 'scenarios', { min: 100, max: 1_000_000, integer: true }) } : {}),
      ...(stringFlag(args, 'horizon') !== undefined ? { horizonDays: numberFlag(args, 'horizon', { min: 1, max: 365, integer: true }) } : {}),
      ...(stringFlag(args, 'copula') !== undefined ? { copula: stringFlag(args, 'copula') } : {}),
      ...(stringFlag(args, 'dof') !== undefined ? { dof: numberFlag(args, 'dof') } : {}),
      ...(stringFlag(args, 'vol-source') !== undefined ? { volSource: stringFlag(args, 'vol-source') } : {}),
    } : {};
    const fromFile = (monteCarloFromFile ?? {}) as Record<string, unknown>;
    const monteCarlo = withMonteCarlo ? { seed: 1, ...fromFile, ...flags } : undefined;
    const input = parseChannelInput('stress:run', {
      ...base,
      ...(stringFlag(args, 'severity') !== undefined ? { severity: numberFlag(args, 'severity', { min: 0, max: 1000 }) } : {}),
      ...(stringFlag(args, 'top') !== undefined ? { topAccounts: numberFlag(args, 'top', { min: 1, max: 1000, integer: true }) } : {}),
      ...(monteCarlo ? { monteCarlo } : {}),
    }, flagOfField);
    return ctx.workbench().services.stress.run(input);
  },
  text(result) {
    const r = result as StressRunOutput;
    const t = r.totals;
    const lines = [
      `${r.bookName} under ${r.model.name}, scenario "${r.scenario.name}" × ${r.severity} at ${r.at} (run ${r.runId})`,
      `  accounts liquidated     ${t.accountsLiquidated} of ${t.accounts}`,
      `  notional liquidated     ${usd(t.notionalLiquidatedUsd)} USD`,
      `  bad debt                ${usd(t.badDebtUsd)} USD`,
      `  insurance fund          ${usd(t.insuranceFund.initialUsd)} → ${usd(t.insuranceFund.finalUsd)} USD${t.insuranceFund.exhausted ? ' (exhausted)' : ''}`,
      `  ADL                     ${t.adl.triggered ? `${t.adl.counterpartiesHit} counterparties, ${usd(t.adl.socialisedLossUsd)} USD socialised` : 'not triggered'}`,
      `  conservation            ${r.conservation.holds ? 'holds' : 'DOES NOT HOLD'} (residuals ${r.conservation.losses.residualUsd.toExponential(2)}, ${r.conservation.ledger.residualUsd.toExponential(2)} USD)`,
    ];
    if (r.monteCarlo) {
      const m = r.monteCarlo;
      lines.push(`  Monte Carlo             ${m.scenarios} scenarios, seed ${m.seed}: mean bad debt ${usd(m.book.badDebtUsd.mean)} USD, P(fund exhausted) ${m.book.probabilityFundExhausted}`);
    }
    lines.push(`  resultHash              ${r.resultHash}`);
    return lines.join('\n');
  },
};

/** `--target insurance-fund | bad-debt=X` → the channel's target. */
function targetOf(spec: string): { kind: 'insuranceFund' } | { kind: 'badDebt'; thresholdUsd: string } {
  if (spec === 'insurance-fund') return { kind: 'insuranceFund' };
  const m = /^bad-debt=(.+)$/.exec(spec);
  if (m) return { kind: 'badDebt', thresholdUsd: m[1]!.trim() };
  throw new InputError(`--target "${spec}" must be insurance-fund or bad-debt=USD (e.g. bad-debt=1000000)`);
}

/** `mwb reverse-stress`: the smallest severity of a scenario that exhausts the insurance fund or exceeds a bad-debt threshold. */
export const reverseStressCommand: Command = {
  path: ['reverse-stress'],
  summary: 'Reverse stress: smallest severity of a scenario that exhausts the insurance fund or pushes bad debt over X; curve and bracket',
  usage: 'mwb reverse-stress --book FILE|ID --model FILE|ID --scenario FILE|ID --target insurance-fund|bad-debt=X [--prices DIR|DATASET] [--at DATE] '
    + '[--penalty RATE] [--insurance-fund USD] [--cascade [--max-rounds N]] [--severity-max K] [--grid N] [--tolerance T] [--json]',
  options: { ...STRESS_OPTIONS, target: { type: 'string' }, 'severity-max': { type: 'string' }, grid: { type: 'string' }, tolerance: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const target = targetOf(requiredString(args, 'target'));
    const { monteCarloFromFile, ...base } = await stressBaseInput(ctx, args);
    if (monteCarloFromFile !== undefined) throw new InputError('--scenario: a run file\'s monteCarlo is not used by reverse-stress; give the scenario alone');
    const input = parseChannelInput('stress:reverse', {
      ...base, target,
      ...(stringFlag(args, 'severity-max') !== undefined ? { severityMax: numberFlag(args, 'severity-max', { min: 0 }) } : {}),
      ...(stringFlag(args, 'grid') !== undefined ? { gridPoints: numberFlag(args, 'grid', { min: 2, max: 1001, integer: true }) } : {}),
      ...(stringFlag(args, 'tolerance') !== undefined ? { tolerance: numberFlag(args, 'tolerance') } : {}),
    }, flagOfField);
    return ctx.workbench().services.stress.reverse(input);
  },
  text(result) {
    const r = result as StressReverseOutput;
    const goal = r.target.kind === 'insuranceFund' ? 'the insurance fund is exhausted' : `bad debt exceeds ${r.target.thresholdUsd} USD`;
    return [
      `${r.scenario.name}: ${r.severity === null ? `${goal} at no severity up to ${r.severityBound}`
        : r.bracket === null ? `${goal} already at severity 0` : `${goal} from severity ${r.severity} (bracket ${r.bracket.below} – ${r.bracket.above})`}`,
      ...r.curve.filter((p) => p.source === 'grid').map((p) => `  k = ${p.severity.toFixed(4).padStart(9)}  bad debt ${usd(p.badDebtUsd).padStart(20)} USD  ${p.met ? 'met' : ''}`),
      ...r.notes.map((n) => `  note: ${n}`),
      `  resultHash ${r.resultHash}`,
    ].join('\n');
  },
};
