import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { VarSpec } from '../../../preload/contract/schemas/calibration';
import { InputError } from '../../core/errors';
import type { PriceSource } from '../../services/calibrationPrices';
import type { VarSpecValue } from '../../services/calibrationWork';
import type { CommandContext, OptionSpec, ParsedCommandArgs } from '../command';
import { enumFlag, numberFlag, stringFlag } from '../flags';
import { resolvePrices } from '../prices';

/**
 * `--prices FILE|DIR|DATASET` (or a config file's `prices`): an existing path is read directly
 * (relative paths in a config resolve against `baseDir`, the config file's directory); anything
 * else must name a stored dataset by id or name.
 */
export function priceSourceOf(ctx: CommandContext, raw: string, what: string, baseDir?: string): PriceSource {
  const path = baseDir && !isAbsolute(raw) ? resolve(baseDir, raw) : raw;
  if (existsSync(path)) {
    const r = resolvePrices(ctx, path);
    return { kind: 'series', source: r.source, series: r.series };
  }
  const store = ctx.workbench().store;
  if (!store.datasets.get(raw) && !store.datasets.findByName(raw)) {
    throw new InputError(`${what} "${raw}": no such file or directory${baseDir ? ` (relative to ${baseDir})` : ''}, and no stored dataset with that id or name`);
  }
  return { kind: 'dataset', ref: raw };
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dateFlag(args: ParsedCommandArgs, name: string): string | undefined {
  const v = stringFlag(args, name);
  if (v !== undefined && (!DATE.test(v) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)) {
    throw new InputError(`--${name} "${v}" is not a date YYYY-MM-DD`);
  }
  return v;
}

export const VAR_OPTIONS: OptionSpec = {
  prices: { type: 'string' }, asset: { type: 'string' }, window: { type: 'string' }, confidence: { type: 'string' },
  horizon: { type: 'string' }, method: { type: 'string' }, lambda: { type: 'string' }, measure: { type: 'string' },
};

const FLAG_OF: Record<string, string> = { method: 'method', confidence: 'confidence', horizonDays: 'horizon', windowDays: 'window', lambda: 'lambda', measure: 'measure' };

/** The model flags, validated by the contract's VarSpec so the CLI and the window accept the same models. */
export function varSpecFlags(args: ParsedCommandArgs): VarSpecValue {
  const method = enumFlag(args, 'method', ['hs', 'fhs', 'parametric'] as const);
  const raw = {
    method,
    confidence: numberFlag(args, 'confidence'),
    horizonDays: numberFlag(args, 'horizon', { integer: true, default: 1 }),
    // parametric has no loss window: the value is only reported.
    windowDays: numberFlag(args, 'window', { integer: true, ...(method === 'parametric' ? { default: 250 } : {}) }),
    lambda: numberFlag(args, 'lambda', { default: 0.94 }),
    measure: enumFlag(args, 'measure', ['var', 'es'] as const, 'var'),
  };
  const parsed = VarSpec.safeParse(raw);
  if (!parsed.success) throw new InputError(flagIssues(parsed.error, raw));
  return parsed.data;
}

function flagIssues(error: z.ZodError, raw: Record<string, unknown>): string {
  return error.issues.slice(0, 3).map((i) => {
    const key = String(i.path[0] ?? '');
    return `--${FLAG_OF[key] ?? key} ${String(raw[key])}: ${i.message}`;
  }).join('; ');
}

export function assetFlag(args: ParsedCommandArgs, required = true): string | undefined {
  const a = stringFlag(args, 'asset');
  if (a === undefined) {
    if (required) throw new InputError('--asset is required (an upper-case symbol such as BTC)');
    return undefined;
  }
  if (!/^[A-Z0-9]{1,20}$/.test(a)) throw new InputError(`--asset "${a}" must be an upper-case symbol such as BTC`);
  return a;
}
