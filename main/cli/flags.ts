import { InputError } from '../core/errors';
import type { ParsedCommandArgs } from './command';

/** Typed readers for CLI flag values; every error names the flag and the value. */
export function stringFlag(args: ParsedCommandArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new InputError(`--${name} needs a value`);
  return v;
}

export function requiredString(args: ParsedCommandArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined || v === '') throw new InputError(`--${name} is required`);
  return v;
}

export function numberFlag(args: ParsedCommandArgs, name: string, bounds: { min?: number; max?: number; integer?: boolean; required?: boolean; default?: number } = {}): number {
  const raw = stringFlag(args, name);
  if (raw === undefined) {
    if (bounds.default !== undefined) return bounds.default;
    if (bounds.required !== false) throw new InputError(`--${name} is required`);
    return NaN;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) throw new InputError(`--${name} "${raw}" is not a number`);
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new InputError(`--${name} "${raw}" is not a finite number`);
  if (bounds.integer && !Number.isInteger(v)) throw new InputError(`--${name} "${raw}" must be a whole number`);
  if (bounds.min !== undefined && v < bounds.min) throw new InputError(`--${name} ${raw} must be at least ${bounds.min}`);
  if (bounds.max !== undefined && v > bounds.max) throw new InputError(`--${name} ${raw} must be at most ${bounds.max}`);
  return v;
}

export function enumFlag<T extends string>(args: ParsedCommandArgs, name: string, allowed: readonly T[], fallback?: T): T {
  const v = stringFlag(args, name);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new InputError(`--${name} is required (one of ${allowed.join(', ')})`);
  }
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(`--${name} "${v}" must be one of ${allowed.join(', ')}`);
  return v as T;
}

export function boolFlag(args: ParsedCommandArgs, name: string): boolean {
  return args.values[name] === true;
}
