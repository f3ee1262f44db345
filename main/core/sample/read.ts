/**
 * Strict readers for the sample-workspace generator inputs (resources/sample-workspace.json). Core may
 * not use zod, so the few shapes we need are checked by hand; every error names the JSON path of the
 * offending field and its value, so a bad edit to the inputs file is found at once.
 */
import { InputError } from '../errors';

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

export function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function readObject(value: Json, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${path}: expected an object, got ${show(value)}`);
  }
  return value as JsonObject;
}

export function readArray(value: Json, path: string, minLength = 0): unknown[] {
  if (!Array.isArray(value)) throw new InputError(`${path}: expected an array, got ${show(value)}`);
  if (value.length < minLength) throw new InputError(`${path}: expected at least ${minLength} entries, got ${value.length}`);
  return value;
}

export interface NumberBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Exclusive upper bound. */
  below?: number;
  integer?: boolean;
}

export function readNumber(value: Json, path: string, bounds: NumberBounds = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${path}: expected a finite number, got ${show(value)}`);
  }
  const fail = (rule: string): never => {
    throw new InputError(`${path}: must be ${rule}, got ${value}`);
  };
  if (bounds.integer && !Number.isInteger(value)) fail('an integer');
  if (bounds.min !== undefined && value < bounds.min) fail(`>= ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) fail(`<= ${bounds.max}`);
  if (bounds.above !== undefined && value <= bounds.above) fail(`> ${bounds.above}`);
  if (bounds.below !== undefined && value >= bounds.below) fail(`< ${bounds.below}`);
  return value;
}

export function readString(value: Json, path: string, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`${path}: expected a non-empty string, got ${show(value)}`);
  }
  if (pattern && !pattern.test(value)) throw new InputError(`${path}: "${value}" does not match ${pattern}`);
  return value;
}

export function readEnum<T extends string>(value: Json, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(`${path}: expected one of ${allowed.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A UTC calendar day `YYYY-MM-DD` that exists (2023-02-30 is refused). */
export function readDate(value: Json, path: string): string {
  const text = readString(value, path, ISO_DAY);
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new InputError(`${path}: "${text}" is not a calendar date`);
  }
  return text;
}

/** A decimal amount written as a string (money and contract terms are never JSON numbers). */
export function readDecimalText(value: Json, path: string): string {
  const text = readString(value, path, /^(\d+\.?\d*|\.\d+)$/);
  if (Number(text) <= 0) throw new InputError(`${path}: must be > 0, got "${text}"`);
  return text;
}

/** A map of symbol → non-negative weight with a positive total. */
export function readWeights(value: Json, path: string): Record<string, number> {
  const obj = readObject(value, path);
  const out: Record<string, number> = {};
  let total = 0;
  for (const key of Object.keys(obj)) {
    out[key] = readNumber(obj[key], `${path}.${key}`, { min: 0 });
    total += out[key];
  }
  if (!(total > 0)) throw new InputError(`${path}: weights must have a positive total`);
  return out;
}
